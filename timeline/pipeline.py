"""The only writer of rows from text: turns the pure ingest results into `Source` rows.

Each file is read and parsed outside any transaction (pure code, no database), then written in
a transaction of its own, so a failing file leaves no rows and the others go on. Importing the
same bytes twice is a no-op: the SHA-256 of the file is unique.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from timeline.ingest.errors import IngestError
from timeline.ingest.files import ArticleFile, discover, read_article_file
from timeline.models import Source

Status = Literal["imported", "present", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    status: Status
    message: str
    source_id: int | None = None


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def present(self) -> int:
        return self.count("present")

    @property
    def failed(self) -> int:
        return self.count("failed")

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} file(s): {self.imported} imported, "
            f"{self.present} already present, {self.failed} failed"
        )


def articles_import(
    paths: Iterable[str | Path],
    *,
    max_bytes: int,
    on_outcome: Callable[[FileOutcome, int, int], None] | None = None,
) -> ImportReport:
    """Import every article file under `paths`; report one outcome per file (and per bad path).

    `on_outcome(outcome, done, total)` is called after each file, for progress output.
    """
    files, missing = discover(paths)
    report = ImportReport()
    total = len(files) + len(missing)
    for path, reason in missing:
        _record(report, FileOutcome(path, "failed", reason), total, on_outcome)
    for path in files:
        _record(report, article_file_import(path, max_bytes=max_bytes), total, on_outcome)
    return report


def _record(report, outcome, total, on_outcome) -> None:
    report.outcomes.append(outcome)
    if on_outcome is not None:
        on_outcome(outcome, len(report.outcomes), total)


def article_file_import(path: Path, *, max_bytes: int) -> FileOutcome:
    """Read, parse and store one file; never raises for bad input, returns a failed outcome."""
    try:
        article_file = read_article_file(path, max_bytes=max_bytes)
    except IngestError as exc:
        return FileOutcome(path, "failed", str(exc))
    except OSError as exc:
        return FileOutcome(path, "failed", f"cannot read file: {exc.strerror or exc}")

    existing = Source.objects.filter(sha256=article_file.sha256).values_list("pk", flat=True)
    if existing:
        return FileOutcome(path, "present", "already imported", existing[0])
    try:
        with transaction.atomic():
            source = source_create(article_file)
    except ValidationError as exc:
        return FileOutcome(path, "failed", f"invalid metadata: {_validation_message(exc)}")
    except IntegrityError:
        # Another process imported the same bytes between our check and our insert.
        pk = Source.objects.filter(sha256=article_file.sha256).values_list("pk", flat=True)
        if pk:
            return FileOutcome(path, "present", "already imported", pk[0])
        return FileOutcome(path, "failed", "database refused the row (integrity error)")
    except DatabaseError as exc:
        return FileOutcome(path, "failed", f"database error: {exc}")
    return FileOutcome(path, "imported", source.title, source.pk)


def source_create(article_file: ArticleFile) -> Source:
    """Build, validate and save the `Source` for one parsed file (inside the caller's atomic)."""
    article = article_file.article
    source = Source(
        title=article.title[:500],
        title_derived=article.title_derived,
        publisher=article.publisher[:200],
        author=article.author[:300],
        published_date=article.published_date,
        published_time=article.published_time,
        published_tz=article.timezone[:64],
        dateline_place=article.dateline_place[:200],
        language=article.language or "en",
        url=article.url,
        body=article.body,
        raw_text=article_file.raw_text,
        sha256=article_file.sha256,
        file_name=article_file.name[:500],
        encoding=article_file.encoding,
        parse_notes=list(article.notes),
    )
    source.full_clean()
    source.save()
    return source


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)
