"""Every date expression of the five seed articles, tagged and normalised."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from timeline.extract.temporal import Timex, tag

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

DCTS = {
    "000": dt.date(2023, 12, 5),
    "001": dt.date(2023, 12, 4),
    "002": dt.date(2023, 12, 3),
    "003": dt.date(2023, 3, 1),
    "004": dt.date(2023, 12, 4),
}


def _seed(prefix: str) -> tuple[str, list[Timex]]:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, tag(text, DCTS[prefix])


def _find(found: list[Timex], text: str, snippet: str, nth: int = 0) -> Timex:
    """The expression overlapping the ``nth`` occurrence of ``snippet`` in the text."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(snippet, pos + 1)
    end = pos + len(snippet)
    hits = [t for t in found if t.start < end and t.end > pos]
    assert hits, f"nothing tagged at {snippet!r}"
    return hits[0]


def _values_in(found: list[Timex], text: str, snippet: str) -> list[str]:
    pos = text.index(snippet)
    end = pos + len(snippet)
    return [t.value for t in found if t.start < end and t.end > pos]


# (seed, snippet, occurrence, expected text (None: any), type, value)
CASES = [
    ("000", "5 December 2023", 0, "5 December 2023", "DATE", "2023-12-05"),
    ("000", "On Monday", 0, "Monday", "DATE", "2023-12-04"),
    ("000", "three-hour-long", 0, "three-hour-long", "DURATION", "PT3H"),
    ("000", "the last decade", 0, "the last decade", "DURATION", "P10Y"),
    ("000", "in October", 0, "October", "DATE", "2023-10"),
    ("000", "in 2023", 0, "2023", "DATE", "2023"),
    ("000", "Since March", 0, "March", "DATE", "2023-03"),
    ("001", "4-12-2023", 0, "4-12-2023", "DATE", "2023-12-04"),
    ("001", "Monday (Dec 4)", 0, "Monday", "DATE", "2023-12-04"),
    ("001", "Dec 4", 0, "Dec 4", "DATE", "2023-12-04"),
    ("001", "this year", 0, "this year", "DATE", "2023"),
    ("001", "three hours", 0, "three hours", "DURATION", "PT3H"),
    ("001", "since 1994", 0, "1994", "DATE", "1994"),
    ("001", "February 2022", 0, "February 2022", "DATE", "2022-02"),
    ("001", "now faces", 0, "now", "DATE", "PRESENT_REF"),
    ("001", "in 2021", 0, "2021", "DATE", "2021"),
    ("001", "in March", 0, "March", "DATE", "2023-03"),
    ("002", "in 2023", 0, "2023", "DATE", "2023"),
    ("002", "took place in March", 0, "March", "DATE", "2023-03"),
    ("002", "12:24 PM EST", 0, None, "TIME", "2023-12-03T12:24"),
    ("002", "December 3, 2023", 0, "December 3, 2023", "DATE", "2023-12-03"),
    ("002", "March 2023", 0, "March 2023", "DATE", "2023-03"),
    ("002", "four hours", 0, "four hours", "DURATION", "PT4H"),
    ("002", "In March, Lukashenko", 0, "March", "DATE", "2023-03"),
    ("002", "that in March", 0, "March", "DATE", "2023-03"),
    ("002", "meeting in March", 0, "March", "DATE", "2023-03"),
    ("003", "three-day", 0, "three-day", "DURATION", "P3D"),
    ("003", "March 1, 2023", 0, "March 1, 2023", "DATE", "2023-03-01"),
    ("003", "Wednesday's meeting", 0, "Wednesday", "DATE", "2023-03-01"),
    ("003", "Wednesday afternoon", 0, "Wednesday afternoon", "TIME", "2023-03-01TAF"),
    ("003", "year-long", 0, None, "DURATION", "P1Y"),
    ("004", "04.12.2023", 0, None, "TIME", "2023-12-04T10:31:00"),
    ("004", "March 1st [2023]", 0, None, "DATE", "2023-03-01"),
    ("004", "today", 0, "today", "DATE", "2023-12-04"),
    ("004", "Since March", 0, "March", "DATE", "2023-03"),
    ("004", "the past thirty years", 0, "the past thirty years", "DURATION", "P30Y"),
    ("004", "more than 30 years old", 0, "more than 30 years old", "DURATION", "P30Y"),
    ("004", "recently", 0, "recently", "DATE", "PAST_REF"),
]


@pytest.mark.parametrize(("seed", "snippet", "nth", "exp_text", "typ", "value"), CASES)
def test_seed_expression(seed, snippet, nth, exp_text, typ, value):
    text, found = _seed(seed)
    t = _find(found, text, snippet, nth)
    assert (t.type, t.value) == (typ, value), t.reason
    if exp_text is not None:
        assert t.text == exp_text
    assert text[t.start : t.end] == t.text
    assert t.reason and t.rule


def test_seed_000_monday_reason_mentions_the_dct():
    text, found = _seed("000")
    t = _find(found, text, "On Monday")
    assert "Monday" in t.reason and "2023-12-05" in t.reason


def test_seed_001_parenthesised_date_agrees():
    text, found = _seed("001")
    assert set(_values_in(found, text, "Monday (Dec 4)")) == {"2023-12-04"}


@pytest.mark.parametrize(
    ("seed", "snippet"),
    [
        ("002", "$3.56 billion"),
        ("002", "Zerkalo.io"),
        ("000", "second visit"),
        ("001", "second encounter"),
        ("001", "seventh largest"),
        ("001", "second-largest"),
        ("000", "over 150 nations"),
        ("000", "totaled over 120"),
        ("004", "more than 120 mutual"),
        ("003", "may be contemplating"),
        ("003", "Minsk may provide"),
        ("003", "3 MIN READ"),
    ],
)
def test_seed_non_dates(seed, snippet):
    text, found = _seed(seed)
    assert _values_in(found, text, snippet) == []


def test_every_seed_tagged_without_overlaps():
    for prefix in DCTS:
        text, found = _seed(prefix)
        assert found
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start
        for t in found:
            assert t.type in ("DATE", "TIME", "DURATION", "SET")
            assert text[t.start : t.end] == t.text
