"""The restated evaluation sets are well formed: the frozen one (eval/unseen) and the tuning
one (eval/tuneset) parse, every file exists, types are the scorer's, dates are ISO and every
point lies inside its country (eval/unseen/check.py, stdlib only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "eval_extract.py"


@pytest.mark.parametrize("name", ["unseen", "tuneset"])
def test_restated_set_is_well_formed(name):
    cmd = [sys.executable, str(ROOT / "eval" / "unseen" / "check.py"), str(ROOT / "eval" / name)]
    if SCORER.exists():
        cmd += ["--scorer", str(SCORER)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    assert "0 problem(s)" in p.stdout
