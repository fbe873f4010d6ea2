"""The geocoding package is a one-way stack, and its candidates are typed records."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import geoevents
from geoevents.gazetteer import load_gazetteer
from geoevents.geocoding import candidates
from geoevents.geocoding.candidates import Candidate, Ranked
from geoevents.geocoding.context import Context
from geoevents.geocoding.rank import rank

PACKAGE = Path(geoevents.__file__).parent
GEOCODING = PACKAGE / "geocoding"
#: The layers, bottom first: each may import only those before it.
LAYERS = (
    "regions",
    "distance",
    "names",
    "index",
    "files",
    "candidates",
    "context",
    "rank",
    "match",
    "phrases",
    "api",
    "geopy_adapter",
    "geonames",
)
#: The rest of geoevents a layer may use: the records and the errors.
OUTSIDE_ALLOWED = frozenset({"geoevents.models", "geoevents.errors"})
#: The modules the code came from: they only re-export the package's names.
SHIMS = ("gazetteer", "geocode", "_context", "_text", "geonames", "geopy_geocoder")


def imported(path: Path) -> set[str]:
    """Return the geoevents modules ``path`` imports (at any depth, TYPE_CHECKING blocks too)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "geoevents.geocoding":  # "from geoevents.geocoding import candidates"
                out |= {f"geoevents.geocoding.{a.name}" for a in node.names}
            elif node.module.startswith("geoevents"):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("geoevents")}
    return out


def test_every_module_of_the_package_is_a_layer():
    found = {p.stem for p in GEOCODING.glob("*.py")} - {"__init__"}
    assert found == set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(layer):
    below = {f"geoevents.geocoding.{m}" for m in LAYERS[: LAYERS.index(layer)]}
    for module in imported(GEOCODING / f"{layer}.py"):
        if module.startswith("geoevents.geocoding."):
            assert module in below, f"{layer} imports {module}, which is not below it"
        else:
            assert module in OUTSIDE_ALLOWED, f"{layer} imports {module}, outside the package"


def test_the_package_init_imports_only_the_tables():
    assert imported(GEOCODING / "__init__.py") <= {
        "geoevents.geocoding.regions",
        "geoevents.geocoding.distance",
    }


@pytest.mark.parametrize("shim", SHIMS)
def test_the_old_modules_only_re_export(shim):
    tree = ast.parse((PACKAGE / f"{shim}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            assert node.module is not None
            assert node.module == "__future__" or node.module.startswith("geoevents.geocoding.")
        else:
            # a docstring, __all__, or an alias of an imported name
            assert isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign)), ast.dump(node)


def test_no_layer_imports_an_old_module():
    old = {f"geoevents.{s}" for s in SHIMS}
    for path in GEOCODING.glob("*.py"):
        assert not imported(path) & old, path.name


def test_the_old_names_are_the_new_objects():
    from geoevents import gazetteer, geonames, geopy_geocoder
    from geoevents.geocoding import api, geopy_adapter, index, phrases
    from geoevents.geocoding import geonames as new_geonames

    geocode = importlib.import_module("geoevents.geocode")  # the package's `geocode` is a function

    assert gazetteer.Gazetteer is api.Gazetteer
    assert issubclass(api.Gazetteer, index.GazetteerIndex)
    assert gazetteer.load_gazetteer is api.load_gazetteer
    assert geocode.resolve is api.resolve
    assert geocode.between_places is phrases.between_places
    assert geonames.build_extended is new_geonames.build_extended
    assert geopy_geocoder.SahelGazetteer is geopy_adapter.SahelGazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_lookups_give_typed_candidates(gaz):
    found = candidates.exact(gaz, "Gao")
    assert found
    assert all(type(c) is Candidate for c in found)
    best = max(found, key=lambda c: c.name_score)
    assert best.name_score == 1.0
    assert gaz.places[best.row].name == "Gao"
    assert all(type(c) is Candidate for c in candidates.lookup(gaz, "Tinzawatenne"))
    assert all(type(c) is Candidate for c in candidates.near(gaz, "Tinzawatene", countries={"ML"}))


def test_ranking_gives_typed_ranked_records_best_first(gaz):
    ctx = Context(gaz, "Des combats au Mali.", ("ML",), (), "gao")
    ranked = rank(gaz, candidates.exact(gaz, "Gao"), ctx)
    assert ranked
    assert all(type(r) is Ranked for r in ranked)
    assert [r.total for r in ranked] == sorted((r.total for r in ranked), reverse=True)
    top = gaz.places[ranked[0].row]
    assert (top.name, top.country) == ("Gao", "ML")


def test_phrases_are_read_by_a_table_of_steps():
    from geoevents.geocoding.phrases import STEPS

    names = [s.__name__ for s in STEPS]
    assert len(names) == len(set(names)) >= 10
    assert names[0] == "_admin_unit"
    assert names[-1] == "_settlement"


#: Phrases of every kind the steps read, and some they do not.
PHRASES = (
    "30 km au nord de Gao",
    "à 50 km au sud-est de Niamey",
    "30km au nord de Gao",
    "à une trentaine de km à l'ouest de Mopti",
    "some 40 miles north of Timbuktu",
    "a 120 km de Tombouctou",
    "2000 km au nord de Gao",
    "près de Gao",
    "non loin de Ménaka",
    "in the outskirts of Bamako",
    "not far from Kidal",
    "on the road to Gao",
    "aux environs de Djibo",
    "région de Kidal",
    "Kidal region",
    "province du Soum",
    "cercle de Koro",
    "communes de Boni",
    "le nord du Mali",
    "northern Mali",
    "north western Niger",
    "centre du Burkina",
    "le nord malien",
    "entre Boni et Hombori",
    "l'axe Gao-Ansongo",
    "axe Gao Ansongo",
    "the road Gao / Ansongo",
    "la frontière algérienne",
    "the Niger-Burkina border",
    "fleuve Niger",
    "lac Tchad",
    "aéroport de Gao",
    "forêt de Fina",
    "village de Boni",
    "the town of Ber",
    "Ber town",
    "Gao",
    "market",
    "le Liptako nigérien",
)


def test_phrase_steps_skipped_by_their_words_could_not_read_the_phrase(gaz):
    from geoevents.geocoding.context import bare_context
    from geoevents.geocoding.names import fold
    from geoevents.geocoding.phrases import DIGIT, LEAD, STEP_WORDS, STEPS

    ctx = bare_context()
    skipped = 0
    for text in PHRASES:
        q = fold(text)
        core = LEAD.sub("", q).strip() or q
        words = set(q.split())
        numeric = bool(DIGIT.search(q)) or any(w in q for w in ("dizaine", "trentaine"))
        for step in STEPS:
            need = STEP_WORDS.get(step)
            if need is None or (not need.isdisjoint(words) if need else numeric):
                continue
            skipped += 1
            assert step(gaz, text, q, core, ctx) is None, (step.__name__, text)
    assert skipped > len(PHRASES)


def test_bare_exact_names_answer_as_the_general_path(gaz):
    from geoevents.geocoding.context import bare_context
    from geoevents.geocoding.match import resolve_exact, resolve_name
    from geoevents.geocoding.names import fold, key

    ctx = Context(gaz, None, (), (), "")  # empty, but not the shared instance: the general path
    assert ctx is not bare_context()
    answered = 0
    for name in ("Ouagadougou", "Kidal", "Bamako", "Niamey", "Tillabéri", "Mali", "Douentza"):
        q = fold(name)
        fast = resolve_exact(gaz, name, key(q))
        if fast is not None:
            answered += 1
            assert fast == resolve_name(gaz, name, q, q, ctx)
    assert answered >= 6
    assert resolve_exact(gaz, "Tinzawatenne", key("Tinzawatenne")) is None  # a variant spelling
