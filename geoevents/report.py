"""Self-contained HTML reports on the events of a store.

One HTML file, readable with no network: the event map embedded (all of its scripts inline),
a chart of events per week (per month over three years) by event type, in the map's colours
(matplotlib, inlined as an SVG ``data:`` image), tables
by country and region, by event type, actor and source, the list of sources and the period
covered. A PNG snapshot of the map is written beside the report for PDF use, and the same
image replaces the interactive map when the report is printed.

Every piece of text that comes from the data goes through :func:`html.escape`; links are
only written for ``http``/``https`` source URLs.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import logging
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geoevents.errors import MapError
from geoevents.filters import EventFilter, resolve_filter
from geoevents.maps.palette import FAMILY_COLORS, type_color
from geoevents.maps.styles import type_style
from geoevents.summary import (
    FAMILY_ORDER,
    actor_counts,
    as_list,
    counts_by,
    date_column,
    period_covered,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from geoevents.gazetteer import Gazetteer
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: Families in display order, with the colour of each (the map's palette).
FAMILY_COLOURS: dict[str, str] = {f: FAMILY_COLORS[f] for f in FAMILY_ORDER}
#: Charts of spans longer than this many days count events per month, not per week.
MONTHLY_ABOVE_DAYS = 3 * 365
#: At most this many rows in the "all events" table (the map shows everything).
MAX_EVENT_ROWS = 500
#: Height of the embedded map, in CSS pixels.
MAP_HEIGHT = 560
#: Above this many events, the map holds only the latest ones (the tables and chart count all):
#: a page must open, and 100,000 events is what a map opens in under 3 s (bench/bench_map.py).
REPORT_MAP_MAX = 100_000
#: Columns the summaries of a large store need (actors are counted in DuckDB).
SUMMARY_COLUMNS = (
    "event_id", "event_type", "sub_event_type", "date_start", "date_end", "country", "admin1",
    "fatalities",
)  # fmt: skip
#: Columns of the "all events" table.
LISTED_COLUMNS = (
    *SUMMARY_COLUMNS, "location_name", "actors", "participants", "source", "source_url",
    "evidence",
)  # fmt: skip
#: At most this many rows in the sources table.
MAX_SOURCE_ROWS = 500
#: At most this many rows in the actor table.
MAX_ACTOR_ROWS = 40

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;
 max-width:1150px;margin:0 auto;padding:0 18px 40px}
h1{font-size:24px;margin:22px 0 4px}h2{font-size:18px;margin:26px 0 8px;
 border-bottom:1px solid #ddd;padding-bottom:3px}
.meta{color:#555;margin:0 0 10px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 9px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
.cols{display:flex;gap:28px;flex-wrap:wrap}
.map{border:1px solid #ccc;line-height:0}
.chart img{max-width:100%}
.print-only{display:none}
q{font-style:italic;color:#444}
@media print{.screen-only{display:none}.print-only{display:block}.print-only img{max-width:100%}
 body{max-width:none}}
"""


# -- chart ----------------------------------------------------------------------------------


def _one(row: tuple[object, ...] | None) -> Any:
    """Return the single value of a one-row aggregate (``None`` when there is no row)."""
    return row[0] if row is not None else None


def period_counts(events: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """Count dated events per week (or month, for long spans) and event type.

    Returns
    -------
    tuple
        The unit (``"week"`` or ``"month"``) and a frame with one row per period from the
        first to the last dated event (empty periods included), one integer column per event
        type present (types in the order of :data:`geoevents.models.EVENT_TYPES`, unknown ones
        last).

    Examples
    --------
    >>> df = pd.DataFrame({"event_type": ["battle", "protest", "battle"],
    ...                    "date_start": ["2024-07-25", "2024-07-27", "2024-08-07"]})
    >>> unit, counts = period_counts(df)
    >>> unit, counts.to_dict("list")
    ('week', {'battle': [1, 0, 1], 'protest': [1, 0, 0]})
    >>> period_counts(df.iloc[:0])[1].empty
    True
    """
    from geoevents.models import EVENT_TYPES

    start = date_column(events, "date_start")
    dated = start.notna()
    if not dated.any():
        return "week", pd.DataFrame()
    day = start[dated].dt.normalize()
    span = (day.max() - day.min()).days
    if span > MONTHLY_ABOVE_DAYS:
        unit, period = "month", day.dt.to_period("M").dt.to_timestamp()
        full = pd.date_range(period.min(), period.max(), freq="MS")
    else:
        unit, period = "week", day - pd.to_timedelta(day.dt.day_of_week, unit="D")
        full = pd.date_range(period.min(), period.max(), freq="7D")
    kinds = events.loc[dated, "event_type"].fillna("other").astype(str)
    counts = pd.crosstab(period, kinds).reindex(full, fill_value=0)
    known = list(EVENT_TYPES)
    order = sorted(counts.columns, key=lambda t: (known.index(t) if t in known else 99, t))
    counts = counts[order].astype(int)
    counts.index.name = unit
    counts.columns.name = None
    return unit, counts


def weekly_chart_svg(events: pd.DataFrame, *, title: str | None = None) -> str:
    """Return a stacked bar chart of events per week (or month) by type as SVG (matplotlib).

    Bars take the colours of the map (:mod:`geoevents.maps.palette`); each type's bars carry
    the SVG ids ``bars-<event type>-<n>``. An empty frame gives a chart that says so.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    unit, counts = period_counts(events)
    title = title or f"Events per {unit} by type"
    fig = Figure(figsize=(10.5, 3.4), layout="constrained")
    ax = fig.subplots()
    if counts.empty:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        bottom = pd.Series(0, index=counts.index)
        width = pd.Timedelta(days=6 if unit == "week" else 27)
        for etype in counts.columns:
            colour = type_color(etype)
            bars = ax.bar(
                counts.index,
                counts[etype],
                width=width,
                bottom=bottom,
                align="edge",
                color=colour,
                edgecolor=colour,
                linewidth=0.6,
                label=type_style(etype)[0],
            )
            for j, patch in enumerate(bars.patches):
                patch.set_gid(f"bars-{etype}-{j}")
            bottom = bottom + counts[etype]
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]  # matplotlib.dates has no annotations
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]  # matplotlib.dates has no annotations
        ax.set_ylabel(f"events per {unit}")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", frameon=False, ncols=min(4, len(counts.columns)), fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_ylim(0, max(1, int(bottom.max())) * 1.45)
    ax.set_title(title, loc="left", fontsize=11)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _data_uri(data: bytes | str, mime: str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


# -- HTML -----------------------------------------------------------------------------------
def _e(value: object) -> str:
    """Escape a value for HTML text or attributes; missing values become an em dash.

    Examples
    --------
    >>> _e('<b>"Kidal" & co</b>')
    '&lt;b&gt;&quot;Kidal&quot; &amp; co&lt;/b&gt;'
    >>> _e(None), _e(float("nan"))
    ('—', '—')
    """
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124
        return "—"
    if value is pd.NaT:
        return "—"
    return html.escape(str(value), quote=True)


def _num(value: Any) -> str:  # a table cell
    if not _present(value):
        return "—"
    return f"{int(value):,}".replace(",", "\u202f")


def _day(value: Any) -> str:  # a table cell
    if not _present(value):
        return "—"
    return str(pd.Timestamp(value).date().isoformat())


def _present(value: Any) -> bool:  # a table cell
    """Return whether a cell holds a real value (not None, NaN, NaT or an empty string)."""
    if value is None or (isinstance(value, str) and not value):
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like cells
        return True


def _source_label(source: object) -> str:
    """Return the escaped display form of a source: a file path shows its name, the path on hover.

    Examples
    --------
    >>> _source_label("/data/in/2024-07-29-tinza-en.txt")
    '<span title="/data/in/2024-07-29-tinza-en.txt">2024-07-29-tinza-en.txt</span>'
    >>> _source_label("Reuters")
    'Reuters'
    """
    if isinstance(source, str) and ("/" in source or "\\" in source) and "://" not in source:
        name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return f'<span title="{_e(source)}">{_e(name)}</span>'
    return _e(source)


def _link(url: object, label: str) -> str:
    """Return a link around an escaped ``label`` when ``url`` is http(s), else the label alone."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{label}</a>'
    return label


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Sequence[int] = ()
) -> str:
    """Return an HTML table; ``rows`` hold already-escaped cells."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(headers)}">no events</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _family_header(fam: str) -> str:
    return f'<span class="sw" style="background:{FAMILY_COLOURS[fam]}"></span>{_e(fam)}'


def _named(table: pd.DataFrame, names: Mapping[str, str] | None) -> pd.DataFrame:
    """Return ``table`` with its first index level as ``"ML (Mali)"`` where a name is known."""
    if not names or table.empty:
        return table
    label = {k: f"{k} ({names[k]})" for k in table.index.get_level_values(0).unique() if k in names}
    return table.rename(index=label, level=0)


def _grouped_table(table: pd.DataFrame, key_names: Sequence[str]) -> str:
    fams = [c for c in table.columns if c in FAMILY_COLOURS]
    extra = [c for c in ("events", "fatalities") if c in table.columns]
    headers = [*key_names, *fams, *extra]
    rows = []
    for key, rec in table.iterrows():
        keys = key if isinstance(key, tuple) else (key,)
        rows.append([_e(k) for k in keys] + [_num(rec[c]) for c in [*fams, *extra]])
    numeric = range(len(key_names), len(headers))
    html_table = _table(headers, rows, numeric=numeric)
    for fam in fams:  # colour swatches in the header (fixed names, not data)
        html_table = html_table.replace(f"<th>{fam}</th>", f"<th>{_family_header(fam)}</th>", 1)
    return html_table


def _events_table(events: pd.DataFrame, *, total: int | None = None) -> str:
    total = len(events) if total is None else total
    start = date_column(events, "date_start")
    order = start.sort_values(kind="stable", na_position="last").index
    rows = []
    for idx in order[:MAX_EVENT_ROWS]:
        rec = events.loc[idx]
        when = _day(rec.get("date_start"))
        end = _day(rec.get("date_end"))
        if end not in ("—", when):
            when = f"{when} → {end}"
        place = rec.get("location_name")
        where = (
            f"{_e(place)} ({_e(rec.get('country'))})" if _present(place) else _e(rec.get("country"))
        )
        kind = _e(rec.get("event_type"))
        if _present(rec.get("sub_event_type")):
            kind += f"<br><small>{_e(rec.get('sub_event_type'))}</small>"
        who = as_list(rec.get("actors")) + [f"[{p}]" for p in as_list(rec.get("participants"))]
        evidence = rec.get("evidence")
        quote = f"<q>{_e(evidence)}</q>" if _present(evidence) else ""
        rows.append(
            [
                _e(when),
                kind,
                where,
                _e(", ".join(who)) if who else "—",
                _num(rec.get("fatalities")),
                _link(rec.get("source_url"), _source_label(rec.get("source")))
                + (f"<br>{quote}" if quote else ""),
            ]
        )
    note = ""
    if total > min(len(events), MAX_EVENT_ROWS):
        shown = min(len(events), MAX_EVENT_ROWS)
        note = f"<p class=meta>First {shown} of {total} events by date.</p>"
    headers = [
        "date",
        "type",
        "place",
        "actors [participants]",
        "fatalities",
        "source and evidence",
    ]
    return _table(headers, rows, numeric=(4,)) + note


def _sources_table(sources: pd.DataFrame) -> str:
    rows = []
    for rec in sources.head(MAX_SOURCE_ROWS).itertuples(index=False):
        rows.append(
            [
                _link(getattr(rec, "source_url", None), _source_label(rec.source)),
                _e(getattr(rec, "headline", None)),
                _day(getattr(rec, "published", None)),
                _num(rec.events),
            ]
        )
    note = ""
    if len(sources) > MAX_SOURCE_ROWS:
        note = f"<p class=meta>First {MAX_SOURCE_ROWS} of {len(sources)} sources by name.</p>"
    return _table(["source", "headline", "published", "events"], rows, numeric=(3,)) + note


def report_html(  # noqa: PLR0913
    events: pd.DataFrame,
    *,
    sources: pd.DataFrame | None = None,
    map_fragment: str | None = None,
    map_png: bytes | None = None,
    title: str = "geoevents report",
    generated: dt.datetime | None = None,
    country_names: Mapping[str, str] | None = None,
    map_note: str | None = None,
    actor_tables: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    listed: pd.DataFrame | None = None,
) -> str:
    """Return the whole report as one HTML document (pure: no file, no network).

    Parameters
    ----------
    events
        Events as returned by ``Store.events`` (a GeoDataFrame or DataFrame with the
        ``events`` table columns).
    sources
        One row per source: ``source``, ``source_url``, ``headline``, ``published``,
        ``events``; built from ``events`` when ``None``.
    map_fragment
        Self-contained HTML of the map (``geoevents.maps.map_html``); a note when ``None``.
    map_png
        PNG bytes of the map, shown instead of the interactive map when printing.
    title
        Report title (escaped).
    generated
        Time stamp shown in the header; now (UTC) when ``None``.
    country_names
        Names shown beside ISO codes in the country table (``{"ML": "Mali"}``).
    map_note
        A sentence shown above the map (escaped), e.g. when it holds only part of the events.
    actor_tables
        Actor and participant counts (``events``, ``first``, ``last`` by name), when already
        counted (in DuckDB, for large stores); counted from ``events`` when ``None``.
    listed
        The events of the "all events" table (the first by date); taken from ``events`` when
        ``None``.

    Returns
    -------
    str
        The HTML document.
    """
    generated = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    if sources is None:
        sources = sources_from_events(events)
    period = period_covered(events)
    period_text = (
        f"{period[0].isoformat()} to {period[1].isoformat()}" if period else "no dated events"
    )
    n_undated = int(date_column(events, "date_start").isna().sum())
    countries = events["country"].dropna().nunique() if "country" in events.columns else 0
    cards = [
        ("events", _num(len(events))),
        ("sources", _num(len(sources))),
        ("countries", _num(countries)),
        (
            "fatalities reported",
            _num(pd.to_numeric(events.get("fatalities"), errors="coerce").sum()),
        )
        if "fatalities" in events.columns
        else ("fatalities reported", "—"),
    ]
    card_html = "".join(f'<div class="card"><b>{v}</b>{_e(k)}</div>' for k, v in cards)

    if map_fragment is None:
        map_section = '<p class="meta">The map is not available in this report.</p>'
    else:
        map_section = f'<div class="map screen-only">{map_fragment}</div>'
        if map_png is not None:
            map_section += (
                f'<div class="print-only"><img alt="map of the events" '
                f'src="{_data_uri(map_png, "image/png")}"></div>'
            )
    chart = weekly_chart_svg(events)
    chart_html = (
        f'<div class="chart"><img alt="events over time by type" '
        f'src="{_data_uri(chart, "image/svg+xml")}"></div>'
    )
    undated = (
        f"<p class=meta>{n_undated} event(s) without a date are not in the chart.</p>"
        if n_undated
        else ""
    )

    by_type = counts_by(events, ["event_type", "sub_event_type"]) if len(events) else pd.DataFrame()
    by_place = counts_by(events, ["country", "admin1"]) if len(events) else pd.DataFrame()
    if actor_tables is None:
        actor_tables = (actor_counts(events), actor_counts(events, "participants"))
    actors = actor_tables[0].head(MAX_ACTOR_ROWS)
    actor_rows = [
        [_e(a), _num(r["events"]), _day(r["first"]), _day(r["last"])] for a, r in actors.iterrows()
    ]
    parts = actor_tables[1].head(MAX_ACTOR_ROWS)
    part_rows = [
        [_e(a), _num(r["events"]), _day(r["first"]), _day(r["last"])] for a, r in parts.iterrows()
    ]

    place_table = (
        _grouped_table(_named(by_place, country_names), ["country", "region (admin-1)"])
        if len(events)
        else _table(["country"], [])
    )
    body = f"""
<h1>{_e(title)}</h1>
<p class="meta">Period covered: <b>{_e(period_text)}</b> · generated {_e(generated.isoformat())}
 by geoevents</p>
<div class="cards">{card_html}</div>
<h2>Map</h2>
{f'<p class="meta">{_e(map_note)}</p>' if map_note else ""}
{map_section}
<h2>Events over time</h2>
{chart_html}
{undated}
<h2>By country and region</h2>
{place_table}
<h2>By event type</h2>
{_grouped_table(by_type, ["event type", "sub-event type"]) if len(events) else _table(["type"], [])}
<div class="cols">
<div><h2>By actor</h2>{_table(["actor", "events", "first", "last"], actor_rows, numeric=(1,))}</div>
<div><h2>Diplomatic participants</h2>
{_table(["participant", "events", "first", "last"], part_rows, numeric=(1,))}</div>
</div>
<h2>Sources</h2>
{_sources_table(sources)}
<h2>All events</h2>
{_events_table(events if listed is None else listed, total=len(events))}
"""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>{body}</body>\n</html>\n"
    )


def sources_from_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return one row per ``source`` of the events: url, event count (no headline)."""
    cols = ["source", "source_url", "headline", "published", "events"]
    if "source" not in events.columns or events.empty:
        return pd.DataFrame(columns=cols)
    frame = events.assign(source=events["source"].fillna("—"))
    out = frame.groupby("source", sort=True).agg(
        source_url=("source_url", "first")
        if "source_url" in frame.columns
        else ("source", "first"),
        events=("source", "size"),
    )
    out = out.reset_index()
    out["headline"] = None
    out["published"] = None
    return out[cols]


def store_sources(store: Store, event_ids: Sequence[str]) -> pd.DataFrame:
    """Return the sources of the given events from ``event_sources`` and ``articles``.

    An event merged from several articles counts once for each of its sources.
    """
    if not event_ids:
        return pd.DataFrame(columns=["source", "source_url", "headline", "published", "events"])
    return store.df(
        "SELECT s.source, any_value(s.source_url) AS source_url, "
        "any_value(a.headline) AS headline, "
        "any_value(a.published) AS published, count(DISTINCT s.event_id) AS events "
        "FROM event_sources s LEFT JOIN articles a ON a.source = s.source "
        "WHERE s.event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY s.source ORDER BY s.source",
        [list(event_ids)],
    )


def write_report(  # noqa: PLR0913
    store: Store,
    out_html: str | Path,
    *,
    flt: EventFilter | None = None,
    png: bool = True,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    map_max: int = REPORT_MAP_MAX,
) -> Path:
    """Write a self-contained HTML report of the store's events (and a PNG of the map).

    Above ``map_max`` matching events, the summaries are computed from the columns
    they need (no geometry, no evidence text) and the map holds the latest events only, which
    a sentence above it says; the page never carries every row.

    Parameters
    ----------
    store
        An open store, or a source from :func:`geoevents.scale.open_source` (a dataset
        folder or PostGIS).
    out_html
        The HTML file to write; its folder is created.
    flt
        Which events to report; all when ``None``.
    png
        Also write ``<out_html stem>.png``, a snapshot of the map (headless Chromium), and use
        it as the printed map.
    title
        Report title; ``"geoevents report"`` when ``None``.
    gazetteer
        For the map (capitals, outlines, basemap) and country names; the bundled one when ``None``.
    map_max
        Most events drawn on the map (:data:`REPORT_MAP_MAX`); above it, the latest ones.

    Returns
    -------
    pathlib.Path
        The HTML file written.

    Raises
    ------
    MapError
        When the map or its PNG cannot be made.
    StoreError
        When the store cannot be read.
    """
    from geoevents.gazetteer import load_gazetteer
    from geoevents.store import filter_sql

    out_html = Path(out_html)
    try:
        out_html.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot write report {str(out_html)!r}: {exc.strerror or exc}"
        raise MapError(msg) from exc
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    title = title or "geoevents report"
    flt = resolve_filter(flt or EventFilter(), gazetteer=gazetteer)
    if not hasattr(store, "con"):
        # PostGIS: events() copies the matching events and their sources into a local DuckDB
        # store (a superset the filter below narrows); the report is drawn from that one.
        store.events(flt, gazetteer=gazetteer)
        store = store.local  # type: ignore[attr-defined]  # a PostGIS source's local DuckDB copy; not on the Store type
    bound = store.start_bound(flt.start) if flt.start else None
    where, params = filter_sql(flt, start_bound=bound)
    count_sql = f"SELECT count(*) FROM events{where}"  # noqa: S608
    total = int(_one(store.con.execute(count_sql, params).fetchone()))
    note = None
    if total <= map_max:
        events = store.events(flt)
        mapped = events
        actor_tables, listed = None, None
        sources = (
            store_sources(store, [str(i) for i in events["event_id"]]) if len(events) else None
        )
    else:
        # Summaries from the columns they need, in DuckDB's memory, not the page's; the map
        # from the latest events only, said so above it.
        summary_sql = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM events{where}"  # noqa: S608
        events = store.df(summary_sql, params)
        first = store.con.execute(
            f"SELECT date_start FROM events{where} "  # noqa: S608
            "ORDER BY date_start DESC NULLS LAST LIMIT 1 OFFSET ?",
            [*params, map_max],  # the first date left out: the map starts the day after
        ).fetchone()
        first = _one(first)
        recent = first + dt.timedelta(days=1) if first is not None else flt.start
        if recent is not None and (flt.start is None or recent > flt.start):
            flt = replace(flt, start=recent)
        mapped = store.events(flt)
        sources = _sources_sql(store, where, params)
        listed = store.df(
            f"SELECT {', '.join(LISTED_COLUMNS)} FROM events{where} "  # noqa: S608
            "ORDER BY date_start NULLS LAST, event_id LIMIT ?",
            [*params, MAX_EVENT_ROWS],
        )
        actor_tables = (
            _actors_sql(store, where, params, "actors"),
            _actors_sql(store, where, params, "participants"),
        )
        note = (
            f"The map shows the {len(mapped):,} events from {flt.start} on, the latest of "
            f"{total:,}; the chart and tables count all of them."
        )
    map_fragment, map_png = _map_parts(mapped, out_html, png=png, title=title, gazetteer=gazetteer)
    names = _country_names(events, gazetteer)
    text = report_html(
        events,
        sources=sources,
        map_fragment=map_fragment,
        map_png=map_png,
        title=title,
        country_names=names,
        map_note=note,
        actor_tables=actor_tables,
        listed=listed,
    )
    try:
        out_html.write_text(text, encoding="utf-8")
    except OSError as exc:
        msg = f"cannot write report {str(out_html)!r}: {exc.strerror or exc}"
        raise MapError(msg) from exc
    log.info("wrote report %s (%d events, %d on the map)", out_html, len(events), len(mapped))
    return out_html


def _actors_sql(store: Store, where: str, params: list[object], column: str) -> pd.DataFrame:
    """Return events, first and last start per actor (or participant), counted in DuckDB."""
    if column not in ("actors", "participants"):  # a column name, never data, in the SQL
        msg = f"unknown actor column {column!r}; expected 'actors' or 'participants'"
        raise ValueError(msg)
    table = store.df(
        f"SELECT name AS actor, count(*) AS events, min(date_start) AS first, "  # noqa: S608
        f"max(date_start) AS last FROM (SELECT DISTINCT event_id, date_start, "
        f"unnest({column}) AS name FROM events{where}) GROUP BY name "
        f"ORDER BY events DESC, actor LIMIT {MAX_ACTOR_ROWS}",
        params,
    )
    return table.set_index("actor")


def _sources_sql(store: Store, where: str, params: list[object]) -> pd.DataFrame:
    """Return the sources of the events matching a filter's SQL, counted in DuckDB."""
    return store.df(
        "SELECT s.source, any_value(s.source_url) AS source_url, "
        "any_value(a.headline) AS headline, any_value(a.published) AS published, "
        "count(DISTINCT s.event_id) AS events FROM event_sources s "
        "LEFT JOIN articles a ON a.source = s.source "
        f"WHERE s.event_id IN (SELECT event_id FROM events{where}) "
        "GROUP BY s.source ORDER BY s.source",
        params,
    )


def _country_names(events: pd.DataFrame, gaz: Gazetteer) -> dict[str, str]:
    """Return ``{ISO code: name}`` for the countries of the events, from the gazetteer."""
    names = {}
    codes = events["country"].dropna().unique() if "country" in events.columns else []
    for code in codes:
        place = gaz.country(str(code))
        if place is not None:
            names[str(code)] = place.name
    return names


def _map_parts(
    events: pd.DataFrame, out_html: Path, *, png: bool, title: str, gazetteer: Gazetteer
) -> tuple[str | None, bytes | None]:
    """Build the map fragment and, when asked, its PNG (written beside the report)."""
    from geoevents import maps
    from geoevents.maps.core import iframe_html

    fmap = maps.events_map(events, gazetteer=gazetteer, title=title)
    png_path = out_html.with_suffix(".png")
    # The map is rendered once: folium appends its scripts again on a second render, after
    # the page's drawing call (labels placed, then moved by the late scripts).
    with tempfile.TemporaryDirectory(prefix="geoevents-report-") as tmp:
        map_path = maps.save_map(fmap, Path(tmp) / "map.html")
        fragment = iframe_html(map_path.read_text(encoding="utf-8"), height=MAP_HEIGHT)
        if png:
            maps.snapshot_png(map_path, png_path)
    return fragment, png_path.read_bytes() if png else None
