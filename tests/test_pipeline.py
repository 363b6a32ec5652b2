from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from timeline.models import Source
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db

MAX = 5_000_000


def test_seeds_import_as_five_sources_with_metadata(seeds_dir: Path) -> None:
    report = articles_import([seeds_dir], max_bytes=MAX)

    assert (report.imported, report.present, report.failed) == (5, 0, 0)
    dates = dict(Source.objects.values_list("file_name", "published_date"))
    assert dates == {
        "000_c749cb5f7f9e433f.txt": dt.date(2023, 12, 5),
        "001_3451be296af6a87b.txt": dt.date(2023, 12, 4),
        "002_b66d7d274c215088.txt": dt.date(2023, 12, 3),
        "003_369f41ff6b40b4cb.txt": dt.date(2023, 3, 1),
        "004_aeb5dedddf247854.txt": dt.date(2023, 12, 4),
    }


def test_raw_text_is_kept_exactly_and_hashed(seeds_dir: Path) -> None:
    articles_import([seeds_dir], max_bytes=MAX)
    path = seeds_dir / "003_369f41ff6b40b4cb.txt"
    source = Source.objects.get(file_name=path.name)

    assert source.raw_text == path.read_text(encoding="utf-8")
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "Explore" in source.raw_text
    assert "Explore" not in source.body


def test_reimport_is_a_no_op(seeds_dir: Path) -> None:
    articles_import([seeds_dir], max_bytes=MAX)
    before = list(Source.objects.order_by("pk").values_list("pk", "imported_at"))

    again = articles_import([seeds_dir], max_bytes=MAX)

    assert (again.imported, again.present, again.failed) == (0, 5, 0)
    assert list(Source.objects.order_by("pk").values_list("pk", "imported_at")) == before


def test_same_bytes_under_another_name_is_already_present(seeds_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((seeds_dir / "000_c749cb5f7f9e433f.txt").read_bytes())

    report = articles_import([seeds_dir / "000_c749cb5f7f9e433f.txt", copy], max_bytes=MAX)

    assert [o.status for o in report.outcomes] == ["imported", "present"]
    assert Source.objects.count() == 1


def test_a_bad_file_fails_alone_and_writes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 50)

    report = articles_import([seeds_dir], max_bytes=MAX)

    failed = {o.path.name: o.message for o in report.outcomes if o.status == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert "empty" in failed["empty.txt"].lower()
    assert "binary" in failed["binary.txt"].lower()
    assert report.imported == 5
    assert not Source.objects.filter(file_name__in=failed).exists()


def test_missing_path_is_reported(tmp_path: Path) -> None:
    report = articles_import([tmp_path / "nope"], max_bytes=MAX)

    assert [o.status for o in report.outcomes] == ["failed"]
    assert "nope" in str(report.outcomes[0].path)
    assert Source.objects.count() == 0


def test_database_failure_rolls_back_the_file(seeds_dir: Path, monkeypatch) -> None:
    """A failure after the row is written leaves no row behind (one transaction per file)."""
    from timeline import pipeline

    real_create = pipeline.source_create

    def create_then_fail(article_file):
        real_create(article_file)
        raise pipeline.DatabaseError("disk full")

    monkeypatch.setattr(pipeline, "source_create", create_then_fail)
    report = articles_import([seeds_dir / "000_c749cb5f7f9e433f.txt"], max_bytes=MAX)

    assert report.outcomes[0].status == "failed"
    assert "disk full" in report.outcomes[0].message
    assert Source.objects.count() == 0


def test_sidecar_json_overrides_text_metadata(seeds_dir: Path) -> None:
    (seeds_dir / "002_b66d7d274c215088.json").write_text(
        '{"url": "https://example.org/story", "publisher": "Example Wire", '
        '"title": "Curated headline", "published": "2023-12-02"}',
        encoding="utf-8",
    )
    articles_import([seeds_dir / "002_b66d7d274c215088.txt"], max_bytes=MAX)

    source = Source.objects.get()
    assert source.title == "Curated headline"
    assert source.publisher == "Example Wire"
    assert source.url == "https://example.org/story"
    assert source.published_date == dt.date(2023, 12, 2)


def test_invalid_url_in_sidecar_fails_with_field_named(seeds_dir: Path) -> None:
    (seeds_dir / "002_b66d7d274c215088.json").write_text('{"url": "not a url"}', encoding="utf-8")

    report = articles_import([seeds_dir / "002_b66d7d274c215088.txt"], max_bytes=MAX)

    assert report.outcomes[0].status == "failed"
    assert "url" in report.outcomes[0].message
    assert Source.objects.count() == 0
