"""Synthetic corpora and request timings for `manage.py bench` (runs in its own database).

The corpus is shaped like the real thing at scale: events skewed towards recent decades, a few
actors in most events and a long tail of others, types and places unevenly spread, 80 %
published, each event with one to three passages quoted from sources with real sentences. Rows
go in with `executemany` in large batches inside one transaction per table, so a million events
take a few minutes on SQLite.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

EVENT_TYPES = [
    ("meeting", 30),
    ("visit", 12),
    ("state_visit", 4),
    ("working_visit", 6),
    ("summit", 6),
    ("agreement", 10),
    ("statement", 16),
    ("conflict", 8),
    ("sanction", 5),
    ("other", 3),
]
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ivan",
    "Julia",
    "Kofi",
    "Li",
    "Maria",
    "Nikolai",
    "Olga",
    "Pavel",
    "Qiang",
    "Rosa",
    "Sergei",
    "Tomas",
    "Uma",
    "Viktor",
    "Wang",
    "Xenia",
    "Yuri",
    "Zhang",
]
LAST_NAMES = [
    "Petrov",
    "Wei",
    "Novak",
    "Kowalski",
    "Ivanova",
    "Haddad",
    "Schmidt",
    "Moreau",
    "Rossi",
    "Tanaka",
    "Okafor",
    "Silva",
    "Jensen",
    "Horvat",
    "Popescu",
    "Lin",
]
PLACES = [
    "Minsk",
    "Beijing",
    "Moscow",
    "Kyiv",
    "Warsaw",
    "Vilnius",
    "Riga",
    "Berlin",
    "Paris",
    "London",
    "Washington",
    "Brussels",
    "Geneva",
    "Vienna",
    "Astana",
    "Tashkent",
    "Shanghai",
    "Delhi",
    "Tehran",
    "Ankara",
    "Baku",
    "Yerevan",
    "Tbilisi",
    "Chisinau",
]
VERBS = [
    "met",
    "held talks with",
    "signed an agreement with",
    "criticised",
    "visited",
    "called",
    "thanked",
    "warned",
    "praised",
    "hosted",
]
TOPICS = [
    "trade",
    "energy",
    "security",
    "sanctions",
    "transport corridors",
    "grain exports",
    "the border",
    "investment",
    "education",
    "the industrial park",
    "nuclear safety",
]


@dataclass(frozen=True)
class CorpusSize:
    events: int
    sources: int
    actors: int
    places: int


def corpus_size(events: int) -> CorpusSize:
    return CorpusSize(
        events=events,
        sources=max(10, events // 4),
        actors=max(50, min(5000, events // 200)),
        places=len(PLACES) * 4,
    )


def _skewed_day(rng: random.Random) -> dt.date:
    # Most news is recent: a beta distribution over 1950-2025.
    return dt.date(1950, 1, 1) + dt.timedelta(days=int(rng.betavariate(4.0, 1.3) * 27390))


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], [w for _, w in items])[0]


def generate(events: int, *, seed: int = 42, echo: Callable[[str], None] = print) -> dict:
    """Fill the (empty, migrated) database with a synthetic corpus; returns row counts."""
    rng = random.Random(seed)
    size = corpus_size(events)
    began = time.perf_counter()
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # A throwaway database: no fsync per commit while it is filled (SQLite allows the
        # change only outside a transaction).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    with connection.cursor() as cursor, transaction.atomic():
        actor_ids = _actors(cursor, rng, size.actors)
        place_ids = _places(cursor, size.places)
        source_rows = _sources(cursor, rng, size.sources)
        echo(f"  sources: {size.sources:,} ({time.perf_counter() - began:.1f} s)")
    counts = _events(rng, size, actor_ids, place_ids, source_rows, echo, began)
    echo(f"  done in {time.perf_counter() - began:.1f} s")
    return {
        "events": size.events,
        "sources": size.sources,
        "actors": len(actor_ids),
        "places": len(place_ids),
        **counts,
    }


def _actors(cursor, rng: random.Random, count: int) -> list[int]:
    rows = []
    for n in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}"
        rows.append(
            (
                name,
                f"bench-actor-{n}",
                "person" if n % 5 else "organisation",
                json.dumps([name.split()[1]]),
                "",
                "accepted",
            )
        )
    cursor.executemany(
        "INSERT INTO timeline_actor (name, slug, kind, aliases, description, status) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        rows,
    )
    cursor.execute("SELECT id FROM timeline_actor WHERE slug LIKE 'bench-actor-%%' ORDER BY id")
    return [row[0] for row in cursor.fetchall()]


def _places(cursor, count: int) -> list[int]:
    rows = [
        (
            f"{PLACES[n % len(PLACES)]} {n // len(PLACES) or ''}".strip(),
            f"bench-place-{n}",
            "city",
            "[]",
            "accepted",
        )
        for n in range(count)
    ]
    cursor.executemany(
        "INSERT INTO timeline_place (name, slug, kind, aliases, status) "
        "VALUES (%s, %s, %s, %s, %s)",
        rows,
    )
    cursor.execute("SELECT id FROM timeline_place WHERE slug LIKE 'bench-place-%%' ORDER BY id")
    return [row[0] for row in cursor.fetchall()]


def _sentence(rng: random.Random, a: str, b: str, day: dt.date) -> str:
    return (
        f"On {day:%d %B %Y}, {a} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} "
        f"to discuss {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
    )


def _sources(cursor, rng: random.Random, count: int) -> list[tuple[int, str, dt.date]]:
    batch = []
    out = []
    publishers = [
        "BelTA",
        "Xinhua",
        "TASS",
        "Reuters",
        "AP",
        "AFP",
        "TRT World",
        "TDI",
        "Kyiv Independent",
        "Meduza",
    ]

    def flush():
        if not batch:
            return
        cursor.executemany(
            "INSERT INTO timeline_source (title, title_derived, publisher, author, "
            "published_date, published_tz, dateline_place, language, url, body, raw_text, "
            "sha256, file_name, encoding, parse_notes, imported_at) VALUES "
            "(%s, %s, %s, '', %s, '', '', 'en', '', %s, %s, %s, %s, 'utf-8', '[]', %s)",
            batch,
        )
        batch.clear()

    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for n in range(count):
        day = _skewed_day(rng)
        body = "\n\n".join(
            _sentence(
                rng,
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                day,
            )
            for _ in range(6)
        )
        title = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} on {rng.choice(TOPICS)}"
        batch.append(
            (
                title,
                False,
                rng.choice(publishers),
                day,
                body,
                body,
                f"{n:064x}",
                f"bench-{n}.txt",
                now,
            )
        )
        out.append((n, body, day))
        if len(batch) >= 5000:
            flush()
    flush()
    cursor.execute("SELECT id FROM timeline_source ORDER BY id")
    ids = [row[0] for row in cursor.fetchall()]
    return [(ids[n], body, day) for n, body, day in out]


def _events(rng, size, actor_ids, place_ids, sources, echo, began) -> dict:
    # Zipf-like popularity: a handful of actors appear in a large share of events.
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(actor_ids))]
    counts = {"evidence": 0, "participants": 0}
    chunk = 20_000
    for offset in range(0, size.events, chunk):
        n_rows = min(chunk, size.events - offset)
        with connection.cursor() as cursor, transaction.atomic():
            event_rows = []
            for n in range(offset, offset + n_rows):
                day = _skewed_day(rng)
                precision = "day" if rng.random() < 0.85 else "month"
                if precision == "month":
                    day = day.replace(day=1)
                last = day
                if precision == "month":
                    last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - (
                        dt.timedelta(days=1)
                    )
                event_type = _weighted(rng, EVENT_TYPES)
                status = "published" if rng.random() < 0.8 else "proposed"
                topic = rng.choice(TOPICS)
                title = f"{event_type.replace('_', ' ').capitalize()} on {topic} {n}"
                place = rng.choice(place_ids) if rng.random() < 0.7 else None
                event_rows.append(
                    (
                        f"bench-{n}",
                        title,
                        f"Talks about {topic}.",
                        day,
                        precision,
                        last,
                        event_type,
                        status,
                        place,
                        round(rng.random(), 2),
                    )
                )
            cursor.executemany(
                "INSERT INTO timeline_event (slug, title, summary, start_date, start_precision,"
                " end_precision, last_day, long_running, event_type, status, place_id,"
                " confidence, date_reason, disagreements, curated_fields, created_at,"
                " updated_at) VALUES "
                "(%s, %s, %s, %s, %s, '', %s, FALSE, %s, %s, %s, %s, '', '[]', '[]', "
                "'2025-01-01', '2025-01-01')",
                event_rows,
            )
            cursor.execute(
                "SELECT id FROM timeline_event WHERE slug IN "
                f"({', '.join(['%s'] * 2)}) ORDER BY id",
                [f"bench-{offset}", f"bench-{offset + n_rows - 1}"],
            )
            first, last_id = (row[0] for row in cursor.fetchall())
            event_ids = range(first, last_id + 1)
            participants, evidence = [], []
            for event_id in event_ids:
                chosen = set(rng.choices(actor_ids, weights, k=rng.choice((1, 2, 2, 3))))
                participants.extend((event_id, actor) for actor in chosen)
                for source_id, body, _day in rng.sample(
                    sources, k=min(len(sources), rng.choice((1, 1, 2, 3)))
                ):
                    start = body.find("\n\n", rng.randrange(0, max(1, len(body) // 2)))
                    start = 0 if start < 0 else start + 2
                    end = body.find(".", start) + 1 or len(body)
                    evidence.append(
                        (
                            event_id,
                            source_id,
                            start,
                            end,
                            body[start:end],
                            body[max(0, start - 32) : start],
                            body[end : end + 32],
                        )
                    )
            cursor.executemany(
                "INSERT INTO timeline_event_participants (event_id, actor_id) VALUES (%s, %s)",
                participants,
            )
            cursor.executemany(
                'INSERT INTO timeline_evidence (event_id, source_id, start, "end", exact, '
                "prefix, suffix, modality, timex_text, timex_value, timex_reason, origin, "
                "extracted, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, 'reported', '', "
                "'', '', 'extracted', '{}', '2025-01-01')",
                evidence,
            )
            counts["participants"] += len(participants)
            counts["evidence"] += len(evidence)
        if (offset // chunk) % 10 == 0:
            echo(f"  events: {offset + n_rows:,} ({time.perf_counter() - began:.1f} s)")
    return counts


@dataclass(frozen=True)
class Timing:
    name: str
    samples: list[float]
    rows: list[int]  # events listed by each response

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def mean_rows(self) -> float:
        return statistics.fmean(self.rows)


EVENT_ITEM = b'<li class="event'  # one per event in a timeline page or fragment


def time_requests(
    client, name: str, urls: Iterator[str], count: int, *, headers=None, warmup: int = 2
) -> Timing:
    """Median and 95th percentile of `count` GETs through the real views (first ones discarded
    as warm-up), and the events each listed; every response must be 200."""
    samples, rows = [], []
    headers = headers or {}
    for n in range(count + warmup):
        url = next(urls)
        began = time.perf_counter()
        response = client.get(url, **headers)
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        if n >= warmup:
            samples.append(elapsed)
            rows.append(response.content.count(EVENT_ITEM))
    return Timing(name, samples, rows)
