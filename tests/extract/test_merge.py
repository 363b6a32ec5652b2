"""Merging mentions into events and describing events from their evidence."""

from __future__ import annotations

import datetime as dt

from timeline.extract.events import DateReading, Mention
from timeline.extract.merge import (
    SourcedMention,
    best_match,
    cluster_article,
    compatibility,
    contains_event,
    describe,
    describe_duration,
    sketch,
)

KIND = {"luk": "person", "xi": "person", "li": "person", "china": "country", "russia": "country"}
NAMES = {
    "luk": "Alexander Lukashenko",
    "xi": "Xi Jinping",
    "li": "Li Keqiang",
    "beijing": "Beijing",
}
LOOKUPS = {
    "names": {**NAMES, "china": "China"},
    "people_kind": KIND,
    "place_kind": {"beijing": "city", "china": "country"},
    "place_country": {"beijing": "china"},
    "actor_country": {"luk": "belarus", "xi": "china", "li": "china"},
}


def day(d: str, explicit: bool = True) -> DateReading:
    return DateReading(dt.date.fromisoformat(d), "day", explicit=explicit, reason=f"'{d}'")


def month(y: int, m: int) -> DateReading:
    return DateReading(dt.date(y, m, 1), "month", reason="month")


def mention(family="meeting", date=None, people=("luk", "xi"), start=0, **kw) -> Mention:
    return Mention(
        start=start,
        end=start + 10,
        quote=kw.pop("quote", "A passage."),
        family=family,
        event_type=kw.pop("event_type", family),
        trigger=kw.pop("trigger", family),
        date=date or day("2023-12-04"),
        participants=people,
        **kw,
    )


def sk(*mentions: Mention):
    return sketch(mentions, KIND)


def test_a_day_inside_a_month_is_the_same_meeting() -> None:
    assert compatibility(sk(mention(date=month(2023, 3))), sk(mention(date=day("2023-03-01"))))


def test_different_days_are_different_meetings() -> None:
    assert not compatibility(sk(mention(date=day("2023-03-01"))), sk(mention()))


def test_a_rival_counterpart_is_a_different_meeting() -> None:
    with_xi = sk(mention(date=day("2023-03-01")))
    with_li = sk(mention(date=day("2023-03-01"), people=("luk", "li")))
    assert not compatibility(with_xi, with_li)
    assert compatibility(with_xi, sk(mention(date=month(2023, 3), people=("luk",))))


def test_a_visit_spans_days_and_state_is_not_working() -> None:
    visit = sk(mention("visit", day("2023-12-03"), ("luk",), event_type="working_visit"))
    later = sk(mention("visit", day("2023-12-05"), ("luk",), event_type="visit"))
    state = sk(mention("visit", day("2023-12-04"), ("luk",), event_type="state_visit"))
    assert compatibility(visit, later)
    assert not compatibility(visit, state)


def test_different_names_are_different_summits() -> None:
    a = sk(mention("summit", month(2023, 10), ("xi",), name="Third Belt and Road Forum"))
    b = sk(mention("summit", month(2023, 10), ("xi",), name="G20 Summit"))
    c = sk(mention("summit", month(2023, 10), ("xi",), name="the third Belt and Road Forum"))
    assert not compatibility(a, b)
    assert compatibility(a, c)


def test_cluster_article_joins_a_vague_mention_to_a_precise_one() -> None:
    items = [
        SourcedMention("1", mention("visit", DateReading(dt.date(2023, 1, 1), "year"), ("luk",))),
        SourcedMention("1", mention("visit", day("2023-12-04"), ("luk",), start=50)),
    ]
    clusters, dropped = cluster_article(items, KIND)
    assert len(clusters) == 1 and len(clusters[0].mentions) == 2 and not dropped


def test_a_year_alone_names_no_visit() -> None:
    year = DateReading(dt.date(2023, 1, 1), "year")
    clusters, dropped = cluster_article([SourcedMention("1", mention("visit", year))], KIND)
    assert clusters == [] and len(dropped) == 1


def test_best_match_prefers_the_closest_compatible_event() -> None:
    cluster = sk(mention(date=month(2023, 3)))
    events = [("dec", sk(mention())), ("mar", sk(mention(date=day("2023-03-01"))))]
    assert best_match(cluster, events) == "mar"
    assert best_match(sk(mention(date=day("2024-01-01"))), events) is None


def test_talks_belong_to_the_visit_around_them() -> None:
    visit = sk(
        mention("visit", day("2023-12-03"), ("luk",)),
        mention("visit", day("2023-12-05"), ("luk",)),
    )
    assert contains_event(visit, sk(mention()))
    assert not contains_event(visit, sk(mention(date=day("2023-03-01"))))


def test_describe_titles_dates_and_confidence() -> None:
    items = [
        SourcedMention("a", mention(place="beijing", places=("beijing",), durations=("PT3H",))),
        SourcedMention("b", mention(durations=("PT4H",), start=30), label="Wire, 4 Dec 2023"),
        SourcedMention("c", mention(date=month(2023, 12), start=60)),
    ]
    description = describe(items, **LOOKUPS)

    assert description.title == "Alexander Lukashenko and Xi Jinping hold talks in Beijing"
    assert (description.start_date, description.start_precision) == (dt.date(2023, 12, 4), "day")
    assert description.place == "beijing"
    assert description.confidence >= 0.9
    assert any("3 hours" in d and "4 hours" in d for d in description.disagreements)


def test_disagreeing_dates_are_kept_not_averaged() -> None:
    items = [
        SourcedMention("a", mention(), label="A"),
        SourcedMention("b", mention(), label="B"),
        SourcedMention("c", mention(date=day("2023-12-05")), label="C"),
    ]
    description = describe(items, **LOOKUPS)
    assert description.start_date == dt.date(2023, 12, 4)  # most sources
    assert description.disagreements == (
        "Sources give different dates: 04 Dec 2023 (A, B); 05 Dec 2023 (C)",
    )


def test_visit_title_names_the_visitor_and_the_country() -> None:
    items = [
        SourcedMention(
            "a",
            mention("visit", people=("xi", "luk"), places=("beijing",), event_type="state_visit"),
        )
    ]
    description = describe(items, **LOOKUPS)
    assert description.title == "Alexander Lukashenko’s state visit to China"
    assert description.participants[0] == "luk"


def test_a_preview_only_meeting_is_titled_as_expected() -> None:
    items = [SourcedMention("a", mention(modality="preview"))]
    assert describe(items, **LOOKUPS).title == "Alexander Lukashenko and Xi Jinping to meet"


def test_durations_read_as_words() -> None:
    assert describe_duration("PT3H") == "3 hours"
    assert describe_duration("P30Y") == "30 years"
    assert describe_duration("P1D") == "1 day"
