from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from timeline.models import Actor, Event, Evidence, Place, Precision, Source

pytestmark = pytest.mark.django_db


def build_graph() -> Event:
    source = Source.objects.create(
        title="Story", body="On Monday the leaders met in Beijing.", raw_text="raw", sha256="a" * 64
    )
    xi = Actor.objects.create(name="Test Leader", slug="test-leader", kind="person", aliases=["Xi"])
    beijing = Place.objects.create(name="Test City", slug="test-city", kind="city")
    event = Event.objects.create(
        slug="2023-12-04-talks",
        title="Talks",
        start_date=dt.date(2023, 12, 4),
        place=beijing,
        status=Event.Status.PUBLISHED,
    )
    event.participants.add(xi)
    Evidence.objects.create(
        event=event, source=source, start=0, end=9, exact="On Monday", suffix=" the leaders"
    )
    return event


def test_every_model_round_trips_through_a_natural_key_fixture(tmp_path) -> None:
    build_graph()
    out = StringIO()
    call_command(
        "dumpdata",
        "timeline.source",
        "timeline.actor",
        "timeline.place",
        "timeline.event",
        "timeline.evidence",
        "timeline.eventredirect",
        "--natural-foreign",
        "--natural-primary",
        stdout=out,
        indent=1,
    )
    dumped = json.loads(out.getvalue())
    assert all("pk" not in obj for obj in dumped)

    for model in (Evidence, Event, Actor, Place, Source):
        model.objects.all().delete()
    fixture = tmp_path / "dump.json"
    fixture.write_text(out.getvalue(), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)

    event = Event.objects.get_by_natural_key("2023-12-04-talks")
    assert [a.slug for a in event.participants.all()] == ["test-leader"]
    assert event.place.slug == "test-city"
    evidence = event.evidence.get()
    assert evidence.source.sha256 == "a" * 64
    assert Evidence.objects.get_by_natural_key("2023-12-04-talks", "a" * 64, 0, 9) == evidence


def test_month_precision_must_start_on_the_first() -> None:
    event = Event(slug="x", title="x", start_date=dt.date(2023, 10, 5), start_precision="month")
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert "start_date" in info.value.message_dict


def test_period_end_follows_precision() -> None:
    event = Event(slug="x", title="x", start_date=dt.date(2024, 2, 1), start_precision="month")
    assert event.period_end == dt.date(2024, 2, 29)
    event.start_precision = Precision.YEAR
    event.start_date = dt.date(2023, 1, 1)
    assert event.period_end == dt.date(2023, 12, 31)


def test_evidence_quote_must_match_the_source() -> None:
    event = build_graph()
    evidence = Evidence(
        event=event, source=event.evidence.get().source, start=0, end=9, exact="On Friday"
    )
    with pytest.raises(ValidationError) as info:
        evidence.clean()
    assert "exact" in info.value.message_dict


def test_aliases_must_be_strings() -> None:
    actor = Actor(name="A", slug="a", kind="person", aliases=["ok", 3])
    with pytest.raises(ValidationError):
        actor.full_clean()
