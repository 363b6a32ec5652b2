"""Import article files (txt, html; NAME.json sidecars) as sources."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.pipeline import FileOutcome, articles_import

PROGRESS_MIN_FILES = 20


class Command(BaseCommand):
    help = (
        "Import article files or folders (recursively: *.txt, *.html, *.htm, with optional "
        "NAME.json metadata beside each). Prints one line per file and a summary; exits "
        "non-zero if any file failed, after importing the rest."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help="refuse files larger than this (default: TIMELINE_IMPORT_MAX_BYTES, "
            f"{settings.TIMELINE_IMPORT_MAX_BYTES})",
        )
        parser.add_argument("--no-progress", action="store_true", help="never draw a progress bar")

    def handle(self, *args, paths: list[str], max_bytes: int | None, no_progress: bool, **opts):
        max_bytes = max_bytes if max_bytes is not None else settings.TIMELINE_IMPORT_MAX_BYTES
        if max_bytes <= 0:
            raise CommandError("--max-bytes must be a positive number of bytes")
        interactive = not no_progress and hasattr(self.stdout, "isatty") and self.stdout.isatty()

        def show(outcome: FileOutcome, done: int, total: int) -> None:
            if interactive and total >= PROGRESS_MIN_FILES:
                self.stdout.write("\r\033[K", ending="")
            style = {
                "imported": self.style.SUCCESS,
                "present": self.style.WARNING,
                "failed": self.style.ERROR,
            }[outcome.status]
            label = {"imported": "imported", "present": "already present", "failed": "FAILED"}
            self.stdout.write(f"{style(label[outcome.status])}  {outcome.path}: {outcome.message}")
            if interactive and total >= PROGRESS_MIN_FILES:
                width = 30
                filled = width * done // total
                bar = "#" * filled + "-" * (width - filled)
                self.stdout.write(f"[{bar}] {done}/{total}", ending="")
                self.stdout.flush()

        report = articles_import(paths, max_bytes=max_bytes, on_outcome=show)
        if interactive and len(report.outcomes) >= PROGRESS_MIN_FILES:
            self.stdout.write("\r\033[K", ending="")
        self.stdout.write(report.summary())
        if report.extraction is not None:
            self.stdout.write("Extraction: " + report.extraction.summary())
        if report.failed:
            raise CommandError(f"{report.failed} file(s) failed; see above.", returncode=1)
