"""Hostile files for the importer: random bytes, truncated UTF-8, a 2 MB line, broken and deeply
nested HTML, a 50 MB file. Each is imported or refused with a one-line reason; a refused file
leaves no row, and the other files of the folder are still imported.

The 50 MB file is sparse (a seek past the end), made at test time in tmp_path and never
committed; tracemalloc shows it is refused without being read.
"""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from timeline.models import Source
from timeline.pipeline import articles_import

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Lukashenko visits Beijing\n\n"
    "BEIJING, 4 December 2023. Belarusian President Alexander Lukashenko held talks with "
    "Xi Jinping in Beijing on Monday. The two leaders signed several agreements.\n\n"
    "Они обсудили торговлю и инвестиции. Встреча прошла в Пекине.\n"
)
LIMIT = 5_000_000


def import_one(path: Path, *, max_bytes: int = LIMIT, extract: bool = True):
    """Import one file; check the invariants every outcome must keep; return the outcome."""
    before = Source.objects.count()
    report = articles_import([path], max_bytes=max_bytes, extract_events=extract)
    (outcome,) = report.outcomes
    after = Source.objects.count()
    assert outcome.status in ("imported", "present", "failed"), outcome
    assert outcome.message.strip(), outcome
    assert "\n" not in outcome.message, outcome
    if outcome.status == "failed":
        assert after == before, "a refused file left rows behind"
        assert "Traceback" not in outcome.message
    elif outcome.status == "imported":
        assert after == before + 1
        assert Source.objects.filter(pk=outcome.source_id).exists()
    return outcome


# --- Random input ------------------------------------------------------------------------


@given(
    data=st.one_of(
        st.binary(max_size=4000),
        st.text(max_size=3000).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text(max_size=2000).map(lambda s: (ARTICLE + s).encode("utf-8", "surrogatepass")),
        st.builds(
            lambda s, cut: s.encode("utf-16")[:cut],
            st.text(min_size=1, max_size=1000),
            st.integers(1, 3000),
        ),
    ),
    suffix=st.sampled_from([".txt", ".html", ".htm"]),
)
def test_random_bytes_are_imported_or_refused_cleanly(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(data)

    import_one(path)


@given(
    markup=st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "<script>alert(1)</script>",
                "<script>",
                "<style>p{}</style>",
                "<!--",
                "-->",
                "<![CDATA[",
                "<title>",
                "<body>",
                "<html>",
                "<table><tr><td>",
                "&amp;",
                "&#0;",
                "&#xD800;",
                "<a href='javascript:alert(1)'>",
                "<meta name='author' content='<script>x</script>'>",
                "<meta property='article:published_time' content='99999-99-99'>",
                "Lukashenko met Xi Jinping in Beijing on 4 December 2023.",
                "\x00",
                "\n",
            ]
        ),
        max_size=200,
    )
)
def test_broken_html_is_imported_or_refused_cleanly(tmp_path_factory, markup):
    path = tmp_path_factory.mktemp("fuzz") / "page.html"
    path.write_text("".join(markup), encoding="utf-8")

    outcome = import_one(path)

    assert outcome.status in {"imported", "present", "failed"}
    if outcome.status == "imported":
        # The body is plain text (escaped wherever it is shown): markup inside CDATA or
        # entities may survive as literal text, but no NUL byte and no empty body does.
        source = Source.objects.get(pk=outcome.source_id)
        assert source.body.strip() and "\x00" not in source.body
    elif outcome.status == "failed":
        assert outcome.message and "\n" not in outcome.message


# --- Particular files --------------------------------------------------------------------


def test_truncated_utf8_is_imported_or_refused_cleanly(tmp_path: Path) -> None:
    data = (ARTICLE * 20).encode("utf-8")
    cut = data.index("Пекине".encode()) + 1  # inside a two-byte character
    path = tmp_path / "truncated.txt"
    path.write_bytes(data[:cut])

    outcome = import_one(path)

    if outcome.status == "imported":
        assert "Они обсудили" in Source.objects.get(pk=outcome.source_id).raw_text


def test_a_two_megabyte_single_line_is_imported_or_refused_cleanly(tmp_path: Path) -> None:
    line = ("Lukashenko met Xi Jinping in Beijing on 4 December 2023 and they talked " * 30_000)[
        :2_000_000
    ]
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")

    import_one(path)


@pytest.mark.parametrize(
    ("name", "html"),
    [
        ("nested.html", "<html><body>" + "<div>" * 5000 + ARTICLE + "</div>" * 5000),
        ("nested-unclosed.html", "<html><body>" + "<div><p><span>" * 5000 + ARTICLE),
        ("unclosed.html", "<html><head><title>Talks<body><p>" + ARTICLE + "<p><b><i><table>"),
        ("script-only.html", "<html><body><script>alert(document.cookie)</script></body>"),
        ("script-only-bare.htm", "<script>alert(1)</script>"),
        ("comment-only.html", "<html><body><!-- " + ARTICLE + " --></body></html>"),
        ("empty-body.html", "<!doctype html><html><body></body></html>"),
    ],
)
def test_hostile_html_is_imported_or_refused_cleanly(tmp_path: Path, name: str, html: str):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")

    outcome = import_one(path)

    if "script-only" in name or name in ("comment-only.html", "empty-body.html"):
        assert outcome.status == "failed"
    if outcome.status == "imported":
        body = Source.objects.get(pk=outcome.source_id).body
        assert "<script" not in body and "alert(" not in body


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (a seek past the end)."""
    with path.open("wb") as fh:
        fh.seek(size - 1)
        fh.write(b"x")
    return path


def test_a_fifty_megabyte_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = sparse_file(tmp_path / "huge.txt", 50_000_000)

    tracemalloc.start()
    try:
        outcome = import_one(huge, max_bytes=LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert outcome.status == "failed"
    assert outcome.message == "file too large (50.0 MB, limit 5.0 MB)"
    assert peak < 5_000_000, f"peak {peak} bytes while refusing a 50 MB file"


def test_the_command_refuses_a_huge_file_and_imports_the_rest(seeds_dir: Path) -> None:
    sparse_file(seeds_dir / "huge.txt", 50_000_000)
    (seeds_dir / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (seeds_dir / "script.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (seeds_dir / "truncated.txt").write_bytes("Привет".encode()[:-1])
    out, err = io.StringIO(), io.StringIO()

    tracemalloc.start()
    try:
        with pytest.raises(CommandError) as failure:
            call_command("import_articles", str(seeds_dir), "--no-progress", stdout=out, stderr=err)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    lines = out.getvalue().splitlines()
    assert failure.value.returncode == 1
    assert Source.objects.count() == 5
    assert sorted(Source.objects.values_list("file_name", flat=True)) == sorted(
        p.name for p in seeds_dir.glob("0*.txt")
    )
    huge_line = next(line for line in lines if "huge.txt" in line)
    assert "FAILED" in huge_line and "file too large (50.0 MB, limit 5.0 MB)" in huge_line
    for name in ("binary.txt", "script.html"):
        assert "FAILED" in next(line for line in lines if name in line), name
    assert not [line for line in lines if "Traceback" in line]
    assert peak < 50_000_000 // 2, f"peak {peak} bytes"
