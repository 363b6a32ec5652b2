"""TimeML reader, writer and TempEval-3 scorer, on small hand-made files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from timeline.extract import timeml
from timeline.extract.temporal import tag, timeml_spans

DATA = Path(__file__).resolve().parent / "data" / "timeml"
GOLD = DATA / "gold"
SYSTEM = DATA / "system"


def test_reader_dct_text_and_spans():
    doc = timeml.read_timeml(GOLD / "doc1.tml")
    assert doc.dct == dt.date(2023, 12, 5)
    assert doc.docid == "doc1"
    assert "<" not in doc.text
    assert "Beijing & Minsk" in doc.text  # entities decoded
    assert [(a.text, a.type, a.value) for a in doc.timexes] == [
        ("Monday", "DATE", "2023-12-04"),
        ("three hours", "DURATION", "PT3H"),
        ("March", "DATE", "2023-03"),
    ]
    for a in doc.timexes:
        assert doc.text[a.start : a.end] == a.text
    assert doc.text.index("Monday") == doc.timexes[0].start


def test_reader_compact_dct():
    doc = timeml.read_timeml(GOLD / "doc2.tml")
    assert doc.dct == dt.date(1998, 3, 4)
    assert len(doc.timexes) == 3


def test_read_dir_sorted():
    assert [d.name for d in timeml.read_dir(GOLD)] == ["doc1.tml", "doc2.tml"]


def test_writer_round_trip():
    for path in sorted(GOLD.glob("*.tml")):
        doc = timeml.read_timeml(path)
        spans = timeml_spans(tag(doc.text, doc.dct))
        out = timeml.write_timeml(doc, spans)
        again = timeml.parse_timeml(out, name=doc.name)
        assert again.text == doc.text  # text unchanged once the inserted tags are removed
        assert again.dct == doc.dct
        assert [(a.start, a.end, a.value) for a in again.timexes] == [
            (t.start, t.end, t.value) for t in spans
        ]
        # everything outside <TEXT> is kept, and no EVENT tags remain inside it
        assert out.split("<TEXT>")[0] == doc.raw.split("<TEXT>")[0]
        body = re.search(r"<TEXT>(.*)</TEXT>", out, re.S).group(1)
        assert "<EVENT" not in body
        assert re.findall(r'<TIMEX3 tid="t\d+" type="\w+" value="[^"]+">', body)


def test_writer_escapes_and_skips_overlaps():
    doc = timeml.TimeMLDocument("x", "x", dt.date(2020, 1, 1), "a < b & c in 2019", [])
    a = timeml.Annotation(13, 17, "2019", "DATE", "2019")
    b = timeml.Annotation(14, 16, "01", "DATE", "2001")
    body = timeml.render_text(doc.text, [a, b])
    assert body == 'a &lt; b &amp; c in <TIMEX3 tid="t1" type="DATE" value="2019">2019</TIMEX3>'
    text, anns = timeml.strip_tags(body)
    assert text == doc.text
    assert [(x.start, x.end) for x in anns] == [(13, 17)]


def test_writer_without_text_element_builds_a_document():
    doc = timeml.TimeMLDocument("n", "n", dt.date(2020, 1, 2), "in 2019", [], raw="")
    out = timeml.write_timeml(doc, [timeml.Annotation(3, 7, "2019", "DATE", "2019")])
    again = timeml.parse_timeml(out)
    assert again.dct == dt.date(2020, 1, 2)
    assert again.text == "in 2019"
    assert again.timexes[0].value == "2019"


def test_match_spans_one_to_one():
    g = [timeml.Annotation(0, 10, "", "DATE", "x"), timeml.Annotation(12, 15, "", "DATE", "y")]
    s = [timeml.Annotation(0, 3, "", "DATE", "x"), timeml.Annotation(2, 14, "", "DATE", "y")]
    pairs = timeml.match_spans(g, s)
    assert len(pairs) == 2
    assert len({i for i, _ in pairs}) == 2 and len({j for _, j in pairs}) == 2


def test_scorer_hand_computed_figures():
    # doc1: Monday exact; "three" overlaps "three hours"; March exact with a wrong value.
    # doc2: "Prices" spurious; "last year" exact with a wrong type; "now" missed; March 3 exact.
    # gold 6, system 6, relaxed 5, strict 4, type 4, value 4.
    result = timeml.score_dirs(GOLD, SYSTEM)
    assert (result.n_gold, result.n_sys) == (6, 6)
    assert (result.relaxed, result.strict, result.type_ok, result.value_ok) == (5, 4, 4, 4)
    sp, sr, sf = result.strict_prf
    rp, rr, rf = result.relaxed_prf
    assert sp == pytest.approx(4 / 6) and sr == pytest.approx(4 / 6) and sf == pytest.approx(4 / 6)
    assert rp == pytest.approx(5 / 6) and rr == pytest.approx(5 / 6) and rf == pytest.approx(5 / 6)
    assert result.type_f1 == pytest.approx(4 / 6)
    assert result.value_f1 == pytest.approx(4 / 6)
    # value F1 = value accuracy x relaxed F1
    assert result.value_f1 == pytest.approx(result.value_accuracy * rf)
    kinds = sorted(e.kind for e in result.errors)
    assert kinds == ["extent", "missed", "spurious", "type", "value"]


def test_scorer_perfect_on_gold_itself():
    docs = timeml.read_dir(GOLD)
    result = timeml.score(docs, {d.name: d.timexes for d in docs})
    assert result.relaxed_prf == (1.0, 1.0, 1.0)
    assert result.value_f1 == 1.0
    assert "value F1 1.0000" in result.report()


def test_scorer_missing_system_file_counts_as_empty(tmp_path):
    result = timeml.score_dirs(GOLD, tmp_path)
    assert result.n_sys == 0 and result.relaxed == 0
    assert result.relaxed_prf == (0.0, 0.0, 0.0)


def test_tagger_on_the_small_gold():
    docs = timeml.read_dir(GOLD)
    system = {d.name: timeml_spans(tag(d.text, d.dct)) for d in docs}
    result = timeml.score(docs, system)
    assert result.value_f1 == 1.0, [e.describe() for e in result.errors]
