"""Speed benchmark of the temporal tagger (MB of news text per second on one core)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.extract.temporal_bench import bench, format_table


class Command(BaseCommand):
    help = "Tag generated news text several times and print the median throughput."

    def add_arguments(self, parser):
        parser.add_argument("--chars", type=int, default=1_000_000, help="text size")
        parser.add_argument("--runs", type=int, default=5, help="number of timed runs")

    def handle(self, *args, **opts):
        self.stdout.write(format_table(bench(n_chars=opts["chars"], runs=opts["runs"])))
