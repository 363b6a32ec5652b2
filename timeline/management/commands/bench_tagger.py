"""Speed benchmark of the temporal tagger (MB of news text per second on one core)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.extract.temporal_bench import bench, format_table, repeat_to


class Command(BaseCommand):
    help = (
        "Tag generated news text (or real articles, with --files) several times and print the "
        "median throughput."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chars", type=int, default=1_000_000, help="text size")
        parser.add_argument("--runs", type=int, default=5, help="number of timed runs")
        parser.add_argument(
            "--files",
            metavar="DIR",
            help="tag the .txt files of DIR (e.g. seeds), repeated up to --chars, instead of "
            "generated text",
        )

    def handle(self, *args, **opts):
        text = None
        if opts["files"]:
            folder = Path(opts["files"])
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a directory")
            files = sorted(folder.glob("*.txt"))
            texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
            if not any(t.strip() for t in texts):
                raise CommandError(f"{folder} holds no .txt file with text")
            text = repeat_to(texts, opts["chars"])
        self.stdout.write(format_table(bench(n_chars=opts["chars"], runs=opts["runs"], text=text)))
