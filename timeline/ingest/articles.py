"""Parse the text of a news article copied from a web page into a clean record.

The text is read line by line the way a person skims a page: navigation, section labels,
"Also Read" links, captions, bylines, date lines, author bios and lists of other headlines
are recognised by their shape (not by the wording of particular articles), the metadata
they carry is kept, and what remains is the article body, each sentence once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import accumulate

from timeline.ingest.dates import (
    find_dates,
    parse_date_line,
    parse_dateline_date,
    parse_loose_datetime,
)
from timeline.ingest.errors import IngestError

TITLE_MAX = 90


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    title_derived: bool  # True when the text had no headline and the title came from the body
    body: str  # paragraphs separated by "\n\n", no boilerplate
    published_date: date | None
    published_time: time | None
    timezone: str  # e.g. "EST" where the text says it, else ""
    author: str
    publisher: str
    dateline_place: str  # e.g. "Beijing"
    language: str  # e.g. "en"; "" when unknown
    url: str
    notes: tuple[str, ...]  # what the parser decided and why


# ---------------------------------------------------------------------------- line shapes

_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”»]$")
_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CLOSING = "\"'”’»)]"

# Headings that introduce a list of links to other stories; the short lines after them
# are headlines of other articles, not part of this one.
_LIST_HEADINGS = {
    "explore",
    "explore more",
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "popular",
    "popular now",
    "trending",
    "trending now",
    "trending news",
    "trending stories",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related content",
    "related topics",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended articles",
    "more stories",
    "more news",
    "more articles",
    "more on this story",
    "more on this topic",
    "latest",
    "latest news",
    "latest stories",
    "latest articles",
    "top stories",
    "top news",
    "read next",
    "up next",
    "what to read next",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "also read",
    "read more",
    "read also",
    "see also",
    "further reading",
    "editor's picks",
    "editors' picks",
    "editor’s picks",
    "don't miss",
    "don’t miss",
    "must read",
    "in other news",
    "around the web",
    "from the web",
    "sponsored",
    "sponsored content",
    "promoted stories",
    "tags",
    "topics",
    "keywords",
    "categories",
}
# Page furniture that stands alone on a line.
_JUNK_LINES = {
    "follow us",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "tweet",
    "email",
    "print",
    "copy link",
    "advertisement",
    "advert",
    "ad",
    "ads",
    "subscribe",
    "subscribe now",
    "sign up",
    "log in",
    "login",
    "sign in",
    "register",
    "menu",
    "search",
    "home",
    "skip to content",
    "skip to main content",
    "back to top",
    "comments",
    "leave a comment",
    "post a comment",
    "listen to this article",
    "listen",
    "watch",
    "video",
    "photo",
    "gallery",
    "about the author",
    "about the writer",
    "loading",
    "loading...",
    "close",
    "next",
    "previous",
    "print this page",
    "whatsapp",
    "facebook",
    "twitter",
    "telegram",
    "linkedin",
}
_ABOUT_AUTHOR = {"about the author", "about the writer"}

_LINK_PREFIX_RE = re.compile(
    r"^(?:also\s+read|read\s+also|read\s+more|more\s+to\s+read|see\s+also|related(?:\s+\w+)?"
    r"|recommended|must\s+read|don['’]?t\s+miss|suggested(?:\s+reading)?|further\s+reading"
    r"|read|watch|listen|more|also\s+see|click\s+here)\s*[:|»>›\-–—]+\s*\S",
    re.I,
)
_READ_TIME_RE = re.compile(
    r"^(?:\d+\s*(?:-\s*\d+\s*)?(?:min|mins|minute|minutes)\.?\s*(?:read|listen)"
    r"|reading\s+time\s*:?.{0,20}|\d+\s*(?:min|minute)s?)$",
    re.I,
)
_SOCIAL_RE = re.compile(
    r"^(?:follow|like|join|subscribe|sign\s+up|share|connect\s+with|download)\b.{0,80}"
    r"\b(?:us|our|this|twitter|x|facebook|telegram|whatsapp|instagram|youtube|linkedin"
    r"|newsletter|channel|app|google\s+news|updates)\b.{0,40}$",
    re.I,
)
_CAPTION_RES = [
    # "... continue in all avenues. / AFP", "... / Getty Images"
    re.compile(r"\s/\s*[A-Z][\w.&'’ -]{1,40}$"),
    re.compile(
        r"^(?:photo|image|picture|pictured|file\s+photo|photograph|illustration|credit"
        r"|image\s+credit|photo\s+credit|caption)\b\s*(?::|by\b|credit\b|/|-|–|—)",
        re.I,
    ),
    re.compile(r"\((?:photo|image|picture|file|credit|illustration)\b[^)]{0,80}\)\s*$", re.I),
    re.compile(r"\b(?:photo|image|credit|pictures?)\s*:\s*[^.]{1,60}$", re.I),
    re.compile(r"\b(?:getty\s+images|shutterstock|via\s+getty|afp\s+photo|ap\s+photo)\s*$", re.I),
]
_SOURCE_RE = re.compile(r"^sources?\s*:\s*(?P<value>.{2,80})$", re.I)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[,.]?\s*(?P<value>.*?)"
    r"\s*[,.]?\s*(?:all\s+rights\s+reserved\.?)?$",
    re.I,
)
_BREADCRUMB_SEP_RE = re.compile(r"\s*(?:›|»|>|\||/|→)\s*")
_BYLINE_RE = re.compile(
    r"^(?:(?:By|BY|Written\s+by|Words\s+by|Story\s+by|Reported\s+by|Reporting\s+by)\s+"
    r"|(?:Authors?|Writer|Text)\s*:\s*)(?P<rest>.+)$"
)
_NAME_PARTICLES = {
    "and",
    "&",
    "de",
    "van",
    "von",
    "der",
    "den",
    "al",
    "el",
    "bin",
    "ibn",
    "da",
    "del",
    "della",
    "la",
    "le",
    "du",
    "di",
    "dos",
    "y",
}
_ROLE_WORDS = {
    "correspondent",
    "reporter",
    "editor",
    "staff",
    "writer",
    "contributor",
    "bureau",
    "desk",
    "analyst",
    "columnist",
    "journalist",
    "special",
    "senior",
    "chief",
    "news",
    "agency",
    "in",
    "for",
    "at",
}
_CALENDAR_WORDS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
}
_BIO_VERB_RE = re.compile(
    r"\s+(?:is|was|has\s+been|has|writes|covers|reports|serves|works|holds|teaches|studies"
    r"|joined|specialises|specializes)\b"
)
_AGENCY_SUFFIX_RE = re.compile(r"\s*(?:,|and|&|with|\+)\s*(?:news\s+)?agencies\.?$", re.I)
_SELF_REPORT_RE = re.compile(
    r"[,;]\s+(?P<pub>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+"
    r"(?:reports|has\s+learned|has\s+learnt|learned|learnt|informs)\s*(?:[.!]\s|[.!]?\s*$)"
)
_PLACE_TITLE = r"[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){0,3}"
_PLACE_CAPS = r"[A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+){0,3}"
_DASH = r"(?:[:\-–—]+|\s-{1,2}|\s[–—])"
_DATELINE_RES = [
    # "Beijing, 5 December 2023 (TDI): ...", "WASHINGTON, Dec 4 (Reuters) - ..."
    re.compile(
        rf"^(?P<place>{_PLACE_TITLE}|{_PLACE_CAPS}),\s*(?P<date>[^():\n]{{3,40}}?)\s*"
        rf"(?:\((?P<paren>[^()]{{2,40}})\)\s*{_DASH}?|{_DASH})\s*(?=\S)"
    ),
    # "4-12-2023 (BEIJING) ..."
    re.compile(
        r"^(?P<date>[\d./-]{8,10}|[^()\n]{6,30}?\d{4})\s*\((?P<paren>[^()]{2,40})\)\s*[:\-–—]*\s+"
    ),
    # "BEIJING (Reuters) - ...", "NEW DELHI: ...", "MINSK -- ..."
    re.compile(
        rf"^(?P<place>{_PLACE_CAPS})\s*(?:\((?P<paren>[^()]{{2,40}})\))?\s*{_DASH}\s*(?=\S)"
    ),
    # "Beijing (TDI): ..."
    re.compile(rf"^(?P<place>{_PLACE_TITLE})\s*\((?P<paren>[^()]{{2,40}})\)\s*{_DASH}\s*(?=\S)"),
]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS = _wordset(
    "a an the and or but of in on at to for from by with as is are was were be been has have "
    "had its it this that these those than then so such into over after before about again "
    "also not no new says said say will would could should can may"
)
# Words a derived title should not end on.
_DANGLING = _wordset(
    "a an the and or but of in on at to for from by with as into over after before about "
    "than that which who whose while during amid between"
)
_EN_WORDS = _wordset("the and of to in is that for on with was as by at from")
_RU_WORDS = _wordset("и в не на что с по как это из за от для")


_NORM_TABLE = str.maketrans("’‘`´“”«»–—", "''''\"\"\"\"--")
_TRAILING_ELLIPSIS_RE = re.compile(r"\s*(?:\.\.\.|…)$")
_DIGIT_RE = re.compile(r"\d")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _norm(text: str) -> str:
    """Comparison form: case, quotes, dashes, spacing and a trailing ellipsis ignored."""
    # split/join collapses and strips exactly what `\s` matches (both use str.isspace).
    text = " ".join(text.lower().translate(_NORM_TABLE).split())
    if text.endswith(("...", "…")):  # cheap guard: the regex can only remove these
        text = _TRAILING_ELLIPSIS_RE.sub("", text)
    return text


def _key(text: str) -> str:
    return " ".join(_words(_norm(text)))


class _KeyCache(dict):
    """text -> _key(text) for one parse. Lines are compared with each other many times;
    this computes each line's key once. Per parse rather than global, so memory stays
    bounded and timings reflect distinct articles."""

    def __missing__(self, text: str) -> str:
        key = self[text] = _key(text)
        return key


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL_RE.search(text))


def _is_prose(text: str) -> bool:
    n = len(_words(text))
    return (n >= 6 and _ends_sentence(text) and not text.rstrip().endswith("?")) or n >= 30


def _is_headline_like(text: str, *, max_words: int = 30) -> bool:
    # Character tests first; the word count (a regex over the line) only when they pass.
    if not text or len(text) > 250:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘«"):
        return False
    stripped = text.rstrip(_CLOSING)
    if stripped.endswith("?") or stripped.endswith("!"):
        max_words = min(max_words, 20)
    elif _ends_sentence(text) or text.endswith((",", ";", ":")):
        return False
    return 2 <= len(_words(text)) <= max_words


def _is_caps_label(text: str) -> bool:
    if len(text) > 32:  # checked first: it rejects almost every line cheaply
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and len(_words(text)) <= 4
        and not _ends_sentence(text)
    )


def _fix_name_case(name: str) -> str:
    tokens = name.split()
    if len(tokens) < 2:
        return name  # a lone "AFP" or "TASS" is an acronym, not a shouted surname
    out = []
    for tok in tokens:
        parts = re.split(r"([-'’])", tok)
        out.append(
            "".join(
                p.capitalize() if p.isalpha() and p.isupper() and len(p) > 1 else p for p in parts
            )
        )
    return " ".join(out)


_NAME_TOKEN_RE = re.compile(r"[A-Z][\w'’.-]*")


def _is_name(text: str, *, max_tokens: int = 8) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= max_tokens or _DIGIT_RE.search(text):
        return False
    has_name = False
    for tok in tokens:
        bare = tok.strip(",")
        if bare.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.fullmatch(bare) or bare.lower() in _CALENDAR_WORDS:
            return False
        has_name = True
    return has_name


def _title_case_place(place: str) -> str:
    if not any(c.islower() for c in place):
        return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), place)
    return place


def _clean_publisher(value: str) -> str:
    value = value.strip(" .,;:-–—")
    value = _AGENCY_SUFFIX_RE.sub("", value).strip(" .,;:")
    # "TRTWorld" -> "TRT World": an acronym run glued to a capitalised word.
    return re.sub(r"([A-Z]{2,})([A-Z][a-z]{2,})", r"\1 \2", value)


def _detect_language(text: str) -> str:
    words = [w.lower() for w in _words(text[:20000])]
    if not words:
        return ""
    cyrillic = sum(1 for w in words if _CYRILLIC_RE.match(w))
    if cyrillic * 2 > len(words):
        if re.search(r"[ўЎ]", text):
            return "be"
        if re.search(r"[їЇєЄґҐ]", text):
            return "uk"
        return "ru" if sum(w in _RU_WORDS for w in words) * 20 >= len(words) else ""
    return "en" if sum(w in _EN_WORDS for w in words) * 12 >= len(words) else ""


# ------------------------------------------------------------------------------ the parse


@dataclass
class _Unit:
    text: str
    drop: str = ""  # why the line is not body text ("" = body)


@dataclass
class _State:
    units: list[_Unit]
    notes: list[str] = field(default_factory=list)
    dates: list[tuple[int, date, time | None, str, str]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publishers: list[tuple[int, str, str]] = field(default_factory=list)
    place: str = ""
    keys: _KeyCache = field(default_factory=_KeyCache)  # state.keys[text] == _key(text)

    def kept(self) -> list[_Unit]:
        return [u for u in self.units if not u.drop]


_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _split_units(text: str) -> tuple[list[_Unit], int]:
    """One unit per non-empty line; a line starting in lower case continues the line before
    (hard-wrapped text), unless a blank line separates them."""
    text = text.replace("\u00a0", " ").replace("\u2007", " ").replace("\u202f", " ")
    text = _INVISIBLE_RE.sub("", text)
    units: list[_Unit] = []
    joined = 0
    previous_blank = True
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        prev = units[-1].text if units else ""
        if (
            not previous_blank
            and prev
            and line[0].islower()
            and not _ends_sentence(prev)
            and not prev.endswith(":")
        ):
            units[-1].text = f"{prev} {line}"
            joined += 1
        else:
            units.append(_Unit(line))
        previous_blank = False
    return units, joined


_HOME_GLUED_RE = re.compile(r"^Home(?=[A-Z])")
_HOME_SEP_RE = re.compile(r"^Home\s*(?:›|»|>|\||/|→)", re.I)
_LETTER_RE = re.compile(r"[^\W\d_]")


def _is_breadcrumb(text: str) -> bool:
    # "HomeNewsDiplomatic News..." (links glued together) or "Home > News > World".
    if _HOME_GLUED_RE.match(text) or _HOME_SEP_RE.match(text):
        return True
    if len(_BREADCRUMB_SEP_RE.findall(text)) < 2:  # most lines have no separator at all
        return False
    parts = [p for p in _BREADCRUMB_SEP_RE.split(text) if p]
    return len(parts) >= 3 and all(
        _LETTER_RE.search(p) and len(_words(p)) <= 4 and not _ends_sentence(p) for p in parts[:-1]
    )


def _parse_byline(text: str) -> tuple[str, list] | None:
    """'By Sara SLEIMAN', 'By A and B | March 1, 2023', 'Author: X' -> (name, dates)."""
    m = _BYLINE_RE.match(text)
    if not m or len(_words(text)) > 16:
        return None
    rest = m["rest"].strip()
    if rest.endswith(("!", "?")) or re.search(r"\w{3,}\.$", rest):
        return None  # a sentence ("By Monday, the talks had ended."), not a byline
    dates = parse_date_line(rest)
    cut = len(rest)
    found = find_dates(rest)
    if found:
        cut = found[0].start
        tail = parse_date_line(rest[cut:])
        if not tail:
            return None
        dates = tail
    name_part = re.split(r"\s*(?:[|•·]|\s[-–—]\s)\s*", rest[:cut].strip(" ,|•·-–—"))[0]
    pieces = [p.strip() for p in name_part.split(",") if p.strip()]
    names = []
    for piece in pieces:
        lowered = {w.lower() for w in _words(piece)}
        if names and (lowered & _ROLE_WORDS or len(piece.split()) > 5):
            break  # ", Staff Writer" / ", Beijing correspondent": a role, not another name
        if not _is_name(piece):
            return None
        names.append(piece)
    if not names:
        return None
    return _fix_name_case(", ".join(names)), dates


def _classify_lines(state: _State) -> None:
    list_heading = ""
    listed = 0
    about_author = False

    def end_list() -> None:
        nonlocal list_heading, listed
        if list_heading and listed:
            state.notes.append(f"dropped {listed} headline(s) listed after '{list_heading}'")
        list_heading, listed = "", 0

    for unit in state.units:
        text = unit.text
        lowered = text.lower().rstrip(" :|»›>").strip()
        if about_author:
            about_author = False
            if not _is_headline_like(text):
                unit.drop = "author bio"
                continue
        if lowered in _LIST_HEADINGS or (
            lowered.startswith("more from ") and len(_words(text)) <= 6
        ):
            end_list()
            unit.drop = "list heading"
            list_heading = text.rstrip(" :")
            continue
        if list_heading:
            if _is_headline_like(text, max_words=25) or _LINK_PREFIX_RE.match(text):
                unit.drop = "other headline"
                listed += 1
                continue
            end_list()
        if lowered in _JUNK_LINES:
            unit.drop = "page furniture"
            about_author = lowered in _ABOUT_AUTHOR
            continue
        if _LINK_PREFIX_RE.match(text) and len(_words(text)) <= 30:
            unit.drop = "link to another story"
            continue
        if _READ_TIME_RE.match(text):
            unit.drop = "reading time"
            continue
        if _SOCIAL_RE.match(text) and len(_words(text)) <= 14:
            unit.drop = "social/subscribe prompt"
            continue
        date_lines = parse_date_line(text)
        if date_lines:
            unit.drop = "date line"
            for dl in date_lines:
                rank = {"published": 0, "plain": 1, "updated": 4}[dl.kind]
                state.dates.append((rank, dl.date_value, dl.time_value, dl.tz, text))
            continue
        if _is_breadcrumb(text):
            unit.drop = "breadcrumb"
            continue
        byline = _parse_byline(text)
        if byline:
            name, dates = byline
            unit.drop = "byline"
            state.authors.append(name)
            for dl in dates:
                state.dates.append((1, dl.date_value, dl.time_value, dl.tz, text))
            continue
        m = _SOURCE_RE.match(text)
        if m:
            unit.drop = "source line"
            state.publishers.append((1, _clean_publisher(m["value"]), f"'{text}'"))
            continue
        m = _COPYRIGHT_RE.match(text)
        if m and len(_words(text)) <= 14:
            unit.drop = "copyright line"
            if m["value"] and len(_words(m["value"])) <= 6:
                state.publishers.append((0, _clean_publisher(m["value"]), f"'{text}'"))
            continue
        if any(r.search(text) for r in _CAPTION_RES) and len(_words(text)) <= 60:
            unit.drop = "image caption/credit"
            continue
        if _is_caps_label(text):
            unit.drop = "section label"
            continue
    end_list()


def _find_title(state: _State) -> str:
    """The first headline-shaped line before the first paragraph of prose."""
    units = state.units
    # A breadcrumb usually ends with the headline itself: strong evidence for that line.
    crumbs = [u.text for u in units if u.drop == "breadcrumb"]
    candidates: list[_Unit] = []
    for unit in units:
        if unit.drop:
            continue
        if _is_prose(unit.text):
            break
        if _is_headline_like(unit.text) and len(_words(unit.text)) >= 3:
            candidates.append(unit)
    if not candidates:
        return ""
    for unit in candidates:
        if any(c.endswith(unit.text) and c != unit.text for c in crumbs):
            state.notes.append("title from headline line (repeated at the end of the breadcrumb)")
            return unit.text
    title = candidates[0].text
    keys = state.keys
    title_key = keys[title]
    repeats = sum(1 for u in units if keys[u.text] == title_key)
    state.notes.append(
        "title from first headline line" + (f" (appears {repeats} times)" if repeats > 1 else "")
    )
    return title


def _content_words(key: str) -> set[str]:
    # key.split() == _words(_norm(text)): a key is those words joined by single spaces.
    return {w for w in key.split() if w not in _STOPWORDS and len(w) > 2}


def _drop_title_echoes(state: _State, title: str) -> None:
    keys = state.keys
    key = keys[title]
    first = True
    title_words = _content_words(key)
    echoes = similar = 0
    for unit in state.units:
        if unit.drop:
            continue
        if keys[unit.text] == key:
            unit.drop = "headline"
            if not first:
                echoes += 1
            first = False
            continue
        if unit.drop or not title_words or not _is_headline_like(unit.text, max_words=16):
            continue
        words = _content_words(keys[unit.text])
        shared = len(words & title_words)
        # A short unpunctuated line retelling the headline is an image alt text or a
        # related-story link; real subheadings rarely reuse the headline's words.
        if words and shared >= 3 and shared * 2 >= min(len(words), len(title_words)):
            unit.drop = "line resembling the headline"
            similar += 1
    if echoes:
        state.notes.append(f"dropped {echoes} repeat(s) of the headline")
    if similar:
        state.notes.append(
            f"dropped {similar} short line(s) resembling the headline (caption or related link)"
        )


def _drop_author_blocks(state: _State) -> None:
    kept = state.kept()
    tail_start = max(0, len(kept) - 4)
    i = 0
    while i < len(kept):
        unit = kept[i]
        text = unit.text
        if _is_name(text, max_tokens=5) and len(text.split()) >= 2 and not _ends_sentence(text):
            j = i + 1
            while j < len(kept) and state.keys[kept[j].text] == state.keys[text]:
                j += 1
            bio = (
                j < len(kept)
                and kept[j].text.startswith(text)
                and _BIO_VERB_RE.match(kept[j].text[len(text) :])
            )
            if bio or (j > i + 1 and i >= tail_start):
                for u in kept[i : j + (1 if bio else 0)]:
                    u.drop = "author bio"
                state.authors.append(_fix_name_case(text))
                state.notes.append(
                    f"author block for {_fix_name_case(text)!r} removed from the body"
                    + (" (with bio paragraph)" if bio else "")
                )
                i = j + 1
                continue
        i += 1
    # A closing paragraph that starts "<byline author> is a ..." is a bio too.
    kept = state.kept()
    for unit in kept[-3:]:
        for author in state.authors:
            if unit.text.startswith(author) and _BIO_VERB_RE.match(unit.text[len(author) :]):
                unit.drop = "author bio"
                state.notes.append(f"dropped bio paragraph of {author!r}")
                break


def _drop_trailing_headlines(state: _State) -> None:
    kept = state.kept()
    run: list[_Unit] = []
    for unit in reversed(kept):
        if _is_headline_like(unit.text, max_words=25):
            run.append(unit)
        else:
            break
    if len(run) >= 3 and len(run) < len(kept):
        for unit in run:
            unit.drop = "trailing headline"
        state.notes.append(f"dropped {len(run)} trailing headlines")


def _apply_dateline(state: _State) -> None:
    kept = state.kept()
    if not kept:
        return
    unit = kept[0]
    for pattern in _DATELINE_RES:
        m = pattern.match(unit.text)
        if not m:
            continue
        groups = m.groupdict()
        place, paren, raw_date = groups.get("place"), groups.get("paren"), groups.get("date")
        when = parse_dateline_date(raw_date) if raw_date else None
        if raw_date and when is None:
            continue
        paren_date = parse_dateline_date(paren) if paren else None
        rest = unit.text[m.end() :]
        if len(_words(rest)) < 4:
            continue
        if paren and paren_date is None:
            if place:
                state.publishers.append((2, _clean_publisher(paren), "dateline"))
            elif _is_name(paren, max_tokens=4):
                place = paren
        if isinstance(paren_date, date) and not isinstance(when, date):
            when = paren_date
        if not place:
            continue
        state.place = _title_case_place(place.strip())
        if isinstance(when, date):
            state.dates.append((2, when, None, "", "dateline"))
        prefix = unit.text[: m.end()].strip()
        # A preview block may repeat the opening paragraph: strip the same prefix there too,
        # so the copies compare equal when duplicates are removed.
        raw_prefix = unit.text[: m.end()]
        for other in kept:
            if other.text.startswith(raw_prefix):
                tail = other.text[m.end() :]
                other.text = tail[0].upper() + tail[1:] if tail[0].islower() else tail
        state.notes.append(f"dateline {prefix!r} stripped from the first paragraph")
        return


def _find_self_attribution(state: _State) -> None:
    # Agencies write "..., BelTA reports" / "... , TASS has learned" in their own ledes.
    for unit in state.kept()[:2]:
        m = _SELF_REPORT_RE.search(unit.text)
        if m:
            state.publishers.append((3, _clean_publisher(m["pub"]), f"'{m['pub']} reports'"))
            return


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9])")


def _sentences(text: str, keys: _KeyCache) -> list[str]:
    return [k for k in (keys[p] for p in _SENTENCE_SPLIT_RE.split(text)) if k]


def _dedupe(state: _State) -> None:
    """Pages often show a preview (lede, first paragraphs) and then the full article again:
    keep every sentence once, preferring the longer paragraph that contains it."""
    kept = state.kept()
    counts: dict[str, int] = {}
    sentence_sets = []
    for unit in kept:
        sents = _sentences(unit.text, state.keys)
        sentence_sets.append(sents)
        for s in sents:
            counts[s] = counts.get(s, 0) + 1
    keys = [state.keys[u.text] for u in kept]
    order = sorted(range(len(kept)), key=lambda i: (len(keys[i]), -i))
    # Paragraphs are visited shortest first, so every strictly longer paragraph is still
    # kept when a shorter one is tested against it. Joining all keys longest first makes
    # "the keys longer than L" a prefix of one string: a single bounded str.find replaces
    # a loop over paragraphs. ("\n" never occurs in a key, so a hit lies within one key.)
    ranked = sorted(keys, key=len, reverse=True)
    haystack = "\n".join(ranked)
    neg_lengths = [-len(k) for k in ranked]  # ascending, for bisect
    ends = list(accumulate(len(k) + 1 for k in ranked))  # ends[n] - 1: end of ranked[n]
    dropped = 0
    for i in order:
        sents = sentence_sets[i]
        if not sents:
            continue
        covered = all(counts.get(s, 0) > 1 for s in sents)
        # A truncated preview ("... said that...") is a prefix of its full paragraph.
        contained = False
        if not covered and len(keys[i]) >= 40:
            n_longer = bisect_left(neg_lengths, -len(keys[i]))
            contained = n_longer > 0 and haystack.find(keys[i], 0, ends[n_longer - 1] - 1) >= 0
        if covered or contained:
            kept[i].drop = "duplicate"
            dropped += 1
            for s in sents:
                counts[s] -= 1
    if dropped:
        state.notes.append(f"dropped {dropped} repeated paragraph(s) (preview of the article)")


def _derive_title(body_first: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s+", body_first, maxsplit=1)[0].strip()
    # Drop a short opener ("On Monday, ...") and parentheticals ("(Dec 4)").
    m = re.match(r"^([^,]{1,30}),\s+(?=[A-Z])", sentence)
    if m and len(_words(m.group(1))) <= 4:
        sentence = sentence[m.end() :]
    sentence = re.sub(r"\s*\([^()]*\)", "", sentence)
    for m in re.finditer(r",\s|;\s|\s[–—]\s|:\s", sentence):
        if len(_words(sentence[: m.start()])) >= 5:
            sentence = sentence[: m.start()]
            break
    title = sentence.strip().rstrip(".!?;:,")
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX + 1].rsplit(" ", 1)[0]
    words = title.split()
    while len(words) > 3 and (
        words[-1].lower().strip(",;:") in _DANGLING or words[-1][-1] in ",;:"
    ):
        words.pop()
    return " ".join(words).rstrip(",;:-–—")


def _pick_date(state: _State) -> tuple[date | None, time | None, str, str]:
    if not state.dates:
        return None, None, "", ""
    _rank, day, clock, tz, source = min(state.dates, key=lambda d: (d[0], state.dates.index(d)))
    return day, clock, tz, source


def _sidecar_date(value: object) -> tuple[date, time | None] | None:
    if isinstance(value, datetime):
        return value.date(), value.time().replace(tzinfo=None)
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        parsed = parse_loose_datetime(value)
        if parsed:
            return parsed[0], parsed[1]
    return None


def parse_article(text: str, *, filename: str = "", sidecar: dict | None = None) -> ParsedArticle:
    """Parse newline-normalised article text; sidecar values override what the text says.

    Raises IngestError("no article body ...") when nothing article-like remains.
    """
    sidecar = dict(sidecar or {})
    units, joined = _split_units(text)
    state = _State(units)
    if joined:
        state.notes.append(f"joined {joined} hard-wrapped line(s)")

    _classify_lines(state)
    title = _find_title(state)
    if title:
        _drop_title_echoes(state, title)
    _drop_author_blocks(state)
    _drop_trailing_headlines(state)
    _apply_dateline(state)
    _find_self_attribution(state)
    _dedupe(state)

    paragraphs = [u.text for u in state.kept()]
    body = "\n\n".join(paragraphs)
    n_words = len(_words(body))
    where = f" in {filename}" if filename else ""
    if (
        not paragraphs
        or n_words < 10
        or not any(_is_prose(p) or len(_words(p)) >= 12 for p in paragraphs)
    ):
        dropped = sum(1 for u in state.units if u.drop)
        raise IngestError(
            f"no article body{where}: {n_words} word(s) left after removing "
            f"{dropped} line(s) of headline, navigation and metadata"
        )

    title_derived = False
    if not title:
        title = _derive_title(paragraphs[0])
        title_derived = True
        state.notes.append("no headline line: title derived from the first sentence")

    day, clock, tz, date_source = _pick_date(state)
    if day:
        state.notes.append(
            f"date from {date_source!r}" if date_source != "dateline" else "date from dateline"
        )
    author = state.authors[0] if state.authors else ""
    publisher = ""
    if state.publishers:
        _, publisher, pub_source = min(state.publishers, key=lambda p: p[0])
        state.notes.append(f"publisher {publisher!r} from {pub_source}")
    language = _detect_language(body)

    # Sidecar metadata is authoritative: it was written by a person or a crawler that knew.
    if sidecar.get("title"):
        title, title_derived = str(sidecar["title"]), False
        state.notes.append("title from metadata")
    if sidecar.get("published"):
        parsed = _sidecar_date(sidecar["published"])
        if parsed:
            day, clock = parsed
            tz = str(sidecar.get("timezone", "")) if clock else ""
            state.notes.append("date from metadata")
    for key in ("author", "publisher", "language"):
        if sidecar.get(key):
            state.notes.append(f"{key} from metadata")
    author = str(sidecar.get("author") or author)
    publisher = str(sidecar.get("publisher") or publisher)
    language = str(sidecar.get("language") or language)

    return ParsedArticle(
        title=title,
        title_derived=title_derived,
        body=body,
        published_date=day,
        published_time=clock,
        timezone=tz,
        author=author,
        publisher=publisher,
        dateline_place=state.place,
        language=language,
        url=str(sidecar.get("url") or ""),
        notes=tuple(state.notes),
    )


__all__ = ["ParsedArticle", "parse_article"]
