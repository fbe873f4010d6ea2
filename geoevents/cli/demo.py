"""``geoevents demo``: the whole pipeline on the bundled sample corpus, with a summary table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from geoevents.cli import main

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Countries shown as their own column in the summary; the rest add up under "other".
SUMMARY_COUNTRIES = 6


def _summary_table(counts: Sequence[tuple[str, str, int]]) -> object:
    """Return a rich table: one row per event type, a column per leading country, totals."""
    from rich.table import Table

    totals: dict[str, int] = {}
    for _, country, n in counts:
        totals[country] = totals.get(country, 0) + n
    ranked = sorted(totals, key=lambda c: (c == "—", -totals[c], c))  # unknown country last
    shown = [c for c in ranked if c != "—"][:SUMMARY_COUNTRIES]
    columns = [*shown, "other"] if len(shown) < len(ranked) else shown
    cell: dict[tuple[str, str], int] = {}
    for etype, country, n in counts:
        key = (etype, country if country in shown else "other")
        cell[key] = cell.get(key, 0) + n
    table = Table(title="Events by type and country", title_justify="left")
    table.add_column("event type", no_wrap=True)
    for country in columns:
        table.add_column(country, justify="right")
    table.add_column("total", justify="right", style="bold")
    types = sorted({t for t, _, _ in counts})
    for etype in types:
        row = [str(cell.get((etype, c), "")) for c in columns]
        table.add_row(etype, *row, str(sum(cell.get((etype, c), 0) for c in columns)))
    col_totals = [str(sum(cell.get((t, c), 0) for t in types)) for c in columns]
    table.add_row("total", *col_totals, str(sum(totals.values())), style="bold")
    return table


@main.command()
@click.option(
    "--out",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the store, the map, the report and the PNG.",
)
@click.option(
    "--png/--no-png", default=True, show_default=True, help="Also render the map to PNG (Chromium)."
)
def demo(out_dir: str, png: bool) -> None:
    """Run the whole pipeline on the bundled sample corpus: store, time map, report.

    Example: geoevents demo --out maps/
    """
    from rich.console import Console

    from geoevents.demo import run_demo

    result = run_demo(Path(out_dir), png=png)
    console = Console(highlight=False)
    console.print(
        f"{result.n_events} events from {result.n_files} dispatches "
        f"({len(result.no_event)} gave no event, {len(result.errors)} skipped) "
        f"in {result.seconds:.1f} s"
    )
    for source, headline in result.no_event:
        console.print(f"no event: {source}" + (f" ({headline})" if headline else ""), markup=False)
    for error in result.errors:
        console.print(f"skipped:  {error}", markup=False)
    console.print(_summary_table(result.counts))
    for label, path in (
        ("store", result.db_path),
        ("map", result.map_path),
        ("report", result.report_path),
        ("map PNG", result.png_path),
    ):
        if path is not None:
            console.print(f"{label + ':':8} {path}")
