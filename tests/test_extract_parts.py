"""Small parts of extraction: language, fatalities, actors, text preparation."""

from __future__ import annotations

import pytest

from geoevents.errors import SourceFormatError
from geoevents.extract.actors import find_actors
from geoevents.extract.fatalities import find_fatalities
from geoevents.extract.lang import detect_language
from geoevents.extract.text import dateline_spans, decode, paragraphs, prepare


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Des hommes armés ont attaqué le village dans la nuit de samedi à dimanche.", "fr"),
        ("Gunmen attacked the village overnight, the army said in a statement.", "en"),
        ("Le président malien a reçu son homologue nigérien à Bamako.", "fr"),
        ("Mali's president received his Nigerien counterpart in Bamako on Thursday.", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("L'attaque a fait 84 morts parmi les mercenaires.", 84),
        ("84 mercenaires ont été tués", 84),
        ("une cinquantaine de personnes ont été tuées", 50),
        ("Dozens dead after clashes", 12),
        ("gunmen attacked villages, killing at least 137", 137),
        ("trois personnes sont mortes lors des manifestations", 3),
        ("the toll rose to 160", None),
        ("deux morts et 18 blessés", 2),
        ("18 blessés", None),
        ("in 2021, soldiers were deployed", None),
    ],
)
def test_fatalities(sentence, n):
    assert find_fatalities(sentence) == n


def test_actor_aliases_and_acronyms():
    names = [
        e.canonical for _, _, e in find_actors("Le GSIM et l'EIGS ont affronté les FAMa et Wagner.")
    ]
    assert names == ["JNIM", "ISGS", "FAMa", "Wagner Group"]
    assert find_actors("Un fan du club de Bamako") == []  # "FAN" only in capitals


def test_decode_rejects_non_utf8_with_line():
    with pytest.raises(SourceFormatError, match=r"bad\.txt:2: not UTF-8"):
        decode("ligne une\nligne d\xe9ux".encode("latin-1"), name="bad.txt")
    assert decode("\ufeffbonjour".encode()) == "bonjour"


def test_prepare_strips_html_and_caps_size():
    html = "<html><head><script>var x=1;</script></head><body><p>Titre</p><p>Des combats &agrave; Gao.</p></body></html>"
    text = prepare(html)
    assert "var x" not in text
    assert "Des combats à Gao." in text
    big = "Un paragraphe sans intérêt.\n\n" * 20000
    assert len(prepare(big)) <= 100_000


def test_paragraphs_and_datelines():
    text = "Titre de l'article\n\nBAMAKO, Mar 30 – Des rebelles ont pris Kidal.\n\nSuite."
    paras = paragraphs(text)
    assert [p for _, p in paras] == [
        "Titre de l'article",
        "BAMAKO, Mar 30 – Des rebelles ont pris Kidal.",
        "Suite.",
    ]
    ((a, b),) = dateline_spans(paras)
    assert text[a:b].strip().startswith("BAMAKO, Mar 30")
    assert "Kidal" not in text[a:b]


@pytest.mark.parametrize(
    ("para", "dateline"),
    [
        ("BAMAKO, Jan. 26, 2024 – Mali's military government said", "BAMAKO, Jan. 26, 2024 –"),
        ("MOSCOW/BAMAKO, Aug. 2, 2024 – Russian Foreign Minister", "MOSCOW/BAMAKO, Aug. 2, 2024 –"),
        ("PARIS/BAMAKO, 11 janvier 2013 – La France", "PARIS/BAMAKO, 11 janvier 2013 –"),
        ("Ouagadougou, 27 août 2024 – Des hommes armés", "Ouagadougou, 27 août 2024 –"),
        (
            "N'Djamena, Tchad (Top News Africa) – Le gouvernement",
            "N'Djamena, Tchad (Top News Africa) –",
        ),
        ("NIAMEY (AFP) - Des manifestants", "NIAMEY (AFP) -"),
        ("UNITED NATIONS, June 30, 2023 – The Security Council", "UNITED NATIONS, June 30, 2023 –"),
        # a capitalised word before a hyphen, or a clause before a dash, is no dateline
        ("Mali-Algérie : la crise diplomatique s'aggrave", None),
        ("L'état-major a annoncé la mort de dix soldats", None),
        ("Sixty-four people were killed", None),
        ("The leaders also accepted a 24-month transition", None),
        ("Selon lui, la situation - déjà tendue - empire", None),
    ],
)
def test_dateline_shapes(para, dateline):
    text = "Titre\n\n" + para
    spans = dateline_spans(paragraphs(text))
    assert [text[a:b].strip() for a, b in spans] == ([dateline] if dateline else [])


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (["Lavrov s’"], ["Lavrov"]),
        (["Sergey Lavrov", "Sergueï Lavrov", "Lavrov s’"], ["Sergey Lavrov"]),
        (["qu'Abdoulaye Diop", "Abdoulaye Diop"], ["Abdoulaye Diop"]),
        (["Anadolu", "AFP", "Assimi Goïta", "Assimi Goita"], ["Assimi Goïta"]),
        (["Abdoulaye Diop", "Sergueï Lavrov"], ["Abdoulaye Diop", "Sergueï Lavrov"]),
        (["Vladimir Putin", "Vladimir Poutine", "Lundi"], ["Vladimir Putin"]),
    ],
)
def test_actor_names_are_cleaned_and_deduplicated(found, expected):
    from geoevents.extract.actors import add_name

    names: list[str] = []
    for n in found:
        add_name(names, n)
    assert names == expected
