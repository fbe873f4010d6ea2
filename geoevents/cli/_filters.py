"""Event-filter options shared by the commands that read the store (export, map).

Usage in a command module::

    @main.command()
    @click.option("--db", required=True)
    @filter_options
    def export(db, **filters):
        flt = build_filter(**filters)

``build_filter`` checks every value (one-line :class:`~geoevents.errors.ConfigError`
naming it, exit 1) and resolves place names through the gazetteer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import click

from geoevents.errors import ConfigError
from geoevents.filters import DEFAULT_BORDER_KM, EventFilter, parse_point, resolve_filter
from geoevents.store import DEFAULT_WAIT

if TYPE_CHECKING:
    from pathlib import Path

F = TypeVar("F", bound=Callable[..., object])

#: Keyword names that :func:`filter_options` adds to a command (and :func:`build_filter` takes).
FILTER_PARAMS = (
    "start",
    "end",
    "types",
    "countries",
    "bbox",
    "near",
    "within_km",
    "intersects",
    "origins",
    "precision",
    "border_km",
)

_OPTIONS = (
    click.option(
        "--start", metavar="DATE", help="Events ending on/after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    click.option(
        "--end",
        metavar="DATE",
        help="Events starting on/before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
    click.option(
        "--type",
        "types",
        multiple=True,
        metavar="TYPE",
        help="Event or sub-event type (repeatable), e.g. battle.",
    ),
    click.option(
        "--country",
        "countries",
        multiple=True,
        metavar="CC",
        help="ISO2 country code (repeatable).",
    ),
    click.option(
        "--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Events intersecting this box."
    ),
    click.option(
        "--near", metavar="PLACE|LON,LAT", help="Centre of a radius filter (with --within-km)."
    ),
    click.option(
        "--within-km", "within_km", type=float, metavar="KM", help="Radius around --near, in km."
    ),
    click.option(
        "--intersects",
        metavar="WKT|PLACE",
        help="Events intersecting a geometry: WKT, a region/area name, or CC-CC for a border "
        "(a line: events within --border-km of it).",
    ),
    click.option(
        "--origin", "origins", multiple=True, metavar="ORIGIN", help="text, acled, ucdp or gdelt."
    ),
    click.option(
        "--precision",
        type=click.IntRange(1, 4),
        metavar="1-4",
        help="Only events located this precisely: 1 the place, 2 near it (point-precise), "
        "3 region, 4 country.",
    ),
    click.option(
        "--border-km",
        "border_km",
        type=click.FloatRange(0, 500),
        default=DEFAULT_BORDER_KM,
        show_default=True,
        metavar="KM",
        help="Half-width of the band around a border or line given to --intersects.",
    ),
)


def filter_options(func: F) -> F:
    """Add the event-filter options (see :data:`FILTER_PARAMS`) to a click command."""
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


def filter_options_without(*skip: str) -> Callable[[F], F]:
    """Return :func:`filter_options` less the options whose keyword is in ``skip``."""

    def add(func: F) -> F:
        for name, option in reversed(tuple(zip(FILTER_PARAMS, _OPTIONS, strict=True))):
            if name not in skip:
                func = option(func)
        return func

    return add


#: ``--wait SECONDS``: how long a command waits for a store another process is writing.
wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=DEFAULT_WAIT,
    show_default=True,
    metavar="SECONDS",
    help="Wait this long for a store another process is writing, then fail naming it.",
)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date(text: str, *, end: bool = False) -> dt.date:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; partial dates are a first (``end``: last) day.

    Raises
    ------
    ConfigError
        When the text is not such a date.

    Examples
    --------
    >>> parse_date("2024-08", end=True), parse_date("2024")
    (datetime.date(2024, 8, 31), datetime.date(2024, 1, 1))
    """
    match = _DATE_RE.match(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)  # type: ignore[arg-type]  # the regex matched: year is an int
        if day is None:
            last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]  # the regex matched: year, month are ints
            return dt.date(year, month, last if end else 1)  # type: ignore[arg-type]  # the regex matched: year, month are ints
        return dt.date(year, month, day)  # type: ignore[arg-type]  # the regex matched: year, month, day are ints
    except ValueError:
        msg = f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        raise ConfigError(msg) from None


def _parse_bbox(text: str) -> tuple[float, ...]:
    try:
        box = tuple(float(v) for v in text.split(","))
    except ValueError:
        box = ()
    if len(box) != 4:  # noqa: PLR2004
        msg = f"bbox {text!r} is not MINLON,MINLAT,MAXLON,MAXLAT"
        raise ConfigError(msg)
    return box


def build_filter(  # noqa: PLR0913
    *,
    start: str | None = None,
    end: str | None = None,
    types: Sequence[str] = (),
    countries: Sequence[str] = (),
    bbox: str | None = None,
    near: str | None = None,
    within_km: float | None = None,
    intersects: str | None = None,
    origins: Sequence[str] = (),
    precision: int | None = None,
    border_km: float = DEFAULT_BORDER_KM,
    gazetteer: str | Path | object | None = None,
) -> EventFilter:
    """Build a checked, resolved :class:`EventFilter` from the option values.

    Place names in ``near`` and ``intersects`` are resolved now (through ``gazetteer``,
    the bundled one by default), so the filter holds only coordinates and WKT.

    Raises
    ------
    ConfigError
        Naming the first bad value.
    """
    if near is not None and within_km is None:
        msg = f"--near {near!r} needs --within-km"
        raise ConfigError(msg)
    if within_km is not None and near is None:
        msg = f"--within-km {within_km!r} needs --near PLACE or --near LON,LAT"
        raise ConfigError(msg)
    flt = EventFilter(
        start=parse_date(start) if start else None,
        end=parse_date(end, end=True) if end else None,
        types=tuple(types),
        countries=tuple(countries),
        bbox=_parse_bbox(bbox) if bbox else None,  # type: ignore[arg-type]  # four floats, checked by _parse_bbox
        near=(parse_point(near) or near) if near else None,
        within_km=within_km,
        intersects_wkt=intersects,
        origins=tuple(origins),
        precision=precision,
        border_km=border_km,
    )
    return resolve_filter(flt, gazetteer=gazetteer)
