"""extract_events on short constructed dispatches, with the real spaCy models and bundled gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from geoevents.extract import extract_events
from geoevents.extract.serialize import event_json
from geoevents.gazetteer import load_gazetteer

PUB = dt.date(2024, 8, 2)  # a Friday


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def run(text, gaz, pub=PUB, **kw):
    return extract_events(text, published=pub, gazetteer=gaz, **kw)


def test_battle_with_enumerated_days_and_place(gaz):
    text = (
        "Combats dans le nord du Mali\n\n"
        "Des affrontements ont opposé l'armée malienne aux rebelles du CSP-DPA les 25, 26 et 27 juillet "
        "dernier à Kidal, selon une source sécuritaire."
    )
    (ev,) = [e for e in run(text, gaz) if e.event_type == "battle"]
    assert (ev.date_start, ev.date_end, ev.time_precision) == (
        dt.date(2024, 7, 25),
        dt.date(2024, 7, 27),
        "day",
    )
    assert ev.location_name == "Kidal"
    assert ev.country == "ML"
    assert "CSP-DPA" in ev.actors
    assert "FAMa" in ev.actors
    assert text[ev.evidence_span[0] : ev.evidence_span[1]].strip() == ev.evidence


def test_weekday_resolves_before_publication_and_call_has_participants(gaz):
    text = (
        "Entretien téléphonique\n\n"
        "Le président russe Vladimir Poutine s'est entretenu jeudi au téléphone avec son homologue "
        "malien Assimi Goïta, a annoncé la présidence."
    )
    calls = [
        e for e in run(text, gaz) if e.event_type == "diplomacy" and e.sub_event_type == "call"
    ]
    assert len(calls) == 1
    ev = calls[0]
    assert ev.date_start == dt.date(2024, 8, 1)
    assert set(ev.participants) >= {"RU", "ML"}
    assert ev.cameo_code == "041"
    assert ev.lon is None  # no venue stated for a call
    assert event_json(ev)["location"] is None


def test_background_negation_intention_are_not_events(gaz):
    text = (
        "Titre\n\n"
        "Pour rappel, des combats avaient opposé l'armée aux jihadistes à Gao en 2021.\n\n"
        "L'armée a démenti toute attaque contre le village de Ménaka.\n\n"
        "Les rebelles menacent d'attaquer Kidal dans les prochains jours."
    )
    assert run(text, gaz) == []


def test_english_attack_on_civilians_with_toll(gaz):
    text = (
        "Villagers killed\n\n"
        "Gunmen killed at least 12 civilians in an attack on the village of Tillia on Sunday, "
        "local officials said."
    )
    evs = [e for e in run(text, gaz) if e.event_type == "violence_against_civilians"]
    assert len(evs) == 1
    ev = evs[0]
    assert ev.date_start == dt.date(2024, 7, 28)
    assert ev.fatalities == 12
    assert ev.country == "NE"
    assert 0 < ev.confidence <= 1


def test_dateline_is_not_the_event_place(gaz):
    text = (
        "Clashes in the north\n\n"
        "BAMAKO, July 30 – Heavy fighting broke out on Monday in Kidal between the army and rebels, "
        "witnesses said."
    )
    (ev,) = [e for e in run(text, gaz) if e.event_type == "battle"]
    assert ev.location_name == "Kidal"
    assert ev.date_start == dt.date(2024, 7, 29)


def test_publication_date_from_the_text(gaz):
    text = "Title\n\nTue 23 March 2021:\n\nOn Sunday gunmen attacked the village of Tillia, killing 20 villagers."
    (ev,) = [
        e
        for e in extract_events(text, gazetteer=gaz)
        if e.event_type == "violence_against_civilians"
    ]
    assert ev.date_start == dt.date(2021, 3, 21)


def test_one_event_per_real_event(gaz):
    text = (
        "Attaque à Kidal\n\n"
        "Des hommes armés ont attaqué un camp militaire à Kidal lundi.\n\n"
        "L'attaque du camp de Kidal a été repoussée par l'armée, a indiqué le porte-parole."
    )
    evs = [e for e in run(text, gaz) if e.event_type == "battle"]
    assert len(evs) == 1


@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "Un texte sans aucun événement.\n\nIl fait beau à Paris."]
)
def test_empty_or_eventless(gaz, text):
    assert run(text, gaz) == []


def test_html_input(gaz):
    html = (
        "<html><body><h1>Combats</h1><p>Des affrontements ont opposé l'armée aux rebelles lundi "
        "à Kidal.</p></body></html>"
    )
    evs = run(html, gaz)
    assert [e.location_name for e in evs if e.event_type == "battle"] == ["Kidal"]


def test_without_gazetteer_events_have_no_place():
    text = "Titre\n\nDes affrontements ont opposé l'armée aux rebelles lundi à Kidal."
    (ev,) = extract_events(text, published=PUB)
    assert ev.event_type == "battle"
    assert ev.lon is None


def test_comparisons_hypotheticals_and_situations_are_not_events(gaz):
    text = (
        "Security in Niger\n\n"
        "It was the deadliest attack since the coup in Niamey on July 26.\n\n"
        "If the rebels attack Agadez, the army will respond.\n\n"
        "Niger is fighting armed groups that have spilled over from Mali."
    )
    assert [e for e in run(text, gaz) if e.event_type != "diplomacy"] == []


def test_list_of_towns_gives_one_event_each(gaz):
    text = (
        "Manifestations\n\n"
        "Des heurts entre manifestants et policiers ont éclaté lundi dans les villes de Kidal, Gao et "
        "Tombouctou."
    )
    names = sorted(e.location_name for e in run(text, gaz) if e.event_type in {"riot", "protest"})
    assert names == ["Gao", "Kidal", "Timbuktu"]


def test_diplomacy_never_takes_a_battle_place(gaz):
    text = (
        "Mali et Niger\n\n"
        "Des affrontements ont opposé l'armée malienne aux rebelles du CSP-DPA le 25 juillet à Kidal.\n\n"
        "Le Mali et le Niger ont signé un accord de défense le 28 juillet."
    )
    evs = run(text, gaz)
    assert [e.location_name for e in evs if e.event_type == "battle"] == ["Kidal"]
    (agr,) = [e for e in evs if e.sub_event_type == "agreement"]
    assert agr.location_name is None
    assert {"ML", "NE"} <= set(agr.participants)


def test_a_chained_date_follows_the_previous_event(gaz):
    text = (
        "Attaque à Kidal\n\n"
        "Des hommes armés ont attaqué un camp militaire à Kidal le 20 juillet.\n\n"
        "Le lendemain, une embuscade a visé un convoi de l'armée près de Gao."
    )
    dates = {
        e.location_name: e.date_start.isoformat()
        for e in run(text, gaz)
        if e.event_type == "battle"
    }
    assert dates == {"Kidal": "2024-07-20", "Gao": "2024-07-21"}


def test_meetings_of_one_host_with_different_guests_stay_apart(gaz):
    text = (
        "Diplomatie malienne\n\n"
        "Le 20 juillet, le ministre malien des Affaires étrangères Abdoulaye Diop a rencontré à Bamako "
        "l'ambassadeur de Russie, Igor Gromyko.\n\n"
        "Le même jour, Abdoulaye Diop a rencontré à Bamako le ministre nigérien Bakary Yaou Sangaré.\n\n"
        "Le 20 juillet, Abdoulaye Diop a aussi rencontré l'ambassadeur russe Igor Gromyko."
    )
    meetings = [e for e in run(text, gaz) if e.sub_event_type == "meeting"]
    assert sorted(tuple(sorted(e.participants)) for e in meetings) == [("ML", "NE"), ("ML", "RU")]
    assert all(str(e.date_start) == "2024-07-20" for e in meetings)


def test_keeping_ties_is_not_a_meeting(gaz):
    text = "Mali et Russie\n\nLundi, le ministre russe a ajouté que la Russie entretenait depuis longtemps des liens avec le Mali."
    assert [e for e in run(text, gaz) if e.sub_event_type == "meeting"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "ECOWAS summit\n\nThe heads of state of ECOWAS decided on Saturday to lift the sanctions imposed on "
                "Niger, the commission's president said in Abuja."
            ),
            [("diplomacy", "statement")],
        ),
        ("Kidal\n\nThe jihadists decided on Saturday to attack the army camp in Kidal.", []),
    ],
)
def test_a_decision_taken_is_a_political_event_not_an_attack(gaz, text, expected):
    got = [
        (e.event_type, e.sub_event_type) for e in run(text, gaz) if e.sub_event_type != "meeting"
    ]
    assert got == expected


def test_protest_blockades_and_destinations(gaz):
    fr = (
        "Manifestation à Téra\n\n"
        "Samedi, des manifestants ont bloqué un convoi de l'armée française à Téra."
    )
    assert {e.event_type for e in run(fr, gaz)} <= {"protest", "riot"}
    en = "Niger oil\n\nNiger has stopped oil exports to China, the oil minister said on Thursday."
    evs = [e for e in run(en, gaz) if e.event_type == "strategic_development"]
    assert evs and all(e.country != "CN" for e in evs)


def test_a_leaders_death_beside_a_battle_is_its_own_event(gaz):
    text = (
        "Chad\n\n"
        "N'DJAMENA, April 20 (Xinhua) -- Chadian President Idriss Deby died on Tuesday of injuries sustained "
        "last weekend on the frontline of a battle against rebels, the army spokesperson announced."
    )
    got = {
        (e.event_type, e.sub_event_type, str(e.date_start))
        for e in run(text, gaz, pub=dt.date(2021, 4, 21))
    }
    assert ("strategic_development", "other", "2021-04-20") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ber\n\nDimanche, des « tirs sporadiques » ont visé les soldats en route vers Kidal.",
            {"battle"},
        ),
        (
            "Manifestation\n\nDimanche, des manifestants ont été dispersés par des tirs de sommation à Kidal.",
            {"protest"},
        ),
        (
            "Retrait\n\nUn premier départ avait eu lieu le 3 août à Kidal, localité que l'armée dit contrôler.",
            {"strategic_development"},
        ),
    ],
)
def test_gunfire_and_departures(gaz, text, expected):
    assert {e.event_type for e in run(text, gaz)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object of an attitude or of "against" is a target, not the event's place
        (
            "Niger\n\nSamedi, des manifestants brandissaient des pancartes hostiles à la France.",
            {("protest", "NE")},
        ),
        ("Niger\n\nSamedi, des manifestants ont défilé contre la France.", {("protest", "NE")}),
        ("Niger\n\nOn Saturday, protesters rallied against France.", {("protest", "NE")}),
        # a trigger under a free-choice determiner, or in a conditional clause, is no event
        ("Niger\n\nSamedi, le gouvernement a condamné toute attaque contre les civils.", set()),
        ("Niger\n\nOn Saturday, the government condemned any attack on civilians.", set()),
        ("Niger\n\nSamedi, le ministre a déclaré que l'armée riposterait à l'embuscade.", set()),
        # the reported past conditional still tells an event
        (
            "Niger\n\nSamedi, une embuscade aurait fait dix morts parmi les soldats près de Tillabéri.",
            {("battle", "NE")},
        ),
        # a capital as the subject of a speech or decision verb is its government, not a place
        ("Niger\n\nSamedi, Bamako a condamné l'embuscade contre ses soldats.", {("battle", "NE")}),
        # ... and, as the subject, it speaks: France's condemnation (CAMEO 11, "disapprove")
        (
            "France and Niger\n\nOn Saturday, Paris condemned the ambush on its soldiers.",
            {("battle", "NE"), ("diplomacy", "FR")},
        ),
        ("Niger\n\nSamedi, une embuscade a tué dix soldats à Bamako.", {("battle", "ML")}),
    ],
)
def test_attitude_objects_generic_attacks_and_speaking_capitals(gaz, text, expected):
    got = {(e.event_type, e.country) for e in run(text, gaz)}
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the signatories of an agreement signed years ago: no signing now
        ("Mali\n\nLe 20 décembre 2023, Bamako a dénoncé des rencontres avec des mouvements signataires "
         "de l'Accord pour la paix et la réconciliation au Mali.", set()),
        ("Mali\n\nOn 20 December 2023, Bamako criticised meetings with groups that are signatories "
         "of the Algiers peace agreement.", set()),
        # signing it is an event
        ("Mali\n\nLe 20 juillet 2024, les mouvements ont signé à Bamako l'accord pour la paix avec le "
         "gouvernement malien et l'Algérie.", {("diplomacy", "agreement")}),
    ],
)  # fmt: skip
def test_signatories_are_not_a_signing(gaz, text, expected):
    got = {
        (e.event_type, e.sub_event_type) for e in run(text, gaz) if e.sub_event_type == "agreement"
    }
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a town placed inside its region: the town, not the region nor the headline's town
            "Attaque près de Ménaka\n\n"
            "Des hommes armés ont attaqué mardi un poste de l'armée à Tidermène, dans la région de "
            "Ménaka, selon l'état-major.",
            "Tidermène",
        ),
        (
            "Attack near Gao\n\n"
            "Gunmen attacked an army post in Tessit, in the Gao region, on Tuesday, the army said.",
            "Tessit",
        ),
        (  # the region alone stays the region
            "Clashes in Kidal region\n\n"
            "Fighting broke out on Tuesday in the region of Kidal between the army and rebels.",
            "Kidal",
        ),
    ],
)
def test_town_inside_named_region_is_the_place(gaz, text, expected):
    violent = [e for e in run(text, gaz) if e.event_type == "battle"]
    assert violent
    assert {e.location_name for e in violent} == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a French weekday opening a sentence is capitalised
        ("Niger\n\nSamedi, un drone a frappé un convoi près de Tillabéri.",
         {("explosion_remote_violence", "2024-07-27", "2024-07-27", "NE")}),
        # two weekdays written as a range make one span
        ("Mali\n\nLes rebelles ont affirmé que les combats près de Tinzaouatene ont duré du jeudi au samedi.",
         {("battle", "2024-07-25", "2024-07-27", "ML")}),
        ("Mali\n\nThe rebels said the clashes near Tinzaouatene ran from Thursday to Saturday.",
         {("battle", "2024-07-25", "2024-07-27", "ML")}),
        # a gerund subject is dated through its verb: "last year" is history, not this week
        ("Mali\n\nFighting between the army and the rebels resumed last year near Kidal.", set()),
        # a march with a cause is a protest; a parade is not
        ("Niger\n\nSamedi, des milliers de personnes ont défilé à Niamey pour réclamer le départ des "
         "soldats américains.", {("protest", "2024-07-27", "2024-07-27", "NE")}),
        ("Niger\n\nSamedi, les troupes ont défilé à Niamey pour la fête de l'indépendance.", set()),
        ("Niger\n\nOn Saturday, thousands marched in Niamey against the presence of US troops.",
         {("protest", "2024-07-27", "2024-07-27", "NE")}),
        # a drone base is a thing, not a strike
        ("Niger\n\nWashington compte un millier de soldats au Niger, notamment sur la base de drones d'Agadez.",
         set()),
    ],
)  # fmt: skip
def test_weekdays_ranges_marches_and_drone_bases(gaz, text, expected):
    # published on Monday 29 July 2024: Thursday is the 25th, Saturday the 27th
    got = {
        (e.event_type, str(e.date_start), str(e.date_end), e.country)
        for e in run(text, gaz, pub=dt.date(2024, 7, 29))
    }
    assert got == expected


def test_capitals_in_relations_and_names_and_the_dateline_country(gaz):
    text = (
        "Mali junta ends 2015 Algiers peace deal with northern rebels\n\n"
        "BAMAKO, Jan. 26, 2024 – Mali's military government said on Thursday it was ending the peace "
        "agreement, citing hostile acts by the mediator Algeria.\n\n"
        "Tensions with Algiers had grown since December, when Algeria hosted leaders of the northern "
        "groups.\n\n"
        "On Thursday, UN peacekeepers withdrew from their last camp."
    )
    events = run(text, gaz, pub=dt.date(2024, 1, 26))
    assert events
    assert all(e.location_name != "Algiers" for e in events)  # a name, a relation: not a place
    assert all(e.country == "ML" for e in events if e.event_type == "strategic_development")


def test_a_handover_reported_by_the_army_is_not_diplomacy_and_the_next_day_follows_the_event(gaz):
    text = (
        "Mali : l'armée reprend le camp de Léré\n\n"
        "Les forces armées maliennes ont pris possession dimanche du camp de Léré, évacué par les "
        "Casques bleus de la Minusma, a annoncé l'état-major.\n\n"
        "Le lendemain, des affrontements ont opposé l'armée à des combattants de la CMA près de Ber, "
        "a-t-on appris mercredi."
    )
    got = {
        (e.event_type, e.sub_event_type, str(e.date_start))
        for e in run(text, gaz, pub=dt.date(2023, 9, 6))
    }
    assert got == {
        ("strategic_development", "non_violent_transfer_of_territory", "2023-09-03"),
        ("battle", "armed_clash", "2023-09-04"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Mali\n\nOn Tuesday, soldiers detained the president. ECOWAS condemned the coup on Wednesday and "
        "closed its members' borders with Mali.",
        "Mali\n\nLe gouvernement malien a annoncé mardi la rupture de ses relations diplomatiques avec l'Ukraine.",
    ],
)
def test_a_government_or_a_bloc_speaking_stays_diplomacy(gaz, text):
    # only a military communiqué about its own operation is dropped as a statement
    assert any(e.event_type == "diplomacy" for e in run(text, gaz))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an IED between two towns: one event on the stretch between them, its toll kept
        ("Mali\n\nFour Malian soldiers were killed on Monday when their vehicle hit an improvised explosive "
         "device between Boni and Hombori.",
         {("explosion_remote_violence", "remote_explosive_landmine_ied", "Boni–Hombori", 2, 4)}),
        ("Burkina Faso\n\nOn Saturday, jihadists overran an army outpost in Djibo.",
         {("battle", "armed_clash", "Djibo", 1, None)}),
    ],
)  # fmt: skip
def test_ieds_between_towns_and_overrun_posts(gaz, text, expected):
    got = {
        (e.event_type, e.sub_event_type, e.location_name, e.geo_precision, e.fatalities)
        for e in run(text, gaz, pub=dt.date(2025, 5, 14))
    }
    assert got == expected
