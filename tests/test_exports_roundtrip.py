"""The fixture round trip: export, load into an empty database, export again: identical.

"Empty" means freshly migrated: migration 0002 has loaded the gazetteer, so loading must update
those rows in place (natural keys), never clash with them. Runs on whatever database the suite
uses (SQLite by default, PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from timeline.models import Actor, Event, Evidence, Place, Source
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db

SEED_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed_timeline.json"


@pytest.fixture
def seeded(seeds_dir: Path, settings, gazetteer) -> None:
    settings.TIMELINE_AUTO_PUBLISH = True
    articles_import([seeds_dir], max_bytes=5_000_000)
    assert Event.objects.filter(status="published").count() >= 5


def export_all(path: Path) -> str:
    call_command(
        "export_timeline", "--format", "fixture", "--status", "all", "-o", str(path),
        stderr=StringIO(),
    )  # fmt: skip
    return path.read_text(encoding="utf-8")


def empty_database() -> None:
    """What `migrate` leaves: no sources or events, the gazetteer's actors and places."""
    Evidence.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()
    Place.objects.all().delete()
    Actor.objects.all().delete()
    importlib.import_module("timeline.migrations.0002_gazetteer").load(apps, None)
    assert Actor.objects.filter(slug="lukashenko").exists()


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Source, Actor, Place, Event, Evidence)}


@pytest.mark.parametrize("loader", ["loaddata", "import_timeline"])
def test_seed_timeline_round_trips_identically(seeded, tmp_path, loader) -> None:
    first = export_all(tmp_path / "first.json")
    before = counts()
    empty_database()

    call_command(loader, str(tmp_path / "first.json"), stdout=StringIO())

    assert counts() == before  # gazetteer rows updated in place, nothing duplicated
    assert export_all(tmp_path / "second.json") == first


def test_round_trip_keeps_a_curators_edits(seeded, tmp_path) -> None:
    talks = Event.objects.get(slug__contains="li-keqiang")
    talks.title = "Premier Li Keqiang receives Lukashenko"
    talks.status = Event.Status.REJECTED
    talks.curated_fields = ["title", "status", "participants"]
    talks.full_clean()
    talks.save()
    talks.participants.remove(Actor.objects.get(slug="li-keqiang"))
    talks.participants.add(Actor.objects.get(slug="putin"))
    forum = Event.objects.get(event_type="summit")
    forum.status = Event.Status.PROPOSED
    forum.curated_fields = ["status"]
    forum.save()
    first = export_all(tmp_path / "first.json")
    empty_database()

    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)

    assert export_all(tmp_path / "second.json") == first
    talks = Event.objects.get(slug=talks.slug)
    assert talks.title == "Premier Li Keqiang receives Lukashenko"
    assert talks.status == "rejected" and talks.curated_fields == [
        "title",
        "status",
        "participants",
    ]
    assert set(talks.participants.values_list("slug", flat=True)) == {"lukashenko", "putin"}
    assert Event.objects.get(slug=forum.slug).status == "proposed"


def test_round_trip_restores_parents_places_countries_and_evidence(seeded, tmp_path) -> None:
    before = {
        e.slug: (e.parent.slug if e.parent else None, e.place.slug if e.place else None)
        for e in Event.objects.select_related("parent", "place")
    }
    passages = set(Evidence.objects.values_list("event__slug", "source__sha256", "start", "end"))
    export_all(tmp_path / "first.json")
    empty_database()

    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)

    after = {
        e.slug: (e.parent.slug if e.parent else None, e.place.slug if e.place else None)
        for e in Event.objects.select_related("parent", "place")
    }
    assert after == before
    assert Place.objects.get(slug="beijing").country.slug == "china"
    assert (
        set(Evidence.objects.values_list("event__slug", "source__sha256", "start", "end"))
        == passages
    )


def test_committed_seed_fixture_loads_and_exports_to_itself(db, tmp_path) -> None:
    text = SEED_FIXTURE.read_text(encoding="utf-8")
    data = json.loads(text)
    assert not Event.objects.exists()

    call_command("import_timeline", str(SEED_FIXTURE), stdout=StringIO())

    assert Event.objects.filter(status="published").count() >= 5
    assert Event.objects.count() == sum(1 for o in data if o["model"] == "timeline.event")
    assert export_all(tmp_path / "again.json") == text


def test_loading_a_fixture_twice_changes_nothing(seeded, tmp_path) -> None:
    first = export_all(tmp_path / "first.json")
    before = counts()

    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)
    call_command("import_timeline", str(tmp_path / "first.json"), stdout=StringIO())

    assert counts() == before
    assert export_all(tmp_path / "second.json") == first


def test_round_trip_keeps_sub_millisecond_and_whole_second_times(seeded, tmp_path) -> None:
    """A time ending in .000500 must not come back as a whole second (JSON times are lossless)."""
    Event.objects.update(updated_at=dt.datetime(2024, 5, 6, 7, 8, 9, 500, tzinfo=dt.UTC))
    Source.objects.update(imported_at=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC))
    first = export_all(tmp_path / "first.json")
    assert '"updated_at": "2024-05-06T07:08:09.000500Z"' in first
    empty_database()

    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)

    assert export_all(tmp_path / "second.json") == first


def test_round_trip_after_a_curators_merge(seeded, tmp_path) -> None:
    from timeline import services

    march = Event.objects.get(
        event_type="meeting", start_date=dt.date(2023, 3, 1), participants__slug="xi-jinping"
    )
    agreement = Event.objects.get(event_type="agreement")
    services.event_merge(march, [agreement])
    merged = export_all(tmp_path / "first.json")
    before = counts()
    empty_database()

    call_command("import_timeline", str(tmp_path / "first.json"), stdout=StringIO())

    assert counts() == before
    assert export_all(tmp_path / "second.json") == merged
    survivor = Event.objects.get(slug=march.slug)
    assert not Event.objects.filter(slug=agreement.slug).exists()
    assert survivor.evidence.filter(origin="curator").exists()
