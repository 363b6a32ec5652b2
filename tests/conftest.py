from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the five seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def gazetteer(db) -> None:
    """The gazetteer rows migration 0002 loads. Transactional tests (the browser tests) flush
    the database after each test, migration data included, so they ask for it again."""
    import importlib

    from django.apps import apps

    from timeline.models import Actor

    if not Actor.objects.filter(slug="lukashenko").exists():
        importlib.import_module("timeline.migrations.0002_gazetteer").load(apps, None)


@pytest.fixture
def make_event(db):
    """Build a published event with one evidence passage; returns a factory."""
    import datetime as dt
    import hashlib
    import itertools

    from timeline.models import Actor, Event, Evidence, Place, Source

    counter = itertools.count(1)

    def factory(
        title: str = "Talks",
        day: dt.date = dt.date(2023, 12, 4),
        *,
        precision: str = "day",
        end: dt.date | None = None,
        event_type: str = "meeting",
        status: str = "published",
        actors: tuple[str, ...] = (),
        place: str = "",
        publisher: str = "Wire",
        body: str | None = None,
        summary: str = "",
        source: Source | None = None,
    ) -> Event:
        n = next(counter)
        text = body or f"Sentence {n}: {title} happened. Another sentence follows here."
        if source is None:
            source = Source.objects.create(
                title=f"Article {n} about {title}",
                publisher=publisher,
                published_date=day,
                body=text,
                raw_text=text,
                sha256=hashlib.sha256(f"{n}{text}".encode()).hexdigest(),
                file_name=f"article-{n}.txt",
            )
        event = Event(
            slug=f"e{n}-{title.lower().replace(' ', '-')}"[:80],
            title=title,
            summary=summary,
            start_date=day,
            start_precision=precision,
            end_date=end,
            end_precision="day" if end else "",
            event_type=event_type,
            status=status,
            place=Place.objects.get_or_create(slug=place, defaults={"name": place.title()})[0]
            if place
            else None,
        )
        event.save()
        for slug in actors:
            actor, _ = Actor.objects.get_or_create(
                slug=slug, defaults={"name": slug.replace("-", " ").title(), "kind": "person"}
            )
            event.participants.add(actor)
        end_offset = source.body.index(".") + 1
        Evidence.objects.create(
            event=event,
            source=source,
            start=0,
            end=end_offset,
            exact=source.body[:end_offset],
            suffix=source.body[end_offset : end_offset + 32],
        )
        return event

    return factory
