"""``geoevents geocode`` and ``geoevents gazetteer build|search|info``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from geoevents.cli import main
from geoevents.errors import ConfigError, SourceFormatError
from geoevents.filters import check_country

if TYPE_CHECKING:
    from geoevents.models import Resolution

_GAZ_HELP = "Gazetteer file (default: the bundled one; see `geoevents gazetteer build`)."


def _match_json(res: Resolution, *, geometry: bool) -> dict[str, object] | None:
    from geoevents.geocode import match_dict

    return match_dict(res, geometry=geometry)


def _read_queries(path: str) -> list[tuple[str, str | None, list[str]]]:
    """Read QUERIES: plain text (one name a line) or JSON Lines with query/context/country."""
    out = []
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
    with stream:
        for n, line in enumerate(stream, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            if line.lstrip().startswith("{"):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SourceFormatError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
                q = obj.get("query") if isinstance(obj, dict) else None
                if not isinstance(q, str):
                    raise SourceFormatError(f'{path}:{n}: JSON line has no string "query" field')
                ctx = obj.get("context")
                cc = obj.get("country") or []
                try:
                    ccs = [check_country(c) for c in ([cc] if isinstance(cc, str) else cc)]
                except (ConfigError, TypeError) as exc:
                    raise SourceFormatError(f"{path}:{n}: {exc}") from None
                out.append((q, ctx if isinstance(ctx, str) else None, ccs))
            else:
                out.append((line.strip(), None, []))
    return out


@main.command()
@click.option(
    "--gazetteer", "gaz_path", type=click.Path(exists=True, dir_okay=False), help=_GAZ_HELP
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CC",
    help="Expected country (ISO2), repeatable.",
)
@click.option("--context", help="The sentence the names come from (helps disambiguation).")
@click.option(
    "--file",
    "file_",
    type=click.Path(allow_dash=True, dir_okay=False),
    help='QUERIES: one name a line, or JSON Lines {"query", "context", "country"}; - for stdin.',
)
@click.option(
    "--geometry",
    is_flag=True,
    help="Add the full geometry (GeoJSON) of regions, borders and areas.",
)
@click.option(
    "--explain",
    is_flag=True,
    help='Add "explain": the ranked candidates and the terms of each one\'s score (why one won).',
)
@click.argument("names", nargs=-1)
def geocode(
    gaz_path: str | None,
    countries: tuple[str, ...],
    context: str | None,
    file_: str | None,
    geometry: bool,
    explain: bool,
    names: tuple[str, ...],
) -> None:
    """Resolve place names (or phrases like "près de Gao") to places; one JSON object per query.

    Example: geoevents geocode Tin-Zaouatene "région de Kidal" "à 50 km au nord de Gao"
    """
    from geoevents.gazetteer import load_gazetteer

    if not names and not file_:
        raise click.UsageError("give NAME arguments or --file QUERIES")
    if file_ and not (file_ == "-" or Path(file_).is_file()):
        raise click.BadParameter(f"{file_!r} is not a file", param_hint="--file")
    countries = tuple(check_country(c) for c in countries)
    jobs = [(n, context, list(countries)) for n in names]
    if file_:
        queries = _read_queries(file_)
        if not queries and not names:
            shown = "standard input" if file_ == "-" else repr(file_)
            raise SourceFormatError(f"no query in {shown}: the file is empty")
        jobs += [(q, c or context, cc or list(countries)) for q, c, cc in queries]
    gaz = load_gazetteer(gaz_path)
    lines = []
    for q, ctx, ccs in jobs:
        res = gaz.resolve(q, context=ctx, countries=ccs)
        rec = {
            "query": q,
            "match": _match_json(res, geometry=geometry),
            "candidates": len(res.candidates),
        }
        if explain:
            rec["explain"] = gaz.explain(q, context=ctx, countries=ccs)["candidates"]
        lines.append(json.dumps(rec, ensure_ascii=False))
    click.echo("\n".join(lines))


@main.group()
def gazetteer() -> None:
    """Look into the gazetteer, or build an extended one from GeoNames country dumps.

    Example: geoevents gazetteer search Tinzaouatene
    """


@gazetteer.command("build")
@click.option(
    "--geonames",
    "dumps",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A GeoNames country dump (ML.txt ...); repeatable, or several after one flag.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Gazetteer file to write (.tsv or .tsv.gz).",
)
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False),
    help="Gazetteer to extend (default: bundled).",
)
@click.argument("more_dumps", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def gazetteer_build(
    dumps: tuple[str, ...], out: str, base: str | None, more_dumps: tuple[str, ...]
) -> None:
    """Build an extended gazetteer: the bundled one plus GeoNames country dumps.

    Example: geoevents gazetteer build --geonames ML.txt BF.txt NE.txt --out sahel-full.tsv.gz
    """
    from geoevents.geonames import build_extended

    stats = build_extended([*dumps, *more_dumps], out, base=base)
    click.echo(
        f"wrote {out}: {stats['places']} places ({stats['added']} from GeoNames dumps, "
        f"{stats['merged']} merged into existing places)",
        err=True,
    )


@gazetteer.command("search")
@click.option(
    "--gazetteer", "gaz_path", type=click.Path(exists=True, dir_okay=False), help=_GAZ_HELP
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
@click.argument("name")
def gazetteer_search(gaz_path: str | None, limit: int, as_json: bool, name: str) -> None:
    """Show the ranked candidates for NAME.

    Example: geoevents gazetteer search Koro
    """
    from geoevents.gazetteer import load_gazetteer

    gaz = load_gazetteer(gaz_path)
    res = gaz.search(name, limit=limit)
    if not res:
        click.echo(f"no candidate for {name!r}", err=True)
    for n, r in enumerate(res, 1):
        p = r.place
        if p is None:  # search() lists places only
            continue
        if as_json:
            click.echo(
                json.dumps(
                    {"rank": n, **(_match_json(r, geometry=False) or {})}, ensure_ascii=False
                )
            )
        else:
            click.echo(
                f"{n:>2}. {p.name} [{p.kind}] {p.country or '--'} {p.admin1 or ''}  "
                f"({p.lat:.4f}, {p.lon:.4f})  score={r.score:.2f}  {p.place_id}"
            )


@gazetteer.command("info")
@click.option(
    "--gazetteer", "gaz_path", type=click.Path(exists=True, dir_okay=False), help=_GAZ_HELP
)
def gazetteer_info(gaz_path: str | None) -> None:
    """Print the gazetteer's sources, counts and version as JSON.

    Example: geoevents gazetteer info
    """
    from geoevents.gazetteer import index_cache_path, load_gazetteer

    gaz = load_gazetteer(gaz_path)
    info: dict[str, object] = gaz.info()
    if gaz.path is not None:
        idx = index_cache_path(gaz.path)
        info["index_cache"] = {"path": str(idx), "exists": idx.is_file()}
    click.echo(json.dumps(info, ensure_ascii=False, indent=2))
