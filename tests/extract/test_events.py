"""Event mentions from text: triggers, dates from the tagger and the narrative, participants."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.extract.entities import Gazetteer
from timeline.extract.events import extract, format_period, reading_from_value

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gazetteer.json"
TUESDAY = dt.date(2023, 12, 5)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_fixture(json.loads(FIXTURE.read_text(encoding="utf-8")))


def mentions(text: str, gaz: Gazetteer, dct: dt.date = TUESDAY):
    return extract(text, dct, gaz, propose=False).mentions


def test_a_dated_meeting_is_a_mention_with_people_and_place(gaz) -> None:
    (m,) = mentions("On Monday, Vladimir Putin met Xi Jinping in Moscow.", gaz)

    assert (m.family, m.date.start, m.date.precision) == ("meeting", dt.date(2023, 12, 4), "day")
    assert set(m.participants) == {"putin", "xi-jinping"}
    assert m.place == "moscow"
    assert m.modality == "reported"
    assert "Monday" in m.date.reason and m.date.explicit


def test_sentence_without_trigger_is_not_a_mention(gaz) -> None:
    assert mentions("On Monday, Xi Jinping praised the weather in Moscow.", gaz) == ()


def test_since_marks_a_state_not_an_event_date(gaz) -> None:
    found = mentions("Lukashenko, president since 1994, visited Minsk factories.", gaz)
    assert all(m.date.start.year != 1994 for m in found)


def test_undated_talks_take_the_date_of_the_lead(gaz) -> None:
    text = (
        "Vladimir Putin met Xi Jinping in Beijing on Monday.\n\n"
        "The two leaders held three hours of talks."
    )
    first, second = mentions(text, gaz)

    assert second.date.start == first.date.start == dt.date(2023, 12, 4)
    assert not second.date.explicit
    assert "lead event" in second.date.reason
    assert set(second.participants) == {"putin", "xi-jinping"}
    assert second.durations == ("PT3H",)


def test_during_that_time_takes_the_previous_sentence_date(gaz) -> None:
    text = (
        "Putin's last visit to China took place in March 2023. "
        "During that time, the two leaders held talks with Xi Jinping."
    )
    talks = [m for m in mentions(text, gaz) if m.family == "meeting"]

    assert talks and talks[0].date.start == dt.date(2023, 3, 1)
    assert talks[0].date.precision == "month"


def test_a_visit_under_way_is_dated_to_publication(gaz) -> None:
    (m,) = mentions("Vladimir Putin is on a working visit to Beijing.", gaz)

    assert (m.family, m.event_type) == ("visit", "working_visit")
    assert m.date.start == TUESDAY and not m.date.explicit
    assert "under way" in m.date.reason


def test_a_meeting_still_to_come_is_evidence_of_the_visit(gaz) -> None:
    text = "Vladimir Putin is undertaking a trip to Beijing. He is due to meet Xi Jinping."
    found = mentions(text, gaz)

    assert [m.family for m in found] == ["visit", "visit"]
    assert found[1].modality == "preview"


def test_previous_visits_without_a_date_are_not_guessed(gaz) -> None:
    text = "Putin met Xi Jinping on Monday. During his previous visit, Putin was welcomed."
    assert [m.family for m in mentions(text, gaz)] == ["meeting"]


def test_plural_visits_are_many_events_not_one(gaz) -> None:
    text = "Since March, more than 120 mutual visits have been organised in 2023."
    assert mentions(text, gaz) == ()


def test_a_visit_as_a_verb_is_one_event(gaz) -> None:
    (m,) = mentions("Xi Jinping visits Moscow on Monday.", gaz, dct=dt.date(2023, 3, 20))
    assert m.family == "visit"


def test_allies_and_news_agencies_are_not_participants(gaz) -> None:
    text = (
        "Lukashenko, a close ally of Russian President Vladimir Putin, met Xi Jinping "
        "on Monday, Xinhua reported."
    )
    (m,) = mentions(text, gaz)
    assert set(m.participants) == {"lukashenko", "xi-jinping"}


def test_a_named_summit_keeps_its_name(gaz) -> None:
    text = (
        "Xi Jinping spoke at the third Belt and Road Forum for International Cooperation "
        "in October."
    )
    (m,) = mentions(text, gaz)

    assert m.family == "summit"
    assert m.name == "Third Belt and Road Forum for International Cooperation"
    assert (m.date.start, m.date.precision) == (dt.date(2023, 10, 1), "month")


def test_invasion_has_an_aggressor_and_a_victim(gaz) -> None:
    text = "Belarus supported Russia's invasion of Ukraine in February 2022."
    (m,) = mentions(text, gaz)

    assert (m.family, m.agent, m.patient) == ("conflict", "russia", "ukraine")
    assert m.participants == ("russia", "ukraine")


def test_undated_conflict_or_sanctions_are_background_prose(gaz) -> None:
    text = "Belarus is sanctioned for backing Russia's invasion of Ukraine."
    assert mentions(text, gaz) == ()


def test_reported_speech_and_previews_are_marked(gaz) -> None:
    text = (
        '"Our meeting on March 1st became crucial in many ways for both of our countries," '
        "Lukashenko told Xi Jinping. Putin will meet Xi Jinping on Friday."
    )
    speech, preview = mentions(text, gaz)

    assert speech.modality == "speech"
    assert preview.modality == "preview"
    assert preview.date.start == dt.date(2023, 12, 8)


def test_scare_quotes_are_not_reported_speech(gaz) -> None:
    (m,) = mentions("Lukashenko arrived on a “working visit” to Beijing on Monday.", gaz)
    assert m.modality == "reported"


def test_without_a_publication_date_nothing_is_dated(gaz) -> None:
    assert extract("Putin met Xi Jinping on Monday.", None, gaz).mentions == ()


def test_readings_from_timex_values() -> None:
    assert reading_from_value("2023-12-04T10:00").precision == "day"
    assert reading_from_value("2023-10").start == dt.date(2023, 10, 1)
    spring = reading_from_value("2023-SP")
    assert (spring.start, spring.last_day) == (dt.date(2023, 3, 1), dt.date(2023, 5, 31))
    ranged = reading_from_value("2023-02-28", "2023-03-02")
    assert ranged.last_day == dt.date(2023, 3, 2)
    assert reading_from_value("PRESENT_REF") is None
    assert reading_from_value("2023-02-30") is None


def test_period_labels() -> None:
    assert format_period(dt.date(2023, 12, 4), "day") == "4 Dec 2023"
    assert format_period(dt.date(2023, 10, 1), "month") == "Oct 2023"
    assert format_period(dt.date(2023, 1, 1), "year") == "2023"
    label = format_period(dt.date(2023, 2, 28), "day", dt.date(2023, 3, 2), "day")
    assert label == "28 Feb – 2 Mar 2023"
    assert format_period(dt.date(2023, 12, 3), "day", dt.date(2023, 12, 5), "day") == "3–5 Dec 2023"


@pytest.mark.parametrize(
    "word",
    [
        "visited",
        "trips",
        "toured",
        "arrival",
        "met",
        "talks",
        "discussion",
        "encounter",
        "negotiations",
        "summit",
        "forum",
        "conference",
        "signed agreements",
        "announcement",
        "commented",
        "declared",
        "pledged",
        "vowed",
        "invasion",
        "invaded",
        "attacks",
        "offensive",
        "strikes",
        "clashes",
        "war began",
        "annexation",
        "sanctions imposed",
        "elected",
        "inauguration",
    ],
)
def test_the_quick_prefilter_never_hides_a_trigger(word) -> None:
    from timeline.extract.events import _ANY_TRIGGER, _TRIGGER_RE

    if any(pattern.search(word) for pattern in _TRIGGER_RE.values()):
        assert _ANY_TRIGGER.search(word)
