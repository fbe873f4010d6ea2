"""ACLED exports into the store, and events back out as an ACLED-shaped CSV.

Every export generation loads: the current 31-column layout (text ``inter1``/``inter2``,
``civilian_targeting``, ``tags``), the 2019-2023 layout (``data_id``, ``event_id_no_cnty``,
``iso3``, numeric inter codes), pre-2019 files (``ally_actor_1``, ``gwno``, event types
such as "Battle-No change of territory" mapped onto today's), reduced exports (any subset
of columns holding at least ``event_date`` and ``event_type``; BOM, leading unnamed index
column, upper-case headers) and exports without coordinates, whose
``location``/``admin3``/``admin2``/``admin1`` are geocoded with the gazetteer.

The natural key is ``event_id_cnty``: an event is stored as ``acled:<event_id_cnty>``. An
export trimmed of that column gets a key derived from the columns it has
(:data:`KEY_COLUMNS`): ``acled:key-<16 hex digits>``.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import logging
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.errors import SourceFormatError
from geoevents.importers.common import ImportSummary, Plan, run_import
from geoevents.importers.places import make_geocoder
from geoevents.importers.reading import (
    CsvLayout,
    col_sql,
    raw_col_sql,
    read_csv_sql,
    sniff_csv,
    struct_json_sql,
)
from geoevents.importers.unpack import Unpacked, unpacked
from geoevents.models import EVENT_TYPES
from geoevents.store import shorten

if TYPE_CHECKING:
    import geopandas as gpd

    from geoevents.filters import EventFilter
    from geoevents.gazetteer import Gazetteer
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: Columns of the current (2024-) ACLED export, in order: what :func:`export_acled` writes.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

#: Older header names -> current ones.
ALIASES: dict[str, str] = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
    "lat": "latitude",
    "lon": "longitude",
    "long": "longitude",
    "lng": "longitude",
    "date": "event_date",
}

#: Our event type -> ACLED's label (current export).
TYPE_LABELS: dict[str, str] = {
    "battle": "Battles",
    "explosion_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protest": "Protests",
    "riot": "Riots",
    "strategic_development": "Strategic developments",
    "diplomacy": "Diplomacy",
}

#: Our sub-event type -> ACLED's label.
SUB_LABELS: dict[str, str] = {
    "armed_clash": "Armed clash",
    "government_regains_territory": "Government regains territory",
    "non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
    "chemical_weapon": "Chemical weapon",
    "air_drone_strike": "Air/drone strike",
    "suicide_bomb": "Suicide bomb",
    "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
    "remote_explosive_landmine_ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "sexual_violence": "Sexual violence",
    "attack": "Attack",
    "abduction_forced_disappearance": "Abduction/forced disappearance",
    "peaceful_protest": "Peaceful protest",
    "protest_with_intervention": "Protest with intervention",
    "excessive_force_against_protesters": "Excessive force against protesters",
    "violent_demonstration": "Violent demonstration",
    "mob_violence": "Mob violence",
    "agreement": "Agreement",
    "arrests": "Arrests",
    "change_to_group_activity": "Change to group/activity",
    "disrupted_weapons_use": "Disrupted weapons use",
    "headquarters_or_base_established": "Headquarters or base established",
    "looting_property_destruction": "Looting/property destruction",
    "non_violent_transfer_of_territory": "Non-violent transfer of territory",
    "other": "Other",
    "call": "Call",
    "meeting": "Meeting",
    "visit": "Visit",
    "statement": "Statement",
}

#: Pre-2019 event types -> (event type, sub-event type) of today (ACLED codebook 2019,
#: "changes to event types"). "Riots/Protests" had no split: it becomes ``protest``.
LEGACY_TYPES: dict[str, tuple[str, str | None]] = {
    "Battle-No change of territory": ("battle", "armed_clash"),
    "Battle-Government regains territory": ("battle", "government_regains_territory"),
    "Battle-Non-state actor overtakes territory": ("battle", "non_state_actor_overtakes_territory"),
    "Remote violence": ("explosion_remote_violence", None),
    "Riots/Protests": ("protest", None),
    "Violence against civilians": ("violence_against_civilians", None),
    "Strategic development": ("strategic_development", None),
    "Headquarters or base established": (
        "strategic_development",
        "headquarters_or_base_established",
    ),
    "Non-violent transfer of territory": (
        "strategic_development",
        "non_violent_transfer_of_territory",
    ),
}

#: ACLED ``time_precision`` / ``geo_precision`` codes (4 = year / country, our extension).
TIME_PRECISION = {"1": "day", "2": "week", "3": "month", "4": "year"}

#: Date formats seen in ACLED files, most common first.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d-%b-%y",
    "%d-%B-%Y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d/%m/%y",  # before %Y, which would read '24' as the year 24
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%B %d, %Y",
    "%Y%m%d",
)

#: Extra ACLED columns kept in ``extra`` (JSON) so that an export can write them back.
#: Left out: what the store's own columns give back (``year``, ``iso``, ``iso3``, ``region``
#: from date and country) and ACLED's row bookkeeping (``timestamp``, ``data_id``): unique
#: per row, they made the JSON column the costliest part of a large import.
EXTRA_COLUMNS: tuple[str, ...] = (
    "disorder_type", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "interaction",
    "civilian_targeting", "admin2", "admin3", "source_scale", "tags", "event_id_no_cnty",
    "gwno",
)  # fmt: skip

REQUIRED = ("event_date", "event_type")

#: The columns whose values make the key of a row in an export trimmed of ``event_id_cnty``
#: (those the file has, in this order): ``acled:key-`` and the first 16 hex digits of the MD5
#: of their trimmed values joined by U+001F, then ``-2``, ``-3`` ... for the second and later
#: rows identical in all of them. The same file always gives the same keys, so a re-import
#: adds nothing; a file trimmed differently (other columns) gives other keys.
KEY_COLUMNS: tuple[str, ...] = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "iso", "iso3", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes",
)  # fmt: skip

#: What an ACLED export cannot hold in its own columns goes into ``tags`` as ``key=value``
#: entries (``date_end=2020-12-31``, ``cameo_code=042``, ``participants=DZ,NE``), read back
#: (and taken out of ``tags`` again) on import, so that a re-import gives the same events.
TAG_KEYS: tuple[str, ...] = ("date_end", "cameo_code", "participants")
_OWN_TAGS = "(" + "|".join(TAG_KEYS) + ")"


def _spellings(label: str) -> tuple[str, ...]:
    """Return the case variants a label is matched in (joins are exact, so no per-row lower()).

    Examples
    --------
    >>> _spellings("Air/drone strike")
    ('Air/drone strike', 'air/drone strike', 'AIR/DRONE STRIKE', 'Air/Drone Strike')
    """
    return tuple(dict.fromkeys((label, label.lower(), label.upper(), label.title())))


def _type_rows() -> tuple[tuple[str, str, str | None], ...]:
    """Return (label, event type, default sub type) for every accepted type label spelling."""
    rows: dict[str, tuple[str, str | None]] = {}
    for etype, label in TYPE_LABELS.items():
        for key in (*_spellings(label), etype):
            rows[key] = (etype, None)
    for label, value in LEGACY_TYPES.items():
        for key in _spellings(label):
            rows[key] = value
    return tuple((k, v[0], v[1]) for k, v in rows.items())


def _sub_rows() -> tuple[tuple[str, str, str], ...]:
    """Return (label, event type, sub type) for every valid pair and label spelling."""
    out: list[tuple[str, str, str]] = []
    for etype, subs in EVENT_TYPES.items():
        for sub in subs:
            out.extend((key, etype, sub) for key in (*_spellings(SUB_LABELS[sub]), sub))
    return tuple(dict.fromkeys(out))


def _lookups() -> tuple[tuple[str, str, tuple[tuple[object, ...], ...]], ...]:
    return (
        (
            "_gx_acled_type",
            "key VARCHAR PRIMARY KEY, event_type VARCHAR, sub VARCHAR",
            _type_rows(),
        ),
        ("_gx_acled_sub", "key VARCHAR, event_type VARCHAR, sub VARCHAR", _sub_rows()),
    )


#: Day and month of a slashed date (``25/07/2024``, ``7/25/2024``, ``25/07/24``).
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/\d{2,4}\s*$")


def date_formats(dates: Iterable[str]) -> tuple[str, ...]:
    """Return :data:`DATE_FORMATS` in the order a file's slashed dates need.

    A spreadsheet saves ACLED's dates in its locale: ``25/07/2024`` (day first, as in
    French) or ``7/25/2024`` (month first, US English). One file holds one locale: a first
    number above 12 means day first, a second number above 12 month first; day first when
    nothing tells.

    Examples
    --------
    >>> "%m/%d/%Y" in date_formats(["7/25/2024", "8/1/2024"])
    True
    >>> "%m/%d/%Y" in date_formats(["25/07/2024", "01/08/2024"])
    False
    >>> date_formats(["03/04/2024"]) == DATE_FORMATS
    True
    """
    for text in dates:
        m = _SLASHED.match(text)
        if m is None:
            continue
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12:  # noqa: PLR2004
            break
        if second > 12:  # noqa: PLR2004
            swap = {"%d/%m/%Y": "%m/%d/%Y", "%d/%m/%y": "%m/%d/%y"}
            return tuple(swap.get(f, f) for f in DATE_FORMATS)
    return DATE_FORMATS


def _head_dates(layout: CsvLayout, n: int = 2000) -> list[str]:
    """Return the ``event_date`` values of the file's first ``n`` records.

    Reading stops early at a record the csv module cannot take (a field over its 128 KB
    limit): the dates before it are enough to tell the file's date order, and DuckDB reads
    the long record itself.
    """
    i = layout.names.index("event_date")
    out: list[str] = []
    with layout.path.open(encoding=layout.encoding, errors="replace", newline="") as fh:
        rows = csv.reader(fh, delimiter=layout.delim)
        with contextlib.suppress(csv.Error):
            next(rows, None)
            out.extend(r[i] for r in itertools.islice(rows, n) if len(r) > i)
    return out


def _select_sql(names: tuple[str, ...], formats: tuple[str, ...] = DATE_FORMATS) -> str:
    """Return the normalising SELECT for an ACLED file with these (canonical) columns.

    Three layers, so that each value is parsed once: raw fields (trimmed where short),
    parsed values, then the ``events`` columns and the reason a row is refused.
    """

    def c(*cands: str) -> str:
        return col_sql(names, *cands)

    def raw(name: str) -> str:
        return raw_col_sql(names, name)

    fmts = ", ".join("'" + f + "'" for f in formats[1:])
    prec_cases = " ".join(f"WHEN {k} THEN '{v}'" for k, v in TIME_PRECISION.items())
    tags = raw_col_sql(names, "tags")
    kept_tags = (
        f"CASE WHEN contains({tags}, '=') AND regexp_matches({tags}, '{_OWN_TAGS}=') "
        f"THEN nullif(trim(regexp_replace({tags}, '{_OWN_TAGS}=[^;]*;?\\s*', '', 'g'), '; '), '') "
        f"ELSE {tags} END"
    )
    extra = struct_json_sql(
        [
            (k, kept_tags if k == "tags" else raw_col_sql(names, k))
            for k in EXTRA_COLUMNS
            if k in names
        ]
    )
    country = c("country")
    return f"""
SELECT
  CASE WHEN _pfx THEN _id ELSE 'acled:' || _id END AS event_id,
  t.event_type AS event_type,
  coalesce(s.sub, t.sub) AS sub_event_type,
  _date AS date_start,
  CASE WHEN _date_end >= _date THEN _date_end ELSE _date END AS date_end,
  coalesce(CASE _tp {prec_cases} END, 'day') AS time_precision,
  k.cc AS country,
  _admin1 AS admin1,
  _loc AS location_name,
  NULL::VARCHAR AS place_id,
  CASE WHEN _lon0 IS NULL THEN NULL WHEN _gp >= 3 THEN 'region' ELSE 'town' END AS place_kind,
  coalesce(_gp, CASE WHEN _lon0 IS NOT NULL THEN 1 END) AS geo_precision,
  _lon0 AS lon,
  _lat0 AS lat,
  CASE WHEN _lon0 IS NOT NULL THEN ST_Point(_lon0, _lat0) END AS geom,
  _actors AS actors,
  coalesce(string_split(nullif(_tag_parts, ''), ','), []::VARCHAR[]) AS participants,
  _fat AS fatalities,
  nullif(_tag_cameo, '') AS cameo_code,
  _source AS source,
  NULL::VARCHAR AS source_url,
  NULL::VARCHAR AS evidence,
  CASE WHEN NOT _pfx THEN 'acled' WHEN _id LIKE 'txt:%' THEN 'text'
       WHEN _id LIKE 'ucdp:%' THEN 'ucdp' WHEN _id LIKE 'gdelt:%' THEN 'gdelt'
       ELSE 'acled' END AS origin,
  _notes AS notes,
  _extra AS extra,
  _ord,
  CASE
    WHEN _id IS NULL THEN 'missing event_id_cnty'
    WHEN _date IS NULL THEN 'event_date ' || coalesce('''' || _date_raw || '''', 'missing')
      || ' is not a date'
    WHEN t.event_type IS NULL THEN 'unknown event_type '
      || coalesce('''' || _type_raw || '''', 'missing')
    WHEN _lat IS NULL AND _lat_raw IS NOT NULL
      THEN 'latitude ''' || _lat_raw || ''' is not a number'
    WHEN _lon IS NULL AND _lon_raw IS NOT NULL
      THEN 'longitude ''' || _lon_raw || ''' is not a number'
    WHEN (_lat IS NULL) <> (_lon IS NULL) THEN 'latitude and longitude must come together'
    WHEN _lat NOT BETWEEN -90 AND 90 OR _lon NOT BETWEEN -180 AND 180
      THEN 'coordinates (' || _lon || ', ' || _lat || ') out of range'
    WHEN _fat IS NULL AND _fat_raw IS NOT NULL
      THEN 'fatalities ''' || _fat_raw || ''' is not a whole number'
    WHEN _fat < 0 THEN 'fatalities ' || _fat || ' is negative'
  END AS _reason
FROM (
  SELECT *,
    CASE WHEN year(_date0) BETWEEN 1900 AND 2100 THEN _date0 END AS _date,
    CASE WHEN _lat = 0 AND _lon = 0 THEN NULL ELSE _lat END AS _lat0,
    CASE WHEN _lat = 0 AND _lon = 0 THEN NULL ELSE _lon END AS _lon0
  FROM (
    SELECT *,
      contains(_id, ':') AND regexp_matches(_id, '^(acled|txt|ucdp|gdelt):') AS _pfx,
      -- DuckDB's cast reads '25/7/24' as the year 25: slashed dates go to the formats
      coalesce(CASE WHEN NOT contains(_date_raw, '/') THEN try_cast(_date_raw AS DATE) END,
        try_strptime(_date_raw, [{fmts}])::DATE) AS _date0,
      coalesce(try_cast(_lat_raw AS DOUBLE), try_cast(replace(_lat_raw, ',', '.') AS DOUBLE))
        AS _lat,
      coalesce(try_cast(_lon_raw AS DOUBLE), try_cast(replace(_lon_raw, ',', '.') AS DOUBLE))
        AS _lon,
      try_cast(try_cast(_fat_raw AS DOUBLE) AS INTEGER) AS _fat,
      CASE WHEN _own_tags THEN try_cast(nullif(
        regexp_extract(_tags, 'date_end=([0-9]+-[0-9]+-[0-9]+)', 1), '') AS DATE)
      END AS _date_end,
      CASE WHEN _own_tags THEN regexp_extract(_tags, 'cameo_code=([0-9]+)', 1) END AS _tag_cameo,
      CASE WHEN _own_tags THEN regexp_extract(_tags, 'participants=([^;]*)', 1) END AS _tag_parts
    FROM (
      SELECT
        {{ord}} AS _ord,
        {_id_sql(names)} AS _id,
        {c("event_date")} AS _date_raw,
        {c("event_type")} AS _type_raw,
        {c("sub_event_type")} AS _sub_raw,
        try_cast(try_cast({raw("time_precision")} AS DOUBLE) AS INTEGER) AS _tp,
        try_cast(try_cast({raw("geo_precision")} AS DOUBLE) AS INTEGER) AS _gp,
        {raw("latitude")} AS _lat_raw,
        {raw("longitude")} AS _lon_raw,
        {raw("fatalities")} AS _fat_raw,
        coalesce(string_split(nullif(concat_ws('; ', {raw("actor1")}, {raw("assoc_actor_1")},
          {raw("actor2")}, {raw("assoc_actor_2")}), ''), '; '), []::VARCHAR[]) AS _actors,
        {raw("location")} AS _loc,
        {raw("admin1")} AS _admin1,
        {raw("source")} AS _source,
        {raw("notes")} AS _notes,
        {tags} AS _tags,
        coalesce(contains({tags}, '=') AND regexp_matches({tags}, '{_OWN_TAGS}='), false)
          AS _own_tags,
        {extra} AS _extra,
        coalesce(try_cast(try_cast({c("iso")} AS DOUBLE) AS INTEGER)::VARCHAR,
                 lower({c("iso3")}),
                 lower(strip_accents(regexp_replace({country}, '\\s*\\(.*\\)$', ''))))
          AS _ckey
      FROM {{source}} AS src
    )
  )
) AS src
LEFT JOIN _gx_acled_type t ON t.key = _type_raw
LEFT JOIN _gx_acled_sub s ON s.key = _sub_raw AND s.event_type = t.event_type
LEFT JOIN _gx_country k ON k.key = _ckey
"""


def _id_sql(names: tuple[str, ...]) -> str:
    """Return SQL for a row's key: ``event_id_cnty``, or one derived (:data:`KEY_COLUMNS`).

    Examples
    --------
    >>> _id_sql(("event_id_cnty", "event_date"))
    'nullif(trim(src."event_id_cnty"), \\'\\')'
    >>> "md5(" in _id_sql(("event_date", "event_type"))
    True
    """
    if "event_id_cnty" in names:
        return col_sql(names, "event_id_cnty")
    parts = ", ".join(f"coalesce({col_sql(names, k)}, '')" for k in KEY_COLUMNS if k in names)
    key = f"'key-' || left(md5(concat_ws(chr(31), {parts})), 16)"
    # identical rows are told apart by their number among their equals (any order will do:
    # they are alike in every column that makes the key)
    return (
        f"{key} || CASE WHEN row_number() OVER (PARTITION BY {key}) > 1 "
        f"THEN '-' || row_number() OVER (PARTITION BY {key}) ELSE '' END"
    )


def plan_acled(src: Unpacked) -> Plan:
    """Return the import :class:`Plan` for one ACLED file (unpacked: CSV text).

    Raises
    ------
    SourceFormatError
        When a required column (``event_date``, ``event_type``) is missing.
    """
    path = src.path
    layout = sniff_csv(path, aliases=ALIASES, display=src.display)
    missing = [r for r in REQUIRED if r not in layout.names]
    if missing:
        msg = (
            f"{src.display}:{src.header_line}: not an ACLED export: "
            f"no column {', '.join(map(repr, missing))} "
            f"(header has {', '.join(shorten(n, 40) for n in layout.names[:8])}"
            f"{'...' if len(layout.names) > 8 else ''})"
        )
        raise SourceFormatError(msg)
    return Plan(
        file=path,
        origin="acled",
        source_sql=read_csv_sql(layout, rejects=False),
        source_sql_rejects=read_csv_sql(layout, rejects=True),
        params=(str(path),),
        select_sql=_select_sql(layout.names, date_formats(_head_dates(layout))),
        line_offset=2,
        lookups=_lookups(),
        display=src.display,
        record_rows=src.record_rows,
    )


def import_acled(
    store: Store,
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    where: EventFilter | None = None,
) -> ImportSummary:
    """Import one ACLED export into the store, in one transaction; re-importing adds nothing.

    Parameters
    ----------
    store
        An open, writable store.
    path
        The export (any ACLED generation): CSV, an Excel workbook (``.xlsx``, first sheet),
        an API response (JSON, records under ``data``) or JSON Lines; gzipped or in a zip
        archive too.
    gazetteer
        Used only for rows without coordinates; the bundled one when ``None``.
    where
        Keep only the rows this resolved filter matches (the others count as ``filtered``).

    Returns
    -------
    ImportSummary
        Rows read, imported, unchanged, skipped, geocoded, and each bad row's file:line: reason.

    Raises
    ------
    SourceFormatError
        When the file is not an ACLED export.
    IngestError
        When DuckDB cannot read it.
    """
    with unpacked(Path(path)) as src:
        return run_import(
            store, plan_acled(src), geocode=make_geocoder("acled", gazetteer), where=where
        )


# -- export -----------------------------------------------------------------------------------
_DISORDER = {
    "battle": "Political violence",
    "explosion_remote_violence": "Political violence",
    "violence_against_civilians": "Political violence",
    "protest": "Demonstrations",
    "riot": "Demonstrations",
    "strategic_development": "Strategic developments",
}
_PRECISION_CODE = {v: k for k, v in TIME_PRECISION.items()}


def _extra(value: object) -> dict[str, str]:
    """Return an ``extra`` value (JSON text, dict or missing) as a dict."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v is not None}
    if isinstance(value, str) and value:
        try:
            data = json.loads(value)
        except ValueError:
            return {}
        return (
            {str(k): str(v) for k, v in data.items() if v is not None}
            if isinstance(data, dict)
            else {}
        )
    return {}


def _missing(value: object) -> bool:
    """Return True for None, NaN, NaT and empty strings."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, list | tuple) else False
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _actors(value: object) -> list[str]:
    if _missing(value) or value is None:
        return []
    if isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return [value]
        return [str(a) for a in data] if isinstance(data, list) else [value]
    return [str(a) for a in value]  # type: ignore[attr-defined]  # a list or array cell of a JSON/Excel row


def acled_row(rec: dict[str, object]) -> dict[str, str]:
    """Return the ACLED export row (current layout) for one ``events`` record.

    Imported ACLED events get back their own id and columns (kept in ``extra``); other
    events keep their geoevents id in ``event_id_cnty`` so that a re-import finds them.
    """
    extra = _extra(rec.get("extra"))
    event_id = _text(rec.get("event_id"))
    origin = _text(rec.get("origin"))
    cnty = event_id.removeprefix("acled:") if origin == "acled" else event_id
    actors = _actors(rec.get("actors"))
    assoc1 = extra.get("assoc_actor_1", "")
    n1 = len([a for a in assoc1.split("; ") if a.strip()])
    if "assoc_actor_1" in extra or "assoc_actor_2" in extra:
        actor1 = actors[0] if actors else ""
        actor2 = actors[1 + n1] if len(actors) > 1 + n1 else ""
        assoc2 = extra.get("assoc_actor_2", "")
    else:
        actor1 = actors[0] if actors else ""
        actor2 = actors[1] if len(actors) > 1 else ""
        assoc1, assoc2 = "", "; ".join(actors[2:])
    date = rec.get("date_start")
    date_text = "" if _missing(date) else str(date)[:10]
    etype = _text(rec.get("event_type"))
    sub = _text(rec.get("sub_event_type"))
    lon, lat = rec.get("lon"), rec.get("lat")
    has_xy = not _missing(lon) and not _missing(lat)
    fat = rec.get("fatalities")
    gp = rec.get("geo_precision")
    row = {
        "event_id_cnty": cnty,
        "event_date": date_text,
        "year": date_text[:4],
        "time_precision": _PRECISION_CODE.get(_text(rec.get("time_precision")), "1"),
        "disorder_type": extra.get("disorder_type", _DISORDER.get(etype, "")),
        "event_type": TYPE_LABELS.get(etype, etype),
        "sub_event_type": SUB_LABELS.get(sub, sub),
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "admin1": _text(rec.get("admin1")),
        "location": _text(rec.get("location_name")),
        "latitude": repr(float(lat)) if has_xy else "",  # type: ignore[arg-type]  # has_xy: lat is a number
        "longitude": repr(float(lon)) if has_xy else "",  # type: ignore[arg-type]  # has_xy: lon is a number
        "geo_precision": str(int(gp)) if has_xy and not _missing(gp) else "",  # type: ignore[call-overload]  # not _missing: a number
        "source": _text(rec.get("source")),
        "notes": _text(rec.get("notes")),
        "fatalities": "" if _missing(fat) else str(int(fat)),  # type: ignore[call-overload]  # not _missing: a number
    }
    for key in (
        "inter1",
        "inter2",
        "interaction",
        "civilian_targeting",
        "admin2",
        "admin3",
        "source_scale",
    ):
        row[key] = extra.get(key, "")
    row["tags"] = _tags(rec, extra.get("tags", ""), date_text)
    row["region"] = row["timestamp"] = ""
    row["country"], row["iso"] = _country_name(_text(rec.get("country")))
    return row


def _tags(rec: dict[str, object], tags: str, date_text: str) -> str:
    """Return ACLED ``tags`` plus the ``key=value`` entries of :data:`TAG_KEYS` that apply."""
    end = rec.get("date_end")
    end_text = "" if _missing(end) else str(end)[:10]
    parts = [tags] if tags else []
    if end_text and end_text != date_text:
        parts.append(f"date_end={end_text}")
    cameo = _text(rec.get("cameo_code"))
    if cameo:
        parts.append(f"cameo_code={cameo}")
    participants = [p for p in _actors(rec.get("participants")) if p and "," not in p]
    if participants:
        parts.append("participants=" + ",".join(participants))
    return "; ".join(parts)


def _country_name(cc: str) -> tuple[str, str]:
    """Return the ISO short name and numeric code of an ISO2 code ('' when unknown)."""
    if not cc:
        return "", ""
    import pycountry

    found = pycountry.countries.get(alpha_2=cc)
    return (str(found.name), str(int(found.numeric))) if found is not None else (cc, "")


def _records(gdf: gpd.GeoDataFrame) -> Iterable[dict[str, object]]:
    frame = gdf.drop(columns=[c for c in ("geometry", "geom") if c in gdf.columns])
    cols = list(frame.columns)
    for values in frame.itertuples(index=False, name=None):
        yield dict(zip(cols, values, strict=True))


def export_acled(gdf: gpd.GeoDataFrame, path: str | Path) -> int:
    """Write events as an ACLED-shaped CSV (current 31-column layout); return the row count.

    Re-importing the file with :func:`import_acled` gives the same events (ids, types,
    dates, places, coordinates, actors, fatalities).

    Parameters
    ----------
    gdf
        Events as returned by ``Store.events()`` (``lon``/``lat`` columns, or a point geometry).
    path
        The CSV to write.
    """
    out = Path(path)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        for rec in _records(_with_lonlat(gdf)):
            writer.writerow(acled_row(rec))
            n += 1
    log.info("wrote %d ACLED rows to %s", n, out)
    return n


def _with_lonlat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fill ``lon``/``lat`` from point geometries where they are missing."""
    if "geometry" not in gdf.columns or ("lon" in gdf.columns and gdf["lon"].notna().all()):
        return gdf
    frame = gdf.copy()
    geom = frame.geometry
    is_point = geom.notna() & (geom.geom_type == "Point")
    if "lon" not in frame.columns:
        frame["lon"] = None
        frame["lat"] = None
    fill = is_point & (frame["lon"].isna() | frame["lat"].isna())
    if fill.any():
        frame.loc[fill, "lon"] = geom[fill].x
        frame.loc[fill, "lat"] = geom[fill].y
    return frame
