"""Event mentions: passages that report something happening at a time (pure Python).

A mention is one sentence of an article with an event trigger (visit, meet, talks, summit,
sign, invade, sanction, ...), a date read from the temporal tagger's output, its participants
and its place. Sentences without a date of their own may still be mentions when the article's
narrative dates them ("the two leaders engaged in talks" after "on Monday ... met"); every such
inference is recorded in `date.reason`, so a curator sees why a passage got its date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from timeline.extract.entities import EntityMention, Gazetteer, NameCandidate, find_entities
from timeline.extract.entities import propose_names as _propose_names
from timeline.extract.sentences import Sentence, split_sentences
from timeline.extract.temporal import Timex, tag

# --- Triggers ------------------------------------------------------------------------------
# family -> pattern. A family is the kind of happening; the event type refines it (a visit is a
# state or working visit when the article says so).
TRIGGERS: dict[str, str] = {
    "visit": r"(?:state|working|official|first|second|third|historic)?\s*visit(?:s|ed|ing)?\b"
    r"|\btrips?\b|\btour(?:ed|ing)?\b|\barriv(?:e|es|ed|ing|al)\b",
    "meeting": r"\bmeet(?:s|ing|ings)?\b|\bmet\b|\btalks?\b|\bdiscuss(?:ed|es|ing|ions?)\b"
    r"|\bencounter\b|\bnegotiations?\b",
    "summit": r"\bsummit\b|\bforum\b|\bconference\b|\bcongress\b|\bsummits\b",
    "agreement": r"\bsign(?:s|ed|ing)?\b(?=[^.]{0,60}\b(?:agreements?|deals?|treat(?:y|ies)"
    r"|memorand(?:um|a)|accords?|contracts?|declarations?|documents?)\b)"
    r"|\bagreements?\b(?=[^.]{0,30}\bsigned\b)",
    "statement": r"\bannounc(?:e|ed|es|ement)\b|\bcommented\b|\bdeclared\b|\bstatement\b"
    r"|\bpledged\b|\bvowed\b",
    "conflict": r"\binvasion\b|\binvad(?:e|ed|es|ing)\b|\battack(?:s|ed)?\b|\boffensive\b"
    r"|\bstrikes?\b|\bclash(?:es|ed)?\b|\bwar\b(?=\s+(?:began|broke|started))|\bannex(?:ed|ation)\b",
    "sanction": r"\bsanction(?:s|ed)?\b(?=[^.]{0,40}\b(?:imposed|announced|adopted|introduced)\b)"
    r"|\b(?:imposed|announced|adopted|introduced)\b[^.]{0,40}\bsanctions\b",
    "election": r"\belect(?:ed|ion|ions)\b|\bre-elected\b|\binaugurat(?:ed|ion)\b",
}
_TRIGGER_RE = {family: re.compile(pattern, re.I) for family, pattern in TRIGGERS.items()}
# One cheap scan first: most sentences of an article have no trigger word at all.
_ANY_TRIGGER = re.compile(
    r"visit|trip|tour|arriv|meet|\bmet\b|talk|discuss|encounter|negotiat|summit|forum|"
    r"conference|congress|sign|agreement|announc|comment|declar|statement|pledg|vow|inva[sd]|"
    r"attack|offensive|strike|clash|\bwar\b|annex|sanction|elect|inaugurat",
    re.I,
)

# Event types (the Event model's choices) by family.
FAMILY_TYPE = {
    "visit": "visit",
    "meeting": "meeting",
    "summit": "summit",
    "agreement": "agreement",
    "statement": "statement",
    "conflict": "conflict",
    "sanction": "sanction",
    "election": "other",
}
# Families whose undated mentions may take their date from the narrative around them.
NARRATIVE = {"visit", "meeting"}
# Families that are events only with a date in the same sentence (undated = background prose).
STRICT = set(TRIGGERS) - NARRATIVE

_PREVIEW = re.compile(
    r"\b(?:(?:is|are|was|were) due to|will|would|shall|is set to|are set to|is expected|"
    r"are expected|was expected|were expected|expected to|plans? to|planned|scheduled|upcoming|"
    r"ahead of|run-up|looking forward|to be held|is to|are to)\b",
    re.I,
)
_PRESENT = re.compile(
    r"\b(?:is|are|am)\s+(?:\w+\s+){0,2}?\w+ing\b|\b(?:is|are)\s+on\s+(?:a|an|his|her|their)\b"
    r"|\bis reported to be\b|\bcomes\b|\bcurrent\b|\btoday['’]s\b|\bthis (?:meeting|visit|trip)\b"
    r"|\bongoing\b",
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:previous|last|earlier|former|first time|prior|past)\b[^.,;]{0,25}$", re.I
)
_THAT_TIME = re.compile(
    r"^\W*(?:during|at|by|since)\s+(?:that|the same)\s+(?:time|period|visit|meeting)\b", re.I
)
_SINCE_BEFORE = re.compile(
    r"\b(?:since|for|over|throughout|until|till|before)\s+(?:the\s+)?$", re.I
)
_ATTRIBUTION_BEFORE = re.compile(
    r"(?:according to|reported by|as reported by|cited by|quoted by|told|said)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,4}$",
    re.I,
)
_ATTRIBUTION_AFTER = re.compile(
    r"^['’]?\s*(?:reports?|reported|added|said|says|has learned|cited|quoted)\b", re.I
)
_NOT_PARTICIPANT_BEFORE = re.compile(
    r"\b(?:ally|allies|aide|friend|supporter|critic|enemy|rival|partner|protégé|"
    r"successor|predecessor)\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}$",
    re.I,
)
_CLAUSE = re.compile(r",|;|\s[–—-]\s|\bthat\b|\bwhile\b|\bbut\b|\bwhich\b", re.I)
_PRONOUN_OTHER = re.compile(r"\b(?:him|he|his|her|she)\b", re.I)
_PRONOUN_GROUP = re.compile(
    r"\b(?:our|their|they|both|the two leaders|the two presidents|the leaders|the sides)\b", re.I
)
_CAP = r"[A-Z][\w’'-]*"
_NAMED_EVENT = re.compile(
    r"\b((?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|"
    r"annual|\d{1,2}(?:st|nd|rd|th))\s+)?"
    rf"{_CAP}(?:\s+(?:(?:and|of|for|on|the|de)\s+)?{_CAP})*?\s+"
    r"(?:Summit|Forum|Conference|Congress|Games|Olympics|Expo|Assembly)"
    rf"(?:\s+(?:for|on|of)\s+{_CAP}(?:\s+(?:(?:and|of|the)\s+)?{_CAP}){{0,4}})?)",
)
_QUOTES = re.compile(r"[\"“”]")
_VISIT_KIND = re.compile(r"\b(state|working|official)\s+(?:visit|nature)", re.I)
_PRECISION_PENALTY = {"day": 0, "month": 30, "year": 80}
_TRIGGER_WORD_LIMIT = 400  # characters: a sentence longer than this is prose, not a report


@dataclass(frozen=True)
class DateReading:
    """When a mention happened: a day, month or year, or a range of them."""

    start: dt.date
    precision: str  # day | month | year
    end: dt.date | None = None  # for ranges (inclusive); None for a single period
    end_precision: str = ""
    value: str = ""  # the TIMEX3 value it came from
    text: str = ""  # the expression as written
    reason: str = ""  # why it means this date
    explicit: bool = True  # the sentence itself carries the date

    @property
    def last_day(self) -> dt.date:
        return period_last_day(self.end or self.start, self.end_precision or self.precision)

    def label(self) -> str:
        return format_period(self.start, self.precision, self.end, self.end_precision)


@dataclass(frozen=True)
class Mention:
    """One passage reporting one event."""

    start: int  # the passage (a sentence) in the article body
    end: int
    quote: str
    family: str
    event_type: str
    trigger: str
    date: DateReading
    participants: tuple[str, ...] = ()  # actor slugs, people first
    countries: tuple[str, ...] = ()  # countries involved (directly or through the people)
    place: str = ""  # place slug where it happened
    places: tuple[str, ...] = ()  # every place named as a place in the passage
    name: str = ""  # a named event ("Third Belt and Road Forum for International Cooperation")
    agent: str = ""  # who did it (the visitor, the invader, ...)
    patient: str = ""  # to whom (the invaded country, the host, ...)
    obj: str = ""  # what (for agreements: "trade agreements")
    modality: str = "reported"  # reported | preview | speech
    durations: tuple[str, ...] = ()  # durations the passage gives ("PT3H")
    sentence_index: int = 0
    timex_start: int = -1
    timex_end: int = -1

    def as_dict(self) -> dict:
        # Field by field rather than dataclasses.asdict: this runs for every evidence row.
        data = {name: getattr(self, name) for name in _MENTION_FIELDS}
        for name in ("participants", "countries", "places", "durations"):
            data[name] = list(data[name])
        date = self.date
        data["date"] = {name: getattr(date, name) for name in _READING_FIELDS}
        data["date"]["start"] = date.start.isoformat()
        data["date"]["end"] = date.end.isoformat() if date.end else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Mention:
        date_data = dict(data["date"])
        date_data["start"] = dt.date.fromisoformat(date_data["start"])
        date_data["end"] = dt.date.fromisoformat(date_data["end"]) if date_data["end"] else None
        values = {**data, "date": DateReading(**date_data)}
        for key in ("participants", "countries", "places", "durations"):
            values[key] = tuple(values.get(key) or ())
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in values.items() if k in known})


_MENTION_FIELDS = tuple(f for f in Mention.__dataclass_fields__)
_READING_FIELDS = tuple(f for f in DateReading.__dataclass_fields__)


@dataclass(frozen=True)
class ArticleExtraction:
    mentions: tuple[Mention, ...]
    timexes: tuple[Timex, ...]
    entities: tuple[EntityMention, ...]
    names: tuple[NameCandidate, ...] = field(default=())


# --- Dates -------------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def period_last_day(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def format_period(
    start: dt.date, precision: str, end: dt.date | None = None, end_precision: str = ""
) -> str:
    """'4 Dec 2023', 'Oct 2023', '2023', '28 Feb – 2 Mar 2023'."""

    def one(day: dt.date, prec: str, *, with_year: bool = True) -> str:
        if prec == "year":
            return str(day.year)
        if prec == "month":
            return (
                f"{calendar.month_abbr[day.month]} {day.year}"
                if with_year
                else (calendar.month_abbr[day.month])
            )
        text = f"{day.day} {calendar.month_abbr[day.month]}"
        return f"{text} {day.year}" if with_year else text

    if end is None or (end == start and (end_precision or precision) == precision):
        return one(start, precision)
    if (
        precision == "day"
        and (end_precision or precision) == "day"
        and (start.year, start.month) == (end.year, end.month)
    ):
        return f"{start.day}–{one(end, 'day')}"  # 3–5 Dec 2023
    same_year = start.year == end.year and precision != "year"
    return (
        f"{one(start, precision, with_year=not same_year)} – {one(end, end_precision or precision)}"
    )


def reading_from_value(value: str, range_end: str | None = None) -> DateReading | None:
    """A date reading from a TIMEX3 value, or None when the value is not a calendar period."""
    start = _period_from_value(value)
    if start is None:
        return None
    day, precision, last = start
    if range_end:
        end = _period_from_value(range_end)
        if end is not None and end[0] >= day:
            return DateReading(day, precision, end[0], end[1], value=value)
    if last is not None:
        return DateReading(day, precision, last, "month", value=value)
    return DateReading(day, precision, value=value)


def _period_from_value(value: str) -> tuple[dt.date, str, dt.date | None] | None:
    try:
        if match := _DAY.match(value):
            return dt.date(*map(int, match.groups())), "day", None
        if match := _MONTH.match(value):
            return dt.date(int(match[1]), int(match[2]), 1), "month", None
        if match := _YEAR.match(value):
            return dt.date(int(match[1]), 1, 1), "year", None
        if match := _SEASON.match(value):
            year = int(match[1])
            first, last = _SEASON_MONTHS[match[2]]
            end_year = year + 1 if last < first else year
            return dt.date(year, first, 1), "month", dt.date(end_year, last, 1)
        if match := _QUARTER.match(value):
            year, quarter = int(match[1]), int(match[2])
            return dt.date(year, quarter * 3 - 2, 1), "month", dt.date(year, quarter * 3, 1)
    except ValueError:
        return None
    return None


def contains(outer: DateReading, day: dt.date) -> bool:
    return outer.start <= day <= outer.last_day


# --- Extraction --------------------------------------------------------------------------


def extract(
    body: str, dct: dt.date | None, gazetteer: Gazetteer, *, propose: bool = True
) -> ArticleExtraction:
    """Every event mention in one article body (its publication date is the anchor)."""
    anchor = dct or dt.date.today()
    timexes = tuple(tag(body, anchor)) if dct else ()
    entities = tuple(find_entities(body, gazetteer, on=anchor))
    names = tuple(_propose_names(body, entities)) if propose else ()
    if dct is None:
        # Without a publication date relative expressions cannot be resolved; absolute dates
        # could, but an undated article is rare and safer left to a curator.
        return ArticleExtraction((), timexes, entities, names)
    sentences = split_sentences(body)
    context = _Article(body, anchor, sentences, timexes, entities, gazetteer)
    return ArticleExtraction(tuple(context.mentions()), timexes, entities, names)


class _Article:
    def __init__(
        self,
        body: str,
        dct: dt.date,
        sentences: Sequence[Sentence],
        timexes: Sequence[Timex],
        entities: Sequence[EntityMention],
        gazetteer: Gazetteer,
    ) -> None:
        self.body = body
        self.dct = dct
        self.sentences = sentences
        self.timexes = timexes
        self.entities = entities
        self.gazetteer = gazetteer
        self.country_of = {s: e.country for s, e in gazetteer.actors.items() if e.country}
        self.kind_of = {s: e.kind for s, e in gazetteer.actors.items()}
        self.place_kind = {s: e.kind for s, e in gazetteer.places.items()}
        self.visit_kind = self._article_visit_kind()
        self.excluded = self._excluded_entities()

    # The article's own words for its visit ("working visit", "state visit").
    def _article_visit_kind(self) -> str:
        found = Counter(m.group(1).lower() for m in _VISIT_KIND.finditer(self.body))
        return found.most_common(1)[0][0] if found else ""

    def mentions(self) -> list[Mention]:
        drafts: list[_Draft] = []
        for sentence in self.sentences:
            if len(sentence.text) > _TRIGGER_WORD_LIMIT * 2:
                continue
            drafts.extend(self._sentence_drafts(sentence))
        self.main_people = self._main_people()
        return self._date_undated(drafts)

    def _main_people(self) -> tuple[str, ...]:
        """The two people the article is most about (for "our meeting", "the two leaders")."""
        counts = Counter(
            e.slug
            for e in self.entities
            if e.category == "actor" and e.kind == "person" and not e.via.startswith("demonym")
        )
        return tuple(slug for slug, _ in counts.most_common(2))

    # One draft per trigger family found in the sentence.
    def _sentence_drafts(self, sentence: Sentence) -> list[_Draft]:
        text = sentence.text
        if not _ANY_TRIGGER.search(text):
            return []
        found: dict[str, list[re.Match]] = {}
        for family, pattern in _TRIGGER_RE.items():
            matches = list(pattern.finditer(text))
            if matches:
                found[family] = matches
        if not found:
            return []
        if "statement" in found and len(found) > 1:
            # "vowed ... during a visit": what was said belongs to the visit or the meeting.
            del found["statement"]
        dates = self._dates_in(sentence)
        drafts = []
        for family, matches in found.items():
            best = None
            for match in matches:
                for timex, reading in dates:
                    score = _distance(
                        match, timex.start - sentence.start, timex.end - sentence.start
                    ) + _PRECISION_PENALTY.get(reading.precision, 100)
                    if best is None or score < best[0]:
                        best = (score, match, (timex, reading))
            if best is None:
                best = (0, matches[0], None)
            draft = self._draft(sentence, family, best[1], best[2])
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _dates_in(self, sentence: Sentence) -> list[tuple[Timex, DateReading]]:
        found = []
        for timex in self.timexes:
            if timex.start < sentence.start or timex.end > sentence.end:
                continue
            if timex.type not in {"DATE", "TIME"}:
                continue
            before = self.body[max(sentence.start, timex.start - 30) : timex.start]
            if _SINCE_BEFORE.search(before):
                continue  # "since 1994", "for years": a span of a state, not an event's date
            reading = reading_from_value(timex.value, timex.range_end)
            if reading is None or reading.start.year < 1000:
                continue
            reading = replace(reading, text=timex.text, reason=_explain(timex, self.dct))
            found.append((timex, reading))
        return found

    def _draft(self, sentence: Sentence, family: str, match: re.Match, dated) -> _Draft | None:
        text = sentence.text
        trigger = match.group(0).strip()
        if _is_plural_noun(text, match):
            return None  # "mutual visits", "120 meetings": many events, none in particular
        clause_start, clause_end = _clause_around(text, match.start(), match.end())
        clause = text[clause_start:clause_end]
        earlier = bool(_EARLIER.search(text[max(0, match.start() - 40) : match.start()]))
        preview = bool(_PREVIEW.search(text))
        modality = (
            "preview"
            if preview
            else ("speech" if _inside_quotation(text, match.start()) else "reported")
        )
        present = bool(_PRESENT.search(clause))
        entities = [e for e in self.entities if sentence.start <= e.start < sentence.end]
        participants, countries = self._participants(sentence, family, match, entities)
        places = tuple(
            dict.fromkeys(e.slug for e in entities if e.category == "place" and e.as_place)
        )
        place = self._best_place(family, places)
        event_type = FAMILY_TYPE[family]
        if family == "visit":
            kind = _VISIT_KIND.search(text)
            # The article's own word ("a working visit") describes its current visit only,
            # not an earlier one it recalls with a date of its own.
            near_now = dated is None or abs((dated[1].start - self.dct).days) <= 7
            word = kind.group(1).lower() if kind else (self.visit_kind if near_now else "")
            event_type = {"state": "state_visit", "working": "working_visit"}.get(word, "visit")
        name = ""
        if family == "summit":
            named = _NAMED_EVENT.search(text)
            if named:
                name = _clean_name(named.group(1))
        agent, patient, obj = self._roles(family, sentence, match, entities)
        if family in {"conflict", "sanction"} and (agent or patient):
            participants = tuple(_unique([agent, patient]))
        if family == "statement":
            if not agent:
                return None
            participants = (agent,)
        # Only a duration that qualifies the trigger ("three-hour talks", "four hours of
        # talks") is the event's; "the year-long war" in the same sentence is not.
        trigger_start = sentence.start + match.start()
        durations = tuple(
            t.value
            for t in self.timexes
            if t.type == "DURATION"
            and sentence.start <= t.start
            and 0 <= trigger_start - t.end <= 25
        )
        reading = None
        timex_span = (-1, -1)
        if dated is not None:
            timex, reading = dated
            timex_span = (timex.start, timex.end)
        return _Draft(
            sentence=sentence,
            family=family,
            event_type=event_type,
            trigger=trigger,
            reading=reading,
            timex_span=timex_span,
            participants=participants,
            countries=countries,
            places=places,
            place=place,
            name=name,
            agent=agent,
            patient=patient,
            obj=obj,
            modality=modality,
            durations=durations,
            earlier=earlier,
            present=present,
            group=bool(_PRONOUN_GROUP.search(text)),
        )

    def _participants(
        self, sentence: Sentence, family: str, match: re.Match, entities: list[EntityMention]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        text = sentence.text
        actors = [
            e
            for e in entities
            if e.category == "actor"
            and not e.via.startswith("demonym")
            and e.start not in self.excluded
        ]
        clause_start, clause_end = _clause_around(text, match.start(), match.end())
        in_clause = [e for e in actors if clause_start <= e.start - sentence.start < clause_end]
        people = _unique(e.slug for e in in_clause if e.kind == "person")
        clause_text = text[clause_start:clause_end]
        if len(people) < 2 and _PRONOUN_OTHER.search(clause_text):
            other = self._previous_person(sentence.start + clause_start, exclude=people)
            if other:
                people.append(other)
        if len(people) < 2:
            people = _unique([*people, *(e.slug for e in actors if e.kind == "person")])
        organisations = _unique(e.slug for e in in_clause if e.kind == "organisation")
        if not people and not organisations:
            organisations = _unique(e.slug for e in actors if e.kind == "organisation")
        nations = _unique(e.slug for e in actors if e.kind == "country")
        countries = _unique([*nations, *(self.country_of.get(p, "") for p in people)])
        participants = people + organisations if people else organisations + nations
        return tuple(participants), tuple(countries)

    def _excluded_entities(self) -> set[int]:
        """Start offsets of actor mentions that are not participants ("an ally of Putin")."""
        excluded = set()
        for sentence in self.sentences:
            for entity in self.entities:
                if sentence.start <= entity.start < sentence.end and self._excluded_actor(
                    sentence, entity
                ):
                    excluded.add(entity.start)
        return excluded

    def _excluded_actor(self, sentence: Sentence, entity: EntityMention) -> bool:
        before = self.body[max(sentence.start, entity.start - 40) : entity.start]
        after = self.body[entity.end : min(sentence.end, entity.end + 20)]
        if _NOT_PARTICIPANT_BEFORE.search(before):
            return True
        return entity.kind == "organisation" and bool(
            _ATTRIBUTION_BEFORE.search(before) or _ATTRIBUTION_AFTER.search(after)
        )

    def _previous_person(self, position: int, *, exclude: list[str]) -> str:
        for entity in reversed(self.entities):
            if entity.start >= position:
                continue
            if (
                entity.category == "actor"
                and entity.kind == "person"
                and entity.slug not in exclude
                and entity.start not in self.excluded
            ):
                return entity.slug
        return ""

    def _best_place(self, family: str, places: tuple[str, ...]) -> str:
        rank = {"building": 0, "city": 1, "region": 2, "country": 3}
        if family == "meeting":
            # "discussed the war in Ukraine" names a topic, not where they met.
            places = tuple(p for p in places if self.place_kind.get(p) in {"building", "city"})
        if not places:
            return ""
        return min(places, key=lambda slug: rank.get(self.place_kind.get(slug, ""), 4))

    def _roles(
        self, family: str, sentence: Sentence, match: re.Match, entities: list[EntityMention]
    ) -> tuple[str, str, str]:
        text = sentence.text
        local = [e for e in entities if e.category == "actor" and not e.via.startswith("demonym")]
        before = [e for e in local if e.start - sentence.start < match.start()]
        after = [e for e in local if e.start - sentence.start >= match.end()]
        if family in {"conflict", "sanction"}:
            # "Russia's invasion of Ukraine", "Russia invaded Ukraine", "the EU imposed sanctions"
            return (before[-1].slug if before else ""), (after[0].slug if after else ""), ""
        if family == "statement":
            clause_start, _ = _clause_around(text, match.start(), match.end())
            speakers = [e for e in before if e.start - sentence.start >= clause_start]
            return (speakers[-1].slug if speakers else ""), "", ""
        if family == "agreement":
            obj = re.search(
                r"\bsign(?:s|ed|ing)?\s+((?:\w+\s+){0,3}?(?:agreements?|deals?|treat(?:y|ies)|"
                r"memorand(?:um|a)|accords?|contracts?|declarations?|documents?))",
                text,
                re.I,
            )
            return "", "", obj.group(1) if obj else ""
        return "", "", ""

    # --- dating undated drafts from the narrative --------------------------------------

    def _date_undated(self, drafts: list[_Draft]) -> list[Mention]:
        mentions: list[Mention] = []
        explicit = [d for d in drafts if d.reading is not None]
        lead = next((d for d in explicit if d.family in NARRATIVE), None)
        previous: _Draft | None = None
        for draft in drafts:
            reading, family, extra = draft.reading, draft.family, ()
            if reading is not None:
                if (
                    family == "visit"
                    and draft.present
                    and reading.precision != "day"
                    and contains(reading, self.dct)
                ):
                    reading = replace(
                        reading,
                        start=self.dct,
                        precision="day",
                        end=None,
                        end_precision="",
                        value=self.dct.isoformat(),
                        reason=f"visit under way at publication ({_weekday(self.dct)}), "
                        f"within '{reading.text}'",
                    )
            else:
                reading, family, extra = self._infer(draft, previous, lead, explicit)
            if reading is not None:
                people = draft.participants
                if extra and (not people or draft.group):
                    people = tuple(_unique([*people, *extra]))
                if family in NARRATIVE and (not people or (draft.group and len(people) < 2)):
                    people = tuple(_unique([*people, *self.main_people]))
                if any(self.kind_of.get(p) == "person" for p in people):
                    people = tuple(p for p in people if self.kind_of.get(p) != "country")
                countries = tuple(
                    _unique([*draft.countries, *(self.country_of.get(p, "") for p in people)])
                )
                mention = draft.to_mention(reading, family)
                mentions.append(replace(mention, participants=people, countries=countries))
            if draft.reading is not None:
                previous = draft
        return mentions

    def _infer(
        self,
        draft: _Draft,
        previous: _Draft | None,
        lead: _Draft | None,
        explicit: list[_Draft],
    ) -> tuple[DateReading | None, str, tuple[str, ...]]:
        family = draft.family
        if family not in NARRATIVE or draft.earlier:
            return None, family, ()
        sentence = draft.sentence
        if _THAT_TIME.search(sentence.text) and previous is not None and previous.reading:
            why = "'during that time': the previous sentence's date"
            return _inherit(previous.reading, why), family, previous.participants
        if draft.modality == "preview":
            for other in explicit:
                if (
                    other.family == "meeting"
                    and family == "meeting"
                    and other.reading.start >= self.dct
                    and set(other.participants) & set(draft.participants)
                ):
                    why = "preview of the meeting the article dates"
                    return _inherit(other.reading, why), family, other.participants
            if family == "meeting":
                # A meeting still to come during a visit under way: evidence of the visit.
                why = "meeting still to come, during the visit under way"
                return self._ongoing(why), "visit", ()
            return self._ongoing("visit under way or imminent at publication"), family, ()
        if draft.present:
            if family == "visit":
                return self._ongoing("visit under way at publication"), family, ()
            return self._ongoing("the current meeting, at publication"), family, ()
        if (
            previous is not None
            and previous.reading is not None
            and previous.sentence.paragraph == sentence.paragraph
            and (
                set(previous.participants) & set(draft.participants)
                or not draft.participants
                or draft.group
            )
        ):
            why = "date of the previous sentence"
            return _inherit(previous.reading, why), family, previous.participants
        if lead is not None and lead.reading is not None and lead.reading.precision == "day":
            return _inherit(lead.reading, "the article's lead event"), family, lead.participants
        return None, family, ()

    def _ongoing(self, why: str) -> DateReading:
        return DateReading(
            self.dct,
            "day",
            value=self.dct.isoformat(),
            text="",
            reason=f"{why} ({_weekday(self.dct)}, the publication date)",
            explicit=False,
        )


@dataclass
class _Draft:
    sentence: Sentence
    family: str
    event_type: str
    trigger: str
    reading: DateReading | None
    timex_span: tuple[int, int]
    participants: tuple[str, ...]
    countries: tuple[str, ...]
    places: tuple[str, ...]
    place: str
    name: str
    agent: str
    patient: str
    obj: str
    modality: str
    durations: tuple[str, ...]
    earlier: bool
    present: bool
    group: bool = False

    @property
    def explicit_day(self) -> bool:
        return self.reading is not None and self.reading.precision == "day"

    def to_mention(self, reading: DateReading, family: str) -> Mention:
        event_type = self.event_type
        if family != self.family:
            event_type = FAMILY_TYPE[family]
        return Mention(
            start=self.sentence.start,
            end=self.sentence.end,
            quote=self.sentence.text,
            family=family,
            event_type=event_type,
            trigger=self.trigger,
            date=reading,
            participants=self.participants,
            countries=self.countries,
            place=self.place,
            places=self.places,
            name=self.name,
            agent=self.agent,
            patient=self.patient,
            obj=self.obj,
            modality=self.modality,
            durations=self.durations,
            sentence_index=self.sentence.index,
            timex_start=self.timex_span[0],
            timex_end=self.timex_span[1],
        )


_PLURAL_TRIGGER = re.compile(r"(?:visits|trips|meetings|tours|summits)$", re.I)
_VERB_SUBJECT = re.compile(r"(?:\b[A-Z][\w’'-]*|\b(?:he|she|it|who|also|now|then|and))\s*$")


def _is_plural_noun(text: str, match: re.Match) -> bool:
    """ "Xi visits Moscow" is one event; "mutual visits" or "120 visits" are many."""
    if not _PLURAL_TRIGGER.search(match.group(0)):
        return False
    before = text[: match.start()].rstrip("“”\"' ")
    return not _VERB_SUBJECT.search(before) or before.endswith(("mutual", "bilateral"))


def _inherit(reading: DateReading, why: str) -> DateReading:
    return replace(reading, explicit=False, reason=f"{why}: {reading.reason}")


def _explain(timex: Timex, dct: dt.date) -> str:
    base = f"'{timex.text}' in an article dated {_weekday(dct)}"
    detail = timex.reason or timex.rule
    return f"{base} → {timex.value}" + (f" ({detail})" if detail else "")


def _weekday(day: dt.date) -> str:
    return (
        f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"
    )


def _distance(match: re.Match, start: int, end: int) -> int:
    if end <= match.start():
        return match.start() - end
    if start >= match.end():
        return start - match.end()
    return 0


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = 0, len(text)
    for boundary in _CLAUSE.finditer(text):
        if boundary.end() <= start:
            left = boundary.end()
        elif boundary.start() >= end:
            right = boundary.start()
            break
    return left, right


def _inside_quotation(text: str, position: int) -> bool:
    """Inside a real quotation (six words or more), not scare quotes around a term."""
    marks = [m.start() for m in _QUOTES.finditer(text)]
    opening = [m for m in marks if m < position]
    if len(opening) % 2 == 0:
        return False
    start = opening[-1]
    closing = next((m for m in marks if m > position), len(text))
    return len(text[start:closing].split()) >= 6


def _unique(items) -> list[str]:
    return [item for item in dict.fromkeys(items) if item]


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"\s+(?:in|on|at|for)$", "", name)
    return name[:1].upper() + name[1:]
