"""GDELT 2.0 event tables into the store.

The table is tab-separated with no header and 61 columns (``GlobalEventID`` ...
``SOURCEURL``); files with a header row (BigQuery exports) load too, and the
``*.export.CSV.zip`` archives GDELT publishes are read as they are (:mod:`.unpack`).
The natural key is ``GlobalEventID``: an event is stored as ``gdelt:<GlobalEventID>``.

Places come from the ``ActionGeo_*`` fields; their country is a FIPS 10-4 code, converted
to ISO with :mod:`geoevents.importers.fips` (GDELT's ``NG`` is Niger). ``ActionGeo_Type``
sets the precision: 1 country -> 4, 2 US state / 5 world ADM1 -> 3, 3 US city / 4 world
city -> 1. The CAMEO code is kept in ``cameo_code``; :data:`CAMEO_TYPES` maps it (most
specific code first, then its base and root code) onto our event types.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from geoevents.errors import SourceFormatError
from geoevents.importers.common import ImportSummary, Plan, run_import
from geoevents.importers.fips import FIPS_TO_ISO
from geoevents.importers.places import make_geocoder
from geoevents.importers.reading import (
    col_sql,
    normalise_name,
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

#: The 61 columns of a GDELT 2.0 event table (GDELT Event Codebook 2.0), lower case.
GDELT_COLUMNS: tuple[str, ...] = tuple(
    normalise_name(n)
    for n in (
        "GlobalEventID Day MonthYear Year FractionDate "
        "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
        "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
        "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
        "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
        "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
        "NumMentions NumSources NumArticles AvgTone "
        "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
        "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
        "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
        "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
        "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
        "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
        "DATEADDED SOURCEURL"
    ).split()
)

#: CAMEO code (root, base or full) -> (event type, sub-event type). Source: CAMEO Conflict
#: and Mediation Event Observations codebook 1.1b3. Roots 01-05 (statements, appeals,
#: intent to cooperate, consultations, diplomatic cooperation) and 10-13, 16 (demands,
#: disapproval, rejection, threats, reduced relations) are diplomacy; 14 protest; 18-20
#: (assault, fight, mass violence) are violence; the rest are strategic developments.
CAMEO_TYPES: dict[str, tuple[str, str]] = {
    "01": ("diplomacy", "statement"),
    "02": ("diplomacy", "statement"),
    "03": ("diplomacy", "statement"),
    "036": ("diplomacy", "meeting"),  # express intent to meet or negotiate
    "04": ("diplomacy", "meeting"),
    "041": ("diplomacy", "call"),  # discuss by telephone
    "042": ("diplomacy", "visit"),  # make a visit
    "043": ("diplomacy", "visit"),  # host a visit
    "044": ("diplomacy", "meeting"),  # meet at a third location
    "05": ("diplomacy", "statement"),
    "057": ("diplomacy", "agreement"),  # sign formal agreement
    "06": ("strategic_development", "other"),
    "07": ("strategic_development", "other"),
    "08": ("strategic_development", "other"),
    "0871": ("strategic_development", "agreement"),  # declare ceasefire
    "09": ("strategic_development", "other"),
    "10": ("diplomacy", "statement"),
    "11": ("diplomacy", "statement"),
    "12": ("diplomacy", "statement"),
    "13": ("diplomacy", "statement"),
    "14": ("protest", "peaceful_protest"),
    "145": ("riot", "violent_demonstration"),  # protest violently, riot
    "15": ("strategic_development", "other"),
    "16": ("diplomacy", "statement"),
    "17": ("strategic_development", "other"),
    "171": ("strategic_development", "looting_property_destruction"),  # seize or damage property
    "173": ("strategic_development", "arrests"),  # arrest, detain
    "175": ("violence_against_civilians", "attack"),  # violent repression
    "18": ("violence_against_civilians", "attack"),
    "181": ("violence_against_civilians", "abduction_forced_disappearance"),  # abduct, hijack
    "1821": ("violence_against_civilians", "sexual_violence"),  # sexually assault
    "183": ("explosion_remote_violence", "remote_explosive_landmine_ied"),  # non-military bombing
    "1831": ("explosion_remote_violence", "suicide_bomb"),  # suicide bombing
    "19": ("battle", "armed_clash"),
    "194": ("explosion_remote_violence", "shelling_artillery_missile_attack"),  # artillery, tanks
    "195": ("explosion_remote_violence", "air_drone_strike"),  # employ aerial weapons
    "20": ("violence_against_civilians", "attack"),
    "2041": ("explosion_remote_violence", "chemical_weapon"),  # chemical, biological, radiological
}

#: ``ActionGeo_Type`` -> (geo_precision, place_kind).
GEO_TYPES: dict[str, tuple[int, str]] = {
    "1": (4, "country"),
    "2": (3, "region"),
    "3": (1, "town"),
    "4": (1, "town"),
    "5": (3, "region"),
}

EXTRA_COLUMNS: tuple[str, ...] = (
    "eventbasecode", "eventrootcode", "quadclass", "goldsteinscale", "nummentions",
    "numsources", "numarticles", "avgtone", "isrootevent", "actor1code", "actor2code",
    "actiongeo_type", "actiongeo_countrycode", "actiongeo_adm1code", "actiongeo_featureid",
    "dateadded",
)  # fmt: skip


def _lookups() -> tuple[tuple[str, str, tuple[tuple[object, ...], ...]], ...]:
    return (
        (
            "_gx_cameo",
            "code VARCHAR PRIMARY KEY, event_type VARCHAR, sub VARCHAR",
            tuple((k, t, s) for k, (t, s) in CAMEO_TYPES.items()),
        ),
        (
            "_gx_fips",
            "fips VARCHAR PRIMARY KEY, cc VARCHAR",
            tuple((f, cc) for f, cc, _ in FIPS_TO_ISO),
        ),
    )


def _select_sql(names: tuple[str, ...]) -> str:
    """Return the normalising SELECT for a GDELT 2.0 event table."""

    def c(*cands: str) -> str:
        return col_sql(names, *cands)

    geo_prec = " ".join(f"WHEN '{k}' THEN {v[0]}" for k, v in GEO_TYPES.items())
    geo_kind = " ".join(f"WHEN '{k}' THEN '{v[1]}'" for k, v in GEO_TYPES.items())
    extra = struct_json_sql([(k, c(k)) for k in EXTRA_COLUMNS if k in names])
    return f"""
SELECT
  'gdelt:' || _id AS event_id,
  coalesce(m4.event_type, m3.event_type, m2.event_type) AS event_type,
  coalesce(m4.sub, m3.sub, m2.sub) AS sub_event_type,
  _day AS date_start,
  _day AS date_end,
  'day' AS time_precision,
  f.cc AS country,
  CASE WHEN _gt IN ('3', '4') AND len(_parts) = 3 THEN trim(_parts[2])
       WHEN _gt IN ('2', '5') THEN trim(_parts[1]) END AS admin1,
  _fullname AS location_name,
  CASE WHEN _featureid IS NOT NULL AND _lon IS NOT NULL THEN 'gdelt-geo:' || _featureid END
    AS place_id,
  CASE _gt {geo_kind} END AS place_kind,
  CASE _gt {geo_prec} END AS geo_precision,
  _lon AS lon,
  _lat AS lat,
  CASE WHEN _lon IS NOT NULL THEN ST_Point(_lon, _lat) END AS geom,
  list_filter([_a1name, _a2name], x -> x IS NOT NULL) AS actors,
  CASE WHEN coalesce(m4.event_type, m3.event_type, m2.event_type) = 'diplomacy'
       THEN list_distinct(list_filter([a1.cc, a2.cc], x -> x IS NOT NULL))
       ELSE []::VARCHAR[] END AS participants,
  NULL::INTEGER AS fatalities,
  _code AS cameo_code,
  regexp_extract(_url, '^[a-z]+://(?:www\\.)?([^/:]+)', 1) AS source,
  _url AS source_url,
  NULL::VARCHAR AS evidence,
  'gdelt' AS origin,
  NULL::VARCHAR AS notes,
  _extra AS extra,
  _ord,
  CASE
    WHEN _id IS NULL THEN 'GlobalEventID ' || coalesce('''' || _id_raw || '''', 'missing')
      || ' is not a whole number'
    WHEN _day IS NULL THEN 'Day ' || coalesce('''' || _day_raw || '''', 'missing')
      || ' is not a YYYYMMDD date'
    WHEN m2.event_type IS NULL THEN 'EventRootCode ' || coalesce('''' || _root || '''', 'missing')
      || ' is not a CAMEO root code (01-20)'
    WHEN _lat IS NULL AND _lat_raw IS NOT NULL THEN 'ActionGeo_Lat ''' || _lat_raw || ''' is not a number'
    WHEN _lon IS NULL AND _lon_raw IS NOT NULL THEN 'ActionGeo_Long ''' || _lon_raw || ''' is not a number'
    WHEN (_lat IS NULL) <> (_lon IS NULL) THEN 'ActionGeo_Lat and ActionGeo_Long must come together'
    WHEN _lat NOT BETWEEN -90 AND 90 OR _lon NOT BETWEEN -180 AND 180
      THEN 'coordinates (' || _lon || ', ' || _lat || ') out of range'
  END AS _reason
FROM (
  SELECT *,
    try_cast(_id_raw AS UBIGINT)::VARCHAR AS _id,
    try_strptime(_day_raw, '%Y%m%d')::DATE AS _day,
    try_cast(_lat_raw AS DOUBLE) AS _lat,
    try_cast(_lon_raw AS DOUBLE) AS _lon,
    string_split(_fullname, ',') AS _parts
  FROM (
    SELECT
      {{ord}} AS _ord,
      {c("globaleventid")} AS _id_raw,
      {c("day")} AS _day_raw,
      {c("eventcode")} AS _code,
      {c("eventbasecode")} AS _base,
      lpad({c("eventrootcode")}, 2, '0') AS _root,
      {c("actiongeo_type")} AS _gt,
      {c("actiongeo_fullname")} AS _fullname,
      upper({c("actiongeo_countrycode")}) AS _fips,
      {c("actiongeo_featureid")} AS _featureid,
      {c("actiongeo_lat")} AS _lat_raw,
      {c("actiongeo_long")} AS _lon_raw,
      lower({c("actor1countrycode")}) AS _a1cc,
      lower({c("actor2countrycode")}) AS _a2cc,
      {c("sourceurl")} AS _url,
      {c("actor1name")} AS _a1name,
      {c("actor2name")} AS _a2name,
      {extra} AS _extra
    FROM {{source}} AS src
  )
) AS src
LEFT JOIN _gx_cameo m4 ON m4.code = _code
LEFT JOIN _gx_cameo m3 ON m3.code = _base
LEFT JOIN _gx_cameo m2 ON m2.code = _root
LEFT JOIN _gx_fips f ON f.fips = _fips
LEFT JOIN _gx_country a1 ON a1.key = _a1cc
LEFT JOIN _gx_country a2 ON a2.key = _a2cc
"""


def plan_gdelt(src: Unpacked) -> Plan:
    """Return the import :class:`Plan` for one GDELT 2.0 event table (unpacked).

    The raw table is tab-separated without a header; an export with a header row naming
    ``GlobalEventID`` (BigQuery: commas, quoted; or a workbook) is read by its names.

    Raises
    ------
    SourceFormatError
        When the file has a header without ``GlobalEventID``, or a width other than 61.
    """
    path, display = src.path, src.display
    named = sniff_csv(path, display=display)
    if "globaleventid" in named.names:
        layout = named
    else:
        probe = sniff_csv(path, delim="\t", display=display)
        width = len(probe.names)
        if width != len(GDELT_COLUMNS):
            msg = (
                f"{display}:1: not a GDELT 2.0 event table: {width} tab-separated "
                f"columns, expected {len(GDELT_COLUMNS)}"
            )
            raise SourceFormatError(msg)
        layout = sniff_csv(path, names=GDELT_COLUMNS, delim="\t", display=display)
    return Plan(
        file=path,
        origin="gdelt",
        source_sql=read_csv_sql(layout, rejects=False),
        source_sql_rejects=read_csv_sql(layout, rejects=True),
        params=(str(path),),
        select_sql=_select_sql(layout.names),
        line_offset=2 if layout.header else 1,
        quoted=layout.delim != "\t",  # read_csv_sql reads tab files unquoted
        lookups=_lookups(),
        display=display,
        record_rows=src.record_rows,
    )


def import_gdelt(
    store: Store,
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    where: EventFilter | None = None,
) -> ImportSummary:
    """Import one GDELT 2.0 event table (``.CSV``, tab-separated, its ``.zip`` or ``.gz``).

    Parameters
    ----------
    store
        An open, writable store.
    path
        The event table, gzipped or in the zip archive GDELT publishes it in; or a
        BigQuery export with a header row.
    gazetteer
        Used only for rows without an ``ActionGeo`` point (the bundled one when ``None``):
        their place name and country are geocoded, precision set honestly.
    where
        Keep only the rows this resolved filter matches (the others count as ``filtered``).

    Raises
    ------
    SourceFormatError
        When the file is not a GDELT 2.0 event table.
    IngestError
        When DuckDB cannot read it.
    """
    with unpacked(Path(path)) as src:
        return run_import(
            store, plan_gdelt(src), geocode=make_geocoder("gdelt", gazetteer), where=where
        )
