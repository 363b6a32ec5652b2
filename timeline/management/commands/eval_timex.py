"""Score TIMEX3 annotations against gold TimeML as TempEval-3 Task A does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.extract import temporal, timeml


class Command(BaseCommand):
    help = (
        "Score system TimeML (or the tagger itself when SYSTEM_DIR is omitted) against gold "
        "TimeML: strict/relaxed extent P/R/F1, type F1 and value F1."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold_dir")
        parser.add_argument("system_dir", nargs="?")
        parser.add_argument("--errors", action="store_true", help="list the disagreements")
        parser.add_argument(
            "--half",
            choices=("even", "odd"),
            help="score only the even- or odd-numbered files (sorted by name, counted from 0): "
            "a split for checking that a change to the rules holds on both halves",
        )

    def handle(self, *args, **opts):
        gold_dir = Path(opts["gold_dir"])
        if not gold_dir.is_dir():
            raise CommandError(f"not a directory: {gold_dir}")
        docs = sorted(timeml.read_dir(gold_dir), key=lambda d: d.name)
        if opts["half"]:
            docs = docs[0 if opts["half"] == "even" else 1 :: 2]
        if opts["system_dir"]:
            system_dir = Path(opts["system_dir"])
            if not system_dir.is_dir():
                raise CommandError(f"not a directory: {system_dir}")
            names = [d.name for d in docs] if opts["half"] else None
            result = timeml.score_dirs(gold_dir, system_dir, names)
        else:
            system = {
                d.name: temporal.timeml_spans(temporal.tag(d.text, d.dct or dt.date.today()))
                for d in docs
            }
            result = timeml.score(docs, system)
        self.stdout.write(result.report())
        if opts["errors"]:
            self.stdout.write("")
            for err in sorted(result.errors, key=lambda e: (e.kind, e.doc)):
                self.stdout.write(err.describe())
