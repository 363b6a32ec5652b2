"""Hostile text for the date tagger: any text and any DCT from year 1 to 9999 gives spans
whose offsets hold their text, TIMEX3 types, and no exception (calendar arithmetic past the
ends of the calendar is a rejected reading, never a crash)."""

from __future__ import annotations

import datetime as dt

import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract.temporal import tag, timeml_spans

# the tokens the rules start on, so that random text reaches deep into them
_WORDS = (  # noqa: SIM905  (a word list reads better as words)
    "the a on in at last next this that following previous Tuesday Monday December May "
    "March Q3 H1 FY24 3Q23 2023 1945 9999 0001 7am 10:30 11.59pm and , . 's of early hours "
    "12 20 31 three years ago later Boxing Day Black Friday quarter July-September "
    "January-November end century decade spring summer every weekend until lasted ahead "
    "after vote survived 04.12.2023 12/03/1961 half a century quarter minutes since 1990s "
    "fiscal"
).split()

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
)
dcts = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(text=texts, dct=dcts)
def test_tagger_never_raises_and_spans_hold_their_text(text, dct):
    found = tag(text, dct)
    for t in found + timeml_spans(found):
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
