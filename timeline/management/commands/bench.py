"""Benchmark the timeline at scale: `python manage.py bench [--events N ...] [--json FILE]`.

For each size, a fresh database is created beside the configured one (a temporary SQLite file,
or a `timeline_bench` database on the same PostgreSQL server), filled with a synthetic corpus,
and the real views are timed through Django's test client: p50 and p95 in milliseconds over
many requests of each kind. The configured database is never touched.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

KINDS = [
    "timeline page",
    "timeline fragment",
    "filter: one actor",
    "filter: date range",
    "filter: type",
    "filter: free text",
    "filter: all together",
    "deep pagination",
    "event page",
    "source page",
]


class Command(BaseCommand):
    help = "Generate synthetic corpora (10k, 100k, 1M events ...) and time the real views."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
        parser.add_argument("--requests", type=int, default=40, help="timed requests per kind")
        parser.add_argument(
            "--import-articles",
            type=int,
            default=200,
            help="articles for the import throughput row (0 to skip)",
        )
        parser.add_argument("--json", dest="json_path", default=None)
        parser.add_argument("--keep", action="store_true", help="keep the generated databases")
        parser.add_argument("--inner", type=int, default=None, help=_hidden())

    def handle(self, *args, events, requests, import_articles, json_path, keep, inner, **opts):
        if inner is not None:
            return self._inner(inner, requests, import_articles)
        if any(n < 100 for n in events) or requests < 5:
            raise CommandError("--events must be at least 100 and --requests at least 5")
        results = {}
        for n in events:
            self.stdout.write(f"== {n:,} events ({_vendor()}) ==")
            results[str(n)] = self._run_size(n, requests, import_articles, keep)
        self._table(results)
        if json_path:
            Path(json_path).write_text(json.dumps(results, indent=2), encoding="utf-8")
            self.stdout.write(f"figures written to {json_path}")

    # --- outer: a database per size -------------------------------------------------------

    def _run_size(self, n: int, requests: int, import_articles: int, keep: bool) -> dict:
        url, cleanup = _bench_database(n)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        }
        env.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        try:
            # Production settings: hashed, compressed static files, as `make serve` uses.
            subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
            subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
            result = subprocess.run(
                [
                    *manage,
                    "bench",
                    "--inner",
                    str(n),
                    "--requests",
                    str(requests),
                    "--import-articles",
                    str(import_articles),
                ],
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
        finally:
            if keep:
                self.stdout.write(f"kept the bench database: DATABASE_URL={url}")
            else:
                cleanup()
        lines = result.stdout.strip().splitlines()
        for line in lines[:-1]:
            self.stdout.write(line)
        return json.loads(lines[-1])

    def _table(self, results: dict) -> None:
        sizes = list(results)
        self.stdout.write("")
        header = f"{'request':26}" + "".join(
            f"{f'{int(s):,}: p50 / p95 ms (events)':>35}" for s in sizes
        )
        self.stdout.write(header)
        for kind in KINDS:
            row = f"{kind:26}"
            for size in sizes:
                t = results[size]["timings"].get(kind)
                row += (
                    f"{t['p50']:>17.1f} /{t['p95']:>8.1f} ({t.get('rows', 0):>4.1f})"
                    if t
                    else f"{'-':>35}"
                )
            self.stdout.write(row)
        row = f"{'import (articles/s)':26}"
        for size in sizes:
            rate = results[size].get("import_articles_per_s")
            row += f"{rate:>35.1f}" if rate else f"{'-':>35}"
        self.stdout.write(row)
        row = f"{'generation (s)':26}"
        for size in sizes:
            row += f"{results[size]['generation_s']:>35.1f}"
        self.stdout.write(row)
        if len(sizes) > 1:
            first, last = sizes[0], sizes[-1]
            self._ratios(results[first]["timings"], results[last]["timings"], first, last)

    def _ratios(self, small: dict, large: dict, first: str, last: str) -> None:
        """p95 of the largest size over the smallest, per kind: all kinds, and like for like
        (kinds whose responses list the same number of events at both sizes; a filter that
        matches a few events in a small corpus renders a shorter page than in a large one)."""
        ratios = {k: large[k]["p95"] / small[k]["p95"] for k in KINDS if small[k]["p95"] > 0}
        same = {
            k: r
            for k, r in ratios.items()
            if abs(large[k].get("rows", 0) - small[k].get("rows", 0))
            <= 0.1 * max(large[k].get("rows", 0), 1)
        }
        for label, values in (("all kinds", ratios), ("like for like", same)):
            if not values:
                continue
            worst = max(values, key=values.get)
            self.stdout.write(
                f"p95 ratio {int(last):,} / {int(first):,} events, {label}: median "
                f"{statistics.median(values.values()):.2f}, worst {values[worst]:.2f} ({worst})"
            )

    # --- inner: runs inside the bench database -------------------------------------------

    def _inner(self, n: int, requests: int, import_articles: int) -> None:
        from django.db import connection
        from django.test import Client

        from timeline import benchmark
        from timeline.models import Actor, Event, Source
        from timeline.search import search_index_rebuild
        from timeline.stats import stats_rebuild

        began = time.perf_counter()
        counts = benchmark.generate(n, echo=lambda line: self.stdout.write(line))
        search_index_rebuild()
        stats_rebuild()
        # Planner statistics last, once every table is full: statistics taken before the
        # search index is filled tell SQLite its FTS5 tables hold two rows, and it then scans
        # the whole index for each segment FTS5 deletes while merging (about 1 s per 16
        # imported articles at a million events).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        generation = time.perf_counter() - began

        rng = random.Random(7)
        published = Event.objects.filter(status="published")
        top_actors = list(
            Actor.objects.filter(slug__startswith="bench-actor-")
            .order_by("pk")
            .values_list("slug", flat=True)[:30]
        )
        slugs = list(published.order_by("?").values_list("slug", flat=True)[:500])
        source_ids = list(Source.objects.order_by("?").values_list("pk", flat=True)[:500])
        total = published.count()
        deep = list(
            published.order_by("start_date", "pk").values_list("start_date", "pk")[
                total // 2 : total // 2 + 200
            ]
        )
        types = ["meeting", "statement", "agreement", "conflict", "summit", "visit"]
        words = ["trade", "energy", "security", "sanctions", "investment", "border"]

        def years() -> str:
            start = rng.randrange(1960, 2020)
            return f"from={start}&to={start + rng.randrange(1, 10)}"

        def forever(make):
            while True:
                yield make()

        kinds = {
            "timeline page": forever(lambda: "/"),
            "timeline fragment": forever(lambda: "/"),
            "filter: one actor": forever(lambda: f"/?actor={rng.choice(top_actors)}"),
            "filter: date range": forever(lambda: f"/?{years()}"),
            "filter: type": forever(lambda: f"/?type={rng.choice(types)}"),
            "filter: free text": forever(lambda: f"/?q={rng.choice(words)}"),
            "filter: all together": forever(
                lambda: (
                    f"/?actor={rng.choice(top_actors[:5])}&{years()}"
                    f"&type={rng.choice(types)}&q={rng.choice(words)}"
                )
            ),
            "deep pagination": forever(lambda: "/?after={}_{}".format(*map(str, rng.choice(deep)))),
            "event page": forever(lambda: f"/events/{rng.choice(slugs)}/"),
            "source page": forever(lambda: f"/sources/{rng.choice(source_ids)}/"),
        }
        client = Client()
        timings = {}
        for kind, urls in kinds.items():
            headers = {"HTTP_HX_REQUEST": "true"} if kind == "timeline fragment" else {}
            timing = benchmark.time_requests(client, kind, urls, requests, headers=headers)
            timings[kind] = {
                "p50": timing.p50,
                "p95": timing.p95,
                "n": len(timing.samples),
                "rows": timing.mean_rows,
            }
            self.stdout.write(
                f"  {kind:24} p50 {timing.p50:7.1f} ms   p95 {timing.p95:7.1f} ms"
                f"   events listed {timing.mean_rows:5.1f}"
            )
        rate = _import_rate(import_articles) if import_articles else None
        if rate:
            self.stdout.write(f"  import: {rate:.1f} articles/s into this database")
        self.stdout.write(
            json.dumps(
                {
                    "events": n,
                    "database": connection.vendor,
                    "counts": counts,
                    "generation_s": generation,
                    "timings": timings,
                    "import_articles_per_s": rate,
                }
            )
        )


def _import_rate(count: int) -> float:
    from timeline.management.commands.bench_pipeline import synthetic_articles
    from timeline.pipeline import articles_import

    with tempfile.TemporaryDirectory(prefix="timeline-bench-import-") as tmp:
        for name, text in synthetic_articles(count, seed=99):
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        began = time.perf_counter()
        report = articles_import([tmp], max_bytes=settings.TIMELINE_IMPORT_MAX_BYTES)
        elapsed = time.perf_counter() - began
    if report.failed:
        raise CommandError(f"{report.failed} benchmark article(s) failed")
    return count / elapsed


def _vendor() -> str:
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def _bench_database(n: int):
    """A URL for a fresh database of the configured kind, and how to remove it."""
    config = settings.DATABASES["default"]
    if config["ENGINE"].endswith("sqlite3"):
        folder = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
        path = folder / f"bench-{n}.sqlite3"

        def cleanup() -> None:
            for file in folder.glob("*"):
                file.unlink()
            folder.rmdir()

        return f"sqlite:///{path}", cleanup
    import psycopg

    name = "timeline_bench"
    admin_url = dj_database_url.parse(os.environ.get("DATABASE_URL", ""))
    conninfo = {
        "host": admin_url["HOST"] or "127.0.0.1",
        "port": admin_url["PORT"] or 5432,
        "user": admin_url["USER"] or "postgres",
        "password": admin_url["PASSWORD"] or None,
        "dbname": admin_url["NAME"] or "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**conninfo) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")

    def cleanup() -> None:
        with psycopg.connect(**conninfo) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{name}", cleanup


def _hidden() -> str:
    import argparse

    return argparse.SUPPRESS
