"""Timeline matches (the SQLite timeline index, or the ORM on PostgreSQL) against a plain
Python reading of the same rows, on a random corpus and random filters, and after edits."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from timeline import services
from timeline.filters import TimelineFilters
from timeline.models import Actor, Event, EventSearch, Evidence, Place, Source
from timeline.search import search_index_rebuild
from timeline.selectors import TimelineQuery, events_filtered

pytestmark = pytest.mark.django_db

WORDS = ["quartz", "falcon", "cobalt", "zephyr", "magnet", "walrus"]
ACTORS = ["anna", "boris", "chen", "dara", "emil"]
PLACES = ["minsk", "beijing", "riga"]
TYPES = ["meeting", "visit", "summit", "statement"]
PUBLISHERS = ["BelTA", "TDI", "Xinhua"]


@pytest.fixture
def corpus(make_event):
    rng = random.Random(20231204)
    events = []
    for n in range(120):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
        kind = rng.random()
        end = None
        precision = "day"
        if kind < 0.15:
            end = day + dt.timedelta(days=rng.randrange(1, 40))
        elif kind < 0.2:
            end = day + dt.timedelta(days=rng.randrange(400, 900))  # long-running
        elif kind < 0.3:
            precision, day = "month", day.replace(day=1)
        words = " ".join(rng.sample(WORDS, 2))
        events.append(
            make_event(
                f"Event {n} {words}",
                day,
                precision=precision,
                end=end,
                event_type=rng.choice(TYPES),
                status=rng.choice(["published"] * 4 + ["proposed", "rejected"]),
                actors=tuple(rng.sample(ACTORS, rng.randrange(0, 3))),
                place=rng.choice([*PLACES, ""]),
                publisher=rng.choice(PUBLISHERS),
            )
        )
    # A second passage from another publisher on some events.
    for event in rng.sample(events, 30):
        source = Source.objects.create(
            title="Second report",
            publisher=rng.choice(PUBLISHERS),
            published_date=event.start_date,
            body="Second report text.",
            raw_text="Second report text.",
            sha256=f"{event.pk:064x}",
            file_name=f"second-{event.pk}.txt",
        )
        Evidence.objects.create(event=event, source=source, start=0, end=6, exact="Second")
    return events


def expected(filters: TimelineFilters, statuses) -> list[tuple[dt.date, int]]:
    """The filters read plainly in Python from the rows."""
    out = []
    for event in Event.objects.prefetch_related("participants", "evidence__source"):
        if event.status not in statuses:
            continue
        if filters.date_from and event.last_day < filters.date_from:
            continue
        if filters.date_to and event.start_date > filters.date_to:
            continue
        slugs = {a.slug for a in event.participants.all()}
        if not set(filters.actors) <= slugs:
            continue
        if filters.place and (event.place is None or event.place.slug != filters.place):
            continue
        if filters.types and event.event_type not in filters.types:
            continue
        passages = list(event.evidence.all())
        if filters.publisher and filters.publisher not in {p.source.publisher for p in passages}:
            continue
        if filters.source and filters.source not in {p.source_id for p in passages}:
            continue
        if filters.text:
            words = set(
                " ".join([event.title, event.summary, *(p.exact for p in passages)]).lower().split()
            )
            *whole, last = filters.text.lower().split()
            if not all(w in words for w in whole) or not any(w.startswith(last) for w in words):
                continue
        out.append((event.start_date, event.pk))
    return sorted(out)


def random_filters(rng: random.Random, sources: list[int]) -> TimelineFilters:
    kwargs = {}
    if rng.random() < 0.4:
        start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
        kwargs["date_from"] = start
        if rng.random() < 0.6:
            kwargs["date_to"] = start + dt.timedelta(days=rng.randrange(0, 700))
    elif rng.random() < 0.2:
        kwargs["date_to"] = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
    if rng.random() < 0.4:
        kwargs["actors"] = tuple(rng.sample([*ACTORS, "nobody"], rng.randrange(1, 3)))
    if rng.random() < 0.3:
        kwargs["place"] = rng.choice([*PLACES, "atlantis"])
    if rng.random() < 0.3:
        kwargs["types"] = tuple(rng.sample(TYPES, rng.randrange(1, 3)))
    if rng.random() < 0.25:
        kwargs["publisher"] = rng.choice(PUBLISHERS)
    if rng.random() < 0.1:
        kwargs["source"] = rng.choice(sources)
    if rng.random() < 0.35:
        words = rng.sample(WORDS, rng.randrange(1, 3))
        words[-1] = words[-1][: rng.randrange(3, len(words[-1]) + 1)]  # typing: a prefix
        kwargs["text"] = " ".join(words)
    return TimelineFilters(**kwargs)


@pytest.mark.parametrize("staff", [False, True])
def test_matches_equal_a_plain_reading_on_random_filters(corpus, staff, django_user_model) -> None:
    user = django_user_model.objects.create(username="curator", is_staff=True) if staff else None
    statuses = ("published", "proposed") if staff else ("published",)
    rng = random.Random(7)
    sources = list(Source.objects.values_list("pk", flat=True))
    nonempty = 0
    for _ in range(150):
        filters = random_filters(rng, sources)
        want = expected(filters, statuses)
        query = TimelineQuery(filters, user=user)
        got = [(day, pk) for day, pk, _ in query.first(1000)]
        assert got == want, filters
        nonempty += bool(want)
        # The ORM reading (exports, and the reference path) agrees too.
        reference = events_filtered(filters, user=user).order_by("start_date", "pk")
        assert list(reference.values_list("start_date", "pk")) == want, filters
        documents = dict(EventSearch.objects.values_list("event_id", "keys"))
        for _, pk, keys in query.first(1000, with_keys=True):
            assert keys == documents[pk]
        if len(want) > 3:  # paging from a cursor continues exactly where it left off
            assert [(d, pk) for d, pk, _ in query.first(5, after=want[2])] == want[3:8]
    assert nonempty > 60  # the random filters do select something most of the time


def test_a_complete_word_matches_its_forms_and_a_partial_one_is_a_prefix(make_event) -> None:
    trade = make_event("Talks on trade", dt.date(2023, 1, 1))
    trades = make_event("Two trades signed", dt.date(2023, 1, 2))
    trader = make_event("A trader arrested", dt.date(2023, 1, 3))

    def found(text: str) -> set[int]:
        filters = TimelineFilters(text=text)
        by_index = {pk for _, pk, _ in TimelineQuery(filters).first(100)}
        assert by_index == set(events_filtered(filters).values_list("pk", flat=True))
        return by_index

    assert found("trade") == {trade.pk, trades.pk}  # the word and its forms, not "trader"
    assert found("trad") == {trade.pk, trades.pk, trader.pk}  # still typing: a prefix
    assert found("trader") == {trader.pk}
    assert found("talks trad") == {trade.pk}


def test_matches_follow_edits_to_participants_places_publishers_and_status(corpus) -> None:
    statuses = ("published",)
    anna, boris = Actor.objects.get(slug="anna"), Actor.objects.get(slug="boris")
    event = next(e for e in corpus if e.status == "published")

    def check(**kwargs) -> list:
        filters = TimelineFilters(**kwargs)
        got = [(day, pk) for day, pk, _ in TimelineQuery(filters).first(1000)]
        assert got == expected(filters, statuses), kwargs
        return got

    event.participants.add(boris)  # the m2m signal refreshes its keys
    assert (event.start_date, event.pk) in check(actors=("boris",))
    boris.events.remove(event)  # and from the actor's side
    assert (event.start_date, event.pk) not in check(actors=("boris",))
    services.actor_merge(anna, [boris])
    check(actors=("anna",))
    check(actors=("boris",))
    services.place_merge(Place.objects.get(slug="minsk"), [Place.objects.get(slug="riga")])
    check(place="minsk")
    event.refresh_from_db()
    source = event.evidence.first().source
    source.publisher = "Reuters"
    source.save()
    assert (event.start_date, event.pk) in check(publisher="Reuters")
    event.start_date = dt.date(2030, 1, 1)
    event.save()
    assert check(date_from=dt.date(2029, 12, 1))[0] == (dt.date(2030, 1, 1), event.pk)
    services.events_reject([event])
    event.refresh_from_db()
    assert (event.start_date, event.pk) not in check(date_from=dt.date(2029, 12, 1))
    survivor, other = [e for e in corpus if e.status == "published" and e.pk != event.pk][:2]
    services.event_merge(survivor, [other])
    check(publisher="BelTA")
    check(text="quartz")


def test_a_bulk_rebuild_restores_the_index_and_its_triggers(corpus) -> None:
    statuses = ("published",)
    sources = list(Source.objects.values_list("pk", flat=True))
    EventSearch.objects.all().delete()  # as after a bulk load: no documents at all

    assert search_index_rebuild() == Event.objects.count()

    rng = random.Random(11)
    for _ in range(40):
        filters = random_filters(rng, sources)
        got = [(day, pk) for day, pk, _ in TimelineQuery(filters).first(1000)]
        assert got == expected(filters, statuses), filters
    # Edits after the rebuild still reach the index.
    event = Event.objects.filter(status="published").first()
    event.title = "Renamed zeppelin"
    event.save()
    assert [pk for _, pk, _ in TimelineQuery(TimelineFilters(text="zeppelin")).first(10)] == [
        event.pk
    ]
