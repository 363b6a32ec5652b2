"""parse_sidecar: NAME.json metadata validation."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from timeline.ingest.errors import IngestError
from timeline.ingest.sidecar import parse_sidecar


def _sc(obj) -> dict:
    return parse_sidecar(json.dumps(obj).encode(), name="a.json")


def test_known_keys_and_unknown_ignored() -> None:
    out = _sc(
        {
            "url": " https://example.com/x ",
            "published": "2023-12-04",
            "publisher": "BelTA",
            "title": "Talks  in Beijing",
            "author": "Jane Roe",
            "language": "en",
            "tags": ["ignored"],
            "id": 7,
        }
    )
    assert out == {
        "url": "https://example.com/x",
        "published": date(2023, 12, 4),
        "publisher": "BelTA",
        "title": "Talks in Beijing",
        "author": "Jane Roe",
        "language": "en",
    }


def test_iso_datetime_with_offset() -> None:
    out = _sc({"published": "2023-12-04T10:31:00+03:00"})
    assert out["published"] == datetime(2023, 12, 4, 10, 31)
    assert out["timezone"] == "UTC+03:00"


def test_nulls_and_blanks_are_absent() -> None:
    assert _sc({"title": None, "author": "  ", "published": ""}) == {}


def test_bom_accepted() -> None:
    assert parse_sidecar(b'\xef\xbb\xbf{"title": "T"}', name="a.json") == {"title": "T"}


def test_invalid_json_names_file_and_line() -> None:
    with pytest.raises(IngestError) as info:
        parse_sidecar(b'{\n  "title": "x",\n  "url": oops\n}', name="story.json")
    message = str(info.value)
    assert message.startswith("metadata file story.json: not valid JSON (line 3")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        (b"[1, 2]", "expected a JSON object, got list"),
        (b'"text"', "expected a JSON object, got str"),
        (b'{"title": 5}', '"title" must be a string'),
        (b'{"published": 20231204}', '"published" must be a string'),
        (b'{"published": "2023-02-30"}', "not a real date"),
        (b'{"published": "soon"}', "not a real date"),
        (b"\xff\xfe{}", "not valid JSON"),
    ],
)
def test_bad_values(payload: bytes, fragment: str) -> None:
    with pytest.raises(IngestError, match=r"metadata file b\.json") as info:
        parse_sidecar(payload, name="b.json")
    assert fragment in str(info.value)
