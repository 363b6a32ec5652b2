"""Date and time recognition for the forms news sites print: "5 December 2023",
"December 3, 2023", "Dec. 4, 2023", "2023-12-04", "04.12.2023" / "4-12-2023" (day first),
"12:24 PM EST", "10:31:00", "2023-12-04T10:31:00+03:00"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"

_DATE_PATTERNS = [
    # 2023-12-04, 2023/12/04, 2023.12.04
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)")),
    # 5 December 2023, 5th of Dec. 2023
    (
        "dmy",
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
            re.I,
        ),
    ),
    # December 3, 2023 / Dec 3 2023
    (
        "mdy",
        re.compile(
            rf"(?<![a-z])(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?!\d)",
            re.I,
        ),
    ),
    # 04.12.2023, 4-12-2023, 4/12/2023: day first, as in most of the world's press
    ("num", re.compile(r"(?<![\d.])(?P<a>\d{1,2})([-/.])(?P<b>\d{1,2})\2(?P<y>\d{4})(?!\d)")),
]

_TZ_NAMES = frozenset(
    [
        "UTC",
        "GMT",
        "Z",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "ET",
        "PT",
        "CT",
        "MT",
        "AKST",
        "AKDT",
        "HST",
        "BST",
        "IST",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "WET",
        "WEST",
        "MSK",
        "SAMT",
        "JST",
        "KST",
        "HKT",
        "SGT",
        "AEST",
        "AEDT",
        "ACST",
        "AWST",
        "NZST",
        "NZDT",
        "WIB",
        "PKT",
        "GST",
        "SAST",
        "WAT",
        "EAT",
        "CAT",
        "ICT",
        "PHT",
        "AST",
        "ADT",
        "TRT",
    ]
)
_TZ = (
    r"(?:(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|"
    + "|".join(sorted((t for t in _TZ_NAMES if t != "Z"), key=len, reverse=True))
    + r")(?![A-Za-z])"
)
_TIME_RE = re.compile(
    r"(?<![\d.:])(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?(?![\d])"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?"
    rf"(?:\s*\(?(?P<tz>{_TZ})\)?)?",
    re.I,
)
_ISO_DT_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?(?!\d)"
)

_LABEL_RE = re.compile(
    r"(?P<label>first\s+published|date\s+published|published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?"
    r"|last\s+updated|last\s+modified|updated(?:\s+(?:on|at))?|modified|dated|date)"
    r"(?![a-z])\s*[:\-–—]?\s*",
    re.I,
)
# Words allowed around a date on a line that is "just a date".
_FILLER_WORDS = {"on", "at", "am", "pm", "a", "p", "m", "hrs", "h", "local", "time", "the"}
_WEEKDAY_RE = re.compile(rf"^{_WEEKDAY}$", re.I)
_YEAR_RE = re.compile(r"\d{4}")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    value: date


@dataclass(frozen=True)
class TimeHit:
    start: int
    end: int
    value: time
    tz: str


@dataclass(frozen=True)
class DateLine:
    """A line that carries nothing but a publication (or update) date/time."""

    kind: str  # "published", "updated" or "plain"
    date_value: date
    time_value: time | None
    tz: str


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    # News dates outside this window are almost certainly something else (ids, prices).
    return value if 1900 <= value.year <= 2100 else None


def find_dates(text: str) -> list[DateHit]:
    """All full dates (with a year) in text, leftmost first, without overlaps."""
    hits: list[DateHit] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            if kind in ("dmy", "mdy"):
                value = _make_date(int(g["y"]), MONTHS[g["mon"][:3].lower()], int(g["d"]))
            elif kind == "ymd":
                value = _make_date(int(g["y"]), int(g["m"]), int(g["d"]))
            else:
                a, b = int(g["a"]), int(g["b"])
                # Day first unless that is impossible (month > 12) and the other order works.
                day, month = (b, a) if b > 12 >= a else (a, b)
                value = _make_date(int(g["y"]), month, day)
            if value is None:
                continue
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            hits.append(DateHit(m.start(), m.end(), value))
    return sorted(hits, key=lambda h: h.start)


def _tz_label(raw: str | None) -> str:
    if not raw:
        return ""
    raw = re.sub(r"\s+", "", raw)
    if raw.upper() == "Z":
        return "UTC"
    if raw[0] in "+-":
        return "UTC" + (raw if ":" in raw else raw[:3] + ":" + raw[3:])
    return raw.upper()


def find_time(text: str) -> TimeHit | None:
    """The first clock time in text (12- or 24-hour, optional seconds and zone)."""
    for m in _TIME_RE.finditer(text):
        h, mi = int(m["h"]), int(m["mi"])
        s = int(m["s"]) if m["s"] else 0
        ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if ampm.startswith("p") else 0)
        # A dotted "10.31" without am/pm or zone is too easily a number; require a colon.
        if "." in m.group(0)[: len(m["h"]) + 1] and not (ampm or m["tz"]):
            continue
        if h > 23 or mi > 59 or s > 59:
            continue
        return TimeHit(m.start(), m.end(), time(h, mi, s), _tz_label(m["tz"]))
    return None


def parse_iso_datetime(value: str) -> tuple[date, time | None, str] | None:
    """'2023-12-04' or '2023-12-04T10:31:00+03:00' -> (date, time, tz); None if not ISO."""
    value = value.strip()
    m = _ISO_DT_RE.fullmatch(value)
    if m:
        d = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
        if d is None or h > 23 or mi > 59 or s > 59:
            return None
        return d, time(h, mi, s), _tz_label(m["tz"])
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = _make_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, None, "") if d else None
    return None


def _date_and_time(segment: str) -> tuple[date, time | None, str, str] | None:
    """Date (+ optional time) in a segment, and what is left once they are removed."""
    iso = _ISO_DT_RE.search(segment)
    if iso:
        parsed = parse_iso_datetime(iso.group(0))
        if parsed:
            d, t, tz = parsed
            return d, t, tz, segment[: iso.start()] + " " + segment[iso.end() :]
    dates = find_dates(segment)
    if not dates:
        return None
    hit = dates[0]
    rest = segment[: hit.start] + " " + segment[hit.end :]
    t = find_time(rest)
    if t:
        rest = rest[: t.start] + " " + rest[t.end :]
        return hit.value, t.value, t.tz, rest
    return hit.value, None, "", rest


def _only_filler(rest: str) -> bool:
    for word in re.findall(r"[^\W\d_]+", rest):
        if word.lower() not in _FILLER_WORDS and not _WEEKDAY_RE.match(word):
            return False
    # Leftover digits mean another number we did not understand (e.g. a phone number).
    return not re.search(r"\d", rest)


def parse_date_line(line: str) -> list[DateLine]:
    """If the line is nothing but labelled or bare dates/times, return them (else []).

    "Posted: 04.12.2023 10:31:00", "12:24 PM EST, December 3, 2023",
    "Published 4 Dec 2023 | Updated 5 Dec 2023", "Monday, March 1, 2023".
    """
    line = line.strip()
    # Every date form above needs a four-digit year: most lines are rejected here cheaply.
    if not line or len(line) > 120 or not _YEAR_RE.search(line):
        return []
    labels = list(_LABEL_RE.finditer(line))
    # Labels must sit at the start or after a separator, not inside prose.
    labels = [
        m for m in labels if m.start() == 0 or re.search(r"[|•·,;/()\-–—]\s*$", line[: m.start()])
    ]
    segments: list[tuple[str, str]] = []
    if labels:
        if labels[0].start() != 0 and line[: labels[0].start()].strip(" |•·,;/()-–—"):
            segments.append(("plain", line[: labels[0].start()]))
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(line)
            label = m["label"].lower()
            kind = (
                "updated"
                if any(w in label for w in ("updat", "modif"))
                else ("plain" if label.startswith("date") else "published")
            )
            segments.append((kind, line[m.end() : end]))
    else:
        segments.append(("plain", line))
    found: list[DateLine] = []
    for kind, segment in segments:
        parsed = _date_and_time(segment)
        if parsed is None:
            return []
        d, t, tz, rest = parsed
        if not _only_filler(rest):
            return []
        found.append(DateLine(kind, d, t, tz))
    return found


def parse_loose_datetime(value: str) -> tuple[date, time | None, str] | None:
    """A sidecar/metadata date string in ISO or any printed form above."""
    iso = parse_iso_datetime(value)
    if iso:
        return iso
    lines = parse_date_line(value)
    if lines:
        return lines[0].date_value, lines[0].time_value, lines[0].tz
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    tz = dt.strftime("%z")
    return (
        dt.date(),
        (dt.time() if "T" in value or " " in value.strip() else None),
        (_tz_label(tz) if tz else ""),
    )


_PARTIAL_RE = re.compile(
    rf"(?:(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<mon2>{_MONTH}))",
    re.I,
)


def parse_dateline_date(text: str) -> date | bool | None:
    """The date part of a dateline: a full date, or True for a year-less 'Dec 4' (which
    identifies a dateline but is not used as the publication date), else None."""
    text = text.strip(" ,")
    stripped = re.sub(rf"^{_WEEKDAY},?\s+", "", text, flags=re.I)
    hits = find_dates(stripped)
    if hits and hits[0].start == 0 and hits[0].end == len(stripped):
        return hits[0].value
    if _PARTIAL_RE.fullmatch(stripped):
        return True
    return None
