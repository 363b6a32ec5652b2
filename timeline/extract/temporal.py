"""Rule-based temporal tagger for English news: TIMEX3 extents, types and normalised values.

``tag(text, dct)`` finds date, time, duration and set expressions and resolves them against the
document creation time (DCT), following the TimeML TIMEX3 annotation guidelines.

Design
------
* Every rule is a regular expression plus a normaliser.  All rule patterns are joined into one
  master alternation (one named group per rule) and scanned in a single ``finditer`` pass; the
  rule that fired is re-matched at the same offset to read its fields.  Rules are ordered from
  the most to the least specific, so at a given offset the longest reading wins.
* Normalisers are plain Python: calendar arithmetic relative to the DCT (or to the last
  mentioned date for anaphoric "a day earlier", "the following year"), tense of the clause for
  underspecified references ("Monday", "in March"), and filters for non-temporal readings ("They
  will March", "may", "Boeing 747", "$3.56 billion").
* Each :class:`Timex` carries the rule name and a human-readable ``reason``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dateutil.easter import easter as _easter

from . import temporal_values as tv
from .regex_first import UnsupportedParser, first_chars
from .temporal_lex import (
    AMPM,
    COUNT_NOUNS,
    DAY_NUM,
    DECADE_WORDS,
    LABEL_WORDS,
    MONTH,
    MONTH_FULL,
    MONTH_STRICT,
    MONTHS,
    NUM,
    ORD_WORD_DAY,
    ORDINALS,
    PART_OF_DAY,
    PARTS_OF_DAY,
    SEASON,
    SEASONS,
    SMALL_NUMBERS,
    TENS,
    TZ,
    UNIT,
    UNITS,
    VERB_CONTEXT_BEFORE,
    WEEKDAY,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR,
    YEAR4,
)

__all__ = ["Tagger", "Timex", "precision", "tag"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    rule: str = ""
    anchor: str = ""
    reason: str = ""
    range_end: str | None = None
    mod: str | None = None
    # for ranges: ((start, end, value), (start, end, value)) of the two endpoints
    parts: tuple = field(default=(), compare=False)

    @property
    def precision(self) -> str:
        return precision(self.value)

    def as_dict(self) -> dict:
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "precision": self.precision,
            "rule": self.rule,
            "anchor": self.anchor,
            "reason": self.reason,
        }
        if self.range_end:
            d["range_end"] = self.range_end
        if self.mod:
            d["mod"] = self.mod
        return d


def precision(value: str) -> str:
    """Granularity of a TIMEX3 value ("day", "month", "year", "week", "quarter", ...)."""
    return tv.precision(value)


# ============================================================================ helpers


def _num(s: str) -> float | None:
    """Parse a number phrase ("three", "twenty-four", "30", "2 1/2", "a"); None when vague."""
    s = s.lower().strip().replace("\u00bd", " 1/2")
    s = re.sub(r"\s+", " ", s)
    if re.fullmatch(r"an?|one", s):
        return 1
    if re.fullmatch(r"(?:a )?couple(?: of)?", s):
        return 2
    if re.fullmatch(r"(?:a )?dozen", s):
        return 12
    if re.fullmatch(r"half an?|a half", s):
        return 0.5
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)( 1/2)?", s)
    if m:
        v = float(m.group(1).replace(",", ""))
        return v + (0.5 if m.group(2) else 0)
    m = re.fullmatch(
        r"(a|one|two|three|four|five|six|seven|eight|nine|ten)[- ](hundred|thousand)", s
    )
    if m:
        base = 1 if m.group(1) == "a" else SMALL_NUMBERS[m.group(1)]
        return base * (100 if m.group(2) == "hundred" else 1000)
    if s in SMALL_NUMBERS:
        return SMALL_NUMBERS[s]
    m = re.fullmatch(r"(\w+)(?:[- ](\w+))?", s)
    if m and m.group(1) in TENS:
        return TENS[m.group(1)] + (SMALL_NUMBERS.get(m.group(2) or "", 0))
    return None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _duration(n: float | None, unit_word: str) -> str:
    """ISO 8601 duration for ``n`` units (``None``: unknown count, written X)."""
    u = unit_word.lower().rstrip(".")
    u = {
        "centuries": "century",
        "millennia": "millennium",
        "secs": "sec",
        "mins": "min",
        "hrs": "hr",
    }.get(u, u)
    if u.endswith("s") and u[:-1] in UNITS:
        u = u[:-1]
    letter, mult, is_time = UNITS.get(u, ("X", 1, False))
    if n is None:
        if u == "decade":
            return "PXE"
        if u == "century":
            return "PXC"
        if letter == "WE":
            return "PXWE"
        return ("PTX" if is_time else "PX") + letter
    total = n * mult
    if letter == "WE":
        return f"P{_fmt_num(total)}WE"
    if not float(total).is_integer():
        # fractional: express in the next smaller unit
        lower = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False)}
        lower_t = {"H": (60, "M"), "M": (60, "S")}
        if not is_time and letter in lower:
            k, lt, _ = lower[letter]
            whole = int(total)
            rest = round((total - whole) * k)
            if letter == "Y":
                return f"P{whole}Y{rest}M" if whole else f"P{rest}M"
            return f"P{whole * k + rest}{lt}"
        if is_time and letter in lower_t:
            k, lt = lower_t[letter]
            whole = int(total)
            rest = round((total - whole) * k)
            return f"PT{whole}{letter}{rest}{lt}" if whole else f"PT{rest}{lt}"
        if letter == "D":
            return f"PT{round(total * 24)}H"
    return ("PT" if is_time else "P") + _fmt_num(total) + letter


_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w&.'’-]*)\W{0,3}$")
_WORD_AFTER_RE = re.compile(r"^\W{0,3}([A-Za-z][\w'’-]*)")
_SENT_START_RE = re.compile(r"(?:[.!?][\"'”’)]*\s+|\n\s*|^\s*)$")

_FUTURE_RE = re.compile(
    r"\b(?:will|shall|won't|wo n't|going\s+to|plans?\s+to|planning\s+to|scheduled"
    r"|(?<!\bthan\s)(?<!\bas\s)(?<!-)expected\s+to"
    r"|expects?|anticipates?|predicts?|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to|set\s+to|intends?\s+to"
    r"|hopes?\s+to|aims?\s+to|would|to\s+be\s+held|to\s+meet|to\s+visit"
    r"|to\s+hold|to\s+travel|to\s+begin|to\s+start|to\s+open|to\s+vote|to\s+decide"
    r"|to\s+announce|to\s+resume|to\s+take\s+place|payable|effective"
    # (not the comparative "faster than expected", "as expected", "better-than-expected")
    r"|(?<!\bthan\s)(?<!\bas\s)(?<!-)expected"
    r"|(?:is|are|was|were)\s+set\s+for|slated|(?:is|are)\s+scheduled|(?:is|are)\s+planned"
    r"|planned\s+for)\b"
    r"|'ll\b",
    re.I,
)
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|said|told|began|came|went|met"
    r"|held|made|took|gave|saw|won|lost|fell|rose|left|got|became|brought|found|led|paid|sent"
    r"|sold|spoke|thought|wrote|struck|since|knew|ran|fled|flew|stood|told|agreed|signed|has"
    r"|have|been)\b",
    re.I,
)
_AGE_PREDICATIVE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|become|became|now)\s+(?:(?:more|less)\s+than\s+"
    r"|(?:nearly|almost|about|around|over|some|only|just|at\s+least)\s+)?$",
    re.I,
)
# "-ed" words, less sure than the past forms above; not after a determiner or a degree adverb,
# where they are adjectives ("an unnamed city", "a still unspecified date", "its revised plan")
_WEAK_PAST_RE = re.compile(
    r"\b(?=\w{2,}ed\b)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)"
    r"(?<!\bour\s)(?<!\btheir\s)(?<!\bstill\s)(?<!\bnewly\s)(?<!\bthis\s)(?<!\bthese\s)"
    r"\w{2,}ed\b",
    re.I,
)
# time words of other expressions ("next month", "last week") hint at the tense of the clause,
# but less than its verbs do
_WORD_FUTURE_RE = re.compile(r"\b(?:upcoming|tomorrow)\b", re.I)
# modals and the scheduling present of news ("Albright arrives Sunday", "the embassy reopens
# Monday", "the search could end Thursday") point forward
_SCHEDULE_RE = re.compile(
    r"(?<!\bto\s)\b(?:could|may|might|should"
    r"|(?:arriv|leav|depart|return|reopen|resum|meet|visit|travel|vote|convene|expire|head"
    r"|fl)(?:s|es|ies)|arrive|reopen|convene)\b",
    re.I,
)
_SCHEDULE_WEIGHT = 1.5
# for weekdays only, and only close to the expression: more verbs of the scheduling present
# ("the trial opens Tuesday", "voters go to the polls Sunday", "the ban takes effect Thursday")
# and the progressive of plans ("is visiting Kenya on Thursday", "are meeting Monday")
_NEAR_SCHEDULE_RE = re.compile(
    r"(?<!\bto\s)(?<!\bnot\s)(?<!n't\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!-)(?<!['’]s\s)"
    r"(?<!\bits\s)(?<!\btheir\s)(?<!\bthis\s)(?<!\bthat\s)"
    r"\b(?:(?:open|begin|start|end|tak|hold|host|testif"
    r"|conclud|celebrat|undergo|go|play|compet|debut|premier|kick|tip)(?:s|es|ies)"
    r"|meet|begin|open|go|vote|resume|gather"
    r"|(?:is|are|'re)\s+\w+ing)\b",
    re.I,
)
_NEAR_SCHEDULE_REACH = 30  # characters
_DET_RE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|our)\s", re.I)
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,?\s+(?:and|but|while|whereas)\s+", re.I)
_CLAUSE_BREAK_PENALTY = 15
_REL_CLAUSE_RE = re.compile(r",\s+(?:who|which|whose|whom)\b", re.I)
_PARTICIPLE_DEADLINE_RE = re.compile(r"\b\w{2,}ed\s+(?:until|till|through)\s+$", re.I)
# what makes the -ed word a participle rather than a past verb: "remains closed", "will be
# suspended", "is expected"
_AUX_BEFORE_PARTICIPLE_RE = re.compile(
    r"\b(?:is|are|am|be|been|being|remains?|remaining|stays?|staying|keeps?|get|gets|'s|'re)"
    r"\s+(?:\w+ly\s+)?$",
    re.I,
)
# an event put on a day: "set a hearing for Thursday", "postponed the vote until Monday"
_SET_FOR_RE = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bhad\sbeen\s)(?<!\bhad\s)\b(?:set|scheduled|planned|slated"
    r"|called|postponed|delayed|moved|rescheduled|adjourned|put\s+off|pushed\s+back)\b"
    r"[^.;:!?]{0,35}\b(?:for|to|until|till)\s+(?:next\s+|this\s+)?$",
    re.I,
)
_AHEAD_OF_RE = re.compile(
    r"\b(?:ahead\s+of|in\s+advance\s+of|in\s+the\s+run[\s-]up\s+to|preparing\s+for"
    r"|prepare\s+for|in\s+preparation\s+for)\s+$",
    re.I,
)
_AFTER_POSSESSIVE_RE = re.compile(r"\b(?:after|following|since|in\s+the\s+wake\s+of)\s+$", re.I)
_COPULA_BEFORE_RE = re.compile(r"\b(?:is|are)\s+(?:on\s+|due\s+|now\s+)?$", re.I)
_WORD_WEIGHT = 1.5
_WORD_PAST_RE = re.compile(r"\b(?:ago|last|yesterday|earlier)\b", re.I)
_SENT_BOUND_RE = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")
# a period that ends an abbreviation, not a sentence: "a.m. EDT", "the U.S. Embassy",
# "Gen. Smith", "John F. Kennedy", "Aug. 7"
_ABBREV_DOT_RE = re.compile(
    r"(?:(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]|(?<![\w.])[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Gens|Sen|Sens"
    r"|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Pvt|Prof|Rev|Gov|St|Mt|Ft|Jr|Sr|No|Nos"
    r"|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|vs|Pres|Sec|Atty|Supt|Insp)|\b[ap]\.m)$"
)


# ============================================================================ rules

RuleFn = Callable[["_Doc", re.Match], "tuple | None"]


@dataclass
class _Rule:
    name: str
    pattern: str
    fn: RuleFn
    regex: re.Pattern = field(init=False)

    def __post_init__(self) -> None:
        self.regex = re.compile(self.pattern, re.I)


_B = r"(?<![\w$£€¥#@&.,/:'’-])"  # left boundary for tokens starting with a digit or word
_BW = r"(?<![\w$£€¥#@&'’-])"  # left boundary for words
_E = r"(?![\w])"

_REL_WORDS = (
    r"(?:this\s+past|this\s+coming|this|last|next|past|coming|previous|current|following"
    r"|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+current"
    r"|the\s+following|the\s+same|the\s+latest|the\s+preceding|the\s+prior|same|prior|that)"
)
_MOD_PRE = (
    r"(?:(?:the\s+(?:very\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|"
    r"first\s+part|latter\s+part|early\s+part|rest|remainder)\s+of\s+(?:the\s+)?"
    r"|(?:early|late|earlier|later|mid|the\s+early|the\s+late|the\s+mid|sometime)"
    r"(?:\s+|-))?)"
)


def _words(*chunks: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``chunks``."""
    return frozenset(" ".join(chunks).split())


class _Doc:
    """Per-document state: text, DCT and the expressions tagged so far (for anchoring)."""

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text = text
        self.dct = dct
        self.found: list[Timex] = []
        self.last_quarter: Timex | None = None
        # the last quarter mentioned that ended before the DCT's: the period being reported,
        # which "the year-ago period" and "a year earlier" compare with (not a forecast quarter)
        self.last_reported_quarter: Timex | None = None
        self.start = 0
        self.end = 0

    # ----------------------------------------------------------------- context helpers
    def word_before(self, pos: int) -> str:
        m = _WORD_BEFORE_RE.search(self.text[max(0, pos - 30) : pos])
        return m.group(1).lower() if m else ""

    def raw_word_before(self, pos: int) -> str:
        m = re.search(r"(\S+)\s*$", self.text[max(0, pos - 30) : pos])
        return m.group(1) if m else ""

    def word_after(self, pos: int) -> str:
        m = _WORD_AFTER_RE.search(self.text[pos : pos + 30])
        return m.group(1) if m else ""

    def sentence_start(self, pos: int) -> bool:
        return bool(_SENT_START_RE.search(self.text[max(0, pos - 5) : pos]))

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = max(0, start - 250)
        s = lo
        text = self.text
        # (the boundary's lookahead must see the capital that starts the expression's own
        # sentence: "1945. The next month, ...")
        for m in _SENT_BOUND_RE.finditer(text, lo, min(len(text), start + 2)):
            if m.end() <= start and not self._abbrev_dot(m):
                s = m.end()
        hi = min(len(text), end + 200)
        e = hi
        for m in _SENT_BOUND_RE.finditer(text, end, hi):
            if not self._abbrev_dot(m):
                e = m.start()
                break
        return s, e

    def _abbrev_dot(self, m: re.Match) -> bool:
        """Is this sentence-boundary candidate the period of an abbreviation?"""
        p = m.start()
        return (
            self.text[p] == "." and _ABBREV_DOT_RE.search(self.text, max(0, p - 8), p) is not None
        )

    def tense(self, start: int, end: int, near_schedule: bool = False) -> str:
        """'future', 'past' or '' from the nearest tense marker in the clause.
        ``near_schedule``: also count the present of plans close to the expression (weekdays)."""
        s, e = self.sentence_bounds(start, end)
        # a relative clause set off by commas is a clause of its own: "Clinton, who returns
        # on Friday, said ..." (the main verb says nothing about Friday)
        rels = list(_REL_CLAUSE_RE.finditer(self.text, s, start))
        rel = rels[-1] if rels else None
        if rel is not None and "," not in self.text[rel.end() : start]:
            close = self.text.find(",", end, e)
            if close != -1:
                s, e = rel.start(), close
        best = later = None
        markers = [
            (_FUTURE_RE, "future", 0.6),
            (_PAST_RE, "past", 1.0),
            (_WEAK_PAST_RE, "past", 1.5),
            (_WORD_FUTURE_RE, "future", _WORD_WEIGHT),
            (_SCHEDULE_RE, "future", _SCHEDULE_WEIGHT),
            (_WORD_PAST_RE, "past", _WORD_WEIGHT),
        ]
        if near_schedule:
            markers.append((_NEAR_SCHEDULE_RE, "near", _SCHEDULE_WEIGHT))
        for rx, label, weight in markers:
            lo, hi = s, e
            near = label == "near"
            if near:
                lo = max(s, start - _NEAR_SCHEDULE_REACH)
                hi = min(e, end + _NEAR_SCHEDULE_REACH)
                label = "future"
            for m in rx.finditer(self.text, lo, hi):
                if m.start() >= start and m.end() <= end:
                    continue
                if near and m.start() < start and self._past_verb_before(s, m.start()):
                    # "Johnson survived a no-confidence vote on Monday": after the clause's
                    # past verb, "vote" is a noun, not the present of plans
                    continue
                before = self.text[max(0, m.start() - 16) : m.start()]
                if label == "future" and re.search(r"\b(?:was|were|had|been)\s+$", before):
                    label_here = "past"
                elif label == "past" and re.search(
                    r"\b(?:will|to|would|shall|'ll)\s+(?:be|have(?:\s+been)?)\s+$", before
                ):
                    label_here = "future"
                else:
                    label_here = label
                dist = start - m.end() if m.end() <= start else m.start() - end
                dist = max(dist, 0) * weight + (10 if m.start() >= end else 0)
                if m.start() >= end and _CLAUSE_BREAK_RE.search(self.text, end, m.start()):
                    # "met on Thursday and will meet again Saturday": another clause's verb,
                    # used only if nothing in the expression's own clause says the tense
                    dist += _CLAUSE_BREAK_PENALTY
                    if later is None or dist < later[0]:
                        later = (dist, label_here)
                    continue
                if best is None or dist < best[0]:
                    best = (dist, label_here)
        if best is None:
            best = later
        return best[1] if best else ""

    def _past_verb_before(self, s: int, pos: int) -> bool:
        """A past verb in ``[s, pos)`` whose object noun phrase runs up to ``pos`` (a
        determiner between them, no clause break): "survived a no-confidence vote"."""
        for rx in (_PAST_RE, _WEAK_PAST_RE):
            for pm in rx.finditer(self.text, s, pos):
                if _DET_RE.search(self.text, pm.end(), pos) and not _CLAUSE_BREAK_RE.search(
                    self.text, pm.end(), pos
                ):
                    return True
        return False

    def story_anchor(
        self, granularities: tuple[str, ...], reach: int
    ) -> tuple[Timex, dt.date] | None:
        """The last date mentioned (of these granularities) within ``reach`` characters, and
        its first day: the time an anaphoric "that summer", "the next morning" refers to."""
        anchor = self.last_value(granularities)
        if anchor is None or self.start - anchor.end > reach:
            return None
        ad = _anchor_date(anchor)
        return (anchor, ad) if ad is not None else None

    def last_value(self, granularities: tuple[str, ...]) -> Timex | None:
        for t in reversed(self.found):
            if t.type in ("DATE", "TIME") and tv.precision(t.value) in granularities:
                if self.start - t.end < 2000:
                    return t
                return None
        return None


def _anchor_date(t: Timex) -> dt.date | None:
    """The first day of a previously tagged DATE/TIME value (day, month or year precision)."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d-]|-?W)", t.value)
    if not m:
        return None
    return tv.safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


_QUANTITY_BEFORE_RE = re.compile(
    r"(?:\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
    r"|dozen|hundreds|thousands|millions|billions))"
    r"\s*(?:%|percent|(?:[a-z]+[\s-]+){0,2}?(?:[a-z]+s|dollars|cents|pence|yen|euros?|people"
    r"|children|men|women|staff|personnel))?\s*$",
    re.I,
)


def _after_quantity(doc: _Doc, pos: int) -> bool:
    """Is ``pos`` right after a quantity ("$3 million", "8.5%", "four flights", "10,000 units")?
    Then "a year", "per day", "annually" form a rate, not a time expression."""
    return _QUANTITY_BEFORE_RE.search(doc.text, max(0, pos - 40), pos) is not None


def _r_anchored_day(doc: _Doc, m: re.Match):
    """ "the next day", "the following day", "the previous day", "the day before": a day
    relative to the last day mentioned in the story (TimeML anchors these on the narrative
    time, not on the DCT); without such a day, relative to the DCT."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    n = -1 if any(k in w for k in ("previous", "preceding", "prior", "before")) else 1
    anchor = doc.last_value(("day",))
    if anchor is not None:
        ad = _anchor_date(anchor)
        if ad is not None:
            return (
                "DATE",
                tv.day(ad + dt.timedelta(days=n)),
                f"'{w}': {n:+d} day from the previously mentioned {anchor.text!r}",
                {"anchor": f"{anchor.text} ({anchor.value})"},
            )
    return "DATE", tv.day(doc.dct + dt.timedelta(days=n)), f"'{w}': {n:+d} day from the DCT"


def _r_anchored_pod(doc: _Doc, m: re.Match):
    """ "the next morning", "that night": a part of the day the story is at (TIDES 2005 and
    TimeML mark such anaphoric expressions, valued from their antecedent); "that night" needs
    an antecedent day, "the next morning" falls back on the DCT."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    n = 0
    if m["nx"]:
        n = -1 if any(k in m["nx"].lower() for k in ("previous", "preceding")) else 1
    found = doc.story_anchor(("day", "part_of_day", "hour", "minute"), 400)
    if found is None:
        if not m["nx"]:
            return None
        ad, why = doc.dct, "the DCT"
    else:
        ad, why = found[1], f"the previously mentioned {found[0].text!r}"
    d = ad + dt.timedelta(days=n)
    return "TIME", f"{tv.day(d)}T{pod}", f"{m.group(0)!r}: {n:+d} day from {why}"


_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _r_anchored_period(doc: _Doc, m: re.Match):
    """ "that summer", "That December", "the following spring": a season or month of the year
    the story is at (TimeML marks these anaphoric expressions, valued from their antecedent);
    untagged with no antecedent in reach ("that summer" says nothing by itself)."""
    if m["mon"] and not m["mon"][0].isupper():
        return None
    found = doc.story_anchor(("day", "month", "year", "season"), 600)
    if found is None:
        return None
    anchor, ad = found
    season = SEASONS[m["s"].lower()] if m["s"] else None
    month = _SEASON_START_MONTH[season] if season else _month_num(m["mon"])
    ext = {"anchor": f"{anchor.text} ({anchor.value})"}
    if m["mod"]:
        ext["mod"] = _mod_of(m["mod"])
    y = ad.year
    why = f"'that': the one in the year of {anchor.text!r}"
    if m["nx"]:
        if tv.precision(anchor.value) == "year" or month <= ad.month:
            y += 1
        why = f"the first such after {anchor.text!r}"
    return "DATE", f"{y:04d}-{season}" if season else tv.month(y, month), why, ext


def _r_in_the_day(doc: _Doc, m: re.Match):
    """ "later in the day", "earlier in the day": the last day mentioned, or the DCT."""
    anchor = doc.last_value(("day", "part_of_day", "hour", "minute"))
    ad = _anchor_date(anchor) if anchor is not None else None
    if ad is not None:
        return (
            "DATE",
            tv.day(ad),
            f"the day of the previously mentioned {anchor.text!r}",
            {"anchor": f"{anchor.text} ({anchor.value})"},
        )
    return "DATE", tv.day(doc.dct), "the day of the DCT"


_NTH_DAY_NOW_RE = re.compile(r"\b(?:today|it|this)\s*(?:['’]s|\s+is)\s+$", re.I)
_NTH_DAY_COPULA_RE = re.compile(r"\s+(?:was|is|marked|marks)\s+$", re.I)


def _r_nth_day(doc: _Doc, m: re.Match):
    """ "Today is the eighth day of the strike", "Tuesday was the third day of protests": the
    day named by the subject of the clause (the DCT for "today"/"it is")."""
    lo = max(0, m.start() - 30)
    if _NTH_DAY_NOW_RE.search(doc.text, lo, m.start()):
        return "DATE", tv.day(doc.dct), "'the Nth day' of something, said of today: the DCT"
    prev = doc.found[-1] if doc.found else None
    if (
        prev is not None
        and prev.type == "DATE"
        and tv.precision(prev.value) == "day"
        and _NTH_DAY_COPULA_RE.fullmatch(doc.text, prev.end, m.start())
    ):
        return (
            "DATE",
            prev.value,
            f"'the Nth day' of something, said of {prev.text!r}",
            {"anchor": f"{prev.text} ({prev.value})"},
        )
    return None


def _r_bare_pod(doc: _Doc, m: re.Match):
    """ "in the morning", "by mid-afternoon", "late in the evening": a part of the day the
    story is at (the last day mentioned nearby), else of the DCT."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    mod = _mod_of(m.group(0)[: m.start("pod") - m.start()])
    anchor = doc.last_value(("day",))
    if anchor is not None and doc.start - anchor.end < 400:
        ad = _anchor_date(anchor)
        if ad is not None:
            return (
                "TIME",
                f"{tv.day(ad)}T{pod}",
                f"part of the day {anchor.text!r} ({anchor.value}) mentioned before",
                {"anchor": f"{anchor.text} ({anchor.value})", "mod": mod},
            )
    return "TIME", f"{tv.day(doc.dct)}T{pod}", f"part of the DCT {_dctdesc(doc.dct)}", {"mod": mod}


def _r_pod_of_date(doc: _Doc, m: re.Match):
    """ "the morning of Aug. 7", "the night of Friday": a part of a named day (TIME, as "Friday
    morning" is)."""
    res = _date_ctx(doc, m)
    if res is None:
        return None
    day, why = res
    pod = PARTS_OF_DAY[m["pod"].lower()]
    extras = {"mod": _mod_of(m["mod"])} if m["mod"] else {}
    return "TIME", f"{day}T{pod}", f"part of day of {why}", extras


def _r_end_of_unit(doc: _Doc, m: re.Match):
    """ "the end of the month", "the beginning of the week": the DCT's month or week."""
    unit = m["unit"].lower()
    letter = "M" if unit == "month" else "W"
    return (
        "DATE",
        tv.shift(doc.dct, letter, 0),
        f"'the {unit}' in news: the DCT's {unit}",
        {"mod": _mod_of(m.group(0))},
    )


def _dctdesc(d: dt.date) -> str:
    return f"{WEEKDAY_NAMES[d.weekday()][:3]} {d.isoformat()}"


def _month_num(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day_num(s: str) -> int | None:
    s = s.lower().strip()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    s = s.replace(" ", "-")
    if s in ORDINALS:
        return ORDINALS[s]
    m = re.fullmatch(r"(twenty|thirty)-(\w+)", s)
    if m and m.group(2) in ORDINALS:
        return TENS[m.group(1)] + ORDINALS[m.group(2)]
    return None


def _year_num(s: str, dct: dt.date) -> int:
    s = s.strip()
    if s[0] in "'’":
        yy = int(s[1:])
        y = (dct.year // 100) * 100 + yy
        if y > dct.year + 10:
            y -= 100
        return y
    return int(s)


_PAST_MONTH_REACH = 6  # months: how far back a yearless month in a past-tense clause may lie
# a past verb, at most three words before "in MONTH": the month is the verb's own time
_GOVERNING_PAST_RE = re.compile(
    r"(?:(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)\b\w{2,}ed"
    r"|\b(?:took|held|came|went|met|made|began|won|lost|fell|rose|left|became|brought|found"
    r"|led|sent|sold|spoke|wrote|struck|ran|fled|flew|stood|told|said|saw|gave|did))"
    r"\s+(?:[\w'’-]+\s+){0,3}(?:in|during)\s+$",
    re.I,
)


_FULL_DATE_VALUE_RE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?$")


def _same_sentence_dated(doc: _Doc, start: int, end: int) -> Timex | None:
    """The month or day with a written year, earlier in the same sentence, in another year
    than the DCT's."""
    if not doc.found:
        return None
    t = doc.found[-1]
    if t.type != "DATE" or not _FULL_DATE_VALUE_RE.match(t.value) or t.end > start:
        return None
    if int(t.value[:4]) == doc.dct.year or not re.search(r"\d{4}|['’]\d\d", t.text):
        return None
    s, _ = doc.sentence_bounds(start, end)
    return t if t.start >= s else None


def _resolve_month(doc: _Doc, mon: int, start: int, end: int, rel: str = "") -> tuple[int, str]:
    """Year of a bare month name, from the relative word or the tense of the clause."""
    d = doc.dct
    rel = (rel or "").lower().split()[-1] if rel else ""
    if rel in ("this", "current"):
        return d.year, f"'this' month: year of the DCT {d.year}"
    if rel in ("last", "past", "previous"):
        if rel == "last" and (d.month - mon) % 12 == 1:
            # the month just before the DCT's is "last month"; "last February" written on
            # March 1 is the February of the year before
            return d.year - 1 if mon < d.month else d.year - 2, (
                "'last' and the month just before the DCT's: the year before's"
            )
        y = d.year if mon < d.month else d.year - 1
        return y, f"'last': the most recent month before the DCT {d.isoformat()}"
    if rel in ("next", "coming"):
        y = d.year if mon > d.month else d.year + 1
        return y, f"'next': the first such month after the DCT {d.isoformat()}"
    tense = doc.tense(start, end)
    prev = _same_sentence_dated(doc, start, end)
    if prev is not None and tense != "future":
        # "elected in November 2020 and took office in January": the story is at the
        # explicitly dated month of the same sentence, not at the DCT
        py, pm = int(prev.value[:4]), int(prev.value[5:7])
        y = py + 1 if mon < pm and (mon - pm) % 12 <= 3 else py
        return y, f"the sentence is set in {prev.text!r} ({prev.value}): the {y} month"
    if mon == d.month:
        return d.year, "the DCT's own month"
    if doc.word_before(start) in ("by", "until", "till", "through") and (mon - d.month) % 12 <= 6:
        tense = "future"  # a deadline: "by February"
    if (
        tense == "future"
        and 1 <= (d.month - mon) % 12 <= 3
        and not re.search(r"\d", doc.text[start:end])  # a month, not a day ("on Nov. 15")
        and _data_release(doc, start, end)
    ):
        # "the jobs report for May will be released Friday", "will publish September
        # figures": the month the figures cover, just past, not the next May
        y = d.year if mon < d.month else d.year - 1
        return y, "figures still to be released cover a month just past"
    if tense == "future":
        y = d.year if mon > d.month else d.year + 1
        return y, f"future-tense context: the next such month after the DCT {d.isoformat()}"
    if tense == "past":
        back = (d.month - mon) % 12
        if mon < d.month or back <= _PAST_MONTH_REACH:
            y = d.year if mon < d.month else d.year - 1
            return y, f"past-tense context: the last such month before the DCT {d.isoformat()}"
        if _GOVERNING_PAST_RE.search(doc.text, max(0, start - 60), start):
            # the past verb is the month's own: "the attack occurred in November", "visited
            # Moscow in December" (written in August): a past month, however far back
            return d.year - 1, (
                f"a past verb governs the month: the last such month before the DCT {d.isoformat()}"
            )
        # News style gives the year of any date outside the current year; a month later in
        # the year than the DCT and far back in the previous year is this year's
        return d.year, (
            f"past-tense context, but the previous such month lies {back} months "
            f"back: a yearless month in news is in the DCT's year {d.year}"
        )
    back = (d.month - mon) % 12
    fwd = (mon - d.month) % 12
    if back <= fwd:
        y = d.year if mon < d.month else d.year - 1
        return y, f"no clear tense: the nearest such month, before the DCT {d.isoformat()}"
    y = d.year if mon > d.month else d.year + 1
    return y, f"no clear tense: the nearest such month, after the DCT {d.isoformat()}"


def _resolve_weekday(doc: _Doc, wd: int, start: int, end: int, rel: str = "") -> tuple[str, str]:
    d = doc.dct
    rel = (rel or "").lower()
    rel = re.sub(r"\s+", " ", rel).strip()
    delta = wd - d.weekday()
    if rel in ("last", "this past", "past", "the previous", "previous"):
        back = (d.weekday() - wd) % 7 or 7
        r = d - dt.timedelta(days=back)
        return tv.day(r), f"'{rel}': the {WEEKDAY_NAMES[wd]} before the DCT {_dctdesc(d)}"
    if rel in ("next", "this coming", "coming", "the following", "following"):
        fwd = delta % 7 or 7
        r = d + dt.timedelta(days=fwd)
        return tv.day(r), f"'{rel}': the {WEEKDAY_NAMES[wd]} after the DCT {_dctdesc(d)}"
    if delta == 0:
        return tv.day(d), f"same weekday as the DCT {_dctdesc(d)}"
    # "Tuesday's declaration": an event named by its day, nearly always a past one; the
    # present tense of the clause ("the GM move follows Tuesday's ...") says nothing about it
    possessive = (
        re.match(r"['’]s\b", doc.text[end : end + 3]) is not None
        or re.search(r"['’]s$", doc.text[start:end]) is not None  # the match took the "'s"
    )
    tense = doc.tense(start, end, near_schedule=not possessive)
    before = doc.text[max(0, start - 60) : start]
    if (
        possessive
        and _AHEAD_OF_RE.search(before)
        and not _PAST_RE.search(doc.text, doc.sentence_bounds(start, end)[0], start)
    ):
        # "lobbying members ahead of Thursday's vote", "in the run-up to Sunday's election"
        tense = "future"
    elif possessive and _AFTER_POSSESSIVE_RE.search(before):
        # "After Thursday's vote, the president said he would veto the bill": the day is
        # behind the clause's reported future
        tense = "past"
    if _SET_FOR_RE.search(before):
        # "has set a hearing for Thursday", "postponed the vote to Monday", "has been
        # postponed until Monday"
        tense = "future"
    elif _COPULA_BEFORE_RE.search(before):
        # "the deadline is Friday", "the election is on Sunday": the present copula puts the
        # day ahead (a past day takes "was")
        tense = "future"
    elif doc.word_before(start) in ("until", "till", "through", "by"):
        # a deadline: "closed through Friday", "by Monday"; a participle right before it
        # ("remains closed until Wednesday") is no past verb
        part = _PARTICIPLE_DEADLINE_RE.search(before)
        if part and not _AUX_BEFORE_PARTICIPLE_RE.search(before[: part.start()]):
            part = None  # "the ceasefire lasted until Sunday": a finite past verb
        t2 = doc.tense(start - len(part.group(0)), end, True) if part else tense
        if t2 != "past":
            tense = "future"
    if tense == "future":
        r = d + dt.timedelta(days=delta % 7)
        return tv.day(r), (
            f"future-tense context: the {WEEKDAY_NAMES[wd]} after the DCT {_dctdesc(d)}"
        )
    r = d - dt.timedelta(days=(-delta) % 7)
    why = "past-tense context" if tense == "past" else "no clear tense: news default past"
    return tv.day(r), f"{why}: the {WEEKDAY_NAMES[wd]} before the DCT {_dctdesc(d)}"


def _resolve_season(doc: _Doc, season: str, start: int, end: int, rel: str = "") -> tuple[str, str]:
    d = doc.dct
    cy, cs = tv.season_of(d)
    ci = tv.SEASON_ORDER.index(cs)
    ti = tv.SEASON_ORDER.index(season)
    rel = (rel or "").lower().split()[-1] if rel else ""
    if rel in ("this", "current"):
        if cs == "WI" and d.month <= 2 and season != "WI":
            # written in January or February (the winter is the one that began the year
            # before): "this summer" is the coming summer of the DCT's calendar year
            return f"{d.year:04d}-{season}", "'this': season of the DCT's calendar year"
        y = cy
        if ti < ci and doc.tense(start, end) == "future":
            y = cy + 1
        return f"{y:04d}-{season}", "'this': season of the DCT's year"
    if rel in ("last", "past", "previous"):
        y = cy if ti < ci else cy - 1
        return f"{y:04d}-{season}", "'last': the previous such season"
    if rel in ("next", "coming"):
        y = cy if ti > ci else cy + 1
        return f"{y:04d}-{season}", "'next': the following such season"
    tense = doc.tense(start, end)
    if ti == ci:
        return f"{cy:04d}-{season}", "season of the DCT"
    if tense == "future":
        y = cy if ti > ci else cy + 1
        return f"{y:04d}-{season}", "future-tense context: next such season"
    y = cy if ti < ci else cy - 1
    return f"{y:04d}-{season}", "past or no tense: most recent such season"


def _resolve_quarter(doc: _Doc, q: int, start: int, end: int) -> tuple[int, str]:
    d = doc.dct
    y, cq = tv.quarter_of(d)
    if q <= cq:
        return y, "quarter not after the DCT's quarter: same year"
    if doc.tense(start, end) == "future":
        return y, "future-tense context: this year's quarter"
    return y - 1, "quarter after the DCT's quarter: previous year"


# ---------------------------------------------------------------- rule handlers
# Each handler returns (type, value, reason[, extras dict]) or None to reject the match.


def _r_iso(doc: _Doc, m: re.Match):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    date = tv.safe_date(y, mo, d)
    if not date:
        return None
    if m["hh"]:
        t = f"{int(m['hh']):02d}:{m['mm']}" + (f":{m['ss']}" if m["ss"] else "")
        return "TIME", f"{tv.day(date)}T{t}", "ISO 8601 date and time"
    return "DATE", tv.day(date), "ISO 8601 date"


def _r_numeric(doc: _Doc, m: re.Match):
    a, b, sep = int(m["a"]), int(m["b"]), m["sep"]
    y = int(m["y"])
    if y < 100:
        y += 2000 if y <= (doc.dct.year % 100) + 10 else 1900
    if sep == "/" and a <= 12:
        mo, d, how = a, b, "month-first (slash)"
    elif a <= 31 and b <= 12:
        d, mo, how = a, b, "day-first"
    elif a <= 12 and b <= 31:
        mo, d, how = a, b, "month-first (day > 12)"
    else:
        return None
    date = tv.safe_date(y, mo, d)
    if not date:
        return None
    if m["hh"]:
        t = f"{int(m['hh']):02d}:{m['mm']}" + (f":{m['ss']}" if m["ss"] else "")
        return "TIME", f"{tv.day(date)}T{t}", f"numeric date, {how}, with time"
    return "DATE", tv.day(date), f"numeric date, {how}"


def _hour(hh: str, ampm: str | None) -> int | None:
    h = int(hh)
    if ampm:
        a = ampm.lower().replace(".", "").replace(" ", "")
        if h > 12 or h == 0:
            return None
        if a.startswith("p") and h != 12:
            h += 12
        if a.startswith("a") and h == 12:
            h = 0
    if h > 24:
        return None
    return h


def _date_ctx(doc: _Doc, m: re.Match, prefix: str = "") -> tuple[str, str] | None:
    """Day value from the date part that follows a time: weekday, today, month-day, ..."""
    g = m.groupdict()
    if g.get(prefix + "rel"):
        w = g[prefix + "rel"].lower()
        off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
        return tv.day(doc.dct + dt.timedelta(days=off)), f"'{w}' relative to the DCT"
    if g.get(prefix + "wd"):
        return _resolve_weekday(doc, WEEKDAYS[g[prefix + "wd"].lower().rstrip(".")], *m.span())
    if g.get(prefix + "mon") or g.get(prefix + "dmon"):
        # "10am on December 26", "7am on 20 December"
        dmy = not g.get(prefix + "mon")
        mon = _month_num(g[prefix + ("dmon" if dmy else "mon")])
        day = _day_num(g[prefix + ("dday" if dmy else "day")])
        yr = g.get(prefix + ("dyr" if dmy else "yr"))
        if yr:
            y = _year_num(yr, doc.dct)
        else:
            y, _ = _resolve_month(doc, mon, *m.span())
        d = tv.safe_date(y, mon, day or 0)
        if not d:
            return None
        return tv.day(d), "explicit month and day"
    return None


_TIME_DATE = (
    rf"(?:\s*(?:on\s+)?(?:(?:(?P<rel>yesterday|today|tonight|tomorrow)|(?P<wd>{WEEKDAY}))"
    r"(?:\s+(?:morning|afternoon|evening|night)(?![\w-]))?"
    rf"|(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})(?:,?\s+(?P<yr>{YEAR}))?"
    rf"|(?P<dday>{DAY_NUM})(?:\s+of)?\s+(?P<dmon>{MONTH})(?:,?\s+(?P<dyr>{YEAR}))?))?"
)


_DATE_AFTER_TIME_RE = re.compile(
    rf",\s*(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})"
    rf"(?:,?\s+(?P<yr>{YEAR}))?(?P<rel>)",
    re.I,
)


_PAREN_DATE_AFTER_TIME_RE = re.compile(
    rf"\s*\([^()\n]{{1,24}}\)\s*(?:on\s+)?(?:(?P<rel>yesterday|today|tonight|tomorrow)"
    rf"|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})(?:,?\s+(?P<yr>{YEAR}))?)"
    r"(?![\w-])",
    re.I,
)


def _r_time(doc: _Doc, m: re.Match):
    if m["named"]:
        named = m["named"].lower()
        h, mi = (12, 0) if named in ("noon", "midday") else (24, 0)
    elif m["hw"]:
        # "twelve o'clock January 3, 1984" (TimeML 1.2.1: one TIME, 1984-01-03T12:00)
        h, mi = _num(m["hw"]), 0
    else:
        ampm = m["ampm"] or m["ampm2"]
        h = _hour(m["hh"], ampm)
        if h is None:
            return None
        mi = int(m["mm"]) if m["mm"] else 0
        if mi > 59:
            return None
        if m["sep"] == "." and not ampm:
            return None  # "10.40 a.m." is a time, "at 10.40" may be a number
        # a bare "H:MM" needs a clue that it is a clock time
        if (
            m["mm"]
            and not ampm
            and not m["tz"]
            and not m["rel"]
            and not m["wd"]
            and not re.search(
                r"\b(?:at|by|until|from|before|after|around|about)\s*$",
                doc.text[max(0, m.start() - 12) : m.start()],
                re.I,
            )
        ):
            return None
    dc = _date_ctx(doc, m)
    if dc is None:
        # "12:24 PM EST, December 3, 2023": the date after the comma gives the day
        nxt = _DATE_AFTER_TIME_RE.match(doc.text, m.end())
        if nxt:
            dc = _date_ctx(doc, nxt)
    if dc is None:
        # "10:35 local time (0735 GMT) yesterday": the day comes after a parenthesis
        par = _PAREN_DATE_AFTER_TIME_RE.match(doc.text, m.end())
        if par:
            dc = _date_ctx(doc, par)
    if dc is None and doc.found:
        # "Friday at 10 a.m.", "on Aug. 7 at 10:30": the day tagged just before
        prev = doc.found[-1]
        if (
            prev.type == "DATE"
            and tv.precision(prev.value) == "day"
            and re.fullmatch(
                r"[\s,]*(?:at|around|about|shortly\s+after|after|before)?\s*",
                doc.text[prev.end : m.start()],
                re.I,
            )
        ):
            dc = prev.value, f"on {prev.text!r} ({prev.value}) just before"
    if dc is None:
        # "after the 3 p.m. vote": the day the story is at (the last day mentioned nearby, as
        # for "in the morning"), else the DCT
        anchor = doc.last_value(("day",))
        ad = _anchor_date(anchor) if anchor is not None else None
        if ad is not None and doc.start - anchor.end < 400:
            dc = tv.day(ad), f"on the day {anchor.text!r} ({anchor.value}) mentioned before"
    if dc is None:
        date, why = tv.day(doc.dct), "clock time on the DCT"
    else:
        date, why = dc
    t = f"{h:02d}:{mi:02d}"
    if m["ss"]:
        t += f":{m['ss']}"
    return "TIME", f"{date}T{t}", why


def _r_gmt_time(doc: _Doc, m: re.Match):
    """ "0740 GMT", as in "10:40 a.m. (0740 GMT) Friday": a 24-hour clock time, on the day of the
    local time just before it, else of the date after it, else of the DCT."""
    h, mi = int(m["hh"]), int(m["mm"])
    if h > 24:
        return None
    dc = _date_ctx(doc, m)
    if dc is None and doc.found:
        prev = doc.found[-1]
        if prev.type == "TIME" and m.start() - prev.end <= 3 and tv.value_date(prev.value):
            dc = prev.value[:10], f"on the day of {prev.text!r} just before"
    if dc is None:
        par = _PAREN_DATE_AFTER_TIME_RE.match(doc.text, m.end())
        dc = _date_ctx(doc, par) if par else None
    date, why = dc if dc is not None else (tv.day(doc.dct), "clock time on the DCT")
    return "TIME", f"{date}T{h:02d}:{mi:02d}", why


def _r_mdy(doc: _Doc, m: re.Match):
    mon = _month_num(m["mon"])
    day = _day_num(m["day"])
    if day is None or day > 31:
        return None
    if m["yr"]:
        y = _year_num(m["yr"], doc.dct)
        why = "explicit day, month and year"
    elif m["wd"]:
        y, why = _year_for_weekday(doc, mon, day, WEEKDAYS[m["wd"].lower().rstrip(".")])
    else:
        y, why = _resolve_month(doc, mon, *m.span())
        why = "year from the DCT: " + why
    d = tv.safe_date(y, mon, day)
    if not d:
        return None
    val = tv.day(d)
    if m["tpod"]:
        return "TIME", f"{val}T{PARTS_OF_DAY[m['tpod'].lower()]}", why + ", part of day"
    return "DATE", val, why


def _year_for_weekday(doc: _Doc, mon: int, day: int, wd: int) -> tuple[int, str]:
    for y in (doc.dct.year, doc.dct.year - 1, doc.dct.year + 1):
        d = tv.safe_date(y, mon, day)
        if d and d.weekday() == wd:
            return y, f"the year in which {tv.day(d)} is a {WEEKDAY_NAMES[wd]}"
    return doc.dct.year, "year of the DCT"


def _r_range(doc: _Doc, m: re.Match):
    """ "February 28 to March 2", "Sept. 15-16", "15-16 September 2023"."""
    mon2 = _month_num(m["mon2"]) if m["mon2"] else None
    mon1 = _month_num(m["mon1"]) if m["mon1"] else mon2
    if mon1 is None:
        return None
    if mon2 is None:
        mon2 = mon1
    d1, d2 = _day_num(m["d1"]), _day_num(m["d2"])
    if not d1 or not d2:
        return None
    if m["yr"]:
        y2 = _year_num(m["yr"], doc.dct)
        why = "explicit year"
    else:
        y2, why = _resolve_month(doc, mon1, *m.span())
    y1 = y2 - 1 if mon1 > mon2 else y2
    a, b = tv.safe_date(y1, mon1, d1), tv.safe_date(y2, mon2, d2)
    if not a or not b or b < a:
        return None
    # endpoints for TimeML output
    p1 = (m.start("p1"), m.end("p1"), tv.day(a), m["p1"])
    p2 = (m.start("p2"), m.end(), tv.day(b), doc.text[m.start("p2") : m.end()])
    return (
        "DATE",
        tv.day(a),
        f"date range {tv.day(a)} .. {tv.day(b)} ({why})",
        {"range_end": tv.day(b), "parts": (p1, p2)},
    )


def _spelled_year_num(s: str) -> int | None:
    """ "nineteen ninety-seven" -> 1997, "two thousand" -> 2000; None when not a year."""
    words = s.lower().replace("-", " ").split()
    if words[0] == "nineteen":
        rest = " ".join(w for w in words[1:] if w not in ("hundred", "and", "oh"))
        n = _num(rest) if rest else 0
        return None if n is None or n > 99 else 1900 + int(n)
    rest = " ".join(w for w in words[2:] if w != "and")
    n = _num(rest) if rest else 0
    return None if n is None else 2000 + int(n)


def _r_month_year(doc: _Doc, m: re.Match):
    mon = _month_num(m["mon"])
    if m["syr"]:
        y = _spelled_year_num(m["syr"])
        if y is None or not m["mon"][0].isupper():
            return None
        return "DATE", tv.month(y, mon), "month and a year in words"
    y = _year_num(m["yr"], doc.dct)
    # "between March and June 2022": the year the end states is the start's too
    _range_consistent(doc, m, "month", 0, tv.month(y, mon), end_fixed=True)
    return "DATE", tv.month(y, mon), "explicit month and year"


def _r_month_rel_year(doc: _Doc, m: re.Match):
    mon = _month_num(m["mon"])
    w = m["rel"].lower()
    y = doc.dct.year + {"this": 0, "last": -1, "next": 1}[w]
    val = tv.month(y, mon)
    # "from January to October this year": the start takes the end's year
    _range_consistent(doc, m, "month", 0, val, end_fixed=True)
    return "DATE", val, f"month of {w} year relative to the DCT"


def _r_month_span(doc: _Doc, m: re.Match):
    """ "the January-November period", "January-March 2024": two months and the span
    between them."""
    if not (m["mon1"][0].isupper() and m["mon2"][0].isupper()):
        return None
    mon1, mon2 = _month_num(m["mon1"]), _month_num(m["mon2"])
    if mon1 is None or mon2 is None or mon1 == mon2:
        return None
    if m["yr"]:
        y2 = _year_num(m["yr"], doc.dct)
        why = "explicit year"
    elif m["rel"]:
        y2 = doc.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        why = f"{m['rel'].lower()} year"
    else:
        y2, why = _resolve_month(doc, mon2, m.start("mon2"), m.end())
    y1 = y2 - 1 if mon1 > mon2 else y2
    if m["qn"] and mon2 - mon1 == 2 and mon1 % 3 == 1:
        # "the July-September quarter": the calendar quarter those months make
        q = (mon1 + 2) // 3
        return "DATE", tv.quarter(y2, q), f"the months of quarter {q} of {y2} ({why})"
    end = m.start("qn") if m["qn"] else m.end()
    extras = {"start": m.start("mon1"), "end": end}
    p1 = (m.start("mon1"), m.end("mon1"), tv.month(y1, mon1), m["mon1"])
    p2 = (m.start("mon2"), end, tv.month(y2, mon2), doc.text[m.start("mon2") : end])
    return (
        "DATE",
        tv.month(y1, mon1),
        f"months {tv.month(y1, mon1)} to {tv.month(y2, mon2)} ({why})",
        {**extras, "range_end": tv.month(y2, mon2), "parts": (p1, p2)},
    )


_DATA_NOUN_RE = re.compile(
    r"\b(?:reports?|figures|data|numbers|statistics|results|sales|index|inflation|payrolls"
    r"|jobs|exports|imports|output|GDP|earnings|readings?)\b",
    re.I,
)
_RELEASE_VERB_RE = re.compile(
    r"\b(?:released?|releases|publish(?:ed|es)?|report(?:ed|s)?|announced?|due\s+out)\b", re.I
)


def _data_release(doc: _Doc, start: int, end: int) -> bool:
    """Is the sentence about figures being released (a data noun and a release verb)?"""
    s, e = doc.sentence_bounds(start, end)
    return bool(_DATA_NOUN_RE.search(doc.text, s, e) and _RELEASE_VERB_RE.search(doc.text, s, e))


_DATA_FOR_RE = re.compile(
    r"\b(?:reports?|figures|data|numbers|statistics|results|sales|forecasts?|estimates?"
    r"|readings?|index|inflation|payrolls|exports|imports|output|production|orders|planned"
    r"|scheduled|slated|set|due|targeted|deadline|date|bookings|rates?|prices|growth)\s+for\s+$",
    re.I,
)


def _ok_month_word(doc: _Doc, m: re.Match, group: str = "mon") -> bool:
    """Reject verb/modal/name readings of a bare month name ("march", "may", "April Smith")."""
    word = m[group]
    start = m.start(group)
    if not word[0].isupper():
        return False
    low = word.lower().rstrip(".")
    if low not in MONTHS:
        return False
    if word.endswith(".") is False and len(low) <= 4 and low not in ("may", "june", "july"):
        return False  # bare abbreviation such as "Jan", "Dec"
    before = doc.word_before(start)
    after_text = doc.text[m.end() : m.end() + 40]
    nxt = re.match(r"\s+([A-Za-z][\w'’-]*)", after_text)
    # "from January to March", "May or June": a month after a month is a month
    after_month = before in ("to", "and", "or", "through") and re.search(
        rf"{MONTH}\W*\s*(?:and|to|or|through)\s*$", doc.text[max(0, start - 25) : start], re.I
    )
    if (
        before in VERB_CONTEXT_BEFORE
        and low in ("may", "march")
        and not (m.start() < start)
        and not after_month
    ):
        # only "May" and "March" are also verbs ("they may", "to march"); "moved to December",
        # "and November" are months
        return False
    if low in ("may", "march"):
        if m.start() < start:  # a modifier such as "last", "early", "in" is in the match
            return True
        ok_before = {
            "in",
            "since",
            "until",
            "till",
            "of",
            "during",
            "from",
            "through",
            "by",
            "before",
            "after",
            "early",
            "late",
            "mid",
            "last",
            "next",
            "this",
            "between",
            "and",
            "to",
            "or",
            "on",
        }
        if before in ok_before and before not in VERB_CONTEXT_BEFORE:
            return True
        if before == "for" and _DATA_FOR_RE.search(doc.text, max(0, start - 40), start):
            return True  # "the jobs report for May", "figures for March" (not "voted for May")
        if before == "and" or before == "to" or before == "or":
            return bool(
                re.search(
                    rf"{MONTH}\W*\s*(?:and|to|or)\s*$", doc.text[max(0, start - 25) : start], re.I
                )
            )
        raw_before = doc.raw_word_before(start)
        if (
            raw_before[:1].isupper()
            and raw_before[-1:].isalpha()
            and raw_before.lower() not in MONTHS
            and raw_before.lower().rstrip(".") not in WEEKDAYS
        ):
            return False  # a name: "the Million Man March", "a Long March rocket"
        return bool(re.match(r"\s*(?:[,.;:)]|$)", after_text))
    if nxt and nxt.group(1)[0].isupper() and nxt.group(1).lower() not in MONTHS:
        # "April Smith", "August Busch": a name unless clearly temporal before it
        return before in ("in", "since", "until", "during", "of", "by", "from", "last", "next")
    return True


def _r_month(doc: _Doc, m: re.Match):
    if not _ok_month_word(doc, m):
        return None
    mon = _month_num(m["mon"])
    rel = m["rel"] or ""
    y, why = _resolve_month(doc, mon, *m.span(), rel=rel)
    extras = {}
    if m["mod"]:
        extras["mod"] = _mod_of(m["mod"])
    val = tv.month(y, mon)
    if not rel and not m["mod"]:
        val, why2 = _range_consistent(doc, m, "month", 0, val)
        why = why2 or why
    return "DATE", val, why, extras


# the second end of a range of two weekdays or two months: "from Monday to Wednesday",
# "Thursday through Sunday", "between January and June"
_RANGE_LINK_RE = re.compile(r"\s*(?:to|through|thru|until|till|-|–|and)\s*$", re.I)
_RANGE_FROM_RE = re.compile(r"\b(?:from|between)\s+$", re.I)


def _range_start(doc: _Doc, start: int, rule: str) -> Timex | None:
    """The expression that opens a range ending at ``start``, if it is a plain ``rule`` one."""
    if not doc.found:
        return None
    prev = doc.found[-1]
    if prev.rule != rule or prev.type != "DATE" or start - prev.end > 12:
        return None
    link = _RANGE_LINK_RE.match(doc.text, prev.end, start)
    if link is None or link.end() != start:
        return None
    between = _RANGE_FROM_RE.search(doc.text, max(0, prev.start - 10), prev.start)
    if link.group(0).strip().lower() == "and" and between is None:
        return None  # "Monday and Tuesday" is two days, not a range
    if not re.fullmatch(r"(?:(?:from|between)\s+)?[A-Za-z.]+", doc.text[prev.start : prev.end]):
        return None  # only bare names: not "last Monday", "early June"
    return prev


def _fix_range(doc: _Doc, prev: Timex, first: dt.date, last: dt.date, why: str) -> None:
    """Replace the range's opening expression (already tagged) by a consistent value."""
    value = tv.day(first) if prev.rule == "weekday" else tv.month(first.year, first.month)
    if value != prev.value:
        doc.found[-1] = replace(
            prev, value=value, reason=f"{prev.text!r}: start of a range ending {why}"
        )


def _range_date(value: str) -> dt.date | None:
    """The day of a day value, or the first day of a month value."""
    if re.fullmatch(r"\d{4}-\d\d", value):
        return dt.date(int(value[:4]), int(value[5:]), 1)
    return tv.value_date(value)


def _range_consistent(
    doc: _Doc, m: re.Match, rule: str, unit_days: int, val: str, end_fixed: bool = False
):
    """Make the two ends of a range agree: the start comes before the end, less than a week
    (weekdays) or a year (months) apart. Resolved apart, "the period from January to June"
    (written in August) gave next January and this June. In a future-tense clause the start
    keeps its value and the end follows it; otherwise (or when the end states its year,
    ``end_fixed``) the end keeps its value and the start is moved before it."""
    prev = _range_start(doc, m.start(), rule)
    if prev is None:
        return val, None
    a, b = _range_date(prev.value), _range_date(val)
    if a is None or b is None:
        return val, None
    if rule == "weekday":
        ok = a <= b and (b - a).days < unit_days
    else:
        months = (b.year - a.year) * 12 + b.month - a.month
        ok = 0 <= months < 12
    if ok:
        return val, None
    if not end_fixed and doc.tense(prev.start, m.end()) == "future":
        if rule == "weekday":
            b = a + dt.timedelta(days=(b.weekday() - a.weekday()) % 7)
        else:
            b = dt.date(a.year + (b.month < a.month), b.month, 1)
        return tv.day(b) if rule == "weekday" else tv.month(b.year, b.month), (
            f"end of a range starting {prev.text!r} ({prev.value})"
        )
    if rule == "weekday":
        a = b - dt.timedelta(days=(b.weekday() - a.weekday()) % 7)
    else:
        a = dt.date(b.year - (a.month > b.month), a.month, 1)
    _fix_range(doc, prev, a, b, f"{m.group(0)!r} ({val})")
    return val, None


# the first day of the Chinese lunar year ("the Spring Festival", "the Lunar New Year")
_LUNAR_NEW_YEAR = {
    1990: (1, 27), 1991: (2, 15), 1992: (2, 4), 1993: (1, 23), 1994: (2, 10), 1995: (1, 31),
    1996: (2, 19), 1997: (2, 7), 1998: (1, 28), 1999: (2, 16), 2000: (2, 5), 2001: (1, 24),
    2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9), 2006: (1, 29), 2007: (2, 18),
    2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10),
    2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5),
    2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6),
}  # fmt: skip


def _holiday_date(name: str, y: int) -> dt.date:
    """The day of a (US/Christian-calendar) holiday in year ``y``."""
    n = re.sub(r"[\s'’]+", " ", name.lower())
    if n.startswith(("spring festival", "chinese new year", "lunar new year")):
        # the first day of the Chinese lunar year (KeyError outside the table: not resolved)
        return dt.date(y, *_LUNAR_NEW_YEAR[y])
    if n.startswith("christmas eve"):
        return dt.date(y, 12, 24)
    if n.startswith("christmas"):
        return dt.date(y, 12, 25)
    if n.startswith("new year s eve"):
        return dt.date(y, 12, 31)
    if n.startswith("new year"):
        return dt.date(y, 1, 1)
    if n.startswith(("thanksgiving", "black friday", "cyber monday")):
        # fourth Thursday of November, and the shopping days after it
        first = dt.date(y, 11, 1)
        thanksgiving = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        after = 1 if n.startswith("black") else 4 if n.startswith("cyber") else 0
        return thanksgiving + dt.timedelta(days=after)
    if n.startswith("boxing day"):
        return dt.date(y, 12, 26)
    if n.startswith("easter monday"):
        return _easter(y) + dt.timedelta(days=1)
    if n.startswith("easter"):
        return _easter(y)
    if n.startswith("good friday"):
        return _easter(y) - dt.timedelta(days=2)
    if n.startswith(("maundy thursday", "holy thursday")):
        return _easter(y) - dt.timedelta(days=3)
    if n.startswith("palm sunday"):
        return _easter(y) - dt.timedelta(days=7)
    if n.startswith("ash wednesday"):
        return _easter(y) - dt.timedelta(days=46)
    if n.startswith("halloween"):
        return dt.date(y, 10, 31)
    if n.startswith("valentine"):
        return dt.date(y, 2, 14)
    if n.startswith("labor"):  # first Monday of September
        first = dt.date(y, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if n.startswith("memorial"):  # last Monday of May
        last = dt.date(y, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    return dt.date(y, 11, 11)  # Veterans Day


# nouns that make a holiday name an adjective or part of a name ("Christmas tree", "Easter Island")
_HOLIDAY_NOUN_RE = re.compile(
    r"\s+(?:Island|Rising|eggs?|bunny|lil(?:y|ies)|trees?|cards?|carols?|presents?|gifts?"
    r"|decorations?|lights|ornaments?|stockings?|spirit|music|songs?|bonus(?:es)?|club"
    r"|agreement|accords?|peace|deal|pact|Offensive)\b",
    re.I,
)


def _r_holiday(doc: _Doc, m: re.Match):
    """ "Christmas", "New Year's Eve", "Thanksgiving", "Easter": the nearest such day, in the
    direction of the tense (as for bare months)."""
    if not m["h"][0].isupper() or _HOLIDAY_NOUN_RE.match(doc.text, m.end()):
        return None
    name = m["h"]
    if m["yr"]:
        d = _holiday_date(name, int(m["yr"]))
        return "DATE", tv.day(d), f"{name!r} of {m['yr']}"
    dct = doc.dct
    cands = [_holiday_date(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    rel = (m["rel"] or "").lower()
    if rel == "this":
        d = next(c for c in cands if c.year == dct.year)
        return "DATE", tv.day(d), f"'this {name}': the DCT's year"
    tense = "past" if rel == "last" else "future" if rel == "next" else doc.tense(*m.span())
    if dct in cands:
        return "DATE", tv.day(dct), f"{name!r} is the DCT"
    past = max(c for c in cands if c < dct)
    fut = min(c for c in cands if c > dct)
    if tense == "past":
        d = past
    elif tense == "future":
        d = fut
    else:
        d = past if (dct - past) <= (fut - dct) else fut
    return "DATE", tv.day(d), f"{name!r}: {tense or 'no clear tense, nearest'} from the DCT"


def _mod_of(s: str) -> str | None:
    s = s.lower()
    if "early" in s or "beginning" in s or "start" in s or "first" in s:
        return "START"
    if "late" in s or "end" in s or "latter" in s:
        return "END"
    if "mid" in s or "middle" in s:
        return "MID"
    return None


_SUNDAY_PAPER_RE = re.compile(r"\b(?:Mail|Independent|Scotland|Wales|Sport|Express)\s+on\s+$")
_EVENT_DAY_WORDS = frozenset(("Bloody", "Black", "Red", "Blue", "Cyber"))


def _r_weekday(doc: _Doc, m: re.Match):
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    if m["wd"][0].islower() and len(m["wd"]) <= 4:
        return None
    if not m["rel"] and doc.raw_word_before(m.start()) in _EVENT_DAY_WORDS:
        # "Bloody Sunday", "Black Monday": the name of a historical event, not a weekday
        # near the DCT (TIDES 2005: names are not markable)
        return None
    if not m["rel"] and _SUNDAY_PAPER_RE.search(doc.text, max(0, m.start() - 20), m.start()):
        return None  # "The Mail on Sunday", "the Independent on Sunday": a newspaper
    if m["wd"].endswith(".") and doc.word_before(m.start()) == "the" and not m["rel"]:
        return None  # "in the Sun.": a newspaper, not the abbreviated weekday
    if not m["rel"] and not m["pod"] and doc.word_before(m.start()) == "the":
        nxt = doc.word_after(m.end())
        if nxt[:1].isupper() and nxt.lower().rstrip(".") not in MONTHS:
            return None  # a name: "The Sunday Times", "the Sunday Telegraph"
    rel = m["rel"] or ""
    if m["post"] and not rel:
        rel = m["post"]  # "Tuesday last" is "last Tuesday"
    if m["pw"] and not rel:
        # "Tuesday next week": that weekday of the week after (before) the DCT's
        k = {"next": 1, "last": -1, "this": 0}[m["pw"].lower()]
        monday = doc.dct - dt.timedelta(days=doc.dct.weekday()) + dt.timedelta(weeks=k)
        day = monday + dt.timedelta(days=wd)
        return "DATE", tv.day(day), f"{WEEKDAY_NAMES[wd]} of {m['pw'].lower()} week"
    val, why = _resolve_weekday(doc, wd, *m.span(), rel=rel)
    rel_low = re.sub(r"\s+", " ", rel.lower())
    if rel_low in ("the previous", "the following"):
        # "the previous Friday": relative to the day the story is at, not to the DCT
        anchor = doc.last_value(("day",))
        ad = _anchor_date(anchor) if anchor is not None else None
        if ad is not None:
            if rel_low == "the previous":
                d = ad - dt.timedelta(days=(ad.weekday() - wd) % 7 or 7)
            else:
                d = ad + dt.timedelta(days=(wd - ad.weekday()) % 7 or 7)
            val = tv.day(d)
            why = f"'{rel_low}' {WEEKDAY_NAMES[wd]} relative to {anchor.text!r} ({anchor.value})"
    # "Monday (Dec. 4)": the parenthesised date wins
    par = re.match(rf"\s*[(,]\s*(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})", doc.text[m.end() :], re.I)
    if par:
        mon, day = _month_num(par["mon"]), _day_num(par["day"])
        y, _ = _resolve_month(doc, mon, *m.span())
        d = tv.safe_date(y, mon, day or 0)
        if d:
            val, why = tv.day(d), "date given next to the weekday"
    if m["pod"]:
        return "TIME", f"{val}T{PARTS_OF_DAY[m['pod'].lower()]}", why + ", part of day"
    if not rel and not par:
        val, why2 = _range_consistent(doc, m, "weekday", 7, val)
        why = why2 or why
    return "DATE", val, why


def _r_pod_day(doc: _Doc, m: re.Match):
    """ "this morning", "yesterday afternoon", "last night", "tonight", "noon Thursday"."""
    pod = PARTS_OF_DAY[(m["pod"] or m["pod2"]).lower()]
    w = (m["rel"] or "").lower()
    if m["wd"]:
        val, why = _resolve_weekday(doc, WEEKDAYS[m["wd"].lower().rstrip(".")], *m.span())
        return "TIME", f"{val}T{pod}", why
    off = {"yesterday": -1, "tomorrow": 1, "last": -1 if pod == "NI" else 0}.get(w, 0)
    if w == "last" and pod != "NI":
        off = -1
    d = doc.dct + dt.timedelta(days=off)
    return "TIME", f"{tv.day(d)}T{pod}", f"part of day, {off:+d} day(s) from the DCT"


def _r_tonight(doc: _Doc, m: re.Match):
    w = m.group(0).lower()
    off = -1 if w.startswith("over") else 0
    if off and doc.tense(*m.span()) == "future":
        # "the storm will move north overnight": the coming night, not the one just past
        off = 0
    d = doc.dct + dt.timedelta(days=off)
    return "TIME", f"{tv.day(d)}TNI", "night of the DCT" if not off else "the night before the DCT"


def _midsentence_title(doc: _Doc, m: re.Match) -> bool:
    """A capitalised expression inside a sentence ("ABC's This Week", "VOA Today"): a title."""
    words = m.group(0).split()
    if not all(w[:1].isupper() for w in words) or len(m.group(0)) < 3:
        return False
    if doc.sentence_start(m.start()):
        return False
    prev = doc.text[max(0, m.start() - 2) : m.start()]
    return prev.strip() not in ("(", "—", "-", ":") and not prev.endswith("\n")


_GENERIC_TODAY_RE = re.compile(
    r"(?:['’]s)?\s+(?:world|society|young|youth|children|kids|teenagers|students|generation|economy"
    r"|standards|terms|dollars|prices|markets?|technology|culture|personal|modern|computers"
    r"|consumers|families|workers|workplace|media|politics|global)\b",
    re.I,
)


def _r_today(doc: _Doc, m: re.Match):
    if (
        _midsentence_title(doc, m)
        and m.group(0)[:1].isupper()
        and doc.raw_word_before(m.start())[:1].isupper()
    ):
        return None
    w = re.sub(r"\s+", " ", m["w"].lower())
    if (
        m["w"][0].isupper()
        and not doc.sentence_start(m.start())
        and re.match(r"\s+(?:programme|program|show|newspaper)\b", doc.text[m.end() : m.end() + 12])
    ):
        return None  # "BBC Radio 4's Today programme", "USA Today newspaper": a name
    if w == "today" and _GENERIC_TODAY_RE.match(doc.text, m.end()):
        return None  # "today's world", "today's personal computers": the present in general
    off = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[w]
    d = doc.dct + dt.timedelta(days=off)
    return "DATE", tv.day(d), f"'{w}' is {off:+d} day(s) from the DCT {_dctdesc(doc.dct)}"


_REL_UNIT_LETTER = {
    "week": "W",
    "weekend": "WE",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "fiscal year": "Y",
    "decade": "DE",
    "century": "CE",
    "half": "H",
}


def _narrative_next(doc: _Doc, m: re.Match) -> bool:
    """Is "the next <unit>" anaphoric: a past clause, not a span ahead ("in the next month"),
    right after a date in another year than the DCT's?"""
    if doc.word_before(m.start()) in ("in", "within", "over", "during", "for", "by", "until"):
        return False
    found = doc.story_anchor(("day", "month", "year"), 400)
    if found is None or found[1].year == doc.dct.year or found[1] > doc.dct:
        return False
    return doc.tense(*m.span()) == "past"


def _r_rel_unit(doc: _Doc, m: re.Match):
    """ "last year", "this week", "next month", "the past year", "the coming weekend"."""
    if _midsentence_title(doc, m):
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    if rel == "that" and re.match(r"\s+(?:after|by|to|on)\s", doc.text[m.end() : m.end() + 6]):
        return None  # "year after year": "that" is a conjunction here
    letter = _REL_UNIT_LETTER[unit]
    core = rel.replace("the ", "")
    if core in ("this", "current", "this coming", "same", "that") and rel != "the same":
        n = 0
    elif core in ("last", "past", "previous", "this past", "preceding", "prior", "latest"):
        n = -1
    elif core in ("next", "coming", "following"):
        n = 1
    else:
        n = 0
    # "the last decade" / "the past century": spans of time
    if letter in ("DE", "CE") and rel.startswith("the ") and n != 0 and (letter, n) != ("CE", 1):
        years = 10 if letter == "DE" else 100
        return "DURATION", f"P{years}Y", f"'{m.group(0)}' is a duration of {years} years"
    if rel == "the next" and _narrative_next(doc, m):
        # "The war ended in May 1945. The next month, he returned home.": in a past story
        # "the next month" follows the story's month, as "the following month" does
        rel = "the following"
    if rel in ("the following", "the previous", "the preceding", "the prior", "the same", "that"):
        anchor = doc.last_value(("day", "month", "year", "quarter", "week", "season"))
        if anchor is not None and letter == "Y":
            y = int(anchor.value[:4])
            if rel == "the same" or rel == "that":
                n = 0
            return (
                "DATE",
                f"{y + n:04d}",
                f"'{rel} year' relative to the previously mentioned {anchor.text!r}",
                {"anchor": f"{anchor.text} ({anchor.value})"},
            )
        if anchor is not None and letter == "Q" and tv.precision(anchor.value) == "quarter":
            # "shrank 0.1% in the third quarter from the previous quarter"
            if rel in ("the same", "that"):
                n = 0
            return (
                "DATE",
                tv.shift_quarter(anchor.value, n),
                f"'{rel} quarter' relative to the previously mentioned {anchor.text!r}",
                {"anchor": f"{anchor.text} ({anchor.value})"},
            )
        if anchor is not None and letter in ("M", "W"):
            if rel in ("the same", "that"):
                n = 0
            ad = _anchor_date(anchor)
            if ad is not None and tv.precision(anchor.value) in ("day", "month", "week"):
                return (
                    "DATE",
                    tv.shift(ad, letter, n),
                    f"'{rel} {unit}' relative to the previously mentioned {anchor.text!r}",
                    {"anchor": f"{anchor.text} ({anchor.value})"},
                )
        if rel in ("the same", "that"):
            return None
    if letter == "Q" and rel in ("the latest", "latest"):
        n = -1
    rq = doc.last_reported_quarter
    if (
        letter == "Q"
        and core == "this"
        and rq is not None
        and doc.start - rq.end < 400
        and doc.tense(*m.span()) != "future"
    ):
        # "This quarter's loss includes charges ...", right after the results of a quarter
        # that has ended: the quarter being reported, not the DCT's open one
        return "DATE", rq.value, f"'{rel} {unit}': the quarter being reported ({rq.text!r})"
    if (
        letter == "WE"
        and core == "this"
        and doc.dct.weekday() < 4
        and doc.tense(*m.span()) == "past"
    ):
        # written Monday to Thursday, "rebels attacked the town this weekend" is the weekend
        # just past
        n = -1
    value = tv.shift(doc.dct, letter, n)
    typ = "DATE"
    return typ, value, f"'{rel} {unit}' is {n:+d} {unit}(s) from the DCT {_dctdesc(doc.dct)}"


def _r_rel_pod(doc: _Doc, m: re.Match):
    return _r_pod_day(doc, m)


def _r_the_year(doc: _Doc, m: re.Match):
    after = doc.text[m.end() : m.end() + 20].lower()
    if re.match(rf"\s+(?:ended|ending|ends|to\s+(?:date|end|{MONTH_FULL}))", after):
        return "DURATION", "P1Y", "'the year ended ...' is a one-year period"
    # ("the year before the war" is a span before an event; only the adverb counts)
    rel = re.match(
        r"\s+(?:(before|after)(?=\s*(?:[,.;:)]|$|and\b|but\b))|(earlier|later)\b)", after
    )
    if rel and m.group(0).lower() == "the year":
        # "the year before": the year before the one the story is at
        word = rel.group(1) or rel.group(2)
        n = -1 if word in ("before", "earlier") else 1
        anchor = doc.last_value(("day", "month", "year", "quarter", "season"))
        base = int(anchor.value[:4]) if anchor is not None else doc.dct.year
        extras = {"end": m.end() + rel.end()}
        if anchor is not None:
            extras["anchor"] = f"{anchor.text} ({anchor.value})"
        return "DATE", f"{base + n:04d}", f"'the year {word}': {n:+d} year", extras
    return "DATE", f"{doc.dct.year:04d}", "'the year' in news means the DCT's year"


# A quarter, half or period of a game ("scored in the fourth quarter", "the second half of the
# match") is a part of an event, not a calendar quarter or half-year: it has no calendar value
_GAME_OF_RE = re.compile(
    r"\s+of\s+(?:the|that|this|a|their|[A-Z]\w+['’]s)\s+(?:game|match|contest)\b"
)
_GAME_CUE_RE = re.compile(
    r"\b(?:scor(?:ed|es|ing)\s+(?:\d+|twice|a\s+(?:goal|touchdown|basket|run|try)"
    r"|the\s+(?:winning|tying|go-ahead|first|second))|touchdowns?|halftime|half-time|innings?|field\s+goals?"
    r"|free\s+throws?|rebounds?|quarterback|goalkeeper|goalie|penalty\s+kick|overtime"
    r"|points?\s+(?:in|during)\s+the\s+(?:first|second|third|fourth|final)"
    r"|(?:led|lead|leading|trailed|trailing)\s+(?:by\s+)?\d+-\d+|\d+-\d+\s+(?:lead|win|victory|loss|defeat))(?![\w-])"
)


def _game_period(doc: _Doc, m: re.Match) -> bool:
    if _GAME_OF_RE.match(doc.text, m.end()):
        return True
    lo, hi = doc.sentence_bounds(*m.span())
    return _GAME_CUE_RE.search(doc.text, lo, hi) is not None


def _r_quarter(doc: _Doc, m: re.Match):
    qw = m["q"].lower()
    q = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
        "last": 4,
    }[qw]
    extras = {}
    if m["det"] and "-" in m["hy"]:
        extras["start"] = m.end("det") + 1  # "the third-quarter loss": adjective only
    if m["yr"] or m["pyr"]:
        y = _year_num(m["yr"] or m["pyr"], doc.dct)
        why = "explicit year"
    elif m["ryr"] or m["ryr2"]:
        w = (m["ryr"] or m["ryr2"]).lower()
        y = doc.dct.year + {"this": 0, "last": -1, "next": 1}[w]
        why = f"{w} year's quarter"
    else:
        if not m["ya"] and _game_period(doc, m):
            return None
        y, why = _resolve_quarter(doc, q, *m.span())
    if m["ya"]:
        # "the year-ago third quarter": the same quarter a year before
        y -= 1
        why = f"a year before: {why}"
    if m["half"]:
        h = 1 if q == 1 else 2
        return "DATE", f"{y:04d}-H{h}", why, extras
    if not m["ya"]:
        extras["quarter"] = True
    return "DATE", tv.quarter(y, q), why, extras


def _r_quarter_rel(doc: _Doc, m: re.Match):
    """ "the quarter", "the latest quarter", "this quarter", "the year-earlier quarter"."""
    g = m.groupdict()
    det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
    adj = re.sub(r"\s+", " ", (g.get("adj") or "").lower())
    noun = (g.get("noun") or "").lower()
    lastq = doc.last_quarter
    if g.get("qyr"):
        y = _year_num(g["qyr"], doc.dct)
        # the number of the quarter being reported, not of one mentioned as a contrast
        rq = doc.last_reported_quarter if lastq is not None else None
        rq = rq if rq is not None else lastq
        q = int(rq.value[-1]) if rq is not None else tv.quarter_of(doc.dct)[1]
        # "the 1988 period" beside the 1989 quarter being reported: a comparison, which does
        # not move the story's quarter
        extras = {"shift": True} if lastq is not None and lastq.value[:4] != f"{y:04d}" else {}
        return "DATE", tv.quarter(y, q), f"quarter of {y} (quarter number from context)", extras
    shifted = "year-earlier" in adj or "year-ago" in adj or "year earlier" in adj or g.get("lastyr")
    if shifted and noun == "period" and doc.found:
        # "For the nine months, net rose ... In the year-earlier period": the same span of
        # months a year before, a duration as the period it compares with
        prev = doc.found[-1]
        if (
            len(doc.found) > 1
            and prev.type == "DATE"
            and re.fullmatch(r"\s+of\s+", doc.text[doc.found[-2].end : prev.start])
        ):
            prev = doc.found[-2]  # "the first seven months of this year"
        if (
            prev.type == "DURATION"
            and re.fullmatch(r"P\d+M", prev.value)
            and prev.text.lower().startswith("the ")
            and doc.start - prev.end < 300
        ):
            return (
                "DURATION",
                prev.value,
                f"the same span as {prev.text!r} ({prev.value}), a year before",
                {"anchor": f"{prev.text} ({prev.value})", "shift": True},
            )
    if shifted:
        if lastq is not None and doc.last_reported_quarter is not None:
            lastq = doc.last_reported_quarter
        if lastq is not None:
            v = tv.shift_value(lastq.value, -1)
            return (
                "DATE",
                v,
                f"a year before the quarter {lastq.text!r} ({lastq.value})",
                {"anchor": f"{lastq.text} ({lastq.value})", "shift": True},
            )
        prev = doc.last_value(("half", "month")) if noun == "period" else None
        v = tv.shift_value(prev.value, -1) if prev is not None else None
        if v is not None:
            # "exports in the first half of this year rose ... over the same period of last year"
            return (
                "DATE",
                v,
                f"a year before the period {prev.text!r} ({prev.value})",
                {"anchor": f"{prev.text} ({prev.value})", "shift": True},
            )
        if noun == "period" and re.search(r"\blast\s+year\b", m.group(0), re.I):
            # "the same period last year" with no period mentioned before: only the year is
            # known (a value keeps the granularity the text gives)
            return "DATE", f"{doc.dct.year - 1:04d}", "a period of last year", {"shift": True}
        return "DATE", tv.shift(doc.dct, "Q", -5), "a year before the last quarter", {"shift": True}
    if noun == "period" and not adj:
        return None
    if noun == "quarter" and det == "the" and not adj and lastq is None:
        # a quarter mentioned before gives the company's (fiscal) numbering; without one, the
        # end day names the calendar quarter
        ended = _QUARTER_ENDED_RE.match(doc.text, m.end())
        if ended:
            return _quarter_ended(doc, ended)
    if "current" in adj:
        return "DATE", tv.shift(doc.dct, "Q", 0), "the DCT's quarter"
    if det == "this" and "latest" not in adj:
        tense = doc.tense(*m.span())
        if lastq is not None and tense == "past":
            return "DATE", lastq.value, f"the quarter being reported ({lastq.text!r})"
        rq = doc.last_reported_quarter
        if rq is not None and tense != "future" and doc.start - rq.end < 400:
            # "This quarter's loss includes charges ...", right after the results of a quarter
            # that has ended: the quarter being reported, not the DCT's open one
            return "DATE", rq.value, f"the quarter being reported ({rq.text!r})"
        return "DATE", tv.shift(doc.dct, "Q", 0), "the DCT's quarter"
    if det == "next" or "next" in adj or "coming" in adj:
        return "DATE", tv.shift(doc.dct, "Q", 1), "the quarter after the DCT's"
    if det == "last" or "previous" in adj or "prior" in adj:
        if lastq is not None and det != "last":
            return "DATE", tv.shift_quarter(lastq.value, -1), "quarter before the one mentioned"
        return "DATE", tv.shift(doc.dct, "Q", -1), "the quarter before the DCT's"
    if lastq is not None:
        return "DATE", lastq.value, f"the quarter mentioned before ({lastq.text!r})"
    if noun == "period":
        return None
    return "DATE", tv.shift(doc.dct, "Q", -1), "most recent completed quarter before the DCT"


# "the quarter ended Sept. 30": a reporting quarter named by its last day
_QUARTER_ENDED_RE = re.compile(
    rf"\s+(?P<verb>ended|ending|that\s+ended|which\s+ended)\s+(?P<mon>{MONTH})\s*(?P<day>\d{{1,2}})(?!\d)",
    re.I,
)


def _quarter_ended(doc: _Doc, m: re.Match):
    """The calendar quarter that holds most of the three months ending on the given day (a
    quarter "ended July 31" runs May-July: the second quarter; one "ended Oct. 1" is July-
    September). Without a year, the end day is the last such day before the DCT ("ended") or
    the next one at most a quarter back ("ending")."""
    mon, day = _month_num(m["mon"]), int(m["day"])
    d = doc.dct
    y = d.year
    end = tv.safe_date(y, mon, day)
    if end is None:
        return None
    if m["verb"].lower().endswith("ended"):
        if end > d:
            y -= 1
    elif (d - end).days > 92:
        y += 1
    last = mon if day >= 15 else mon - 1  # the last whole month of the quarter
    mid = y * 12 + last - 2  # the middle month, counted from 0
    q_y, q_m = mid // 12, mid % 12 + 1
    q = (q_m - 1) // 3 + 1
    return (
        "DATE",
        tv.quarter(q_y, q),
        f"the quarter ended {m['mon']} {day}: its middle month is {q_y:04d}-{q_m:02d}",
    )


def _r_half(doc: _Doc, m: re.Match):
    w = m["h"].lower()
    if " " not in w and not re.search(r"half\s+of", m.group(0), re.I):
        return None
    h = 1 if w.startswith("first") else 2
    if m["yr"]:
        y = _year_num(m["yr"], doc.dct)
    elif m["ryr"]:
        y = doc.dct.year + {"this": 0, "last": -1, "next": 1}[m["ryr"].lower()]
    else:
        if _game_period(doc, m):
            return None
        y = _year_of_half(doc, h, m)
    return "DATE", f"{y:04d}-H{h}", f"half year {h} of {y}"


def _year_of_half(doc: _Doc, h: int, m: re.Match) -> int:
    """The year of a yearless half: the DCT's, but the second half of the year before when
    written in the first half and not in a future clause."""
    if h == 2 and doc.dct.month <= 6 and doc.tense(*m.span()) != "future":
        return doc.dct.year - 1
    return doc.dct.year


_ABBREV_PERIOD_CONTEXT_BEFORE = _words(
    "in the during for of from to and by since until through than over before after its",
    "their our first second third fourth strong weak record",
)
_ABBREV_PERIOD_CONTEXT_AFTER_RE = re.compile(
    r"\s+(?:results?|earnings|revenues?|sales|profits?|losses|loss|growth|gdp|output|figures"
    r"|numbers|deliveries|shipments|guidance|forecasts?|report|estimates?|margins?|income)\b",
    re.I,
)


def _r_period_abbrev(doc: _Doc, m: re.Match):
    """ "Q3 2023", "3Q23", "H1 2024", "FY2024": the abbreviations of business news."""
    if m["fy"]:
        if not m["yr"]:
            return None
        y = _year_num(m["yr"] if len(m["yr"]) != 2 else "'" + m["yr"], doc.dct)
        return "DATE", f"{y:04d}", f"fiscal year {y} (abbreviated)"
    q = int(m["q"] or m["q2"] or 0)
    h = int(m["h"] or 0)
    if m["yr"]:
        yr = m["yr"].lstrip("'’")
        y = _year_num(yr if len(yr) != 2 else "'" + yr, doc.dct)
        why = "explicit year"
    else:
        # a bare "Q3" is a quarter only where business prose puts one ("in Q3", "Q3
        # earnings"), not in a name ("the Audi Q3")
        before = doc.word_before(m.start())
        ok_before = before in _ABBREV_PERIOD_CONTEXT_BEFORE and not (h and before == "the")
        if not ok_before and not _ABBREV_PERIOD_CONTEXT_AFTER_RE.match(doc.text, m.end()):
            return None  # "the H1 visa"
        if h:
            y, why = _year_of_half(doc, h, m), "the half year nearest the DCT"
        else:
            y, why = _resolve_quarter(doc, q, *m.span())
    if h:
        return "DATE", f"{y:04d}-H{h}", f"half year {h} of {y} (abbreviated): {why}"
    return "DATE", tv.quarter(y, q), f"quarter {q} of {y} (abbreviated): {why}", {"quarter": True}


def _r_end_of_the_unit(doc: _Doc, m: re.Match):
    """ "by the end of the century", "at the start of the decade": the DCT's century or
    decade, with its part as the modifier (TIMEX3 mod END / START / MID)."""
    unit = m["u"].lower()
    y = doc.dct.year
    val = f"{y // 100:02d}" if unit == "century" else f"{y // 10:03d}"
    mod = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}[m["part"].lower()]
    return "DATE", val, f"the {m['part'].lower()} of the DCT's {unit}", {"mod": mod}


def _r_fiscal_year(doc: _Doc, m: re.Match):
    y = _year_num(m["yr"], doc.dct)
    return "DATE", f"{y:04d}", "fiscal year"


_YEAR_OK_BEFORE = frozenset(MONTHS) | _words(
    "in since until by of from through before after during fiscal and or to between early",
    "late mid the summer winter spring autumn fall year circa",
)


def _r_year(doc: _Doc, m: re.Match):
    s = m["yr"]
    y = _year_num(s, doc.dct)
    if s[0] in "'’":
        return "DATE", f"{y:04d}", "two-digit year"
    before = doc.word_before(m.start())
    raw_before = doc.raw_word_before(m.start())
    if before in LABEL_WORDS or raw_before.endswith(("#", "$", "£", "€")):
        return None
    # "Section 1994", "Vision 2030": a label after a capitalised word
    if (
        raw_before[:1].isupper()
        and raw_before[-1] not in ",.;:("
        and not raw_before.endswith(("'s", "’s"))  # "Sony's 1990 profit"
        and before not in _YEAR_OK_BEFORE
        and not doc.sentence_start(m.start() - len(raw_before) - 1 if raw_before else m.start())
    ):
        return None
    nxt = doc.word_after(m.end()).lower()
    if nxt in COUNT_NOUNS or re.match(r"\s*(?:%|-\d|\.\d|,\d{3})", doc.text[m.end() :]):
        return None
    if re.match(r"\s*(?:[-–]|to)\s*\d", doc.text[m.end() : m.end() + 6]) and y > 2100:
        return None
    if y < 1600 and before not in ("in", "since", "of", "from", "until", "by", "circa", "year"):
        return None
    if y > doc.dct.year + 60:
        return None
    extras = {}
    if m["mod"]:
        extras["mod"] = _mod_of(m["mod"])
    return "DATE", f"{y:04d}", "explicit year", extras


def _r_year_range(doc: _Doc, m: re.Match):
    """ "1998-2000", "the 1996-2000 plan": a range of years, tagged as its two endpoint years
    (TempEval output splits ranges, as for "from 1992 to 1996"). A two-digit end ("the
    1997-98 season", "1998-08", "1990-95 points") is left alone: a season, a month or a code
    more often than a range."""
    y1 = int(m["y1"])
    if len(m["y2"]) == 2:
        return None
    y2 = int(m["y2"])
    if not 0 < y2 - y1 <= 30:
        return None
    before = doc.word_before(m.start())
    raw_before = doc.raw_word_before(m.start())
    if before in LABEL_WORDS or raw_before.endswith(("#", "$", "£", "€")):
        return None
    if doc.word_after(m.end()).lower() in COUNT_NOUNS:
        return None
    if y2 > doc.dct.year + 60:
        return None
    parts = (
        (m.start("y1"), m.end("y1"), f"{y1:04d}", m["y1"]),
        (m.start("y2"), m.end("y2"), f"{y2:04d}", m["y2"]),
    )
    extras = {"parts": parts, "range_end": f"{y2:04d}"}
    return "DATE", f"{y1:04d}", f"range of years {y1}-{y2}", extras


def _r_spelled_year(doc: _Doc, m: re.Match):
    y = _spelled_year_num(m.group("sy"))
    return None if y is None else ("DATE", f"{y:04d}", "year in words")


_TEMPERATURE_RE = re.compile(
    r"\b(?:temperatures?|degrees|highs|lows|thermometers?|fahrenheit|celsius|heat\s+index"
    r"|wind\s+chill|forecast)\b",
    re.I,
)


def _r_decade(doc: _Doc, m: re.Match):
    before = doc.word_before(m.start())
    if before in ("early", "mid", "late"):  # "in his late 30s"
        lm = re.search(r"(?:early|mid|late)\W*$", doc.text[max(0, m.start() - 8) : m.start()], re.I)
        before = doc.word_before(m.start() - len(lm.group(0))) if lm else before
    if before in ("his", "her", "their", "my", "your", "our") or (
        not m["dw"] and len(m["d"].lstrip("'’")) == 2 and doc.word_before(m.start()) == "low"
    ):
        return None  # an age: "in his 70s", "in their mid-twenties"
    if not m["dw"] and len(m["d"]) == 2:
        # "highs in the upper 70s", "temperatures in the 80s": degrees, not a decade
        if doc.word_before(m.start()) in ("upper", "lower", "high", "middle"):
            return None
        lo, hi = doc.sentence_bounds(*m.span())
        if _TEMPERATURE_RE.search(doc.text, lo, hi):
            return None
    if m["dw"]:
        dec = DECADE_WORDS[m["dw"].lower()]
        cent = 19 if not m["cw"] else (19 if "nineteen" in m["cw"].lower() else 20)
        value = f"{cent}{dec}"
    else:
        ds = m["d"].lstrip("'’")
        if len(ds) == 4:
            value = ds[:3]
        else:
            dd = int(ds[0])
            cent = doc.dct.year // 100
            if cent * 100 + dd * 10 > doc.dct.year:
                cent -= 1
            value = f"{cent}{dd}"
    extras = {}
    if m["mod"]:
        extras["mod"] = _mod_of(m["mod"])
    return "DATE", value, f"decade {value}0s", extras


def _r_century(doc: _Doc, m: re.Match):
    c = m["c"].lower()
    n = _day_num(c) if not c.isdigit() else int(c)
    if n is None:
        nm = re.match(r"(\d+)", c)
        n = int(nm.group(1)) if nm else None
    if not n or n > 30:
        return None
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "DATE", f"{n - 1:02d}", f"the {n}{suffix} century"


def _r_rel_century(doc: _Doc, m: re.Match):
    w = m["rel"].lower()
    n = {"this": 0, "last": -1, "next": 1, "the last": -1, "the next": 1, "the past": -1}
    k = n.get(re.sub(r"\s+", " ", w), 0)
    if w.startswith("the ") and k < 0:
        return "DURATION", "P100Y", "a hundred-year span"
    return "DATE", f"{doc.dct.year // 100 + k:02d}", "century relative to the DCT"


# "the fall of communism", "the fall in prices": the noun of falling, not the season (a
# season is followed by a year or a time word: "the fall of 1997", "the fall of last year")
_FALL_NOUN_RE = re.compile(
    r"\s+(?:of|in)\s+(?!(?:\d|'\d|’\d|last|this|that|next|the\s+(?:year|same)|nineteen"
    r"|two\s+thousand)\b)",
    re.I,
)


def _r_season(doc: _Doc, m: re.Match):
    season = SEASONS[m["s"].lower()]
    if m["s"] == "Spring" and doc.text.startswith(" Festival", m.end()):
        return None  # the holiday (Chinese New Year), not the season
    if (
        m["s"].lower() == "fall"
        and not m["yr"]
        and not m["syr"]
        and (m["rel"] or "the").lower() == "the"
        and _FALL_NOUN_RE.match(doc.text, m.end())
    ):
        return None
    if m["yr"] or m["syr"]:
        y = _year_num(m["yr"], doc.dct) if m["yr"] else _spelled_year_num(m["syr"])
        if y is None:
            return None
        return "DATE", f"{y:04d}-{season}", "season of an explicit year"
    rel = m["rel"] or ""
    if not rel and not m["mod"]:
        before = doc.word_before(m.start())
        if before not in (
            "in",
            "during",
            "since",
            "until",
            "by",
            "through",
            "over",
            "this",
            "last",
            "next",
            "of",
            "before",
            "after",
            "the",
        ):
            return None
        if season in ("SP", "FA") and before not in (
            "in",
            "during",
            "since",
            "until",
            "till",
            "by",
            "before",
            "through",
            "the",
        ):
            return None
    val, why = _resolve_season(doc, season, *m.span(), rel=rel)
    return "DATE", val, why


_PER_UNIT_RE = re.compile(
    r"\s+(?:a|an|per|every|each)\s+(?P<u>day|week|month|year)(?![\w'’-])"
    r"(?!\s+(?:ago|earlier|later|before|after|from|back|or)\b)"
)
_UNIT_ORDER = {"minute": 1, "hour": 2, "day": 3, "night": 3, "week": 4, "month": 5, "year": 6}


def _r_duration(doc: _Doc, m: re.Match):
    numtxt = m["num"]
    unit = m["unit"].lower()
    suf = re.sub(r"\s+", " ", (m["suf"] or "").lower()).strip(" -")
    det = (m["det"] or "").lower().strip()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).strip()
    qmod = re.sub(r"\s+", " ", (m["qmod"] or "").lower()).strip()
    extras: dict = {}
    if rel and qmod:
        return None  # "last over a week": "last" is a verb here
    if (
        rel == "last"
        and not det
        and _VERB_LAST_RE.search(doc.text, max(0, m.start() - 30), m.start())
    ):
        # "the talks will last three days": "last" is the verb, the duration is "three days"
        rel = ""
        extras["start"] = m.start("num")
    if m["unit"].isupper() and len(unit) <= 3:
        return None  # "3 MIN READ"
    if (
        m["unit"][:1].isupper()
        and m["num"][:1].isdigit()
        and not m["unit"].isupper()
        and not doc.sentence_start(m.start())
    ):
        return None  # a title: "CBS's 60 Minutes"
    n = _num(numtxt)
    num_low = re.sub(r"\s+", " ", numtxt.strip().lower())
    if num_low == "one" and m.group(0).lower() in ("one day", "some day"):
        # "Islam will one day be ...", "hopes to one day fly": an indefinite future
        if _MODAL_BEFORE_RE.search(doc.text, max(0, m.start() - 30), m.start()):
            return "DATE", "FUTURE_REF", "'one day' after a modal: an indefinite future time"
        if doc.sentence_start(m.start()) and doc.text[m.end() : m.end() + 1] == ",":
            return None  # "One day, he left": a narrative device, not a time

    if num_low in ("a", "an") and unit.startswith("sec"):
        return None  # "a second time"
    after = doc.text[m.end() : m.end() + 12]
    if unit.startswith("quarter") and (
        re.match(r"\s+of\b", after) or (num_low in ("a", "an", "one") and not det and not rel)
    ):
        return None  # "three-quarters of its food", "a quarter of the market"
    if n is not None and m["half"]:
        n += 0.5
    if m["half2"]:
        n = (n or 0) + 0.5
    if "few" in rel or "several" in rel:
        n = None
    if qmod:
        extras["mod"] = _MOD_NAMES.get(qmod)
    base = {
        "centuries": "century",
        "millennia": "millennium",
        "secs": "sec",
        "mins": "min",
        "hrs": "hr",
    }.get(unit, unit)
    if base.endswith("s") and base[:-1] in UNITS:
        base = base[:-1]
    letter = UNITS.get(base, ("X", 1, False))
    # adjectival use ("a three-hour talk", "the 23-year occupation"): the determiner belongs
    # to the noun phrase, not to the expression
    trim_det = (
        det in ("a", "an", "the", "its", "their")
        and not rel
        and num_low not in ("a", "an")
        and not unit.endswith("s")
        and suf not in ("period", "term", "span", "stretch", "spell")
    )
    if trim_det:
        extras["start"] = m.start("num") if not qmod else m.start("qmod")
    elif (
        suf == "long"
        and num_low in ("a", "an")
        and not qmod
        and not rel
        and "-" in doc.text[m.end("unit") : m.end()]
    ):
        # "a year-long project": the adjective only, as "a [three-hour] meeting"
        extras["start"] = m.start("unit")
    # a frequency ("twice a day", "three times a year") is a set; a rate of a quantity
    # ("$33 million a year", "four flights a week", "358,000 a month") is not a time
    # expression in TimeBank news annotation
    if num_low in ("a", "an", "per") and not det and not rel and not suf:
        before_txt = doc.text[max(0, m.start() - 25) : m.start()].lower()
        fq = re.search(
            r"(?:\b(?:once|twice|thrice)|(?:\b[a-z]+|\d+)(?:-|\s+)times)\s+$", before_txt
        )
        if fq:
            # "twice a month": the frequency word is part of the SET's extent (TimeML 1.2.1
            # annotates "twice a month" as one SET, value P1M, freq 2X)
            extras["start"] = m.start() - (len(before_txt) - fq.start())
            return "SET", _duration(1, unit), "frequency 'N times a <unit>': a set", extras
        if re.search(r"(?:times|once|twice|thrice)\W*$", before_txt):
            return "SET", _duration(1, unit), "frequency 'N times a <unit>': a set", extras
        if _after_quantity(doc, m.start()):
            return None
    if not suf and not det and not rel and n is not None and num_low not in ("a", "an", "per"):
        per = _PER_UNIT_RE.match(doc.text, m.end())
        if per and _UNIT_ORDER.get(per["u"].lower(), 0) > _UNIT_ORDER.get(base, 9):
            # "three days every month", "24 hours a day", "seven days a week": a set whose
            # period is the second unit (TimeML 1.2.1 SET: value P1M, freq 3D)
            extras["end"] = per.end()
            period = _duration(1, per["u"].lower())
            return "SET", period, f"{m.group(0).strip()} in every {per['u'].lower()}", extras
    if suf in ("after", "before") or (
        suf in ("earlier", "later")
        and letter[0] in ("S", "M", "H", "D", "W")
        and not (letter[0] == "M" and not letter[2])
    ):
        # "three days later", "twenty years after the first astronauts": a duration whose
        # anchor is an event; the adverb stays outside the extent
        extras["end"] = m.start("suf")
        return "DURATION", _duration(n, unit), f"duration of {numtxt.strip()} {unit}", extras
    if suf in ("ago", "earlier", "later", "from now", "hence", "back"):
        if n is None:
            if suf in ("ago", "earlier", "back"):
                return "DATE", "PAST_REF", f"vague '{m.group(0)}' in the past", extras
            return "DATE", "FUTURE_REF", f"vague '{m.group(0)}' in the future", extras
        sign = -1 if suf in ("ago", "earlier", "back") else 1
        l0 = letter[0]
        k = int(n * letter[1]) if float(n * letter[1]).is_integer() else None
        if k is None:
            return "DURATION", _duration(n, unit), "fractional offset kept as a duration", extras
        ref = doc.dct
        anchor_txt = f"the DCT {_dctdesc(doc.dct)}"
        if suf == "later" and not letter[2]:
            # "a year later", "two months later": relative to the time the story is at (the
            # last date mentioned), not to the DCT
            a = doc.last_value(("day", "month", "year"))
            ad = _anchor_date(a) if a is not None else None
            if ad is not None and ad < doc.dct:
                prec = tv.precision(a.value)
                if l0 == "Y" and letter[1] == 1:
                    val = f"{ad.year + k:04d}"
                    if prec == "month":
                        val = tv.shift(ad, "M", 12 * k)
                elif l0 == "M" and prec in ("day", "month"):
                    val = tv.shift(ad, "M", k)
                else:
                    val = None
                if val:
                    extras["anchor"] = f"{a.text} ({a.value})"
                    return "DATE", val, f"'{m.group(0)}': {k:+d} {unit} after {a.text!r}", extras
            # no earlier date to count from: the span of time, as for "three days later"
            extras["end"] = m.start("suf")
            return "DURATION", _duration(n, unit), f"duration of {numtxt.strip()} {unit}", extras
        if l0 == "Y" and k == 1 and doc.last_quarter is not None:
            a = doc.last_quarter
            if sign < 0 and doc.last_reported_quarter is not None:
                a = doc.last_reported_quarter  # compared with the period reported, not a forecast
            # (a quarterly context: some quarter was mentioned close before)
            if doc.start - doc.last_quarter.end < 400:
                v = tv.shift_value(a.value, sign)
                if v:
                    extras["anchor"] = f"{a.text} ({a.value})"
                    return (
                        "DATE",
                        v,
                        f"'{m.group(0)}' shifts the quarter {a.text!r} ({a.value}) by a year",
                        extras,
                    )
        if letter[2]:
            return "DURATION", _duration(n, unit), "time-unit offset kept as duration", extras
        if l0 == "D":
            val = tv.day(ref + dt.timedelta(days=sign * k))
        elif l0 == "W" and letter[0] != "WE":
            val = tv.day(ref + dt.timedelta(weeks=sign * k))
        elif l0 == "M":
            val = tv.shift(ref, "M", sign * k)
        elif l0 == "Q":
            val = tv.shift(ref, "Q", sign * k)
        elif l0 == "Y":
            if not float(n).is_integer():
                # "half a century ago", "a decade and a half ago": counted in years
                val = tv.shift(ref, "Y", sign * k)
            elif letter[1] >= 100:
                val = f"{(ref.year + sign * k) // 100:02d}"
            elif letter[1] >= 10:
                val = f"{(ref.year + sign * k) // 10:03d}"
            else:
                val = tv.shift(ref, "Y", sign * k)
        else:
            return None
        extras["anchor"] = anchor_txt
        what = f"{sign * k:+d} {unit}"
        if l0 == "Y" and not float(n).is_integer():
            what = f"{sign * k:+d} years"
        elif letter[1] > 1:
            what = f"{sign * n:+g} {unit} ({sign * k:+d} {'years' if l0 == 'Y' else l0})"
        return "DATE", val, f"'{m.group(0)}': {what} from {anchor_txt}", extras
    if suf == "old":
        # Ages of people ("a 52-year-old man", "the 3-month-old", "Mr. Smith, 52 years old,",
        # "workers 55 years old or older") are not temporal expressions in TimeML news
        # annotation; only a predicative age of a thing or a relationship ("the friendship
        # is more than 30 years old") is kept, as a duration.
        if not _AGE_PREDICATIVE_RE.search(doc.text, max(0, m.start() - 40), m.start()):
            return None
        if "-" in doc.text[m.start("unit") - 1 : m.start("unit")] or re.search(r"-old", m["suf"]):
            return None
        return "DURATION", _duration(n, unit), "predicative age: a duration", extras
    # "in five years" with a future verb: a date
    if (
        not det
        and not rel
        and not qmod
        and n is not None
        and letter[0] in ("Y", "M")
        and not letter[2]
        and float(n).is_integer()
        and doc.word_before(m.start()) == "in"
        and doc.tense(*m.span()) == "future"
        and not re.match(r"[\s-]*(?:old|long)", after)
        and not _SINCE_SPAN_RE.search(doc.text, max(0, m.start() - 60), m.start())
    ):
        k = int(n * letter[1])
        val = tv.shift(doc.dct, letter[0], k)
        return "DATE", val, f"'in {m.group(0)}' with a future verb: {k:+d} from the DCT", extras
    return "DURATION", _duration(n, unit), f"duration of {numtxt.strip()} {unit}", extras


# "for the first time in three decades", "the lowest level in 20 years": the span reaching back
# to the DCT, not a date that many years ahead
_SINCE_SPAN_RE = re.compile(
    r"(?:\bfirst\s+time|\b(?:highest|lowest|biggest|largest|smallest|worst|best|fastest"
    r"|slowest|strongest|weakest|most|least|first|only)\b[^.;:!?]{0,40})\s+in\s+$",
    re.I,
)


# words after which a bare plural unit is a span of time: prepositions ("for weeks", "within
# days") and verbs of lasting ("could take months", "lasted hours", "follows years of talks")
_VAGUE_SPAN_BEFORE = _words(
    "for within in over after of during took takes take taking lasted last lasts lasting",
    "spent spend spends spending follows followed following",
)


def _r_vague_dur(doc: _Doc, m: re.Match):
    """ "recent years", "the coming weeks", "years", "several months"."""
    unit = m["unit"].lower()
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower()).strip()
    extras: dict = {}
    if re.match(
        rf"\s+of\s+(?:{WEEKDAY}|\d|yesterday|today|tomorrow|{MONTH})", doc.text[m.end() :], re.I
    ):
        return None  # "in the early hours of Tuesday": a part of that day, not a span
    if not pre:
        before = doc.word_before(m.start())
        nxt = re.match(r"\s+(later|ago|after|earlier)\b", doc.text[m.end() : m.end() + 12], re.I)
        if nxt:
            # "Hours later", "Minutes after the blast", "months ago": a vague span of time
            if nxt.group(1).lower() == "ago":
                extras["end"] = m.end() + nxt.end()
            return "DURATION", _duration(None, unit), f"unspecified number of {unit}", extras
        if before not in _VAGUE_SPAN_BEFORE:
            return None
        if before == "last" and re.search(
            r"\b(?:his|her|its|their|our|my|your|the)\s+last\s+$",
            doc.text[max(0, m.start() - 12) : m.start()],
            re.I,
        ):
            return None  # "his last years": the adjective, not the verb of lasting
        if (
            before == "in"
            and unit != "years"
            and not re.search(
                r"(?:first|time|years|first\s+time)\s+in\s*$",
                doc.text[max(0, m.start() - 20) : m.start()],
            )
        ):
            return None
    return "DURATION", _duration(None, unit), f"unspecified number of {unit}"


def _r_ref(doc: _Doc, m: re.Match):
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w in (
        "now",
        "right now",
        "just now",
        "currently",
        "nowadays",
        "these days",
        "presently",
        "at present",
        "the present",
        "present",
        "current",
        "today's",
        "at the moment",
        "so far",
        "to date",
        "at this time",
        "this time",
        "the moment",
        "the present day",
    ):
        if w == "current" and re.match(
            r"\s+(?:account|affairs|events|president|chairman|"
            r"members?|ceo|owner|leader)",
            doc.text[m.end() :],
            re.I,
        ):
            return None
        return "DATE", "PRESENT_REF", f"'{w}' refers to the present"
    if w in (
        "the future",
        "future",
        "soon",
        "the near future",
        "the near term",
        "the short term",
        "the long term",
        "the longer term",
        "the medium term",
        "someday",
        "some day",
        "shortly",
        "in the future",
        "the years ahead",
        "the days ahead",
        "the weeks ahead",
        "the months ahead",
        "eventually",
        "soon as possible",
        "a later date",
        "a future date",
        "some later date",
        "some future date",
    ):
        if w == "soon as possible":
            return (
                "DATE",
                "FUTURE_REF",
                "'as soon as possible' refers to the future",
                {"start": m.start() - 3},
            )
        if w == "the future":
            nxt = re.match(r"\s+([a-z][a-z-]*)", doc.text[m.end() : m.end() + 30])
            if (
                nxt
                and nxt.group(1) not in _FUNCTION_WORDS
                and nxt.group(1) not in _NOT_NOUN_AFTER_FUTURE
                and not nxt.group(1).endswith(("s", "ly", "ed"))
            ):
                # "the future president", "the future king": an adjective (as "former",
                # which the TIMEX3 guidelines leave untagged), not the future time
                return None
        if w == "future" and doc.word_before(m.start()) in (
            "the",
            "a",
            "its",
            "their",
            "his",
            "her",
            "our",
            "my",
        ):
            return None
        return "DATE", "FUTURE_REF", f"'{w}' refers to the future"
    if w == "the past" and _COUNTED_AFTER_RE.match(doc.text, m.end()):
        # "the past three summers", "the past 10 seasons": a counted span of an unit the
        # duration rules do not know, not the vague past
        return None
    return "DATE", "PAST_REF", f"'{w}' refers to the past"


_NOT_NOUN_AFTER_FUTURE = _words(
    "will would may might could can should must shall remain look hold seem appear not",
    "depend lie rest belong if when whether unless because while where though although so",
    "he she it they we you i there this what who which yet",
)

_COUNTED_AFTER_RE = re.compile(
    r"\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many"
    r"|couple)\b)",
    re.I,
)


_FUNCTION_WORDS = _words(
    "and or but to in on at for from by with through since until till as than of over",
    "during after before this that these those the a an is are was were will would be",
    "been basis",
)


def _r_set(doc: _Doc, m: re.Match):
    w = re.sub(r"\s+", " ", m.group(0).lower())
    simple = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "yearly": "P1Y",
        "annually": "P1Y",
        "hourly": "PT1H",
        "nightly": "P1D",
        "quarterly": "P3M",
        "biweekly": "P2W",
        "bi-weekly": "P2W",
        "semiannually": "P6M",
        "semi-annually": "P6M",
        "biannually": "P6M",
    }
    if w in simple:
        nxt = re.match(r"\s+([a-z][\w-]*)", doc.text[m.end() : m.end() + 30])
        if nxt and nxt.group(1) not in _FUNCTION_WORDS:
            return None  # adjective: "daily volume", "quarterly dividend"
        if doc.word_before(m.start()) in ("the", "a", "an", "its", "their", "average"):
            return None
        if _after_quantity(doc, m.start()):
            return None  # a rate: "rise 8.5% annually", "10,000 units annually"
        return "SET", simple[w], f"'{w}' is a recurring set"
    if m["wd"]:
        wd = WEEKDAYS[m["wd"].lower().rstrip(".").rstrip("s")] if m["wd"] else 0
        pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
        v = f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else "")
        return "SET", v, "every such weekday"
    if m["smon"]:
        return "SET", f"XXXX-{_month_num(m['smon']):02d}", "every such month"
    if m["sseason"]:
        # "each summer": every such season (TIMEX3 seasons SP/SU/FA/WI, as "each July" is
        # XXXX-07)
        return "SET", f"XXXX-{SEASONS[m['sseason'].lower()]}", "every such season"
    n = _num(m["snum"]) if m["snum"] else 1
    unit = m["sunit"].lower()
    if unit == "weekend" and not m["snum"] and " other " not in w:
        # "every weekend": every week's weekend (TIDES 2005: XXXX-WXX-WE, as "every
        # Sunday" is XXXX-WXX-7)
        return "SET", "XXXX-WXX-WE", "every weekend"
    if w.startswith("per ") and _after_quantity(doc, m.start()):
        return None  # a rate: "15 million instructions per second"
    if " other " in w:
        # "every other week": every second one (TIDES 2005 / TIMEX3: the period is P2W)
        n = 2 * (n or 1)
    return "SET", _duration(n or 1, unit), f"'{w}' recurs"


def _r_weekday_plural(doc: _Doc, m: re.Match):
    wd = WEEKDAYS[m["wd"].lower()]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    v = f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else "")
    return "SET", v, "plural weekday: every such day"


WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def _r_weekday_pod_set(doc: _Doc, m: re.Match):
    """ "Tuesday nights", "on Monday and Tuesday nights": a plural part of day after a weekday
    is every such part of that weekday (a SET); in "Monday and Tuesday nights" the plural
    distributes over both days."""
    pod = PARTS_OF_DAY[m["pod"].lower()[:-1]]
    v1 = f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}T{pod}"
    why = "weekday with a plural part of day: every such part of day"
    if not m["wd2"]:
        return "SET", v1, why
    v2 = f"XXXX-WXX-{WEEKDAYS[m['wd2'].lower()] + 1}T{pod}"
    parts = (
        (m.start("wd"), m.end("wd"), v1, m["wd"]),
        (m.start("wd2"), m.end(), v2, doc.text[m.start("wd2") : m.end()]),
    )
    return "SET", v1, why, {"parts": parts}


def _r_weekend(doc: _Doc, m: re.Match):
    d = doc.dct
    if d.weekday() < 5 and doc.tense(*m.span()) != "future":
        return "DATE", tv.week(d - dt.timedelta(days=7)) + "-WE", "the weekend before the DCT"
    return "DATE", tv.week(d) + "-WE", "the weekend of the DCT's week"


def _r_year_end(doc: _Doc, m: re.Match):
    return "DATE", f"{doc.dct.year:04d}", "end of the DCT's year"


# ---------------------------------------------------------------- rule table

# a year in words, as broadcast transcripts write it ("nineteen ninety-seven", "two thousand")
_SPELLED_YEAR = (
    r"(?:nineteen[\s-](?:hundred(?:\s+and)?\s+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven"
    r"|eight|nine))|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?!\w)"
)

_WD_PREFIX = (
    r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous"
    r"|the\s+following|early|late|earlier|later)\s+)?"
)

RULES: list[_Rule] = [
    _Rule(
        "iso_date",
        rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?(?![\d-])",
        _r_iso,
    ),
    _Rule(
        "numeric_date",
        rf"{_B}(?P<a>[0-3]?\d)(?P<sep>[-./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/-]|\.\d)"
        r"(?:,?\s+(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?",
        _r_numeric,
    ),
    _Rule(
        "gmt_time",
        rf"{_B}(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)\s*(?:GMT|UTC)(?![\w]){_TIME_DATE}",
        _r_gmt_time,
    ),
    _Rule(
        "clock_time",
        rf"{_B}(?:(?P<hh>[0-2]?\d)(?:(?P<sep>[:.])(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?\s*(?P<ampm>{AMPM})?"
        rf"|\s*(?:(?P<ampm2>{AMPM})|(?P<oclock>o['’]clock)))|(?P<named>noon|midnight|midday)"
        r"|(?P<hw>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock)"
        rf"(?P<tz>{TZ})?{_TIME_DATE}",
        _r_time,
    ),
    _Rule(
        "date_range",
        rf"{_BW}(?P<p1>(?P<mon1>{MONTH})\s+(?P<d1>{DAY_NUM}))\s*(?:-|–|—|to|through|until|and)\s*"
        rf"(?P<p2>(?:(?P<mon2>{MONTH})\s+)?(?P<d2>{DAY_NUM}))(?:,?\s+(?P<yr>{YEAR4}))?",
        _r_range,
    ),
    _Rule(
        "date_range_dmy",
        rf"{_B}(?P<p1>(?P<d1>{DAY_NUM})(?:\s+(?P<mon1>{MONTH}))?)\s*(?:-|–|—|to|and|until)\s*"
        rf"(?P<p2>(?P<d2>{DAY_NUM})\s+(?P<mon2>{MONTH}))(?:,?\s+(?P<yr>{YEAR4}))?",
        _r_range,
    ),
    _Rule(
        "date_mdy",
        rf"{_BW}(?:(?:(?:this\s+coming|this|last|next|coming)\s+)?(?P<wd>{WEEKDAY}),?\s+)?"
        rf"(?P<mon>{MONTH})\s+"
        rf"(?P<day>{DAY_NUM}|{ORD_WORD_DAY})"
        rf"(?:(?:,\s*|\s+)(?P<yr>{YEAR4})|\s*\[(?P<yr2>{YEAR4})\])?"
        rf"(?:\s+(?P<tpod>{PART_OF_DAY}))?",
        None,  # set below
    ),
    _Rule(
        "date_dmy",
        rf"{_B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY_NUM}|{ORD_WORD_DAY})"
        rf"(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<yr>{YEAR4}))?(?P<tpod>)",
        None,
    ),
    _Rule(
        "month_span",
        rf"{_BW}(?:(?P<det>the)\s+)?(?P<mon1>{MONTH_FULL})\s*[-–]\s*(?P<mon2>{MONTH_FULL})(?![\w-])"
        rf"(?:,?\s+(?:(?P<yr>{YEAR4})|(?P<rel>this|last|next)\s+year(?![\w'’])))?"
        r"(?P<qn>\s+quarter(?![\w-]))?",
        _r_month_span,
    ),
    _Rule(
        "month_year",
        rf"{_BW}(?:{_MOD_PRE})?(?P<mon>{MONTH_STRICT}|{MONTH}(?=,?\s+\d))(?:,|\s+of)?\s+"
        rf"(?:(?P<yr>{YEAR4})|(?P<syr>{_SPELLED_YEAR}))",
        _r_month_year,
    ),
    _Rule(
        "month_rel_year",
        rf"{_BW}(?P<mon>{MONTH_STRICT})(?:\s+of)?\s+(?P<rel>this|last|next)\s+year{_E}",
        _r_month_rel_year,
    ),
    _Rule(
        "quarter",
        rf"{_BW}(?:(?P<det>the)\s+)?(?:(?P<ryr>this|last|next)\s+year['’]s\s+"
        rf"|(?:fiscal\s+)?(?P<pyr>{YEAR4})(?:['’]s)?\s+)?"
        r"(?P<ya>(?:(?:comparable|corresponding)\s+)?year[\s-](?:ago|earlier)[\s-]+)?"
        r"(?:(?:fiscal|calendar|latest|current|same)[\s-]+)*"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final)(?P<hy>[\s-]+)(?:fiscal[\s-]+)?"
        r"(?:(?P<half>half)|quarter)"
        rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<yr>{YEAR4})|the\s+year"
        r"|(?P<ryr2>this|last|next)\s+year(?!['’]))|s(?!\w))?(?![\w-])",
        _r_quarter,
    ),
    _Rule(
        "half_year",
        rf"{_BW}(?:the\s+)?(?P<h>first|second|latter|last|first\s+two\s+quarters"
        rf"|last\s+two\s+quarters|second\s+two\s+quarters)(?:[\s-]+half)?\s+of\s+(?:(?P<yr>{YEAR4})"
        r"|(?P<ryr>this|last|next)\s+year|the\s+year)",
        _r_half,
    ),
    _Rule(
        "period_abbrev",
        r"(?<![\w$£€¥#@&'’./-])(?-i:(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<fy>FY)\s?))"
        r"(?:(?:\s+|-|/|\s*(?=['’]))(?-i:(?:FY)?)\s?)?"
        r"(?P<yr>(?:19|20)\d\d|['’]?\d\d)?(?![\w-])",
        _r_period_abbrev,
    ),
    _Rule(
        "fiscal_year",
        rf"{_BW}fiscal\s+(?:year\s+)?(?P<yr>{YEAR4})",
        _r_fiscal_year,
    ),
    _Rule(
        "quarter_century",
        rf"{_BW}(?:a|one)\s+quarter[\s-]+(?:of\s+a\s+)?century(?P<ago>\s+ago)?(?![\w-])",
        lambda doc, m: (
            ("DATE", f"{doc.dct.year - 25:04d}", "a quarter century (25 years) before the DCT")
            if m["ago"]
            else ("DURATION", "P25Y", "a quarter century: 25 years")
        ),
    ),
    _Rule(
        "end_of_the_unit",
        r"(?<![\w'’-])the\s+(?P<part>end|beginning|start|middle)\s+of\s+the\s+"
        r"(?P<u>century|decade)(?![\w'’-])",
        _r_end_of_the_unit,
    ),
    _Rule(
        "duration",
        rf"{_BW}(?:(?P<det>the|a|an|each\s+of\s+the|an\s+additional)\s+)?"
        r"(?:(?P<rel>(?:past|last|next|first|coming|previous|following|latest|final|initial"
        r"|remaining|ensuing|preceding|subsequent|prior|same|year-earlier|further|additional"
        r"|other|intervening|succeeding|recent)(?:\s+(?:few|several))?)\s+)?"
        r"(?P<qmod>)"
        rf"(?P<num>{NUM})(?P<half>\s+and\s+a\s+half)?[\s-]+"
        r"(?:(?:more|additional|full|straight|consecutive|trading|business|working"
        r"|long|short|extra|successive|solid|whole|entire)[\s-]+)?"
        rf"(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?:\s+or\s+so(?!\w))?"
        r"(?P<suf>(?:[\s-]+(?:long|old)(?![\w-]))|\s+(?:ago|earlier|later|before|after"
        r"|from\s+now|hence|back)(?!\w)"
        r"|\s+(?:period|term|span|stretch|spell)(?!\w))?(?!-\w)",
        _r_duration,
    ),
    _Rule(
        "unit_long",
        r"\b(?P<unit>year|month|week|day|hour|decade|century|weekend|night)[-\s]?long(?![\w-])",
        lambda doc, m: ("DURATION", _duration(1, m["unit"]), f"'{m.group(0)}': one {m['unit']}"),
    ),
    _Rule(
        "weekday_set",
        rf"{_BW}(?:every|each)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?"
        rf"|{_BW}(?:(?:every|each|per)\s+(?:(?P<snum>{NUM})\s+)?(?:other\s+)?(?P<sunit>{UNIT}))"
        rf"|{_BW}(?:every|each)\s+(?P<smon>{MONTH_STRICT})"
        rf"|{_BW}(?:every|each)\s+(?P<sseason>{SEASON})"
        r"|\b(?:daily|weekly|monthly|yearly|annually|hourly|nightly|quarterly|biweekly|bi-weekly"
        r"|semiannually|semi-annually|biannually)\b",
        _r_set,
    ),
    _Rule(
        "weekday_plural",
        r"(?<=\bon\s)(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?(?!\w)",
        _r_weekday_plural,
    ),
    _Rule(
        "pod_weekday",
        rf"{_BW}(?:(?P<rel>early|late|mid)[\s-]?)?(?P<pod>morning|afternoon|evening|night)"
        rf"\s+(?:(?P<wd>{WEEKDAY})|(?P<rel2>yesterday|today|tomorrow))(?P<pod2>)",
        lambda doc, m: _r_pod_day(
            doc, _Fake(m, rel=m["rel2"] or "", wd=m["wd"], pod=m["pod"], pod2=None)
        ),
    ),
    _Rule(
        # "the morning of Aug. 7", "the night of Friday": that day's part of day
        "pod_of_date",
        rf"{_BW}(?:the\s+)?(?:(?P<mod>early|late)\s+)?(?P<pod>morning|afternoon|evening|night)"
        rf"\s+of\s+(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})"
        rf"(?:,?\s+(?P<yr>{YEAR}))?)(?![\w'’-])",
        _r_pod_of_date,
    ),
    _Rule(
        "weekday_pod_set",
        rf"{_BW}(?P<wd>{WEEKDAY_FULL})(?:\s+(?:and|or)\s+(?P<wd2>{WEEKDAY_FULL}))?"
        r"\s+(?P<pod>mornings|afternoons|evenings|nights)(?![\w'’-])",
        _r_weekday_pod_set,
    ),
    _Rule(
        "weekday",
        rf"{_BW}{_WD_PREFIX}(?P<wd>{WEEKDAY})(?:['’]s)?"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?"
        # "on Tuesday last", "on Monday next" (South Asian and older British usage)
        r"(?:\s+(?P<post>last|next)(?![\w'’-])(?!\s+(?:week|month|year|weekend|time|\d))"
        r"|\s+(?P<pw>next|last|this)\s+week(?![\w'’-]))?",
        _r_weekday,
    ),
    _Rule(
        "pod_day",
        rf"{_BW}(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|yesterday|tomorrow|last|today)\s+"
        rf"(?P<pod>{PART_OF_DAY})(?P<wd>)(?P<pod2>)",
        _r_pod_day,
    ),
    _Rule("tonight", rf"{_BW}(?:tonight|overnight){_E}", _r_tonight),
    _Rule(
        "bare_pod",
        rf"{_BW}(?:(?:early|late|mid)[\s-]?|(?:(?<=\bin\s)|(?<=\bduring\s))the\s+)"
        r"(?P<pod>morning|afternoon|evening)(?![\w-])"
        r"(?!\s+(?:of|on|yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday|news|show|paper|papers|edition|session|rush|prayers?|star|after)\b)",
        _r_bare_pod,
    ),
    _Rule(
        "end_of_unit",
        rf"{_BW}the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>month|week)(?![\w-])",
        _r_end_of_unit,
    ),
    _Rule(
        "nth_day",
        rf"{_BW}the\s+(?:{ORD_WORD_DAY}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:(?:straight|consecutive"
        r"|full)\s+)?day(?=\s+(?:of|in|since)\b)",
        _r_nth_day,
    ),
    _Rule(
        # "arrived in Philadelphia later in the day": the day the story is at
        "in_the_day",
        r"(?:(?<=\blater\sin\s)|(?<=\bearlier\sin\s))the\s+day(?![\w'’-])",
        _r_in_the_day,
    ),
    _Rule(
        "anchored_pod",
        rf"{_BW}(?:(?P<nx>the\s+(?:next|following|previous|preceding))|(?P<that>that))\s+"
        r"(?P<pod>morning|afternoon|evening|night)(?![\w'’-])",
        _r_anchored_pod,
    ),
    _Rule(
        "anchored_period",
        rf"{_BW}(?:(?P<mod>early|late)\s+)?(?:(?P<nx>the\s+(?:next|following))|that)\s+"
        rf"(?:(?P<s>{SEASON})(?!['’])|(?P<mon>{MONTH_FULL})(?![\w'’-]))",
        _r_anchored_period,
    ),
    _Rule(
        "anchored_day",
        rf"{_BW}the\s+(?:(?:next|following|previous|preceding|prior)\s+day"
        r"|day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|their|its)\b))(?![\w'’-])",
        _r_anchored_day,
    ),
    _Rule(
        "today",
        rf"{_BW}(?:(?:early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:['’]s)?(?![\w'’-])",
        _r_today,
    ),
    _Rule(
        "last_year_quarter",
        rf"{_BW}(?P<lastyr>last\s+year['’]s)\s+(?P<noun>quarter|period)(?![\w-])",
        _r_quarter_rel,
    ),
    _Rule(
        "rel_unit",
        rf"{_BW}(?:(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of"
        r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of"
        rf"|sometime|mid)[\s-]+)?(?P<rel>{_REL_WORDS})\s+"
        r"(?P<unit>fiscal\s+year|week|weekend|month|quarter|year|decade|century)(?![\w-])",
        _r_rel_unit,
    ),
    _Rule("the_weekend", rf"{_BW}the\s+weekend{_E}", _r_weekend),
    _Rule(
        "quarter_rel",
        rf"{_BW}(?P<det>the|this|last|next)\s+(?:(?P<qyr>{YEAR4})\s+)?"
        r"(?P<adj>(?:(?:latest|current|previous|prior|past|same|comparable|corresponding|fiscal"
        r"|recent|year-earlier|year-ago|year\s+earlier|most\s+recent|just-ended|just\s+ended"
        r"|September|June|March|December)\s+)*)(?P<noun>quarter|period)(?![\w-])"
        r"(?:\s+(?P<lastyr>last\s+year|a\s+year\s+(?:ago|earlier)|of\s+last\s+year))?",
        _r_quarter_rel,
    ),
    _Rule(
        "year_earlier_adj",
        rf"{_BW}(?P<det>)(?P<adj>year-earlier|year-ago)(?P<noun>)(?![\w-])",
        _r_quarter_rel,
    ),
    _Rule(
        "the_year",
        rf"{_BW}the\s+(?:(?:fiscal|full|calendar|current|whole|entire)\s+)?year(?![\w'’-])"
        r"(?!\s+(?:two\s+thousand|\d))",
        _r_the_year,
    ),
    _Rule(
        "year_end",
        r"\b(?:year['’]s\s+end|year[-\s]end)(?![\w-])",
        lambda doc, m: (
            ("DATE", f"{doc.dct.year:04d}", "end of the DCT's year", {"mod": "END"})
            if doc.word_before(m.start())
            in ("by", "at", "around", "since", "until", "before", "after", "the")
            else None
        ),
    ),
    _Rule(
        "season",
        rf"{_BW}(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last"
        r"|next|the\s+past|the\s+coming|the|past|coming|early|late)\s+)?"
        rf"(?:(?:early|late|mid)[\s-]+)?(?P<s>{SEASON})"
        rf"(?:\s+(?:of\s+)?(?:(?P<yr>{YEAR4})|(?P<syr>{_SPELLED_YEAR})))?",
        _r_season,
    ),
    _Rule(
        "holiday",
        rf"{_BW}(?:(?P<rel>last|next|this)\s+)?(?P<h>Christmas(?:\s+(?:Day|Eve))?"
        r"|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?"
        r"|Halloween|Valentine['’]s\s+Day|Labor\s+Day|Memorial\s+Day|Veterans['’]?\s+Day"
        r"|Spring\s+Festival|(?:Chinese|Lunar)\s+New\s+Year(?!['’]s\s+Eve)|Good\s+Friday"
        r"|(?:Maundy|Holy)\s+Thursday|Palm\s+Sunday|Ash\s+Wednesday|Boxing\s+Day|Black\s+Friday"
        r"|Cyber\s+Monday)"
        rf"(?:,?\s+(?P<yr>{YEAR4}))?(?![\w'’-])",
        _r_holiday,
    ),
    _Rule(
        "month",
        rf"{_BW}(?P<mod>(?:the\s+(?:end|beginning|start|middle)\s+of|early|late|mid)[\s-]+)?"
        rf"(?P<rel>(?:this\s+past|this\s+coming|last|next|this|past|coming)\s+)?"
        rf"(?:(?:early|late|mid)[\s-]+)?(?P<mon>{MONTH_STRICT})",
        _r_month,
    ),
    _Rule(
        "decade",
        r"(?<![\w$£€-])(?:the\s+)?(?P<mod>(?:early|mid|late)[\s-]+)?"
        r"(?:(?P<d>(?:1[0-9]|20)[0-9]0|['’]?[0-9]0)['’]?s(?![\w])"
        r"|(?P<cw>nineteen[\s-]|twenty[\s-])?(?P<dw>twenties|thirties|forties|fifties|sixties"
        r"|seventies|eighties|nineties)(?![\w]))",
        _r_decade,
    ),
    _Rule(
        "century",
        r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<c>\d{1,2}(?:st|nd|rd|th)"
        r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
        r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
        r"|twentieth|twenty[\s-]first)[\s-]+century(?![\w])",
        _r_century,
    ),
    _Rule(
        "rel_century",
        r"\b(?P<rel>this|last|next|the\s+last|the\s+past|the\s+next)\s+century(?![\w])",
        _r_rel_century,
    ),
    _Rule(
        "spelled_year",
        rf"(?:the\s+year\s+)?(?P<sy>{_SPELLED_YEAR})",
        lambda doc, m: (
            _r_spelled_year(doc, m)
            if m.group(0).lower().startswith("the")
            or re.match(
                r"nineteen[\s-](?:hundred|twenty|thirty|forty|fifty|sixty|seventy|eighty"
                r"|ninety|oh)",
                m["sy"],
                re.I,
            )
            or doc.word_before(m.start()) in ("in", "of", "since", "until", "by", "year")
            else None
        ),
    ),
    _Rule(
        "year_range",
        rf"{_B}(?P<y1>{YEAR4})[-–](?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w/–-])(?!\.\d)(?!,\d)",
        _r_year_range,
    ),
    _Rule(
        "year",
        rf"{_B}(?P<mod>(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
        rf"|the\s+middle\s+of)[\s-]+)?(?P<yr>{YEAR4}|(?<=\bin\s)['’]\d\d(?![\w'’]))(?!s\b)(?!(?<=0)['’]s\b)",
        _r_year,
    ),
    _Rule(
        "vague_duration",
        r"\b(?P<pre>(?:recent|the\s+past\s+few|the\s+next\s+few|the\s+last\s+few"
        r"|the\s+coming\s+few|the\s+coming|coming|the\s+past|the\s+last|the\s+next|several|many"
        r"|a\s+few|few|the\s+first|the\s+early|the\s+ensuing|the\s+intervening|subsequent"
        r"|some|the\s+following)\s+)?"
        r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries|quarters)(?![\w'’-])",
        _r_vague_dur,
    ),
    _Rule(
        "ref",
        r"\b(?:right\s+now|just\s+now|now|currently|nowadays|these\s+days|presently|at\s+present"
        r"|the\s+present(?!\s+(?:case|study|system|government|administration|situation|paper"
        r"|report|invention|form|value))"
        r"|current(?=\s+[a-z])|the\s+near\s+future|the\s+near\s+term|the\s+short\s+term"
        r"|the\s+long\s+term|the\s+longer\s+term|the\s+medium\s+term|the\s+future"
        r"|(?<!as\s)soon(?!\s+(?:after|as|before))|someday|recently|lately"
        r"|the\s+past(?!\s+\w+\s+(?:years|months|weeks|days))|recent(?=\s+(?:days|weeks|months"
        r"|years|times|history|past))|once(?=\s+(?:high|a\s|an\s))(?!\s+an?\s+(?:day|week|month|year|decade|hour|minute"
        r"|fortnight|night|quarter|season|century|lifetime|while)\b)"
        r"|the\s+years\s+ahead|the\s+months\s+ahead|the\s+weeks\s+ahead|the\s+days\s+ahead"
        r"|yesteryear"
        # "at the time," (then), not "at the time of ..." or "at the time he left" (when)
        r"|(?<=\bat\s)the\s+time(?=\s*[,.;:)])"
        # "as soon as possible", "at a later date": an unspecified future time
        r"|(?<=\bas\s)soon\s+as\s+possible|(?<=\bat\s)(?:a|some)\s+(?:later|future)\s+date"
        r")(?![\w'’-])",
        _r_ref,
    ),
]


class _Fake:
    """A match-like mapping with overridden groups (for rule handlers reused by another rule)."""

    def __init__(self, m: re.Match, **over: str | None) -> None:
        self._m = m
        self._over = over

    def __getitem__(self, k: str):
        if k in self._over:
            return self._over[k]
        return self._m[k]

    def span(self, *a):
        return self._m.span(*a)

    def group(self, *a):
        return self._m.group(*a)

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)

    def groupdict(self):
        d = self._m.groupdict()
        d.update(self._over)
        return d


def _r_date_full(doc: _Doc, m: re.Match):
    mon_word = m["mon"]
    low = mon_word.lower().rstrip(".")
    if (
        low in ("may", "march")
        and not m["yr"]
        and not m.groupdict().get("yr2")
        and not mon_word[0].isupper()
    ):
        return None  # "may 5" is rare as a verb; require capitalisation
    if not m["yr"] and (m.groupdict().get("yr2")):
        return _r_mdy(doc, _Fake(m, yr=m["yr2"]))
    return _r_mdy(doc, m)


for _r in RULES:
    if _r.fn is None:
        _r.fn = _r_date_full

_RULE_BY_NAME = {r.name: r for r in RULES}
_RULE_INDEX = {r.name: i for i, r in enumerate(RULES)}
_NAMED_GROUP_RE = re.compile(r"\(\?P<(\w+)>")
_BACKREF_RE = re.compile(r"\(\?P=(\w+)\)")


def _master_pattern(rules: list[_Rule]) -> re.Pattern:
    alts = []
    for r in rules:
        pat = r.pattern
        # backreferences need their group; inline them as a character class
        pat = _BACKREF_RE.sub(r"[-./]", pat)
        pat = _NAMED_GROUP_RE.sub("(?:", pat)
        alts.append(f"(?P<{r.name}>{pat})")
    return re.compile("|".join(alts), re.I)


# ---------------------------------------------------------------- first-character dispatch
# A match starts where a word or number starts, so a rule can only fire there if its pattern
# can begin with that character (`regex_first.first_chars`, read off the parse tree). Each
# starting character gets a master pattern of only the rules that can begin with it: at a given
# offset the same rules are tried in the same order, only the ones that cannot match are left
# out. The masters are compiled on first use (one per distinct rule list), not at import.


def _rules_by_first_char() -> dict[str, tuple[_Rule, ...]]:
    try:
        firsts = [first_chars(r.pattern) for r in RULES]
    except UnsupportedParser:  # pragma: no cover
        # every rule at every character: slower, the same output
        return dict.fromkeys("abcdefghijklmnopqrstuvwxyz0123456789", tuple(RULES))
    keys = {ch for f in firsts if f is not None for ch in f if ch.isalnum()}
    return {
        ch: tuple(r for r, f in zip(RULES, firsts, strict=True) if f is None or ch in f)
        for ch in sorted(keys)
    }


_RULES_BY_FIRST = _rules_by_first_char()
_RULE_POS_BY_FIRST = {
    ch: {r.name: i for i, r in enumerate(rules)} for ch, rules in _RULES_BY_FIRST.items()
}


_MASTER_BY_FIRST: dict[str, re.Pattern] = {}  # filled by _master_for
_MASTER_BY_RULES: dict[tuple[str, ...], re.Pattern] = {}


def _master_for(first: str) -> re.Pattern:
    """The master pattern for words starting with ``first`` (compiled once, shared by the
    characters that have the same rules)."""
    master = _MASTER_BY_FIRST.get(first)
    if master is None:
        rules = _RULES_BY_FIRST[first]
        key = tuple(r.name for r in rules)
        master = _MASTER_BY_RULES.get(key)
        if master is None:
            master = _MASTER_BY_RULES[key] = _master_pattern(list(rules))
        _MASTER_BY_FIRST[first] = master
    return master


# Words that can begin an expression: the master pattern is only tried where one starts.
_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")
_NEXT_WORD_RE = re.compile(r"[\s'’-]+([A-Za-z]+|\d)")
_DETERMINERS = frozenset({"the", "a", "an", "each", "at", "some", "this", "last", "next", "that"})
_TRIGGERS = _words(
    "the a an this last next past coming previous current following same latest early",
    "late earlier later mid each every per some at sometime preceding prior final initial",
    "remaining ensuing subsequent further additional other intervening succeeding recent",
    "right these presently future soon someday recently lately once yesteryear now",
    "currently nowadays january february march april may june july august september",
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec monday",
    "tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs",
    "fri sat sun mondays tuesdays wednesdays thursdays fridays saturdays sundays spring",
    "summer fall autumn winter morning afternoon evening night tonight overnight today",
    "yesterday tomorrow fiscal first second third fourth final half latter year one two",
    "three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty",
    "ninety dozen few several many couple numerous dozens hundreds thousands handful",
    "years months weeks days decades hours minutes centuries twenties thirties forties",
    "fifties sixties seventies eighties nineties daily weekly monthly yearly annually",
    "hourly nightly quarterly biweekly bi semiannually semi biannually noon midnight",
    "midday month week day hour decade century that christmas new thanksgiving easter",
    "halloween valentine labor memorial veterans chinese lunar good maundy holy palm ash",
    "boxing black cyber",
    "q h fy",
)
_AFTER_DET = (
    _TRIGGERS
    | _words(
        "week weekend month quarter period decade century end beginning start middle rest",
        "remainder present near short long medium years months weeks days hours minutes full",
        "calendar whole entire comparable corresponding least present moment year time day",
        "hundred thousand couple hour minute night fortnight of fifth sixth seventh eighth",
        "ninth tenth eleventh twelfth",
    )
) - {"the", "a", "an"}

# left modifiers attached to an expression's extent (TIMEX3 includes them; prepositions excluded)
_MODAL_BEFORE_RE = re.compile(
    r"\b(?:will|would|could|can|may|might|should|shall|must|to|'ll)\s+(?:\w+ly\s+)?$", re.I
)
_VERB_LAST_RE = re.compile(
    r"\b(?:will|would|could|can|may|might|should|shall|must|to|'ll|not|did|does|do|usually"
    r"|normally|typically|often|only|could|generally)\s+$",
    re.I,
)
_OR_SO_RE = re.compile(r"\s+or\s+so(?![\w'’-])", re.I)

# TIDES 2005 (3.2, non-markable proper names) and TimeML 1.2.1: a temporal word inside the
# name of a publication, programme, event, street or company is no time expression ("the
# Winter Olympics", "the Tonight Show", "the Daily News", "Monday Night Football", "the
# Six-Day War", "Spring Street", "Tuesday Morning Corp."). Only a capitalised last word
# followed by a capitalised head of such names counts.
_NAME_HEAD_RE = re.compile(
    r"\s+(?:Olympics?|Games|Show|News|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\."
    r"|Lane|Drive|Football|Live|Journal|Telegraph|Post|Herald|Mail|Star|Standard|Tribune"
    r"|Express|Edition|Magazine|War|Palace|Park|Square|Bridge|Awards?|Prize|Corp\.?"
    r"|Corporation|Inc\.?|Co\.|Ltd\.?|Offensive|Massacre|Plan|Program|Programme)(?![\w-])"
)
# "the Good Friday agreement" (a name; the holiday alone is a date)
_GOOD_FRIDAY_RE = re.compile(r"\s+(?:agreement|accord|peace|deal|pact)\b", re.I)
# "Man of the Year", "Player of the Week": a title, not a period
_TITLE_OF_RE = re.compile(r"[A-Z][a-z]+\s+of\s+$")
# "1600 Pennsylvania Avenue": a house number before a street name
_STREET_RE = re.compile(
    r"\s+(?:[A-Z][\w.]*\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane"
    r"|Drive|Place|Way)(?![\w-])"
)


def _in_proper_name(text: str, start: int, end: int, value: str) -> bool:
    last = text[start:end].rsplit(None, 1)[-1]
    if not last[:1].isupper():
        if last.isdigit() and len(last) == 4 and end - start == 4:
            return _STREET_RE.match(text, end) is not None
        return False
    if _NAME_HEAD_RE.match(text, end):
        return True
    if last == "Friday" and text[max(0, start - 5) : start] == "Good ":
        return _GOOD_FRIDAY_RE.match(text, end) is not None
    if last in ("Year", "Week", "Month", "Decade", "Century") and text[start:end] == "the " + last:
        return _TITLE_OF_RE.search(text, max(0, start - 30), start) is not None
    if last in ("Daily", "Weekly", "Monthly") and re.match(r"\s+[A-Z]", text[end : end + 3]):
        return True  # "the Daily Telegraph", "the New York Daily News"
    if last == "Tonight" and start > 2 and text[start - 2] not in '.!?\n"':
        # "World News Tonight": a capitalised 'Tonight' after a capitalised word
        prev = text[max(0, start - 25) : start].split()
        return bool(prev) and prev[-1][:1].isupper()
    return False


_AGO_END_RE = re.compile(r"\b(?:ago|earlier|later|back)$", re.I)
_LEFT_MOD_RE = re.compile(
    r"(?:\b(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|approximately"
    r"|roughly|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just\s+over"
    r"|just\s+under|well\s+over|over|some|only|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|early|late|mid|earlier|later|the\s+early|the\s+late|the\s+mid)"
    r"(?:\s+|-))$",
    re.I,
)
_MOD_NAMES = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "well over": "MORE_THAN",
    "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "just under": "LESS_THAN",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
}


_AND_RE = re.compile(r",?\s+and\s+|,\s+", re.I)
_DURATION_PART_RE = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?"
)


def _join_durations(a: str, b: str) -> str | None:
    """ "PT3H" + "PT12M" -> "PT3H12M": the parts of a compound duration, each unit once and
    the first larger than the second; None if they do not combine."""
    ma, mb = _DURATION_PART_RE.fullmatch(a), _DURATION_PART_RE.fullmatch(b)
    if not ma or not mb or a in ("P", "PT") or b in ("P", "PT"):
        return None
    pa = [i for i, g in enumerate(ma.groups()) if g]
    pb = [i for i, g in enumerate(mb.groups()) if g]
    if len(pa) != 1 or len(pb) != 1 or pa[0] >= pb[0] or 2 in (pa[0], pb[0]):
        return None  # one unit each, larger first, and no weeks (not mixed with days in ISO)
    parts = [ma.group(i + 1) or mb.group(i + 1) for i in range(7)]
    date = "".join(f"{v}{u}" for v, u in zip(parts[:4], "YMWD", strict=True) if v)
    time = "".join(f"{v}{u}" for v, u in zip(parts[4:], "HMS", strict=True) if v)
    return "P" + date + ("T" + time if time else "")


_TRAILING_RE = re.compile(r"(?:['’]s?|\s+)$")
_LEADING_OVER_RE = re.compile(r"over\s+(?=the\s)", re.I)


class Tagger:
    """The temporal tagger (stateless; one instance can tag many documents)."""

    def tag(self, text: str, dct: dt.date) -> list[Timex]:
        if isinstance(dct, dt.datetime):
            dct = dct.date()
        doc = _Doc(text, dct)
        out = doc.found
        pos = 0
        triggers = _TRIGGERS
        for tm in _TOKEN_RE.finditer(text):
            at = tm.start()
            if at < pos:
                continue
            w = tm.group()
            if not w[0].isdigit():
                lw = w.lower()
                if lw not in triggers:
                    continue
                if lw in _DETERMINERS:
                    nx = _NEXT_WORD_RE.match(text, tm.end())
                    if nx is None or not (
                        nx.group(1)[0].isdigit() or nx.group(1).lower() in _AFTER_DET
                    ):
                        continue
            first = w[0].lower()
            rules = _RULES_BY_FIRST.get(first)
            if rules is None:
                continue  # no rule can begin with this character
            mm = (_MASTER_BY_FIRST.get(first) or _master_for(first)).match(text, at)
            if mm is None:
                continue
            res = None
            for rule in rules[_RULE_POS_BY_FIRST[first][mm.lastgroup] :]:
                m = rule.regex.match(text, at)
                if m is None or m.end() == at:
                    continue
                doc.start, doc.end = m.span()
                try:
                    res = rule.fn(doc, m)
                except (KeyError, ValueError, OverflowError, IndexError, TypeError):
                    res = None
                if res is not None and res[1] is not None:
                    break
                res = None
            if res is None:
                continue
            pos = m.end()
            name = rule.name
            typ, value, reason = res[0], res[1], res[2]
            extras = res[3] if len(res) > 3 else {}
            start, end = m.span()
            start = extras.get("start", start)
            end = extras.get("end", end)
            # trim possessive and trailing punctuation from the extent
            span_text = text[start:end]
            # ("the 1990's": the apostrophe is part of the plural)
            trimmed = span_text.rstrip() if name == "decade" else _TRAILING_RE.sub("", span_text)
            end = start + len(trimmed)
            # "the next year or so": the approximation belongs to the expression
            orso = _OR_SO_RE.match(text, end)
            if orso and typ in ("DATE", "DURATION") and "end" not in extras:
                end = orso.end()
                extras = {**extras, "mod": extras.get("mod") or "APPROX"}
            # strip a leading "the" unless the gold conventions keep it
            lead = _LEADING_OVER_RE.match(text, start, end)
            if lead:
                start = lead.end()
            # attach left modifiers such as "more than", "early", "the end of"
            mod = extras.get("mod")
            lm = _LEFT_MOD_RE.search(text, max(0, start - 25), start)
            if lm and not (out and out[-1].end > lm.start()):
                word = re.sub(r"\s+", " ", lm.group(0).strip(" -").lower())
                if word in _MOD_NAMES or word == "only":
                    ok = (typ == "DURATION" and not text.startswith(("the", "The"), start)) or (
                        typ in ("DATE", "TIME")
                        and word not in ("some", "only")
                        and (
                            re.match(r"\d|[A-Z][a-z]{2}", text[start:end]) is not None
                            or _AGO_END_RE.search(text, start, end) is not None
                        )
                        and not value.endswith("_REF")
                    )
                    ok = ok and word != "only"
                else:
                    ok = typ in ("DATE", "TIME") and not value.endswith("_REF")
                if ok:
                    start = lm.start()
                    mod = _MOD_NAMES.get(word, _mod_of(word) or mod)
            if out and out[-1].end > start:
                continue
            if _in_proper_name(text, start, end, value):
                continue
            set_quarter = bool(extras.get("quarter")) or (
                name == "quarter_rel" and not extras.get("shift") and value[-2:-1] == "Q"
            )
            anchor = extras.get("anchor", f"DCT {dct.isoformat()}")
            parts = extras.get("parts", ())
            if typ == "DURATION" and out and out[-1].type == "DURATION":
                joined = _join_durations(out[-1].value, value)
                if joined and _AND_RE.fullmatch(text, out[-1].end, start):
                    # "3 hours and 12 minutes": one duration (TIMEX3 PT3H12M)
                    prev = out.pop()
                    reason = f"{prev.value} and {value} make one duration"
                    start, value, mod = prev.start, joined, prev.mod or mod
            out.append(
                Timex(
                    start=start,
                    end=end,
                    text=text[start:end],
                    type=typ,
                    value=value,
                    rule=name,
                    anchor=anchor,
                    reason=f"{text[start:end]!r}: {reason}",
                    range_end=extras.get("range_end"),
                    mod=mod,
                    parts=parts,
                )
            )
            if set_quarter:
                doc.last_quarter = out[-1]
                if (
                    value[:4].isdigit()
                    and (int(value[:4]), value[5:])
                    < (
                        dct.year,
                        f"Q{(dct.month - 1) // 3 + 1}",
                    )
                    and (
                        doc.last_reported_quarter is None
                        or value >= doc.last_reported_quarter.value
                    )
                ):
                    doc.last_reported_quarter = out[-1]
        return list(out)


_TAGGER = Tagger()


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Find and normalise the temporal expressions of ``text`` relative to ``dct``."""
    return _TAGGER.tag(text, dct)


def timeml_spans(timexes: list[Timex]) -> list[Timex]:
    """Expressions as TempEval-3 expects them: ranges split into their two endpoints."""
    out: list[Timex] = []
    for t in timexes:
        if t.parts:
            for s, e, v, txt in t.parts:
                out.append(replace(t, start=s, end=e, text=txt, value=v, range_end=None, parts=()))
        else:
            out.append(t)
    return out
