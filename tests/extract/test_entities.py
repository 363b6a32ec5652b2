"""Entity extraction: gazetteer matching, roles, anaphora, metonymy and unknown-name proposals."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from timeline.extract.entities import (
    EntityMention,
    Gazetteer,
    GazetteerEntry,
    find_entities,
    propose_names,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "gazetteer.json"
SEEDS = ROOT / "seeds"
DEC_4 = dt.date(2023, 12, 4)


@pytest.fixture(scope="module")
def fixture_data() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz(fixture_data) -> Gazetteer:
    return Gazetteer.from_fixture(fixture_data)


def find(text: str, gazetteer: Gazetteer, on: dt.date = DEC_4) -> list[EntityMention]:
    mentions = find_entities(text, gazetteer, on=on)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return mentions


def only(text: str, gazetteer: Gazetteer, on: dt.date = DEC_4) -> EntityMention:
    mentions = find(text, gazetteer, on)
    assert len(mentions) == 1, mentions
    return mentions[0]


def by_text(mentions: list[EntityMention]) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for m in mentions:
        out.setdefault(m.text, []).append((m.category, m.slug, m.via))
    return out


def actors(mentions: list[EntityMention]) -> set[str]:
    return {m.slug for m in mentions if m.category == "actor"}


def places(mentions: list[EntityMention]) -> set[str]:
    return {m.slug for m in mentions if m.category == "place"}


# --- Names and aliases -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Alexander Lukashenko",
        "Aleksandr Lukashenko",
        "Alyaksandr Lukashenka",
        "Lukashenko",
    ],
)
def test_lukashenko_spellings(gaz, text):
    m = only(f"Yesterday {text} spoke.", gaz)
    assert (m.slug, m.category, m.kind, m.text) == ("lukashenko", "actor", "person", text)


@pytest.mark.parametrize("suffix", ["'s", "’s"])
def test_possessive_is_matched_without_suffix(gaz, suffix):
    m = only(f"Then Lukashenko{suffix} press service spoke.", gaz)
    assert m.text == "Lukashenko" and m.slug == "lukashenko"


def test_curly_apostrophe_role(gaz):
    m = only("Belarus’ President said so.", gaz)
    assert m.slug == "lukashenko" and m.via == "role:Belarus’ President"
    m = only("Belarus' President said so.", gaz)
    assert m.slug == "lukashenko"


def test_xi_variants(gaz):
    found = by_text(find("Xi met him. Xi Jinping spoke. President Xi agreed. Jinping left.", gaz))
    assert found["Xi"] == [("actor", "xi-jinping", "alias")]
    assert found["Xi Jinping"] == [("actor", "xi-jinping", "name")]
    assert found["President Xi"] == [("actor", "xi-jinping", "alias")]  # one mention
    assert found["Jinping"] == [("actor", "xi-jinping", "alias")]  # seed 002's mistaken surname


@pytest.mark.parametrize(
    "text",
    [
        "He flew to Xiamen on Monday.",
        "The Xi'an factory reopened.",
        "Taxi drivers protested.",
        "A new USB standard.",
        "Let us go; tell us more.",
        "The un-named official.",
        "In March the talks resumed.",
    ],
)
def test_no_match_inside_words_or_wrong_case(gaz, text):
    assert find(text, gaz) == []


def test_acronyms(gaz):
    assert only("Sanctions by the US were extended.", gaz).slug == "united-states"
    assert only("The UN voted.", gaz).slug == "united-nations"
    assert only("Both are EU members.", gaz).slug == "european-union"
    # "UN Comtrade" is a database, not the United Nations.
    assert find("according to UN Comtrade data", gaz) == []


def test_longest_match_wins(gaz):
    found = by_text(
        find("the Shanghai Cooperation Organization and the US Department of State", gaz)
    )
    assert found == {
        "Shanghai Cooperation Organization": [("actor", "sco", "name")],
        "US Department of State": [("actor", "us-state-department", "name")],
    }
    m = only("He was met at the Diaoyutai State Guesthouse.", gaz)
    assert (m.slug, m.category, m.kind, m.as_place) == (
        "diaoyutai-state-guesthouse",
        "place",
        "building",
        True,
    )


def test_all_caps_dateline(gaz):
    m = only("4-12-2023 (BEIJING) Talks began.", gaz)
    assert (m.slug, m.category, m.as_place) == ("beijing", "place", True)


# --- Surname back-references -------------------------------------------------------------


def test_bare_surname_refers_back(gaz):
    found = by_text(find("Li Keqiang met Lukashenko. Li said relations were good.", gaz))
    assert found["Li"] == [("actor", "li-keqiang", "surname")]


def test_bare_surname_without_antecedent_is_not_matched(gaz):
    assert actors(find("Li said relations were good.", gaz)) == set()
    assert find("Mr li and Lin came.", gaz) == []


def test_surname_picks_most_recent_person(gaz):
    text = "Li Keqiang handed over to Li Qiang in March. Li promised reforms."
    assert find(text, gaz)[-1].slug == "li-qiang"


def test_surname_order_for_chinese_and_western_names(gaz):
    assert find("Wang Yi arrived. Wang said.", gaz)[-1].slug == "wang-yi"
    assert find("Charles Michel arrived. Michel said.", gaz)[-1].slug == "charles-michel"


# --- Roles resolved on the article's date ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("the Belarusian President", "lukashenko"),
        ("The Belarussian President", "lukashenko"),
        ("the President of Belarus", "lukashenko"),
        ("the leader of Belarus", "lukashenko"),
        ("The Belarusian leader", "lukashenko"),
        ("Belarus President", "lukashenko"),
        ("the Chinese leader", "xi-jinping"),
        ("China’s leader", "xi-jinping"),
        ("the Russian President", "putin"),
        ("Ukraine's president", "zelenskyy"),
        ("the Russian Foreign Minister", "lavrov"),
        ("NATO chief", "stoltenberg"),
    ],
)
def test_role_descriptions(gaz, text, slug):
    m = only(f"Yesterday {text} arrived.", gaz)
    assert (m.slug, m.kind, m.text) == (slug, "person", text)
    assert m.via.startswith("role:")


def test_role_via_drops_the_determiner(gaz):
    assert only("then the Belarusian President left", gaz).via == "role:Belarusian President"


@pytest.mark.parametrize(
    ("on", "slug"),
    [
        (dt.date(2022, 6, 1), "li-keqiang"),
        (dt.date(2023, 3, 10), "li-keqiang"),
        (dt.date(2023, 3, 11), "li-qiang"),
        (dt.date(2024, 6, 1), "li-qiang"),
    ],
)
def test_role_holder_depends_on_date(gaz, on, slug):
    assert only("Later the Chinese Premier spoke.", gaz, on).slug == slug


@pytest.mark.parametrize(
    ("on", "slug"),
    [
        (dt.date(2020, 6, 1), "trump"),
        (dt.date(2024, 6, 1), "biden"),
        (dt.date(2025, 1, 20), "trump"),
    ],
)
def test_us_president_by_date(gaz, on, slug):
    assert only("Later the US President spoke.", gaz, on).slug == slug


def test_role_without_holder_falls_back_to_country(gaz):
    # No Chinese "Chancellor": the demonym is still reported.
    m = only("the Chinese Chancellor", gaz)
    assert (m.slug, m.via) == ("china", "demonym:Chinese")


@pytest.mark.parametrize(
    ("text", "slug", "via"),
    [
        ("Belarusian President Alexander Lukashenko", "lukashenko", "name"),
        ("Belarus’ President Aleksandr Lukashenko", "lukashenko", "alias"),
        ("Chinese President Xi Jinping", "xi-jinping", "name"),
        ("Chinese leader Xi", "xi-jinping", "alias"),
        ("China’s leader Xi Jinping", "xi-jinping", "name"),
        ("Chinese Premier Li Keqiang", "li-keqiang", "name"),
        ("Premier Li Keqiang", "li-keqiang", "name"),
        ("Russian President Vladimir Putin", "putin", "name"),
        ("President Jinping", "xi-jinping", "alias"),
    ],
)
def test_role_and_name_are_one_mention(gaz, text, slug, via):
    m = only(f"On Monday {text} spoke.", gaz, dt.date(2023, 3, 1))
    assert (m.text, m.slug, m.via) == (text, slug, via)


def test_name_wins_over_role_when_they_disagree(gaz):
    # Li Qiang was premier in 2024, but the text names Li Keqiang.
    m = only("Chinese Premier Li Keqiang", gaz, dt.date(2024, 1, 1))
    assert m.slug == "li-keqiang"


def test_role_with_bare_surname(gaz):
    m = only("Chinese Premier Li said", gaz, dt.date(2024, 1, 1))
    assert (m.slug, m.text) == ("li-qiang", "Chinese Premier Li")


def test_counterpart(gaz):
    text = (
        "Belarusian President Alexander Lukashenko praised his Chinese counterpart for the talks."
    )
    found = find(text, gaz, dt.date(2023, 3, 1))
    assert [m.slug for m in found] == ["lukashenko", "xi-jinping"]
    assert found[1].via == "role:Chinese counterpart"
    assert found[1].text == "his Chinese counterpart"
    text = "Xi has spoken to Putin, but not with his Ukrainian counterpart Volodymyr Zelenskyy."
    assert find(text, gaz)[-1].slug == "zelenskyy"
    text = "Lavrov met his Chinese counterpart in Astana."
    assert find(text, gaz, dt.date(2023, 3, 1))[1].slug == "qin-gang"


# --- Anaphora ----------------------------------------------------------------------------


def test_head_of_state_prefers_the_subject(gaz):
    text = (
        "Aleksandr Lukashenko thanked Xi Jinping, noting that the Chinese leader has been busy. "
        '"This is a burden," the Head of State noted.'
    )
    m = find(text, gaz)[-1]
    assert (m.text, m.slug, m.via) == (
        "the Head of State",
        "lukashenko",
        "anaphora:the Head of State",
    )


def test_the_president_refers_to_last_subject_head_of_state(gaz):
    text = "Xi Jinping received Lukashenko in Beijing. The President said ties were strong."
    m = find(text, gaz)[-1]
    assert (m.slug, m.via) == ("xi-jinping", "anaphora:The President")


def test_anaphora_without_antecedent_is_skipped(gaz):
    assert find("The President said ties were strong.", gaz) == []
    # Only heads of state qualify.
    assert actors(find("Lavrov arrived. The President said so.", gaz)) == {"lavrov"}


# --- Places and metonymy -----------------------------------------------------------------


def test_capital_used_for_government(gaz):
    found = by_text(find("Beijing lauded its partnership with Minsk.", gaz))
    assert found["Beijing"] == [("actor", "china", "metonymy:Beijing->china")]
    assert found["Minsk"] == [("actor", "belarus", "metonymy:Minsk->belarus")]
    m = only("Minsk is facing numerous Western sanctions.".replace("Western ", ""), gaz)
    assert (m.slug, m.as_place) == ("belarus", False)
    assert only("Minsk's support grew.", gaz).slug == "belarus"
    assert only("concern that Minsk may help", gaz).slug == "belarus"


@pytest.mark.parametrize(
    "text",
    [
        "He arrived in Beijing.",
        "His second trip to Beijing.",
        "Lukashenko visits Beijing again.".replace("Lukashenko ", "He "),
        "Talks at Beijing were long.",
        "Beijing, 5 December 2023 (TDI): Talks began.",
    ],
)
def test_capital_used_as_place(gaz, text):
    m = only(text, gaz)
    assert (m.slug, m.category, m.kind, m.as_place, m.via) == (
        "beijing",
        "place",
        "city",
        True,
        "name",
    )


def test_kiev_spelling(gaz):
    m = only("He flew to Kiev.", gaz)
    assert (m.slug, m.category, m.via) == ("kyiv", "place", "alias")
    m = only("Kiev has expressed concern.", gaz)
    assert (m.slug, m.via) == ("ukraine", "metonymy:Kiev->ukraine")


def test_the_chinese_capital(gaz):
    m = only("He is on a working visit to the Chinese capital.", gaz)
    assert (m.slug, m.category, m.as_place, m.text) == (
        "beijing",
        "place",
        True,
        "the Chinese capital",
    )
    assert m.via == "capital:Chinese capital"


def test_country_as_actor_or_place(gaz):
    found = by_text(find("Belarus is sanctioned by the United States and trades with China.", gaz))
    assert found["Belarus"] == [("actor", "belarus", "name")]
    assert found["United States"] == [("actor", "united-states", "name")]
    assert found["China"] == [("actor", "china", "name")]
    for text in (
        "He came to China in 1995.",
        "No one in China doubts it.",
        "a visit by him to China",
    ):
        m = only(text, gaz)
        assert (m.category, m.slug, m.kind, m.as_place) == ("place", "china", "country", True)
    # A compound adjective is not the place.
    assert places(find("milestones in China-Belarus industrial cooperation", gaz)) == set()


def test_kremlin_is_a_seat_of_government(gaz):
    assert only("The Kremlin said nothing.", gaz).slug == "russia"
    assert only("Talks at the Kremlin ended.", gaz).slug == "kremlin"


# --- Demonyms ----------------------------------------------------------------------------


def test_demonyms_are_marked(gaz):
    found = by_text(find("Chinese state media praised the Chinese-Belarusian friendship.", gaz))
    assert found["Chinese"] == [("actor", "china", "demonym:Chinese")] * 2
    assert found["Belarusian"] == [("actor", "belarus", "demonym:Belarusian")]
    assert only("biting Western sanctions", gaz).via == "demonym:Western"


def test_the_west_is_not_the_west_bank(gaz):
    assert only("sanctions imposed by the West", gaz).slug == "the-west"
    assert find("raids across the West Bank", gaz) == []


# --- A custom gazetteer ------------------------------------------------------------------


def test_custom_entries_and_no_roles():
    gazetteer = Gazetteer(
        [
            GazetteerEntry("ada", "Ada Lovelace", "actor", "person", ("Countess of Lovelace",)),
            GazetteerEntry("uk", "United Kingdom", "actor", "country", ("UK",)),
        ],
        roles=(),
    )
    found = find("Ada Lovelace wrote. Lovelace said the UK president agreed.", gazetteer)
    assert [(m.text, m.slug, m.via) for m in found] == [
        ("Ada Lovelace", "ada", "name"),
        ("Lovelace", "ada", "surname"),
        ("UK", "uk", "alias"),
    ]


def test_dismissed_fixture_entries_are_ignored():
    data = [
        {
            "model": "timeline.actor",
            "fields": {"name": "Foo Bar", "slug": "foo", "kind": "person", "aliases": []},
        },
        {
            "model": "timeline.actor",
            "fields": {
                "name": "Baz Qux",
                "slug": "baz",
                "kind": "person",
                "aliases": [],
                "status": "dismissed",
            },
        },
    ]
    gazetteer = Gazetteer.from_fixture(data)
    assert actors(find_entities("Foo Bar and Baz Qux met.", gazetteer)) == {"foo"}


# --- Seeds -------------------------------------------------------------------------------

SEED_DATES = {
    "000": dt.date(2023, 12, 5),
    "001": dt.date(2023, 12, 4),
    "002": dt.date(2023, 12, 3),
    "003": dt.date(2023, 3, 1),
    "004": dt.date(2023, 12, 4),
}


def seed_text(prefix: str, mode: str) -> str:
    raw = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").replace("\r\n", "\n")
    if mode == "raw":
        return raw
    try:
        from timeline.ingest.articles import parse_article
    except ImportError:  # the ingest module is optional here: fall back to the raw text
        return raw
    return parse_article(raw).body


def seed_mentions(gaz: Gazetteer, prefix: str, mode: str) -> tuple[str, list[EntityMention]]:
    text = seed_text(prefix, mode)
    return text, find(text, gaz, SEED_DATES[prefix])


def surfaces(mentions: list[EntityMention], slug: str, category: str = "actor") -> set[str]:
    return {m.text for m in mentions if m.slug == slug and m.category == category}


MODES = pytest.mark.parametrize("mode", ["body", "raw"])


@MODES
def test_seed_000(gaz, mode):
    _, ms = seed_mentions(gaz, "000", mode)
    assert {"lukashenko", "xi-jinping", "putin", "belarus", "china", "russia", "ukraine"} <= (
        actors(ms)
    )
    assert {"united-states", "european-union", "united-kingdom", "canada", "netherlands"} <= (
        actors(ms)
    )
    assert {"beijing", "diaoyutai-state-guesthouse", "china-belarus-industrial-park"} <= places(ms)
    assert {"Chinese President Xi Jinping", "Chinese leader Xi", "Xi"} <= surfaces(ms, "xi-jinping")
    assert {"Alexander Lukashenko", "Lukashenko", "The Belarussian President"} <= surfaces(
        ms, "lukashenko"
    )
    assert "Russian President Vladimir Putin" in surfaces(ms, "putin")
    assert "the Chinese capital" in surfaces(ms, "beijing", "place")
    assert "the West" in surfaces(ms, "the-west")


@MODES
def test_seed_001(gaz, mode):
    _, ms = seed_mentions(gaz, "001", mode)
    assert {"lukashenko", "xi-jinping", "putin", "xinhua", "united-nations", "sco"} <= actors(ms)
    assert {"beijing", "diaoyutai-state-guesthouse"} <= places(ms)
    assert "Belarusian President Alexander Lukashenko" in surfaces(ms, "lukashenko")
    assert "President of Belarus" in surfaces(ms, "lukashenko")
    assert "China’s leader Xi Jinping" in surfaces(ms, "xi-jinping")
    assert "Britain" in surfaces(ms, "united-kingdom")
    assert "Moscow" in surfaces(ms, "russia")  # "allowing Moscow to use Belarusian territory"
    assert "UN" not in {m.text for m in ms}  # "UN Comtrade"


@MODES
def test_seed_002(gaz, mode):
    text, ms = seed_mentions(gaz, "002", mode)
    assert {"lukashenko", "xi-jinping", "belarus", "china", "us-state-department", "belta"} <= (
        actors(ms)
    )
    assert {"Jinping", "President Jinping", "Xi Jinping"} <= surfaces(ms, "xi-jinping")
    assert {"The leader of Belarus", "the Belarusian leader"} <= surfaces(ms, "lukashenko")
    minsk = [m for m in ms if m.text == "Minsk"]
    assert [(m.slug, m.via) for m in minsk] == [("belarus", "metonymy:Minsk->belarus")]
    assert text[minsk[0].end :].startswith(" is facing")
    beijing = {(m.category, m.slug) for m in ms if m.text == "Beijing"}
    assert beijing == {("place", "beijing"), ("actor", "china")}  # trip to / has never condemned
    assert "Kyiv" in surfaces(ms, "ukraine")


@MODES
def test_seed_003(gaz, mode):
    _, ms = seed_mentions(gaz, "003", mode)
    assert {"lukashenko", "xi-jinping", "li-keqiang", "putin", "zelenskyy", "nato"} <= actors(ms)
    li = surfaces(ms, "li-keqiang")
    assert {"Chinese Premier Li Keqiang", "Li"} <= li
    assert [m.via for m in ms if m.text == "Li"] == ["surname", "surname"]
    assert "his Ukrainian counterpart Volodymyr Zelenskyy" in surfaces(ms, "zelenskyy")
    assert "his Chinese counterpart Xi Jinping" in surfaces(ms, "xi-jinping")
    assert "President Xi" in surfaces(ms, "xi-jinping")
    # "Kiev has expressed concern": the alias of kyiv, standing for Ukraine's government.
    kiev = [m for m in ms if m.text == "Kiev"]
    assert [(m.slug, m.via) for m in kiev] == [("ukraine", "metonymy:Kiev->ukraine")]
    assert {"Beijing", "Moscow", "Minsk"} <= {m.text for m in ms if m.via.startswith("metonymy:")}
    assert "the Chinese capital" in surfaces(ms, "beijing", "place")


@MODES
def test_seed_004(gaz, mode):
    _, ms = seed_mentions(gaz, "004", mode)
    assert {"lukashenko", "xi-jinping", "belta", "belarus", "china"} <= actors(ms)
    assert "beijing" in places(ms)
    luka = {m.text: m.via for m in ms if m.slug == "lukashenko"}
    assert luka["Belarus’ President Aleksandr Lukashenko"] == "alias"
    assert luka["the Head of State"] == "anaphora:the Head of State"
    assert luka["the President"] == "anaphora:the President"
    assert luka["The President of Belarus"] == "role:President of Belarus"
    assert luka["The Belarusian leader"] == "role:Belarusian leader"
    assert "the Chinese leader" in surfaces(ms, "xi-jinping")
    # No mention is split: the role and the name are one.
    assert not any(m.text == "Aleksandr Lukashenko" and m.start == 0 for m in ms)


@MODES
@pytest.mark.parametrize("prefix", sorted(SEED_DATES))
def test_seed_mentions_are_ordered_and_disjoint(gaz, prefix, mode):
    text, ms = seed_mentions(gaz, prefix, mode)
    for a, b in itertools.pairwise(ms):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert m.as_place == (m.category == "place")


# --- Proposing unknown names -------------------------------------------------------------

NEVER = {"The", "However", "According", "March", "Monday", "Also Read", "Read", "Also", "In"}


@pytest.fixture(scope="module")
def small_gaz(fixture_data) -> Gazetteer:
    missing = {"putin", "li-keqiang", "zelenskyy", "sco", "xinhua", "china-belarus-industrial-park"}
    return Gazetteer.from_fixture([o for o in fixture_data if o["fields"]["slug"] not in missing])


def proposals(text: str, gazetteer: Gazetteer) -> dict[str, str]:
    known = find_entities(text, gazetteer, on=DEC_4)
    found = propose_names(text, known)
    for c in found:
        assert text[c.start : c.end] == c.text
        assert c.evidence
    return {c.text: c.kind for c in found}


def test_proposes_unknown_people_organisations_places(small_gaz):
    text = (
        "The independent portal Zerkalo.io reported on Monday. According to UN Comtrade data, "
        "trade grew in March. However, Russian President Vladimir Putin met Chinese Premier "
        "Li Keqiang, and Xi has not spoken with his Ukrainian counterpart Volodymyr Zelenskyy. "
        "Both joined the Shanghai Cooperation Organization, according to news agency Xinhua. "
        "Xi praised the China-Belarus Industrial Park. Sara Sleiman said so in Riyadh.\n"
        "Also Read: China approves new envoy"
    )
    found = proposals(text, small_gaz)
    assert found == {
        "Zerkalo.io": "organisation",
        "UN Comtrade": "organisation",
        "Vladimir Putin": "person",
        "Li Keqiang": "person",
        "Volodymyr Zelenskyy": "person",
        "Shanghai Cooperation Organization": "organisation",
        "Xinhua": "organisation",
        "China-Belarus Industrial Park": "place",
        "Sara Sleiman": "person",
        "Riyadh": "place",
    }


def test_known_names_and_their_pieces_are_not_proposed(gaz):
    text = "Alexander Lukashenko met Xi Jinping. Alexander was pleased, said Lukashenko and Xi."
    assert proposals(text, gaz) == {}


def test_capitalised_common_words_are_not_proposed(gaz):
    text = (
        "However, the talks went on. According to officials, The meeting ended. In March and "
        "on Monday the Parliament met. Also Read: more news. READ MORE: Belarus\n"
        "12:24 PM EST, December 3, 2023"
    )
    assert proposals(text, gaz) == {}


def test_event_names_are_not_actors(gaz):
    text = "He spoke at the third Belt and Road Forum for International Cooperation in October."
    assert proposals(text, gaz) == {}


def test_kind_is_shared_between_occurrences(gaz):
    text = "The portal Zerkalo.io said. Later Zerkalo.io repeated it."
    found = propose_names(text, find_entities(text, gaz))
    assert [(c.text, c.kind) for c in found] == [
        ("Zerkalo.io", "organisation"),
        ("Zerkalo.io", "organisation"),
    ]


@MODES
def test_seed_proposals(gaz, mode):
    expected = {"001": {"UN Comtrade": "organisation"}, "002": {"Zerkalo.io": "organisation"}}
    for prefix in sorted(SEED_DATES):
        text = seed_text(prefix, mode)
        known = find_entities(text, gaz, on=SEED_DATES[prefix])
        found = propose_names(text, known)
        names = {c.text: c.kind for c in found}
        assert expected.get(prefix, {}).items() <= names.items(), prefix
        assert not NEVER & set(names), prefix
        occupied = {i for m in known for i in range(m.start, m.end)}
        for c in found:
            assert not set(range(c.start, c.end)) <= occupied, c


def test_seed_bodies_propose_nothing_else(gaz):
    # With boilerplate removed, the seeds name only the two unknowns above.
    pytest.importorskip("timeline.ingest.articles")
    found = {}
    for prefix in sorted(SEED_DATES):
        text = seed_text(prefix, "body")
        found[prefix] = sorted(
            {c.text for c in propose_names(text, find_entities(text, gaz, on=SEED_DATES[prefix]))}
        )
    assert found == {"000": [], "001": ["UN Comtrade"], "002": ["Zerkalo.io"], "003": [], "004": []}
