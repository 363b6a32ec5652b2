"""Re-run event extraction on sources (all of them, or those given)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from timeline.models import Source
from timeline.pipeline import events_extract


class Command(BaseCommand):
    help = (
        "Extract events from sources again. Idempotent: evidence is never duplicated and "
        "fields a curator changed are kept."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--source", type=int, action="append", dest="sources", help="a source id (repeatable)"
        )

    def handle(self, *args, sources: list[int] | None, **options) -> None:
        if sources:
            missing = sorted(
                set(sources)
                - set(Source.objects.filter(pk__in=sources).values_list("pk", flat=True))
            )
            if missing:
                raise CommandError(f"no source with id {', '.join(map(str, missing))}")
        report = events_extract(source_ids=sources)
        for source_id, reason in report.failures:
            self.stderr.write(self.style.ERROR(f"source {source_id}: {reason}"))
        self.stdout.write(report.summary())
        if report.failures:
            raise CommandError(f"{len(report.failures)} source(s) failed", returncode=1)
