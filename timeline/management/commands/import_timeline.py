"""Load a timeline fixture after validating every object (loaddata itself validates nothing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.exports.fixture import FixtureInvalid, fixture_import

MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Validate and load a fixture written by `export_timeline --format fixture`: every object "
        "is checked (fields, choices, dates, natural-key references resolvable in the file or "
        "the database, evidence offsets against the source text) and the file is loaded in one "
        "transaction, or rejected with each problem named and nothing written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a JSON fixture (natural keys)")
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            report = fixture_import(text, dry_run=dry_run)
        except FixtureInvalid as exc:
            shown = exc.errors[:MAX_ERRORS_SHOWN]
            more = len(exc.errors) - len(shown)
            lines = [f"{path} was rejected; nothing was written:", *shown]
            if more > 0:
                lines.append(f"... and {more} more problem(s).")
            raise CommandError("\n".join(lines)) from exc
        verb = "Valid (dry run, nothing written)" if dry_run else "Loaded"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {path}: {report.summary()}"))
