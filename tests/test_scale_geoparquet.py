"""Partitioned GeoParquet datasets: written atomically, read like the store they came from."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from geoevents import ConfigError, Event, open_store
from geoevents.errors import StoreError
from geoevents.report import store_sources
from geoevents.scale import open_source
from geoevents.scale.geoparquet import MANIFEST, export_dataset, open_dataset, read_manifest
from geoevents.store import EventFilter

TOWNS = [  # (name, country, lon, lat)
    ("Gao", "ML", -0.0446, 16.2717),
    ("Kidal", "ML", 1.4078, 18.4411),
    ("Djibo", "BF", -1.6306, 14.1022),
    ("Niamey", "NE", 2.1098, 13.5137),
    ("Diffa", "NE", 12.6113, 13.3154),
    ("Nowhere", None, 5.0, 20.0),
]


def make_events(n: int = 400, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        name, cc, lon, lat = rng.choice(TOWNS)
        start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        kind = rng.choice(["battle", "protest", "violence_against_civilians"])
        poly = i % 37 == 0
        events.append(
            Event(
                event_id=f"e{i:04d}",
                event_type=kind,
                sub_event_type=None,
                # some events cross New Year: they start in one year partition, end in the next
                date_start=start,
                date_end=start + dt.timedelta(days=rng.choice([0, 2, 40])) if i % 3 else None,
                time_precision="day",
                origin=rng.choice(["text", "acled"]),
                country=cc,
                location_name=name,
                lon=None if i % 53 == 0 else lon + rng.uniform(-0.6, 0.6),
                lat=None if i % 53 == 0 else lat + rng.uniform(-0.6, 0.6),
                geometry_wkt=(
                    f"POLYGON (({lon - 1} {lat - 1}, {lon + 1} {lat - 1}, {lon + 1} {lat + 1}, "
                    f"{lon - 1} {lat - 1}))"
                    if poly
                    else None
                ),
                actors=("FAMa", "JNIM")[: i % 3],
                fatalities=i % 11 if kind != "protest" else None,
                source=f"src{i % 9}.txt",
                source_url=f"https://example.org/{i % 9}",
                evidence="texte « accentué »" if i % 5 == 0 else None,
                evidence_span=(3, 9) if i % 5 == 0 else None,
                confidence=round(rng.random(), 3),
                extra={"k": str(i)} if i % 7 == 0 else {},
            )
        )
    return events


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("gpq") / "events.duckdb"
    events = make_events()
    with open_store(db_path) as store:
        store.write_events(events)
        # a second source for some events, and articles with headlines
        other = {"source": "other.txt", "source_url": "https://example.org/other"}
        store.write_events([Event(**{**_fields(e), **other}) for e in events[:50]])
        store.con.execute(
            "INSERT INTO articles (article_id, source, headline, published) "
            "SELECT 'a' || i, 'src' || i || '.txt', 'Titre ' || i, DATE '2024-01-01' + i::INTEGER "
            "FROM range(9) t(i)"
        )
    return db_path


def _fields(event: Event) -> dict[str, object]:
    return {name: getattr(event, name) for name in event.__dataclass_fields__}


@pytest.fixture(scope="module")
def dataset(store_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("gpq") / "ds"
    with open_store(store_file, read_only=True) as store:
        assert export_dataset(store, out, partition="year,country") == 400
    return out


@pytest.fixture
def own_dataset(dataset, tmp_path):
    """A copy of the dataset that a test may change."""
    return Path(shutil.copytree(dataset, tmp_path / "ds"))


def test_layout_manifest_and_geoparquet_metadata(dataset):
    manifest = read_manifest(dataset)
    assert manifest["partition"] == ["year", "country"]
    assert manifest["complete"] is True
    leaves = sorted(p.relative_to(dataset).as_posix() for p in dataset.glob("*=*/*=*"))
    assert "year=2023/country=ML" in leaves
    assert "year=2024/country=__HIVE_DEFAULT_PARTITION__" in leaves  # events with no country
    assert not list(dataset.glob(".geoevents-*"))  # no temp folder left behind
    files = list(dataset.glob("*=*/*=*/*.parquet"))
    meta = pq.read_schema(files[0]).metadata
    geo = json.loads(meta[b"geo"])
    assert geo["version"] == "1.1.0"
    assert geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    schema = pq.read_schema(files[0])
    assert schema.field("bbox").type.num_fields == 4
    assert "country" not in schema.names  # a partition column lives in the folder name
    total = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    assert total == 400


def test_row_groups_are_sorted_by_date_and_sized(store_file, tmp_path):
    out = tmp_path / "small"
    with open_store(store_file, read_only=True) as store:
        export_dataset(store, out, partition="country", row_group_rows=20)
    meta = pq.ParquetFile(next(out.glob("country=ML/*.parquet"))).metadata
    assert meta.num_row_groups > 2
    assert max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) <= 20
    idx = meta.schema.to_arrow_schema().get_field_index("date_start")
    ranges = [
        (meta.row_group(i).column(idx).statistics.min, meta.row_group(i).column(idx).statistics.max)
        for i in range(meta.num_row_groups)
    ]
    assert ranges == sorted(ranges)  # date-ordered: a date filter skips most row groups


FILTERS = [
    EventFilter(),
    EventFilter(start="2023-12-20", end="2024-01-10"),
    EventFilter(start="2024-02-01"),
    EventFilter(countries=["NE"], types=["battle"]),
    EventFilter(near=(-0.0446, 16.2717), within_km=50, start="2023-01-01", end="2023-12-31"),
    EventFilter(bbox=(1.0, 13.0, 3.0, 15.0)),
    EventFilter(intersects_wkt="POLYGON ((0 17, 3 17, 3 20, 0 20, 0 17))", origins=["acled"]),
]


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_dataset_answers_as_the_store_file(store_file, dataset, flt):
    with open_store(store_file, read_only=True) as store, open_dataset(dataset) as ds:
        want = store.events(flt)
        got = ds.events(flt)
        assert len(want) > 0 or flt == EventFilter()
        assert list(got.columns) == list(want.columns)
        assert got.drop(columns="geometry").equals(want.drop(columns="geometry"))
        assert got.geometry.geom_equals_exact(want.geometry, 0).all() or (
            got.geometry.isna().equals(want.geometry.isna())
            and got.geometry.dropna().geom_equals_exact(want.geometry.dropna(), 0).all()
        )
        ids = [str(i) for i in want["event_id"]]
        assert store_sources(ds, ids).equals(store_sources(store, ids))


def test_sql_on_the_dataset_matches_the_store(store_file, dataset):
    sql = (
        "SELECT country, count(*) AS n, sum(fatalities) AS f, count(geom) AS g, "
        "max(extra->>'k') AS k FROM events GROUP BY ALL ORDER BY ALL"
    )
    with open_store(store_file, read_only=True) as store, open_source(str(dataset)) as ds:
        assert ds.query_rows(sql).rows == store.query_rows(sql).rows
        q = "SELECT count(*) FROM event_sources"
        assert ds.query_rows(q).rows == store.query_rows(q).rows == [(450,)]


def test_pruning_reads_only_the_partitions_asked_for(dataset):
    with open_dataset(dataset) as ds:
        plan = ds.con.execute(
            "EXPLAIN ANALYZE SELECT count(*) FROM _events_raw WHERE year = 2023 AND country = 'ML'"
        ).fetchall()[0][1]
    assert "Scanning Files: 1/" in plan


def test_reexport_replaces_only_touched_partitions(store_file, own_dataset):
    dataset = own_dataset
    untouched = dataset / "year=2022" / "country=NE"
    before = {p.name: p.stat().st_mtime_ns for p in untouched.glob("*.parquet")}
    with open_store(store_file, read_only=True) as store:
        n = export_dataset(
            store,
            dataset,
            partition=["year", "country"],
            flt=EventFilter(countries=["ML"], types=["battle"]),
        )
    assert n > 0
    assert {p.name: p.stat().st_mtime_ns for p in untouched.glob("*.parquet")} == before
    with open_dataset(dataset) as ds:
        ml = ds.events(EventFilter(countries=["ML"]))
        assert set(ml["event_type"]) == {"battle"}  # ML partitions now hold what was re-exported
        assert len(ds.events(EventFilter(countries=["NE"]))) > 0
    with (
        open_store(store_file, read_only=True) as store,
        pytest.raises(ConfigError, match="partitioned by year,country"),
    ):
        export_dataset(store, dataset, partition="country")


def test_interrupted_export_never_looks_complete(own_dataset):
    dataset = own_dataset
    manifest = dataset / MANIFEST
    data = json.loads(manifest.read_text())
    data["complete"] = False  # what a crash between swapping partitions leaves
    manifest.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="incomplete"), open_dataset(dataset):
        pass


def test_not_a_dataset_and_empty_dataset(tmp_path, db_path):
    (tmp_path / "random").mkdir()
    (tmp_path / "random" / "x.txt").write_text("x")
    with (
        pytest.raises(StoreError, match="not a geoevents dataset"),
        open_dataset(tmp_path / "random"),
    ):
        pass
    with open_store(db_path) as store:
        with pytest.raises(StoreError, match="not a geoevents dataset"):
            export_dataset(store, tmp_path / "random")
        assert export_dataset(store, tmp_path / "empty") == 0
    with open_dataset(tmp_path / "empty") as ds:
        assert ds.count() == 0
        assert len(ds.events(EventFilter(bbox=(0, 0, 1, 1), start="2024-01-01"))) == 0


def test_geopandas_reads_the_dataset_folder(dataset):
    """Another GeoParquet reader (pyarrow's dataset discovery + geopandas) agrees."""
    import geopandas as gpd
    import pyarrow.dataset as pads

    # plain (not dictionary) partition columns: pyarrow cannot merge dictionaries with the
    # null partition (country=__HIVE_DEFAULT_PARTITION__)
    hive = pads.HivePartitioning.discover(infer_dictionary=False)
    gdf = gpd.read_parquet(dataset, partitioning=hive)
    assert len(gdf) == 400
    assert gdf.crs.equals("OGC:CRS84")  # lon/lat, GeoParquet's default
    assert gdf.geometry.name == "geometry"
    assert gdf["country"].isna().sum() == sum(1 for e in make_events() if e.country is None)
    row = gdf.set_index("event_id").loc["e0001"]
    assert (row.geometry.x, row.geometry.y) == (row["lon"], row["lat"])
    assert int(row["year"]) == row["date_start"].year
