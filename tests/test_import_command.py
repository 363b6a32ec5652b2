from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from timeline.models import Source

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_prints_a_line_per_file_and_a_summary(seeds_dir: Path) -> None:
    out, _, error = run(str(seeds_dir))

    assert error is None
    lines = out.strip().splitlines()
    assert sum(line.startswith("imported") for line in lines) == 5
    assert "5 file(s): 5 imported, 0 already present, 0 failed" in lines
    assert lines[-1].startswith("Extraction: 5 source(s)")


def test_second_run_reports_already_present(seeds_dir: Path) -> None:
    run(str(seeds_dir))
    out, _, error = run(str(seeds_dir))

    assert error is None
    assert out.count("already present") == 6  # five lines and the summary
    assert "Extraction" not in out  # nothing new to extract
    assert Source.objects.count() == 5


def test_failures_exit_non_zero_after_importing_the_rest(seeds_dir: Path) -> None:
    (seeds_dir / "empty.txt").write_text("", encoding="utf-8")

    out, _, error = run(str(seeds_dir), str(seeds_dir / "missing-folder"))

    assert error is not None and error.returncode == 1
    assert "1 file(s) failed" not in str(error)  # two failures: the empty file and the path
    assert "2 file(s) failed" in str(error)
    assert "empty.txt" in out and "missing-folder" in out
    assert Source.objects.count() == 5


def test_size_limit_is_configurable(seeds_dir: Path) -> None:
    out, _, error = run(str(seeds_dir / "003_369f41ff6b40b4cb.txt"), "--max-bytes", "1000")

    assert error is not None
    assert "1000" in out or "limit" in out.lower()
    assert Source.objects.count() == 0


def test_rejects_a_nonsense_size_limit(seeds_dir: Path) -> None:
    _, _, error = run(str(seeds_dir), "--max-bytes", "0")

    assert error is not None and "--max-bytes" in str(error)
