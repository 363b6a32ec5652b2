"""Issue 4's acceptance: the seeds alone yield the expected events, nothing written by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from timeline.models import Actor, Event, Evidence, Source
from timeline.pipeline import articles_import, events_extract

pytestmark = pytest.mark.django_db

MAX = 5_000_000


def seed_numbers(event: Event) -> set[str]:
    return {ev.source.file_name[:3] for ev in event.evidence.select_related("source")}


def one(events, **conditions) -> Event:
    found = [e for e in events if all(getattr(e, k) == v for k, v in conditions.items())]
    assert len(found) == 1, [(e.title, e.start_date) for e in events]
    return found[0]


def meetings_on(day: dt.date, *people: str) -> list[Event]:
    return [
        e
        for e in Event.objects.filter(event_type="meeting", start_date=day)
        if set(people) <= set(e.participants.values_list("slug", flat=True))
    ]


@pytest.fixture
def imported(seeds_dir: Path) -> None:
    report = articles_import([seeds_dir], max_bytes=MAX)
    assert report.imported == 5


def test_the_1_march_2023_meeting_with_xi(imported) -> None:
    (meeting,) = meetings_on(dt.date(2023, 3, 1), "lukashenko", "xi-jinping")

    assert meeting.start_precision == "day"
    assert {"003", "004", "002"} <= seed_numbers(meeting)
    # Seed 002 only says "in March": month precision, attached inside the day.
    march = meeting.evidence.filter(source__file_name__startswith="002")
    assert march.exists()
    assert {ev.extracted["date"]["precision"] for ev in march} == {"month"}
    assert meeting.parent is not None and meeting.parent.event_type == "state_visit"


def test_the_li_keqiang_meeting_is_its_own_event(imported) -> None:
    (li,) = meetings_on(dt.date(2023, 3, 1), "lukashenko", "li-keqiang")

    assert "xi-jinping" not in li.participants.values_list("slug", flat=True)
    assert seed_numbers(li) == {"003"}


def test_the_4_december_2023_talks_during_the_working_visit(imported) -> None:
    (talks,) = meetings_on(dt.date(2023, 12, 4), "lukashenko", "xi-jinping")

    assert seed_numbers(talks) == {"000", "001", "004"}
    assert talks.place.slug == "beijing"
    assert talks.title == "Alexander Lukashenko and Xi Jinping hold talks in Beijing"
    visit = talks.parent
    assert visit.event_type == "working_visit"
    assert visit.start_date <= dt.date(2023, 12, 4) <= visit.period_end
    # Seed 002 reports the trip under way on 3 December, the meeting still to come.
    assert "002" in seed_numbers(visit)
    preview = visit.evidence.get(exact__startswith="The leader of Belarus is due to meet")
    assert preview.modality == Evidence.Modality.PREVIEW


def test_the_october_2023_belt_and_road_forum(imported) -> None:
    forum = Event.objects.get(event_type="summit")

    assert (forum.start_date, forum.start_precision) == (dt.date(2023, 10, 1), "month")
    assert forum.title == "Third Belt and Road Forum for International Cooperation"
    assert seed_numbers(forum) == {"000"}


def test_background_invasion_of_ukraine_february_2022(imported) -> None:
    invasion = Event.objects.get(event_type="conflict")

    assert (invasion.start_date, invasion.start_precision) == (dt.date(2022, 2, 1), "month")
    assert set(invasion.participants.values_list("slug", flat=True)) == {"russia", "ukraine"}
    assert invasion.title == "Russia invades Ukraine"


def test_no_event_from_the_unrelated_headlines(imported) -> None:
    raw = Source.objects.get(file_name__startswith="003").raw_text
    headlines = raw.split("\nExplore\n", 1)[1].strip().splitlines()
    assert len(headlines) == 15
    quotes = list(Evidence.objects.values_list("exact", flat=True))
    for headline in headlines:
        assert not any(headline[:40] in quote for quote in quotes), headline


def test_every_event_is_dated_by_the_text_with_a_reason(imported) -> None:
    assert Event.objects.count() <= 10  # precision: the README lists each one
    for event in Event.objects.all():
        assert event.date_reason, event.title
        for evidence in event.evidence.all():
            assert evidence.source.body[evidence.start : evidence.end] == evidence.exact
            assert evidence.timex_reason


def test_on_monday_is_explained(imported) -> None:
    (talks,) = meetings_on(dt.date(2023, 12, 4), "lukashenko", "xi-jinping")
    evidence = talks.evidence.get(source__file_name__startswith="000")

    assert "Monday" in evidence.timex_reason
    assert "2023-12-04" in evidence.timex_reason


def test_unknown_names_are_proposed_for_curators(imported) -> None:
    proposed = set(Actor.objects.filter(status="proposed").values_list("name", flat=True))
    assert {"Zerkalo.io", "UN Comtrade"} <= proposed


def snapshot() -> set[tuple]:
    return {
        (
            e.title,
            e.start_date,
            e.start_precision,
            e.end_date,
            frozenset(seed_numbers(e)),
            e.evidence.count(),
        )
        for e in Event.objects.all()
    }


def test_re_running_extraction_changes_nothing(imported) -> None:
    before = snapshot()
    evidence_ids = set(Evidence.objects.values_list("pk", flat=True))

    report = events_extract()

    assert report.events_created == 0 and report.evidence_created == 0
    assert report.evidence_removed == 0
    assert snapshot() == before
    assert set(Evidence.objects.values_list("pk", flat=True)) == evidence_ids


def test_import_order_does_not_change_the_timeline(seeds_dir: Path) -> None:
    articles_import([seeds_dir], max_bytes=MAX)
    forward = snapshot()
    Event.objects.all().delete()
    Source.objects.all().delete()

    for path in sorted(seeds_dir.glob("*.txt"), reverse=True):
        articles_import([path], max_bytes=MAX)

    assert snapshot() == forward


def test_a_curated_title_survives_re_extraction(imported) -> None:
    (talks,) = meetings_on(dt.date(2023, 12, 4), "lukashenko", "xi-jinping")
    slug = talks.slug
    talks.title = "Lukashenko–Xi talks (curated)"
    talks.curated_fields = ["title"]
    talks.save()

    call_command("extract_events", verbosity=0)

    talks.refresh_from_db()
    assert talks.title == "Lukashenko–Xi talks (curated)"
    assert talks.slug == slug


def test_a_curated_status_and_date_survive_re_extraction(imported) -> None:
    forum = Event.objects.get(event_type="summit")
    forum.status = Event.Status.REJECTED
    forum.start_date = dt.date(2023, 10, 17)
    forum.start_precision = "day"
    forum.curated_fields = ["status", "start_date", "start_precision"]
    forum.save()

    events_extract()

    forum.refresh_from_db()
    assert forum.status == Event.Status.REJECTED
    assert forum.start_date == dt.date(2023, 10, 17)
    assert Event.objects.filter(event_type="summit").count() == 1


def test_new_events_start_proposed(imported) -> None:
    assert set(Event.objects.values_list("status", flat=True)) == {"proposed"}


def test_auto_publish_publishes_confident_events(seeds_dir: Path, settings) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    settings.TIMELINE_AUTO_PUBLISH_THRESHOLD = 0.6
    articles_import([seeds_dir], max_bytes=MAX)

    for event in Event.objects.all():
        expected = "published" if event.confidence >= 0.6 else "proposed"
        assert event.status == expected, event.title
    assert Event.objects.filter(status="published").count() >= 5


def test_extract_events_command_rejects_unknown_source(imported) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no source with id 9999"):
        call_command("extract_events", "--source", "9999")
