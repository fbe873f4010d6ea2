"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import geoevents

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(geoevents.__path__, "geoevents.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_exist():
    attempted = sum(
        doctest.testmod(importlib.import_module(n), verbose=False, report=False).attempted
        for n in MODULES
    )
    assert attempted >= 40
