"""TimeML reading, writing and TempEval-3 style scoring of TIMEX3 expressions.

Pure Python (standard library only, no Django), so the scorer can be used from scripts, tests and
management commands alike.

* :func:`parse_timeml` reads a TimeML document: the document creation time (DCT) from
  ``<DCT><TIMEX3 value=...>``, the plain text of ``<TEXT>`` (every tag inside removed, entities
  decoded) and the gold TIMEX3 annotations as character offsets into that plain text.
* :func:`write_timeml` produces the same document with its ``<TEXT>`` replaced by the plain text
  with ``<TIMEX3 tid type value>`` tags inserted (TempEval-3 Task A format).
* :func:`score` pairs system and gold expressions one-to-one by overlapping spans and reports
  strict / relaxed extent precision, recall and F1 plus type and value F1, pooled over documents.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Annotation",
    "Score",
    "ScoreError",
    "TimeMLDocument",
    "match_spans",
    "parse_timeml",
    "read_dir",
    "read_timeml",
    "render_text",
    "score",
    "strip_tags",
    "write_timeml",
]

_TAG_RE = re.compile(r"<[^>]*>")
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S | re.I)
_DCT_RE = re.compile(r"<DCT>(.*?)</DCT>", re.S | re.I)
_TIMEX_OPEN_RE = re.compile(r"<TIMEX3\b([^>]*)>", re.I)
_ATTR_RE = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_DATE_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_DOCID_RE = re.compile(r"<DOCID>(.*?)</DOCID>", re.S | re.I)


@dataclass(frozen=True)
class Annotation:
    """One TIMEX3 annotation: character offsets into the plain text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


@dataclass
class TimeMLDocument:
    """A parsed TimeML document."""

    name: str
    docid: str
    dct: dt.date | None
    text: str
    timexes: list[Annotation] = field(default_factory=list)
    raw: str = ""


def _attrs(attr_text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR_RE.findall(attr_text)}


def _parse_date(value: str) -> dt.date | None:
    m = _DATE_RE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def strip_tags(markup: str) -> tuple[str, list[Annotation]]:
    """Remove every tag from ``markup``; return the decoded text and the TIMEX3 spans in it.

    Entities are decoded piecewise so offsets refer to the decoded text.
    """
    out: list[str] = []
    pos = 0  # position in the decoded output
    stack: list[tuple[int, dict[str, str]]] = []
    anns: list[Annotation] = []
    last = 0
    for m in _TAG_RE.finditer(markup):
        chunk = html.unescape(markup[last : m.start()])
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        tag = m.group(0)
        if re.match(r"<TIMEX3\b", tag, re.I):
            attrs = _attrs(tag)
            if tag.endswith("/>"):
                continue
            stack.append((pos, attrs))
        elif re.match(r"</TIMEX3\s*>", tag, re.I) and stack:
            start, attrs = stack.pop()
            anns.append(
                Annotation(
                    start=start,
                    end=pos,
                    text="",
                    type=attrs.get("type", ""),
                    value=attrs.get("value", ""),
                    tid=attrs.get("tid", ""),
                )
            )
    chunk = html.unescape(markup[last:])
    out.append(chunk)
    text = "".join(out)
    anns = [Annotation(a.start, a.end, text[a.start : a.end], a.type, a.value, a.tid) for a in anns]
    anns.sort(key=lambda a: (a.start, a.end))
    return text, anns


def parse_timeml(raw: str, name: str = "") -> TimeMLDocument:
    """Parse a TimeML document from a string."""
    dct: dt.date | None = None
    dm = _DCT_RE.search(raw)
    if dm:
        tm = _TIMEX_OPEN_RE.search(dm.group(1))
        if tm:
            dct = _parse_date(_attrs(tm.group(1)).get("value", ""))
        if dct is None:
            dct = _parse_date(_TAG_RE.sub("", dm.group(1)).strip())
    tm = _TEXT_RE.search(raw)
    body = tm.group(1) if tm else ""
    text, anns = strip_tags(body)
    idm = _DOCID_RE.search(raw)
    docid = idm.group(1).strip() if idm else name
    return TimeMLDocument(name=name, docid=docid, dct=dct, text=text, timexes=anns, raw=raw)


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read one TimeML file."""
    p = Path(path)
    return parse_timeml(p.read_text(encoding="utf-8"), name=p.name)


def read_dir(directory: str | Path, pattern: str = "*.tml") -> list[TimeMLDocument]:
    """Read every TimeML file of a directory (sorted by name); ``*.tml`` then ``*.xml``."""
    d = Path(directory)
    files = sorted(d.glob(pattern))
    if not files and pattern == "*.tml":
        files = sorted(d.glob("*.xml"))
    return [read_timeml(f) for f in files]


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr_escape(s: str) -> str:
    return _escape(s).replace('"', "&quot;")


def render_text(text: str, timexes: Iterable, start_tid: int = 1) -> str:
    """Return ``text`` (escaped) with ``<TIMEX3>`` tags around the given spans.

    ``timexes`` are objects with ``start``, ``end``, ``type`` and ``value`` attributes; overlapping
    spans are skipped (TIMEX3 tags do not nest in TempEval-3 Task A output).
    """
    parts: list[str] = []
    last = 0
    tid = start_tid
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < last or t.end <= t.start or t.end > len(text):
            continue
        parts.append(_escape(text[last : t.start]))
        parts.append(
            f'<TIMEX3 tid="t{tid}" type="{_attr_escape(t.type)}" value="{_attr_escape(t.value)}">'
        )
        parts.append(_escape(text[t.start : t.end]))
        parts.append("</TIMEX3>")
        tid += 1
        last = t.end
    parts.append(_escape(text[last:]))
    return "".join(parts)


def write_timeml(doc: TimeMLDocument, timexes: Iterable) -> str:
    """The document's raw TimeML with its ``<TEXT>`` content replaced by tagged plain text."""
    body = render_text(doc.text, timexes)
    raw = doc.raw
    m = _TEXT_RE.search(raw)
    if not m:
        dct = doc.dct.isoformat() if doc.dct else ""
        return (
            '<?xml version="1.0" ?>\n<TimeML>\n'
            f"<DOCID>{_escape(doc.docid)}</DOCID>\n"
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
            f"<TEXT>{body}</TEXT>\n</TimeML>\n"
        )
    return raw[: m.start(1)] + body + raw[m.end(1) :]


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def match_spans(gold: Sequence, system: Sequence) -> list[tuple[int, int]]:
    """Pair gold and system spans one-to-one by overlap; returns (gold index, system index).

    Identical extents are paired first, then the remaining overlapping pairs by decreasing
    overlap (ties: earlier spans first).
    """
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    exact = {(g.start, g.end): i for i, g in enumerate(gold)}
    for j, s in enumerate(system):
        i = exact.get((s.start, s.end))
        if i is not None and i not in used_g:
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
    # remaining overlapping pairs: a maximum one-to-one matching (augmenting paths), trying
    # larger overlaps first
    adj: dict[int, list[int]] = {}
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        cands = []
        for j, s in enumerate(system):
            if j in used_s:
                continue
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                cands.append((-ov, j))
        if cands:
            adj[i] = [j for _, j in sorted(cands)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj.get(i, ()):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(adj):
        augment(i, set())
    pairs.extend((i, j) for j, i in owner.items())
    pairs.sort()
    return pairs


@dataclass
class ScoreError:
    """One disagreement between gold and system, for error listings."""

    doc: str
    kind: str  # "missed", "spurious", "extent", "type", "value"
    gold: Annotation | None
    system: object | None
    context: str = ""

    def describe(self) -> str:
        g = self.gold
        s = self.system
        gs = f"{g.text!r} {g.type} {g.value}" if g else "-"
        ss = f"{s.text!r} {s.type} {s.value}" if s is not None else "-"
        return f"{self.doc}\t{self.kind}\tgold={gs}\tsys={ss}\t{self.context}"


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Score:
    """Pooled TempEval-3 Task A figures."""

    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[ScoreError] = field(default_factory=list)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return _prf(self.strict, self.n_sys, self.n_gold)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return _prf(self.relaxed, self.n_sys, self.n_gold)

    @property
    def type_f1(self) -> float:
        return _prf(self.type_ok, self.n_sys, self.n_gold)[2]

    @property
    def value_f1(self) -> float:
        return _prf(self.value_ok, self.n_sys, self.n_gold)[2]

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    def as_dict(self) -> dict[str, float | int]:
        sp, sr, sf = self.strict_prf
        rp, rr, rf = self.relaxed_prf
        return {
            "gold": self.n_gold,
            "system": self.n_sys,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "type_f1": self.type_f1,
            "value_f1": self.value_f1,
            "type_accuracy": self.type_accuracy,
            "value_accuracy": self.value_accuracy,
        }

    def report(self) -> str:
        d = self.as_dict()
        return "\n".join(
            [
                f"gold {d['gold']}  system {d['system']}",
                "           P       R       F1",
                f"strict   {d['strict_p']:.4f}  {d['strict_r']:.4f}  {d['strict_f1']:.4f}",
                f"relaxed  {d['relaxed_p']:.4f}  {d['relaxed_r']:.4f}  {d['relaxed_f1']:.4f}",
                f"type F1  {d['type_f1']:.4f}   (accuracy {d['type_accuracy']:.4f})",
                f"value F1 {d['value_f1']:.4f}   (accuracy {d['value_accuracy']:.4f})",
            ]
        )


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return (left + "[" + text[start:end] + "]" + right).replace("\n", " ")


def score_document(
    gold: Sequence[Annotation],
    system: Sequence,
    result: Score | None = None,
    name: str = "",
    text: str = "",
) -> Score:
    """Add one document's figures to ``result`` (a new :class:`Score` when None)."""
    result = result if result is not None else Score()
    gold = sorted(gold, key=lambda a: (a.start, a.end))
    system = sorted(system, key=lambda a: (a.start, a.end))
    pairs = match_spans(gold, system)
    result.n_gold += len(gold)
    result.n_sys += len(system)
    result.relaxed += len(pairs)
    matched_g = {i for i, _ in pairs}
    matched_s = {j for _, j in pairs}
    for i, j in pairs:
        g, s = gold[i], system[j]
        exact = g.start == s.start and g.end == s.end
        result.strict += exact
        type_ok = g.type == s.type
        value_ok = g.value == s.value
        result.type_ok += type_ok
        result.value_ok += value_ok
        ctx = _context(text, g.start, g.end) if text else ""
        if not value_ok:
            result.errors.append(ScoreError(name, "value", g, s, ctx))
        elif not type_ok:
            result.errors.append(ScoreError(name, "type", g, s, ctx))
        elif not exact:
            result.errors.append(ScoreError(name, "extent", g, s, ctx))
    for i, g in enumerate(gold):
        if i not in matched_g:
            ctx = _context(text, g.start, g.end) if text else ""
            result.errors.append(ScoreError(name, "missed", g, None, ctx))
    for j, s in enumerate(system):
        if j not in matched_s:
            ctx = _context(text, s.start, s.end) if text else ""
            result.errors.append(ScoreError(name, "spurious", None, s, ctx))
    return result


def score(
    gold_docs: Sequence[TimeMLDocument],
    system: dict[str, Sequence] | Sequence[Sequence],
) -> Score:
    """Score system annotations against gold documents, pooled over all documents.

    ``system`` maps a document name to its expressions (or is a list parallel to ``gold_docs``);
    a document missing from the mapping counts as having no system expressions.
    """
    result = Score()
    for k, doc in enumerate(gold_docs):
        sys_anns = system.get(doc.name, []) if isinstance(system, dict) else system[k]
        score_document(doc.timexes, sys_anns, result, name=doc.name, text=doc.text)
    return result


def score_dirs(
    gold_dir: str | Path, system_dir: str | Path, names: Iterable[str] | None = None
) -> Score:
    """Score the TimeML files of ``system_dir`` against the same-named files of ``gold_dir``
    (only the files called ``names`` when given)."""
    gold_docs = read_dir(gold_dir)
    if names is not None:
        keep = set(names)
        gold_docs = [d for d in gold_docs if d.name in keep]
    sys_map: dict[str, list[Annotation]] = {}
    sdir = Path(system_dir)
    for doc in gold_docs:
        p = sdir / doc.name
        if p.exists():
            sdoc = read_timeml(p)
            if sdoc.text != doc.text:
                sys_map[doc.name] = _realign(doc.text, sdoc)
            else:
                sys_map[doc.name] = sdoc.timexes
    return score(gold_docs, sys_map)


def _realign(gold_text: str, sdoc: TimeMLDocument) -> list[Annotation]:
    """Map system spans onto the gold text when whitespace differs (best effort)."""
    out = []
    cursor = 0
    for a in sdoc.timexes:
        idx = gold_text.find(a.text, cursor)
        if idx < 0:
            idx = gold_text.find(a.text)
        if idx < 0:
            continue
        out.append(Annotation(idx, idx + len(a.text), a.text, a.type, a.value, a.tid))
        cursor = idx + len(a.text)
    return out
