"""Benchmark: articles per second through import and extraction, end to end, into SQLite.

Generates N synthetic news articles of about 3 KB (names from the gazetteer, varied dates and
event phrasing), then measures, as medians over several runs:
- the pure stages (parse + tag + entities + mentions) per article, no database;
- the whole `import_articles` pipeline into a fresh SQLite file (migrated beforehand, not timed),
  run in a child process so the benchmark never touches the configured database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TEMPLATES_LEAD = [
    "{city}, {date_long} ({agency}): {a} and {b} held talks in {city} on {weekday}, "
    "the first meeting between the two leaders this year.",
    "{a} arrived in {city} on {weekday} for a {kind} visit and was received by {b}.",
    "{a} met {b} in {city} on {date_short}, according to {agency}.",
]
TEMPLATES_BODY = [
    "The two sides discussed trade, energy and regional security during {hours} hours of talks.",
    "{a} said relations had reached a new level and thanked {b} for the invitation.",
    "Officials signed agreements on transport and agriculture worth ${money} billion.",
    "Their previous meeting took place in {month_past}, when both pledged closer ties.",
    "Analysts said the visit showed how isolated {country} had become since {year_past}.",
    "{b} urged closer coordination in multilateral bodies such as the United Nations.",
    "In {month_past}, {a} attended a summit of regional leaders in {city2}.",
    "Critics noted that {country} faces sanctions from several Western governments.",
    "The talks covered investment projects, logistics corridors and education exchanges.",
    "Trade between the two countries grew by {pct} percent last year, officials said.",
    "Over the past {decades} decades the partnership has survived several crises.",
]


def synthetic_articles(count: int, *, seed: int = 7) -> list[tuple[str, str]]:
    """(file name, text) pairs, each about 3 KB, deterministic for a seed."""
    rng = random.Random(seed)
    people = [
        "Alexander Lukashenko",
        "Xi Jinping",
        "Vladimir Putin",
        "Li Qiang",
        "Wang Yi",
        "Sergei Lavrov",
        "Joe Biden",
    ]
    cities = ["Beijing", "Minsk", "Moscow", "Kyiv", "Washington", "Brussels", "Shanghai"]
    agencies = ["BelTA", "Xinhua", "TASS", "Reuters"]
    countries = ["Belarus", "Russia", "China"]
    articles = []
    start = dt.date(2015, 1, 1)
    for n in range(count):
        published = start + dt.timedelta(days=rng.randrange(0, 3650))
        a, b = rng.sample(people, 2)
        fields = {
            "a": a,
            "b": b,
            "city": rng.choice(cities),
            "city2": rng.choice(cities),
            "agency": rng.choice(agencies),
            "country": rng.choice(countries),
            "weekday": (published - dt.timedelta(days=1)).strftime("%A"),
            "date_long": published.strftime("%-d %B %Y"),
            "date_short": (published - dt.timedelta(days=1)).strftime("%B %-d"),
            "kind": rng.choice(["working", "state", "official"]),
            "hours": rng.choice(["two", "three", "four"]),
            "money": f"{rng.randrange(1, 9)}.{rng.randrange(10, 99)}",
            "month_past": rng.choice(["March", "May", "October", "last June"]),
            "year_past": str(published.year - rng.randrange(1, 10)),
            "pct": str(rng.randrange(2, 40)),
            "decades": rng.choice(["two", "three"]),
        }
        title = f"{a} and {b} discuss cooperation in {fields['city']}"
        paragraphs = [rng.choice(TEMPLATES_LEAD).format(**fields)]
        while sum(len(p) for p in paragraphs) < 2700:
            paragraphs.append(rng.choice(TEMPLATES_BODY).format(**fields))
        text = f"{title}\n\nBy Staff Reporter\n{published:%B %-d, %Y}\n\n" + "\n\n".join(paragraphs)
        articles.append((f"bench_{n:05d}.txt", text))
    return articles


class Command(BaseCommand):
    help = "Benchmark import + extraction throughput (articles/s) into a fresh SQLite file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=300)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--json", dest="json_path", default=None, help="write figures here")
        parser.add_argument("--inner", default=None, help=argparse_hidden())

    def handle(self, *args, articles: int, runs: int, json_path: str | None, inner, **opts):
        if inner:
            return self._inner(Path(inner))
        if articles < 1 or runs < 1:
            raise CommandError("--articles and --runs must be positive")
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            texts = synthetic_articles(articles)
            for name, text in texts:
                (folder / name).write_text(text, encoding="utf-8")
            total_bytes = sum(len(t.encode()) for _, t in texts)
            pure = [self._pure(texts) for _ in range(runs)]
            end_to_end = [self._end_to_end(folder, Path(tmp), n) for n in range(runs)]
        rows = [
            ("pure: parse+tag+entities+mentions", articles, pure, total_bytes),
            ("import_articles into SQLite (end to end)", articles, end_to_end, total_bytes),
        ]
        self.stdout.write(
            f"{'stage':44} {'articles':>8} {'median s':>9} {'articles/s':>11} {'KB/s':>8}"
        )
        figures = {}
        for label, count, seconds, size in rows:
            median = statistics.median(seconds)
            rate = count / median
            self.stdout.write(
                f"{label:44} {count:8d} {median:9.3f} {rate:11.1f} {size / 1024 / median:8.1f}"
            )
            figures[label] = {
                "articles": count,
                "runs": seconds,
                "median_s": median,
                "articles_per_s": rate,
                "bytes": size,
            }
        self.stdout.write(f"mean article size: {total_bytes / articles / 1024:.2f} KB")
        if json_path:
            Path(json_path).write_text(json.dumps(figures, indent=2), encoding="utf-8")

    def _pure(self, texts: list[tuple[str, str]]) -> float:
        from timeline.extract.entities import Gazetteer
        from timeline.extract.events import extract
        from timeline.ingest.articles import parse_article

        fixture = Path(settings.BASE_DIR) / "fixtures" / "gazetteer.json"
        gazetteer = Gazetteer.from_fixture(json.loads(fixture.read_text(encoding="utf-8")))
        began = time.perf_counter()
        for _, text in texts:
            article = parse_article(text)
            extract(article.body, article.published_date, gazetteer)
        return time.perf_counter() - began

    def _end_to_end(self, folder: Path, tmp: Path, run: int) -> float:
        database = tmp / f"bench-{run}.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        result = subprocess.run(
            [*manage, "bench_pipeline", "--inner", str(folder)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return float(json.loads(result.stdout.strip().splitlines()[-1])["seconds"])

    def _inner(self, folder: Path) -> None:
        from timeline.extract import temporal
        from timeline.ingest import html
        from timeline.pipeline import articles_import

        # Warm-up outside the timing: module imports and one-off regex compilation are start-up
        # costs of the process, not throughput.
        temporal.tag("On Monday, 4 December 2023.", dt.date(2023, 12, 5))
        html.html_to_text  # noqa: B018 - imported for its side effect (trafilatura loaded)
        began = time.perf_counter()
        report = articles_import([folder], max_bytes=settings.TIMELINE_IMPORT_MAX_BYTES)
        seconds = time.perf_counter() - began
        if report.failed:
            raise CommandError(f"{report.failed} benchmark article(s) failed to import")
        self.stdout.write(json.dumps({"seconds": seconds, "imported": report.imported}))


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS
