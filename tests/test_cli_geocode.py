"""``geoevents geocode`` and ``geoevents gazetteer build|search|info`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.gazetteer import load_gazetteer

MINI = Path(__file__).resolve().parent / "data" / "gazetteer_mini.tsv"
CONTRACT_KEYS = {
    "name",
    "country",
    "admin1",
    "kind",
    "lat",
    "lon",
    "geo_precision",
    "score",
    "place_id",
    "source",
}


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_geocode_names_contract_shape() -> None:
    res = _run("geocode", "Tin-Zaouatene", "région de Kidal", "zzqxw")
    assert res.exit_code == 0, res.output
    rows = _lines(res.stdout)
    assert [r["query"] for r in rows] == ["Tin-Zaouatene", "région de Kidal", "zzqxw"]
    m = rows[0]["match"]
    assert (
        set(m) >= CONTRACT_KEYS
        and m["country"] == "ML"
        and m["kind"] == "town"
        and m["geo_precision"] == 1
    )
    assert abs(m["lat"] - 19.9486) < 0.1 and abs(m["lon"] - 2.9678) < 0.1
    assert rows[1]["match"]["kind"] == "region" and rows[1]["match"]["geo_precision"] == 3
    assert rows[2]["match"] is None and isinstance(rows[2]["candidates"], int)


def test_geocode_file_jsonl_and_text(tmp_path: Path) -> None:
    q = tmp_path / "q.jsonl"
    q.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {
                    "query": "Léré",
                    "context": "Léré, dans le Mayo-Kebbi Ouest, a accueilli la délégation tchadienne.",
                },
                {
                    "query": "Léré",
                    "context": "Le camp de Léré, dans la région de Tombouctou, a été attaqué.",
                },
                {"query": "Gao", "country": "BF"},
                {"query": ""},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    rows = _lines(_run("geocode", "--file", str(q)).stdout)
    assert [r["match"]["country"] if r["match"] else None for r in rows] == ["TD", "ML", "BF", None]
    t = tmp_path / "q.txt"
    t.write_text("Niamey\nOuaga\n\nTombouctou\n", encoding="utf-8")
    rows = _lines(_run("geocode", "--file", str(t)).stdout)
    assert [r["match"]["country"] for r in rows] == ["NE", "BF", "ML"]


def test_geocode_geometry_flag() -> None:
    rows = _lines(
        _run(
            "geocode", "--geometry", "--context", "des soldats maliens", "la frontière algérienne"
        ).stdout
    )
    m = rows[0]["match"]
    assert m["kind"] == "border" and m["geometry"]["type"] in ("LineString", "MultiLineString")


def test_geocode_bad_file_names_line(tmp_path: Path) -> None:
    q = tmp_path / "bad.jsonl"
    q.write_text('{"query": "Gao"}\n{"query": \n', encoding="utf-8")
    res = CliRunner().invoke(main, ["geocode", "--file", str(q)])
    assert res.exit_code == 1 and "bad.jsonl:2" in res.output


def test_unknown_country_codes_are_named(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["geocode", "--country", "ZZ", "Gao"])
    assert res.exit_code == 1 and "'ZZ'" in res.output and len(res.output.strip().splitlines()) == 1
    q = tmp_path / "q.jsonl"
    q.write_text(
        '{"query": "Gao", "country": "ml"}\n{"query": "Gao", "country": "QQ"}\n', encoding="utf-8"
    )
    res = CliRunner().invoke(main, ["geocode", "--file", str(q)])
    assert res.exit_code == 1 and "q.jsonl:2" in res.output and "'QQ'" in res.output
    ok = _lines(_run("geocode", "--country", "bf", "Gao").stdout)
    assert ok[0]["match"]["country"] == "BF"  # lower case is fine


def test_broken_gazetteer_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "g.tsv"
    bad.write_text(MINI.read_text(encoding="utf-8") + "x\ty\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["geocode", "--gazetteer", str(bad), "Gao"])
    assert res.exit_code == 1 and f"{bad}:" in res.output and "Traceback" not in res.output


def test_search_and_info() -> None:
    res = _run("gazetteer", "search", "Koro", "--limit", "5")
    assert res.exit_code == 0 and res.stdout.count("\n") == 5 and "Koro" in res.stdout
    info = json.loads(_run("gazetteer", "info").stdout)
    assert info["places"] > 10000 and "version" in info


def test_build_with_geonames_dumps(shared: Path, tmp_path: Path) -> None:
    dumps = shared / "data" / "geonames"
    sub = tmp_path / "ML-part.txt"
    # a slice of the Mali dump: the first 3000 rows plus the rows naming Thy and Solna-like places
    lines = (dumps / "ML.txt").read_text(encoding="utf-8").splitlines()
    keep = lines[:3000] + [ln for ln in lines if ln.split("\t")[1] in ("Thy", "Bapho", "Dèmbéré")]
    sub.write_text("\n".join(keep) + "\n", encoding="utf-8")
    out = tmp_path / "ext.tsv.gz"
    res = _run(
        "gazetteer", "build", "--geonames", str(sub), str(dumps / "MR.txt"), "--out", str(out)
    )
    assert res.exit_code == 0, res.output
    assert out.is_file() and (tmp_path / "ext.tsv.gz.idx").is_file()
    # "Thy": three letters, a village: a name only with its country hint
    rows = _lines(
        _run("geocode", "--gazetteer", str(out), "--country", "ML", "Thy", "Tinzaouatene").stdout
    )
    assert rows[0]["match"]["country"] == "ML" and rows[0]["match"]["source"] == "geonames"
    assert rows[1]["match"]["place_id"] == "curated:tinzaouaten"  # the bundled rows are kept
    gaz = load_gazetteer(out)
    # the bundled gazetteer holds every Mali and Mauritania place already: the dumps add names only
    assert gaz.info()["places"] >= load_gazetteer().info()["places"]


def test_build_rejects_a_broken_dump(tmp_path: Path) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("1\tA\tA\t\t1.0\t1.0\tP\tPPL\tML\n", encoding="utf-8")
    res = CliRunner().invoke(
        main, ["gazetteer", "build", "--geonames", str(bad), "--out", str(tmp_path / "o.tsv")]
    )
    assert res.exit_code == 1 and "XX.txt:1" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["geocode", "--help"],
        ["gazetteer", "build", "--help"],
        ["gazetteer", "search", "--help"],
        ["gazetteer", "info", "--help"],
    ],
)
def test_help(args: list[str]) -> None:
    assert _run(*args).exit_code == 0


def test_geocode_bad_input_is_null_not_a_crash(tmp_path: Path) -> None:
    q = tmp_path / "odd.txt"
    q.write_text(
        "\n".join(["x" * 10_000, "T}º", "p[a", "!!!???", "qzxwvkjq", "Gao"]) + "\n",
        encoding="utf-8",
    )
    res = _run("geocode", "--file", str(q))
    assert res.exit_code == 0
    rows = _lines(res.stdout)
    assert [r["match"] is None for r in rows] == [True, True, True, True, True, False]


def test_explain_shows_candidates_and_why_one_won() -> None:
    res = _run("geocode", "--explain", "--country", "ML", "Bamba (Koro, Mopti)")
    assert res.exit_code == 0, res.output
    row = _lines(res.stdout)[0]
    won, cands = row["match"], row["explain"]
    assert len(cands) >= 3 and all(c["country"] == "ML" for c in cands)  # the hint filters
    assert (cands[0]["place_id"], won["place_id"]) == ("geonames:2460583", "geonames:2460583")
    assert cands[0]["terms"]["in the named admin unit"] > 0 and cands[0]["admin_code"].startswith(
        "ML.04"
    )
    assert cands[0]["total"] >= max(c["total"] for c in cands[1:])
    assert abs(sum(cands[0]["terms"].values()) - cands[0]["total"]) < 0.01


def test_info_states_the_geonames_attribution() -> None:
    info = json.loads(_run("gazetteer", "info").stdout)
    assert "GeoNames (geonames.org)" in info["licence"] and "CC BY 4.0" in info["licence"]
    assert info["places"] > 100_000
