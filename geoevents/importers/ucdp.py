"""UCDP Georeferenced Event Dataset (GED) files into the store.

Loads the 49-column CSV (GED 20.1 and later: ``relid``, ``code_status``, ``*_dset_id``,
``where_description``), the older 42-column CSV, and GED GeoJSON (same fields as feature
properties). The natural key is ``id``: an event is stored as ``ucdp:<id>``.

Precision codes (UCDP GED codebook):

* ``where_prec`` 1 exact place, 2 within ~25 km of a known point, 3 second-order
  administrative division, 4 first-order division, 5 linear feature or area larger than
  a province, 6 country, 7 international waters or airspace -> our ``geo_precision``
  1, 2, 3, 3, 3, 4, 4.
* ``date_prec`` 1 exact day, 2 a 2-6 day span, 3 a week, 4 a month, 5 a year or more ->
  ``time_precision`` day, week, week, month, year.

``best`` is the fatality count; ``low``, ``high`` and the per-side deaths stay in ``extra``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from geoevents.errors import SourceFormatError
from geoevents.importers.common import ImportSummary, Plan, run_import
from geoevents.importers.places import make_geocoder
from geoevents.importers.reading import (
    col_sql,
    raw_col_sql,
    read_csv_sql,
    sniff_csv,
    struct_json_sql,
)
from geoevents.importers.unpack import Unpacked, unpacked

if TYPE_CHECKING:
    from geoevents.filters import EventFilter
    from geoevents.gazetteer import Gazetteer
    from geoevents.store import Store

log = logging.getLogger(__name__)

#: ``where_prec`` -> (geo_precision, place_kind).
WHERE_PREC: dict[str, tuple[int, str]] = {
    "1": (1, "town"),
    "2": (2, "town"),
    "3": (3, "region"),
    "4": (3, "region"),
    "5": (3, "area"),
    "6": (4, "country"),
    "7": (4, "area"),
}
#: ``date_prec`` -> time_precision.
DATE_PREC: dict[str, str] = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
#: ``type_of_violence`` -> (event type, sub-event type).
VIOLENCE: dict[str, tuple[str, str]] = {
    "1": ("battle", "armed_clash"),  # state-based conflict
    "2": ("battle", "armed_clash"),  # non-state conflict
    "3": ("violence_against_civilians", "attack"),  # one-sided violence
}

EXTRA_COLUMNS: tuple[str, ...] = (
    "best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "where_prec", "date_prec", "type_of_violence", "conflict_name", "dyad_name",
    "conflict_new_id", "dyad_new_id", "side_a_new_id", "side_b_new_id", "relid", "code_status",
    "event_clarity", "priogrid_gid", "adm_2", "where_description", "region", "country_id",
    "number_of_sources", "active_year", "year", "gwnoa", "gwnob", "source_article",
)  # fmt: skip

REQUIRED = ("id", "type_of_violence", "date_start")


def _select_sql(names: tuple[str, ...]) -> str:
    """Return the normalising SELECT for a GED table with these columns."""

    def c(*cands: str) -> str:
        return col_sql(names, *cands)

    def raw(name: str) -> str:
        return raw_col_sql(names, name)

    where = " ".join(f"WHEN '{k}' THEN {v[0]}" for k, v in WHERE_PREC.items())
    kind = " ".join(f"WHEN '{k}' THEN '{v[1]}'" for k, v in WHERE_PREC.items())
    dprec = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in DATE_PREC.items())
    etype = " ".join(f"WHEN '{k}' THEN '{v[0]}'" for k, v in VIOLENCE.items())
    sub = " ".join(f"WHEN '{k}' THEN '{v[1]}'" for k, v in VIOLENCE.items())
    extra = struct_json_sql([(k, c(k)) for k in EXTRA_COLUMNS if k in names])
    lat = "coalesce(" + c("latitude") + ", " + c("_geom_lat") + ")"
    lon = "coalesce(" + c("longitude") + ", " + c("_geom_lon") + ")"
    return f"""
SELECT
  'ucdp:' || _id AS event_id,
  CASE _tov {etype} END AS event_type,
  CASE _tov {sub} END AS sub_event_type,
  _d1 AS date_start,
  coalesce(_d2, _d1) AS date_end,
  coalesce(CASE _dp {dprec} END, CASE WHEN coalesce(_d2, _d1) = _d1 THEN 'day' END) AS time_precision,
  k.cc AS country,
  _adm1 AS admin1,
  _loc AS location_name,
  NULL::VARCHAR AS place_id,
  CASE _wp {kind} END AS place_kind,
  CASE _wp {where} END AS geo_precision,
  _lon AS lon,
  _lat AS lat,
  CASE WHEN _lon IS NOT NULL THEN ST_Point(_lon, _lat) END AS geom,
  list_filter([_side_a, _side_b], x -> x IS NOT NULL) AS actors,
  []::VARCHAR[] AS participants,
  _best AS fatalities,
  NULL::VARCHAR AS cameo_code,
  _office AS source,
  NULL::VARCHAR AS source_url,
  NULL::VARCHAR AS evidence,
  'ucdp' AS origin,
  _headline AS notes,
  _extra AS extra,
  _ord,
  CASE
    WHEN _id IS NULL THEN 'missing id'
    WHEN _tov NOT IN ('1', '2', '3') OR _tov IS NULL THEN 'type_of_violence '
      || coalesce('''' || _tov || '''', 'missing') || ' is not 1, 2 or 3'
    WHEN _d1 IS NULL THEN 'date_start ' || coalesce('''' || _d1_raw || '''', 'missing')
      || ' is not a date'
    WHEN _d2 IS NULL AND _d2_raw IS NOT NULL THEN 'date_end ''' || _d2_raw || ''' is not a date'
    WHEN _d2 < _d1 THEN 'date_end ' || _d2 || ' is before date_start ' || _d1
    WHEN _lat IS NULL AND _lat_raw IS NOT NULL THEN 'latitude ''' || _lat_raw || ''' is not a number'
    WHEN _lon IS NULL AND _lon_raw IS NOT NULL THEN 'longitude ''' || _lon_raw || ''' is not a number'
    WHEN (_lat IS NULL) <> (_lon IS NULL) THEN 'latitude and longitude must come together'
    WHEN _lat NOT BETWEEN -90 AND 90 OR _lon NOT BETWEEN -180 AND 180
      THEN 'coordinates (' || _lon || ', ' || _lat || ') out of range'
    WHEN _best IS NULL AND _best_raw IS NOT NULL THEN 'best ''' || _best_raw || ''' is not a whole number'
  END AS _reason
FROM (
  SELECT *,
    try_cast(_lat_raw AS DOUBLE) AS _lat,
    try_cast(_lon_raw AS DOUBLE) AS _lon,
    coalesce(try_cast(_d1_raw AS TIMESTAMP)::DATE, try_strptime(_d1_raw, ['%d/%m/%Y', '%Y%m%d'])::DATE) AS _d1,
    coalesce(try_cast(_d2_raw AS TIMESTAMP)::DATE, try_strptime(_d2_raw, ['%d/%m/%Y', '%Y%m%d'])::DATE) AS _d2,
    try_cast(try_cast(_best_raw AS DOUBLE) AS INTEGER) AS _best
  FROM (
    SELECT
      {{ord}} AS _ord,
      regexp_replace({c("id")}, '\\.0+$', '') AS _id,
      regexp_replace({c("type_of_violence")}, '\\.0+$', '') AS _tov,
      regexp_replace({c("where_prec")}, '\\.0+$', '') AS _wp,
      regexp_replace({c("date_prec")}, '\\.0+$', '') AS _dp,
      {c("date_start")} AS _d1_raw,
      {c("date_end")} AS _d2_raw,
      {lat} AS _lat_raw,
      {lon} AS _lon_raw,
      {c("best", "best_est")} AS _best_raw,
      {extra} AS _extra,
      {c("adm_1")} AS _adm1,
      {c("where_coordinates")} AS _loc,
      {c("side_a")} AS _side_a,
      {c("side_b")} AS _side_b,
      {c("source_office")} AS _office,
      {raw("source_headline")} AS _headline,
      lower(strip_accents(regexp_replace({c("country")}, '\\s*\\(.*\\)$', ''))) AS _ckey
    FROM {{source}} AS src
  )
) AS src
LEFT JOIN _gx_country k ON k.key = _ckey
"""


def plan_ucdp(src: Unpacked) -> Plan:
    """Return the import :class:`Plan` for a GED CSV or GeoJSON file (unpacked).

    Raises
    ------
    SourceFormatError
        When a required column (``id``, ``type_of_violence``, ``date_start``) is missing.
    """
    path = src.path
    if path.suffix.lower() in (".geojson", ".json"):
        names, source = _geojson_source(path, src.display)
        is_csv = False
        src_rejects = source
        line_offset = 1
    else:
        layout = sniff_csv(path, display=src.display)
        names = layout.names
        source = read_csv_sql(layout, rejects=False)
        src_rejects = read_csv_sql(layout, rejects=True)
        is_csv = True
        line_offset = 2
    missing = [r for r in REQUIRED if r not in names]
    if missing:
        msg = (
            f"{src.display}:{src.header_line}: not a UCDP GED file: "
            f"no column {', '.join(map(repr, missing))} "
            f"(has {', '.join(names[:8])}{'...' if len(names) > 8 else ''})"
        )
        raise SourceFormatError(msg)
    return Plan(
        file=path,
        origin="ucdp",
        source_sql=source,
        source_sql_rejects=src_rejects,
        params=(str(path),),
        select_sql=_select_sql(names),
        line_offset=line_offset,
        is_csv=is_csv,
        display=src.display,
        record_rows=src.record_rows,
    )


def _geojson_source(path: Path, display: str) -> tuple[tuple[str, ...], str]:
    """Return the property names of a GED GeoJSON file and a relation reading them as text."""
    from geoevents.store import connect

    con = connect()
    try:
        desc = con.execute("DESCRIBE SELECT * FROM ST_Read(?)", [str(path)]).fetchall()
    except duckdb.Error as exc:
        msg = f"{display}: cannot read as GeoJSON: {str(exc).splitlines()[0]}"
        raise SourceFormatError(msg) from exc
    finally:
        con.close()
    cols = [str(r[0]) for r in desc]
    geom = next((str(r[0]) for r in desc if str(r[1]).startswith("GEOMETRY")), None)
    props = [c for c in cols if c != geom]
    parts = [
        f'CAST("{c.replace(chr(34), chr(34) * 2)}" AS VARCHAR) AS "{c.lower()}"' for c in props
    ]
    if geom is not None:
        g = geom.replace('"', '""')
        parts += [
            f'CAST(ST_X("{g}") AS VARCHAR) AS _geom_lon',
            f'CAST(ST_Y("{g}") AS VARCHAR) AS _geom_lat',
        ]
    names = tuple(c.lower() for c in props) + (("_geom_lon", "_geom_lat") if geom else ())
    return names, f"(SELECT {', '.join(parts)} FROM ST_Read(?))"


def import_ucdp(
    store: Store,
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    where: EventFilter | None = None,
) -> ImportSummary:
    """Import one UCDP GED file (CSV, 49 or 42 columns, or GeoJSON) in one transaction.

    Parameters
    ----------
    store
        An open, writable store.
    path
        The GED file: CSV, GeoJSON, an Excel workbook (``.xlsx``), an API response (JSON,
        records under ``Result``) or JSON Lines; any of them gzipped or in a zip archive
        (``ged251-csv.zip`` as UCDP ships it).
    gazetteer
        Used only for rows without coordinates (the bundled one when ``None``): their
        ``where_coordinates``, ``adm_2`` and ``adm_1`` are geocoded, precision set honestly.
    where
        Keep only the rows this resolved filter matches (the others count as ``filtered``).

    Raises
    ------
    SourceFormatError
        When the file is not a GED table.
    IngestError
        When DuckDB cannot read it.
    """
    with unpacked(Path(path)) as src:
        return run_import(
            store, plan_ucdp(src), geocode=make_geocoder("ucdp", gazetteer), where=where
        )
