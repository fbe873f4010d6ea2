"""Write the synthetic import fixtures in this folder (run: python make_fixtures.py).

Every row is invented here: ACLED's terms forbid redistributing its data, so the files only
copy the *shape* of each export generation (columns, header style, date formats, codes).
Places and coordinates are real towns (GeoNames positions, rounded) so that geocoding and
"inside the country" checks mean something.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name, admin1, admin2, admin3, lon, lat, ISO2, ISO numeric, ISO3, GW number, country name
GAO = ("Gao", "Gao", "Gao", "Gao", -0.0444, 16.2719, "ML", 466, "MLI", 432, "Mali")
MENAKA = ("Menaka", "Menaka", "Menaka", "Menaka", 2.4000, 15.9167, "ML", 466, "MLI", 432, "Mali")
DJIBO = ("Djibo", "Sahel", "Soum", "Djibo", -1.6306, 14.1022, "BF", 854, "BFA", 439, "Burkina Faso")
NIAMEY = ("Niamey", "Niamey", "Niamey", "Niamey I", 2.1098, 13.5137, "NE", 562, "NER", 436, "Niger")
TIMBUKTU = (
    "Timbuktu",
    "Tombouctou",
    "Tombouctou",
    "Tombouctou",
    -3.0074,
    16.7735,
    "ML",
    466,
    "MLI",
    432,
    "Mali",
)
OUAGA = (
    "Ouagadougou",
    "Centre",
    "Kadiogo",
    "Ouagadougou",
    -1.5247,
    12.3714,
    "BF",
    854,
    "BFA",
    439,
    "Burkina Faso",
)

CURRENT = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")

ROWS_CURRENT = [
    # id, date, tp, disorder, type, sub, actor1, assoc1, inter1, actor2, assoc2, inter2, civ, place, gp, fat, tags
    (
        "MLI90001",
        "2024-07-25",
        1,
        "Political violence",
        "Battles",
        "Armed clash",
        "Military Forces of Mali (2021-)",
        "Wagner Group",
        "State forces",
        "CSP-DPA: Permanent Strategic Framework for Peace, Security and Development",
        "",
        "Rebel group",
        "",
        GAO,
        1,
        12,
        "",
    ),
    (
        "MLI90002",
        "01 November 2024",
        2,
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Military Forces of Mali (2021-)",
        "",
        "State forces",
        "Civilians (Mali)",
        "",
        "Civilians",
        "Civilian targeting",
        MENAKA,
        2,
        5,
        "",
    ),
    (
        "BFO90003",
        "2023-02-16",
        1,
        "Political violence",
        "Violence against civilians",
        "Abduction/forced disappearance",
        "JNIM: Group for Support of Islam and Muslims",
        "",
        "Rebel group",
        "Civilians (Burkina Faso)",
        "Women (Burkina Faso); Farmers (Burkina Faso)",
        "Civilians",
        "Civilian targeting",
        DJIBO,
        1,
        0,
        "",
    ),
    (
        "NIG90004",
        "03 March 2024",
        1,
        "Demonstrations",
        "Protests",
        "Peaceful protest",
        "Protesters (Niger)",
        "Students (Niger)",
        "Protesters",
        "",
        "",
        "",
        "",
        NIAMEY,
        1,
        0,
        "crowd size=several hundred",
    ),
    (
        "MLI90005",
        "2024-08-02",
        3,
        "Strategic developments",
        "Strategic developments",
        "Headquarters or base established",
        "JNIM: Group for Support of Islam and Muslims",
        "",
        "Rebel group",
        "",
        "",
        "",
        "",
        TIMBUKTU,
        3,
        0,
        "",
    ),
    (
        "BFO90006",
        "15 June 2024",
        1,
        "Demonstrations",
        "Riots",
        "Mob violence",
        "Rioters (Burkina Faso)",
        "",
        "Rioters",
        "",
        "",
        "",
        "",
        OUAGA,
        1,
        1,
        "",
    ),
]

V2019 = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,timestamp,iso3"
).split(",")

ROWS_2019 = [
    # data_id, id, no_cnty, date, tp, type, sub, actor1, inter1, actor2, inter2, place, fat
    (
        7001,
        "MLI5001",
        5001,
        "16-Feb-21",
        1,
        "Battles",
        "Armed clash",
        "Military Forces of Mali (2012-2021)",
        1,
        "JNIM: Group for Support of Islam and Muslims",
        2,
        GAO,
        3,
    ),
    (
        7002,
        "BFO5002",
        5002,
        "9-May-20",
        1,
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Unidentified Armed Group (Burkina Faso)",
        3,
        "Military Forces of Burkina Faso (2015-2022)",
        1,
        DJIBO,
        7,
    ),
    (
        7003,
        "NIG5003",
        5003,
        "21 March 2022",
        2,
        "Violence against civilians",
        "Attack",
        "Islamic State (Sahel)",
        2,
        "Civilians (Niger)",
        7,
        NIAMEY,
        4,
    ),
]

PRE2019 = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,"
    "ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,"
    "LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES"
).split(",")

ROWS_PRE2019 = [
    (
        "MLI1201",
        1201,
        "01-January-2015",
        "Battle-No change of territory",
        "MNLA",
        "HCUA",
        "AQIM",
        "",
        GAO,
        2,
    ),
    (
        "MLI1202",
        1202,
        "14-March-2016",
        "Battle-Government regains territory",
        "Military Forces of Mali (2002-2012)",
        "Operation Barkhane",
        "MUJAO",
        "",
        TIMBUKTU,
        6,
    ),
    (
        "MLI1203",
        1203,
        "02-April-2017",
        "Remote violence",
        "Unidentified Armed Group (Mali)",
        "",
        "MINUSMA",
        "",
        MENAKA,
        1,
    ),
    (
        "BFO1204",
        1204,
        "30-October-2014",
        "Riots/Protests",
        "Protesters (Burkina Faso)",
        "",
        "Police Forces of Burkina Faso",
        "",
        OUAGA,
        0,
    ),
    (
        "NIG1205",
        1205,
        "11-June-2016",
        "Violence against civilians",
        "Boko Haram",
        "",
        "Civilians (Niger)",
        "",
        NIAMEY,
        3,
    ),
    (
        "MLI1206",
        1206,
        "05-May-2012",
        "Non-violent transfer of territory",
        "MNLA",
        "",
        "",
        "",
        TIMBUKTU,
        0,
    ),
    (
        "MLI1207",
        1207,
        "17-July-2017",
        "Headquarters or base established",
        "JNIM",
        "",
        "",
        "",
        MENAKA,
        0,
    ),
    (
        "MLI1208",
        1208,
        "20-August-2013",
        "Strategic development",
        "Government of Mali",
        "",
        "",
        "",
        GAO,
        0,
    ),
]


def _write(name: str, header: list[str], rows: list[list[object]], *, bom: bool = False) -> None:
    path = HERE / name
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def acled_current() -> None:
    rows = []
    for i, (
        eid,
        date,
        tp,
        disorder,
        etype,
        sub,
        a1,
        aa1,
        i1,
        a2,
        aa2,
        i2,
        civ,
        place,
        gp,
        fat,
        tags,
    ) in enumerate(ROWS_CURRENT):
        name, adm1, adm2, adm3, lon, lat, _cc, iso, _iso3, _gw, country = place
        interaction = f"{i1}-{i2}" if i2 else f"{i1} only"
        rows.append(
            [
                eid,
                date,
                date[:4] if date[0:2] == "20" else date[-4:],
                tp,
                disorder,
                etype,
                sub,
                a1,
                aa1,
                i1,
                a2,
                aa2,
                i2,
                interaction,
                civ,
                iso,
                "Western Africa",
                country,
                adm1,
                adm2,
                adm3,
                name,
                lat,
                lon,
                gp,
                "Studio Tamani; RFI",
                "National-International",
                f"Synthetic {etype.lower()} event near {name}.",
                fat,
                tags,
                1730000000 + i,
            ]
        )
    _write("acled_current.csv", CURRENT, rows)


def acled_2019() -> None:
    rows = []
    for data_id, eid, no_cnty, date, tp, etype, sub, a1, i1, a2, i2, place, fat in ROWS_2019:
        name, adm1, adm2, adm3, lon, lat, _cc, iso, iso3, _gw, country = place
        year = 2000 + int(date[-2:]) if "-" in date else int(date[-4:])
        rows.append(
            [
                data_id,
                iso,
                eid,
                no_cnty,
                date,
                year,
                tp,
                etype,
                sub,
                a1,
                "",
                i1,
                a2,
                "",
                i2,
                int(f"{i1}{i2}"),
                "Western Africa",
                country,
                adm1,
                adm2,
                adm3,
                name,
                lat,
                lon,
                1,
                "Local Source",
                "Subnational",
                f"Synthetic event at {name}.",
                fat,
                1618000000 + data_id,
                iso3,
            ]
        )
    _write("acled_2019_2023.csv", V2019, rows)


def acled_pre2019() -> None:
    rows = []
    for eid, no_cnty, date, etype, a1, ally1, a2, ally2, place, fat in ROWS_PRE2019:
        name, adm1, adm2, adm3, lon, lat, _cc, _iso, _iso3, gw, country = place
        rows.append(
            [
                gw,
                eid,
                no_cnty,
                date,
                date[-4:],
                1,
                etype,
                a1,
                ally1,
                2,
                a2,
                ally2,
                3 if a2 else 0,
                23 if a2 else 20,
                country,
                adm1,
                adm2,
                adm3,
                name,
                f"{lat:.4f}",
                f"{lon:.4f}",
                1,
                "AFP",
                f"Synthetic old event at {name}.",
                fat,
            ]
        )
    _write("acled_pre2019.csv", PRE2019, rows)


def acled_reduced() -> None:
    """pandas.to_csv style: BOM, unnamed index column, upper-case headers, a column subset."""
    header = [
        "",
        "EVENT_ID_CNTY",
        "EVENT_DATE",
        "EVENT_TYPE",
        "SUB_EVENT_TYPE",
        "ACTOR1",
        "COUNTRY",
        "ADMIN1",
        "LOCATION",
        "LATITUDE",
        "LONGITUDE",
        "FATALITIES",
    ]
    rows = [
        [
            0,
            "MLI7701",
            "16-Feb-21",
            "Battles",
            "Armed clash",
            "FAMa",
            "Mali",
            "Gao",
            "Gao",
            16.2719,
            -0.0444,
            2,
        ],
        [
            1,
            "BFO7702",
            "9-May-20",
            "Protests",
            "Peaceful protest",
            "Protesters",
            "Burkina Faso",
            "Centre",
            "Ouagadougou",
            12.3714,
            -1.5247,
            0,
        ],
        [
            2,
            "NIG7703",
            "01-January-2015",
            "Riots",
            "Violent demonstration",
            "Rioters",
            "Niger",
            "Niamey",
            "Niamey",
            13.5137,
            2.1098,
            "",
        ],
        [
            3,
            "MLI7704",
            "01 November 2024",
            "Strategic developments",
            "Looting/property destruction",
            "JNIM",
            "Mali",
            "Tombouctou",
            "Timbuktu",
            16.7735,
            -3.0074,
            0,
        ],
        [
            4,
            "MLI7705",
            "2023-02-16",
            "Violence against civilians",
            "Attack",
            "Wagner Group",
            "Mali",
            "Menaka",
            "Menaka",
            15.9167,
            2.4000,
            9,
        ],
    ]
    _write("acled_reduced.csv", header, rows, bom=True)


def acled_nocoords() -> None:
    header = [
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "fatalities",
    ]
    rows = [
        [
            "MLI8801",
            "2024-07-25",
            "Battles",
            "Armed clash",
            "FAMa",
            "Mali",
            "Gao",
            "Gao",
            "Gao",
            "Gao",
            3,
        ],
        [
            "BFO8802",
            "2024-05-12",
            "Battles",
            "Armed clash",
            "VDP",
            "Burkina Faso",
            "Sahel",
            "Soum",
            "Djibo",
            "Djibo",
            1,
        ],
        # the location is no known place: the admin1 region is all we can honestly place
        [
            "MLI8803",
            "2024-06-01",
            "Protests",
            "Peaceful protest",
            "Protesters",
            "Mali",
            "Tombouctou",
            "",
            "",
            "Xqzvillage Nowhere",
            0,
        ],
        # nothing but the country
        ["NIG8804", "2024-06-02", "Riots", "Mob violence", "Rioters", "Niger", "", "", "", "", 0],
    ]
    _write("acled_nocoords.csv", header, rows)


def acled_bad() -> None:
    """A current-layout file mixing good rows and rows that must be skipped (lines noted)."""
    good = [
        "MLI6601",
        "2024-01-10",
        2024,
        1,
        "Political violence",
        "Battles",
        "Armed clash",
        "FAMa",
        "",
        "State forces",
        "JNIM",
        "",
        "Rebel group",
        "State forces-Rebel group",
        "",
        466,
        "Western Africa",
        "Mali",
        "Gao",
        "Gao",
        "Gao",
        "Gao",
        16.2719,
        -0.0444,
        1,
        "RFI",
        "International",
        "Synthetic.",
        1,
        "",
        1730000000,
    ]

    def row(**changes: object) -> list[object]:
        out = list(good)
        for key, value in changes.items():
            out[CURRENT.index(key)] = value
        return out

    rows = [
        row(),  # line 2 good
        row(event_id_cnty="MLI6602", event_date="31 Febtember 2024"),  # line 3 bad date
        row(event_id_cnty="MLI6603", latitude="abc"),  # line 4 bad latitude
        row(event_id_cnty="MLI6604", event_type="Picnics"),  # line 5 unknown type
        row(event_id_cnty=""),  # line 6 missing id
        row(event_id_cnty="MLI6606", notes="two\nlines of notes"),  # lines 7-8 good
        row(event_id_cnty="MLI6607", latitude=95.5),  # line 9 out of range
        ["MLI6608", "2024-01-11", "too", "few", "columns"],  # line 10 wrong width
        row(event_id_cnty="MLI6609", fatalities="many"),  # line 11 bad fatalities
        row(event_id_cnty="MLI6610"),  # line 12 good
    ]
    _write("acled_bad.csv", CURRENT, rows)


GED49 = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,where_description,"
    "adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,"
    "event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,best,high,low,gwnoa,gwnob"
).split(",")
GED42 = (
    "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,"
    "side_a_new_id,gwnoa,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,"
    "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,"
    "adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,"
    "event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,low,best,high"
).split(",")

# id, type, side_a, side_b, place, where_prec, date_prec, start, end, best, low, high
GED_ROWS = [
    (440001, 1, "Government of Mali", "JNIM", GAO, 1, 1, "2023-03-04", "2023-03-04", 12, 10, 15),
    (440002, 3, "IS Sahel", "Civilians", MENAKA, 2, 2, "2023-05-01", "2023-05-04", 20, 18, 31),
    (440003, 2, "JNIM", "IS Sahel", TIMBUKTU, 4, 4, "2022-09-01", "2022-09-30", 7, 7, 9),
    (
        440004,
        1,
        "Government of Burkina Faso",
        "Ansaroul Islam",
        DJIBO,
        3,
        3,
        "2021-12-06",
        "2021-12-12",
        5,
        5,
        5,
    ),
    (440005, 3, "JNIM", "Civilians", NIAMEY, 6, 5, "2020-01-01", "2020-12-31", 2, 2, 4),
]


def _ged_record(row: tuple, *, old: bool) -> dict[str, object]:
    gid, tov, side_a, side_b, place, wp, dp, start, end, best, low, high = row
    name, adm1, adm2, _adm3, lon, lat, _cc, _iso, _iso3, gw, country = place
    ts = " 00:00:00.000"
    rec: dict[str, object] = {
        "id": gid,
        "relid": f"MLI-2023-1-{gid}-1",
        "year": start[:4],
        "active_year": 1,
        "code_status": "Clear",
        "type_of_violence": tov,
        "conflict_dset_id": 11347,
        "conflict_new_id": 11347,
        "conflict_name": f"{side_a} - {side_b}",
        "dyad_dset_id": 13090,
        "dyad_new_id": 13090,
        "dyad_name": f"{side_a} - {side_b}",
        "side_a_dset_id": 130,
        "side_a_new_id": 130,
        "side_a": side_a,
        "side_b_dset_id": 6711,
        "side_b_new_id": 6711,
        "side_b": side_b,
        "number_of_sources": 2,
        "source_article": '"Synthetic",Agency,date',
        "source_office": "Agency",
        "source_date": start,
        "source_headline": f"Fighting near {name}",
        "source_original": "local sources",
        "where_prec": wp,
        "where_coordinates": f"{name} town",
        "where_description": f"near {name}",
        "adm_1": f"{adm1} region",
        "adm_2": f"{adm2} cercle",
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})",
        "priogrid_gid": 150000 + gid % 1000,
        "country": country,
        "country_id": gw,
        "region": "Africa",
        "event_clarity": 1,
        "date_prec": dp,
        "date_start": start + ts,
        "date_end": end + ts,
        "deaths_a": 0,
        "deaths_b": best,
        "deaths_civilians": 0,
        "deaths_unknown": 0,
        "best": best,
        "high": high,
        "low": low,
        "gwnoa": gw,
        "gwnob": "",
    }
    if old:
        rec["date_start"], rec["date_end"] = start, end
    return rec


def ged() -> None:
    bad = list(GED_ROWS[0])
    for name, cols, old in (("ged_49.csv", GED49, False), ("ged_42.csv", GED42, True)):
        rows = [[_ged_record(r, old=old)[c] for c in cols] for r in GED_ROWS]
        if not old:
            b1 = _ged_record(tuple([440006, *bad[1:]]), old=old)
            b1["type_of_violence"] = 4  # line 7: unknown violence type
            b2 = _ged_record(tuple([440007, *bad[1:]]), old=old)
            b2["date_start"] = "2023-13-45"  # line 8: not a date
            rows += [[b1[c] for c in cols], [b2[c] for c in cols]]
        _write(name, cols, rows)
    features = []
    for r in GED_ROWS[:3]:
        rec = _ged_record(r, old=False)
        for key in ("id", "type_of_violence", "where_prec", "date_prec", "best", "low", "high"):
            rec[key] = int(rec[key])  # GeoJSON numbers, as in UCDP's own files
        features.append(
            {
                "type": "Feature",
                "properties": rec,
                "geometry": {"type": "Point", "coordinates": [rec["longitude"], rec["latitude"]]},
            }
        )
    (HERE / "ged.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, indent=1), encoding="utf-8"
    )


# id, day, actor1 (name, CAMEO country), actor2, event code, geo type, full name, FIPS, adm1, lat, lon
GDELT_ROWS = [
    (
        1100000001,
        "20240725",
        ("MALI", "MLI"),
        ("REBEL", ""),
        "190",
        4,
        "Gao, Gao, Mali",
        "ML",
        "ML07",
        16.2719,
        -0.0444,
    ),
    (
        1100000002,
        "20240726",
        ("NIGER", "NER"),
        ("ALGERIA", "DZA"),
        "042",
        4,
        "Niamey, Niamey, Niger",
        "NG",
        "NG08",
        13.5137,
        2.1098,
    ),
    (
        1100000003,
        "20240727",
        ("BURKINA FASO", "BFA"),
        ("RUSSIA", "RUS"),
        "041",
        1,
        "Burkina Faso",
        "UV",
        "UV",
        12.5,
        -1.6667,
    ),
    (
        1100000004,
        "20240728",
        ("ALGERIA", "DZA"),
        ("MALI", "MLI"),
        "111",
        4,
        "Tamanrasset, Tamanrasset, Algeria",
        "AG",
        "AG53",
        22.785,
        5.5228,
    ),
    (
        1100000005,
        "20240729",
        ("NIGERIA", "NGA"),
        ("", ""),
        "1451",
        4,
        "Kano, Kano, Nigeria",
        "NI",
        "NI23",
        12.0001,
        8.5167,
    ),
    (
        1100000006,
        "20240730",
        ("MILITANT", ""),
        ("CIVILIAN", ""),
        "183",
        5,
        "Tillaberi, Niger",
        "NG",
        "NG06",
        14.2,
        1.45,
    ),
    (
        1100000007,
        "20240731",
        ("MALI", "MLI"),
        ("", ""),
        "057",
        4,
        "Bamako, Bamako, Mali",
        "ML",
        "ML08",
        12.65,
        -8.0,
    ),
    (1100000008, "20240801", ("MALI", "MLI"), ("", ""), "0874", 0, "", "", "", "", ""),
]


def _gdelt_row(gid, day, a1, a2, code, gtype, full, fips, adm1, lat, lon) -> list[object]:
    row: list[object] = [""] * 61
    row[0], row[1], row[2], row[3] = gid, day, day[:6], day[:4]
    row[4] = f"{day[:4]}.{int(day[4:6]) * 8:04d}"
    row[5], row[6], row[7] = a1[1], a1[0], a1[1]
    row[15], row[16], row[17] = a2[1], a2[0], a2[1]
    row[25] = 1
    row[26], row[27], row[28] = code, code[:3], code[:2]
    row[29] = 4 if code[:2] in ("18", "19", "20") else 1
    row[30], row[31], row[32], row[33], row[34] = -10.0, 10, 1, 10, -5.2
    row[51], row[52], row[53], row[54] = gtype, full, fips, adm1
    row[56], row[57] = lat, lon
    row[58] = f"-{gid % 100000}" if gtype else ""
    row[59] = day + "150000"
    row[60] = f"https://www.example.org/news/{gid}"
    return row


def gdelt() -> None:
    rows = [_gdelt_row(*r) for r in GDELT_ROWS]
    rows.append(
        _gdelt_row(
            1100000009,
            "20241345",
            ("MALI", "MLI"),
            ("", ""),
            "190",
            4,
            "Gao, Gao, Mali",
            "ML",
            "ML07",
            16.27,
            -0.04,
        )
    )  # line 9: bad Day
    rows.append(
        _gdelt_row(
            1100000010,
            "20240802",
            ("MALI", "MLI"),
            ("", ""),
            "190",
            4,
            "Gao, Gao, Mali",
            "ML",
            "ML07",
            "north",
            -0.04,
        )
    )  # line 10: bad lat
    with (HERE / "gdelt_events.CSV").open("w", encoding="utf-8", newline="") as fh:
        for row in rows:
            fh.write("\t".join(str(v) for v in row) + "\n")


if __name__ == "__main__":
    acled_current()
    acled_2019()
    acled_pre2019()
    acled_reduced()
    acled_nocoords()
    acled_bad()
    ged()
    gdelt()
