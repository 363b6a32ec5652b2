"""Tag temporal expressions in a text file, or a directory of TimeML files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.extract import temporal, timeml
from timeline.extract.temporal_bench import bench, format_table


class Command(BaseCommand):
    help = (
        "Find and normalise date expressions. `tag_dates FILE --dct YYYY-MM-DD [--json]`, "
        "`tag_dates --timeml IN_DIR OUT_DIR` (TempEval-3 Task A output) or `tag_dates --bench`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="plain-text article")
        parser.add_argument("--dct", help="document creation (publication) date, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
        parser.add_argument(
            "--timeml", nargs=2, metavar=("IN_DIR", "OUT_DIR"), help="tag TimeML files"
        )
        parser.add_argument("--bench", action="store_true", help="run the speed benchmark")

    def handle(self, *args, **opts):
        if opts["bench"]:
            self.stdout.write(format_table(bench()))
            return
        if opts["timeml"]:
            self._timeml(*opts["timeml"])
            return
        if not opts["file"]:
            raise CommandError("give a FILE (with --dct), --timeml IN_DIR OUT_DIR, or --bench")
        if not opts["dct"]:
            raise CommandError("--dct YYYY-MM-DD is required with FILE")
        try:
            dct = dt.date.fromisoformat(opts["dct"])
        except ValueError as exc:
            raise CommandError(f"bad --dct: {opts['dct']!r}") from exc
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        text = path.read_text(encoding="utf-8")
        found = temporal.tag(text, dct)
        if opts["json"]:
            self.stdout.write(json.dumps([t.as_dict() for t in found], indent=2))
            return
        for t in found:
            extra = f" .. {t.range_end}" if t.range_end else ""
            self.stdout.write(f"{t.start}-{t.end}\t{t.text!r}\t{t.type}\t{t.value}{extra}")
            self.stdout.write(f"\t[{t.rule}] {t.reason}")

    def _timeml(self, in_dir: str, out_dir: str) -> None:
        src = Path(in_dir)
        if not src.is_dir():
            raise CommandError(f"not a directory: {src}")
        dst = Path(out_dir)
        dst.mkdir(parents=True, exist_ok=True)
        docs = timeml.read_dir(src)
        n = 0
        for doc in docs:
            dct = doc.dct or dt.date.today()
            spans = temporal.timeml_spans(temporal.tag(doc.text, dct))
            (dst / doc.name).write_text(timeml.write_timeml(doc, spans), encoding="utf-8")
            n += len(spans)
        self.stdout.write(f"tagged {len(docs)} files, {n} expressions -> {dst}")
