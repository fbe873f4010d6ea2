"""The ``geoevents`` command line: a thin layer over the library.

Each command lives in a sibling module that registers itself on :data:`main`; this
module owns the root group, logging set-up, and the one place where library errors
become one-line messages with exit code 1.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from geoevents import __version__
from geoevents.errors import GeoEventsError
from geoevents.store import shorten


class _Group(click.Group):
    """Root group: turns any GeoEventsError into a one-line message, exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader went away (``geoevents query ... | head``): stop quietly, status 0
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except GeoEventsError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            line = str(exc).splitlines()[0] if str(exc) else repr(exc)
            raise click.ClickException(shorten(line)) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="geoevents")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """Turn Sahel news into dated, typed, geolocated events, a spatial store and maps.

    Example: geoevents demo --out maps/
    """
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    """Import the command modules so that they attach themselves to :data:`main`."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


_register()
