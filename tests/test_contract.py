"""docs/CONTRACT.md stays true to the command line: commands, flags, choices and JSON fields.

The page is parsed, not copied: every ``geoevents ...`` line in a code block (or in an
inline code span) is walked down the click command tree, and each flag on it must be an
option of the command it names; the reverse direction checks that every command and every
option of the command line is written somewhere on the page. The JSON examples and the
event table's columns are compared with what the code emits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import click
import pytest

from geoevents.cli import main
from geoevents.extract.serialize import event_json
from geoevents.geocode import match_dict
from geoevents.importers import ImportSummary
from geoevents.models import Event, Place, Resolution
from geoevents.pipeline import IngestSummary
from geoevents.store import open_store

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "CONTRACT.md"
TEXT = CONTRACT.read_text(encoding="utf-8")
FENCED = re.findall(r"^```[a-z]*\n(.*?)^```", TEXT, flags=re.M | re.S)
INLINE = re.findall(r"(?<!`)`([^`\n]+)`(?!`)", re.sub(r"^```.*?^```", "", TEXT, flags=re.M | re.S))
#: every `word` written in backticks on the page (field and column names)
NAMED = {w for span in INLINE for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", span)}


def command_lines() -> list[str]:
    """Return every ``geoevents ...`` command line of the page, comments removed."""
    lines = [ln for block in FENCED for ln in block.splitlines()] + INLINE
    out = []
    for text in lines:
        line = text.split("  #", 1)[0].strip()
        if line.startswith("geoevents ") or line == "geoevents":
            out.append(line)
    return out


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], click.Command]:
    """Return every command of the tree by its path (the root is ``()``)."""
    found: dict[tuple[str, ...], click.Command] = {prefix: group}
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            found.update(walk(cmd, (*prefix, name)))
        else:
            found[(*prefix, name)] = cmd
    return found


TREE = walk(main)


def option_names(cmd: click.Command) -> set[str]:
    """Return the option strings of a command (``--png`` and ``--no-png`` alike)."""
    return {
        o for p in cmd.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)
    }


def option_of(cmd: click.Command, flag: str) -> click.Option | None:
    for p in cmd.params:
        if isinstance(p, click.Option) and flag in (*p.opts, *p.secondary_opts):
            return p
    return None


def parse(line: str) -> tuple[tuple[str, ...], list[tuple[str, str | None]], list[str]]:
    """Split a command line into its command path, its (flag, value) pairs and its arguments.

    ``[filters ...]`` stands for the filter options (listed on their own lines) and is
    dropped; ``--a|--b`` gives both flags; ``-vv`` is ``-v`` given twice.
    """
    line = re.sub(r"\[filters[^\]]*\]", " ", line)
    tokens = line.replace("[", " ").replace("]", " ").split()[1:]
    path: list[str] = []
    flags: list[tuple[str, str | None]] = []
    args: list[str] = []
    node: click.Command = main
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("-") and tok != "-":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            value = nxt if nxt is not None and not nxt.startswith("-") else None
            for written in tok.split("|"):
                flag = written.split("=", 1)[0]
                if re.fullmatch(r"-([a-z])\1+", flag):
                    flag = flag[:2]
                flags.append((flag, value))
        elif isinstance(node, click.Group) and tok in node.commands:
            path.append(tok)
            node = node.commands[tok]
        else:
            args.append(tok)
        i += 1
    return tuple(path), flags, args


LINES = command_lines()


def test_the_page_has_command_lines():
    assert len(LINES) >= 20, LINES


@pytest.mark.parametrize("line", LINES)
def test_every_command_and_flag_on_the_page_exists(line):
    path, flags, _ = parse(line)
    assert path in TREE, f"{line!r}: no command {' '.join(path)!r}"
    cmd = TREE[path]
    known = option_names(cmd) | option_names(main) | {"--help"}
    for flag, _ in flags:
        assert flag in known, f"{line!r}: 'geoevents {' '.join(path)}' has no option {flag}"


@pytest.mark.parametrize("line", LINES)
def test_choices_written_on_the_page_are_the_codes(line):
    """``--format a|b|c`` lists exactly the choices; a single value is one of them."""
    path, flags, args = parse(line)
    cmd = TREE[path]
    for flag, value in flags:
        opt = option_of(cmd, flag)
        if opt is None or not isinstance(opt.type, click.Choice) or value is None:
            continue
        written = set(value.split("|"))
        if len(written) > 1:
            assert written == set(opt.type.choices), f"{line!r}: {flag} choices"
        else:
            assert written <= set(opt.type.choices), f"{line!r}: {flag} {value}"
    chosen = [
        p for p in cmd.params if isinstance(p, click.Argument) and isinstance(p.type, click.Choice)
    ]
    for p, arg in zip(chosen, args, strict=False):
        assert set(arg.split("|")) <= set(p.type.choices), f"{line!r}: {arg}"
        if "|" in arg:
            assert set(arg.split("|")) == set(p.type.choices), f"{line!r}: {arg}"


def test_every_command_of_the_cli_is_on_the_page():
    written = {parse(line)[0] for line in LINES}
    leaves = [path for path, cmd in TREE.items() if not (path and isinstance(cmd, click.Group))]
    missing = [" ".join(path) for path in leaves if path not in written]
    assert not missing, f"commands missing from docs/CONTRACT.md: {missing}"


def test_every_option_of_the_cli_is_on_the_page():
    """A new flag needs a line in docs/CONTRACT.md (on a line of its own command)."""
    written: dict[tuple[str, ...], set[str]] = {}
    for line in LINES:
        path, flags, _ = parse(line)
        written.setdefault(path, set()).update(f for f, _ in flags)
    filters = {f for path, fl in written.items() if path == ("export",) for f in fl}
    missing = []
    for path, cmd in TREE.items():
        have = written.get(path, set())
        if "[filters" in " ".join(ln for ln in LINES if parse(ln)[0] == path):
            have = have | filters
        for p in cmd.params:
            if isinstance(p, click.Option) and p.opts[-1] != "--help" and not (set(p.opts) & have):
                missing.append(f"geoevents {' '.join(path)} {p.opts[-1]}".replace("  ", " "))
    assert not missing, f"options missing from docs/CONTRACT.md: {missing}"


def json_examples() -> list[dict]:
    return [json.loads(b) for b in FENCED if b.lstrip().startswith("{")]


PLACE = Place(
    "geonames:1", "Tinzaouaten", "ML", "town", 2.96778, 19.94861, "Kidal", 1, 0, "GeoNames"
)


def test_geocode_example_fields_are_the_codes():
    (example,) = [e for e in json_examples() if "query" in e]
    emitted = match_dict(Resolution("Tin-Zaouatene", PLACE, 0.97, (PLACE,), "exact"))
    assert set(example) == {"query", "match", "candidates"}
    assert set(example["match"]) <= set(emitted)
    assert set(emitted) <= NAMED | set(example["match"]), "match fields not on the page"


def test_extract_example_fields_are_the_codes():
    (example,) = [e for e in json_examples() if "event_type" in e]
    event = Event(
        "txt:1",
        "battle",
        "armed_clash",
        dt.date(2024, 7, 25),
        dt.date(2024, 7, 27),
        "day",
        "text",
        country="ML",
        location_name="Tinzaouaten",
        lat=19.9,
        lon=2.9,
        place_id="geonames:1",
    )
    emitted = event_json(event)
    assert set(example) <= set(emitted)
    assert set(example["location"]) <= set(emitted["location"])
    assert set(emitted) | set(emitted["location"]) <= NAMED | set(example) | set(
        example["location"]
    )


def test_summary_fields_are_on_the_page():
    imported = {*ImportSummary("f.csv", "acled").as_dict(), "errors"}
    ingested = {f.name for f in dataclasses.fields(IngestSummary)}
    assert imported | ingested <= NAMED


def test_event_table_columns_are_the_stores():
    said = re.search(r"The table `events`\s+has at least:(.*?)\. ", TEXT, flags=re.S)
    assert said, "the sentence naming the events table's columns is gone"
    required = set(re.findall(r"`([a-z_0-9]+)`", said.group(1))) - {
        "text",
        "acled",
        "ucdp",
        "gdelt",
    }
    with open_store() as store:
        columns = {
            r[0]
            for r in store.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'"
            ).fetchall()
        }
    assert required <= columns
    assert columns <= NAMED, f"columns not on the page: {sorted(columns - NAMED)}"
