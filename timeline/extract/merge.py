"""Merging mentions into events, and describing an event from its evidence (pure Python).

Two mentions report the same event when their families agree (a visit, a meeting, ...), their
dates are compatible (a day falls inside a month; a visit spans days), their participants agree
(one shared person and no rival counterpart: Lukashenko meeting Xi is not Lukashenko meeting
Li), and any names agree. The same test merges mentions within one article, then each article's
clusters with the events already stored, so importing articles one by one gives the same
timeline as importing them together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline.extract.events import DateReading, Mention, format_period, period_last_day

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# A visit lasts days: readings a couple of days apart are the same visit.
VISIT_SLACK = dt.timedelta(days=2)
SUMMARY_LENGTH = 320


@dataclass(frozen=True)
class SourcedMention:
    source: str  # a stable key of the source (its id or hash)
    mention: Mention
    published: dt.date | None = None
    label: str = ""  # how to cite the source in a disagreement ("TDI, 5 Dec 2023")


@dataclass(frozen=True)
class Sketch:
    """What matching needs to know about an event or a cluster of mentions."""

    family: str
    event_type: str
    start: dt.date
    last_day: dt.date
    precision: str
    people: frozenset[str]
    actors: frozenset[str]
    countries: frozenset[str]
    name: str = ""
    agent: str = ""
    patient: str = ""


@dataclass
class Cluster:
    mentions: list[SourcedMention] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.mentions[0].mention.family


@dataclass(frozen=True)
class EventDescription:
    title: str
    summary: str
    event_type: str
    start_date: dt.date
    start_precision: str
    end_date: dt.date | None
    end_precision: str
    date_reason: str
    participants: tuple[str, ...]
    place: str
    confidence: float
    disagreements: tuple[str, ...]


# --- Matching ----------------------------------------------------------------------------


def sketch(mentions: Sequence[Mention], people_kind: Mapping[str, str]) -> Sketch:
    """The combined sketch of mentions already judged to be one event."""
    best = min(mentions, key=_specificity)
    family = best.family
    days = [m.date for m in mentions if m.date.precision == "day"]
    if family == "visit" and days:
        start = min(d.start for d in days)
        last = max(d.last_day for d in days)
        precision = "day"
    else:
        start, last, precision = best.date.start, best.date.last_day, best.date.precision
    actors = frozenset(p for m in mentions for p in m.participants)
    people = frozenset(p for p in actors if people_kind.get(p) == "person")
    types = Counter(m.event_type for m in mentions if m.event_type not in {"visit", "meeting"})
    event_type = types.most_common(1)[0][0] if types else best.event_type
    names = Counter(m.name for m in mentions if m.name)
    return Sketch(
        family=family,
        event_type=event_type,
        start=start,
        last_day=last,
        precision=precision,
        people=people,
        actors=actors,
        countries=frozenset(c for m in mentions for c in m.countries),
        name=names.most_common(1)[0][0] if names else "",
        agent=next((m.agent for m in mentions if m.agent), ""),
        patient=next((m.patient for m in mentions if m.patient), ""),
    )


def compatibility(a: Sketch, b: Sketch) -> float:
    """0 when a and b cannot be one event; otherwise higher means a better match."""
    if a.family != b.family:
        return 0.0
    if a.family == "visit" and {a.event_type, b.event_type} == {"state_visit", "working_visit"}:
        return 0.0
    if not _dates_compatible(a, b):
        return 0.0
    if a.name and b.name and _norm(a.name) != _norm(b.name):
        return 0.0
    if a.agent and b.agent and a.agent != b.agent:
        return 0.0
    if a.patient and b.patient and a.patient != b.patient:
        return 0.0
    score = 1.0
    if a.people and b.people:
        shared = a.people & b.people
        if not shared:
            return 0.0
        if a.family != "visit" and (a.people - b.people) and (b.people - a.people):
            return 0.0  # Lukashenko with Xi is not Lukashenko with Li
        score += len(shared)
    elif a.actors and b.actors:
        shared_actors = a.actors & b.actors
        if not shared_actors and not (a.countries & b.countries):
            return 0.0
        score += 0.5 * len(shared_actors)
    elif a.countries and b.countries and not (a.countries & b.countries):
        return 0.0
    if a.name and b.name:
        score += 2
    if a.precision == b.precision == "day" and a.start == b.start:
        score += 1
    return score


def _dates_compatible(a: Sketch, b: Sketch) -> bool:
    if a.family == "visit":
        return a.start - VISIT_SLACK <= b.last_day and b.start - VISIT_SLACK <= a.last_day
    if a.precision == "day" and b.precision == "day":
        return a.start <= b.last_day and b.start <= a.last_day
    return a.start <= b.last_day and b.start <= a.last_day


def cluster_article(
    mentions: Sequence[SourcedMention], people_kind: Mapping[str, str]
) -> tuple[list[Cluster], list[SourcedMention]]:
    """Group one article's mentions into events; returns (clusters, dropped mentions).

    Specific mentions go first, so "the second visit ... in 2023" joins the dated visit of the
    same article. A visit or meeting dated only to a year names no event by itself and is
    dropped unless it joins a more precise one.
    """
    clusters: list[Cluster] = []
    dropped: list[SourcedMention] = []
    for item in sorted(mentions, key=lambda sm: _specificity(sm.mention)):
        candidate = sketch([item.mention], people_kind)
        scored = [
            (compatibility(sketch([m.mention for m in c.mentions], people_kind), candidate), c)
            for c in clusters
        ]
        scored = [(score, c) for score, c in scored if score > 0]
        if scored:
            max(scored, key=lambda pair: pair[0])[1].mentions.append(item)
        elif item.mention.family in {"visit", "meeting"} and item.mention.date.precision == "year":
            dropped.append(item)
        else:
            clusters.append(Cluster([item]))
    return clusters, dropped


def best_match(candidate: Sketch, events: Iterable[tuple[object, Sketch]]) -> object | None:
    """The stored event a cluster belongs to, or None for a new event."""
    scored = [(compatibility(s, candidate), key, s) for key, s in events]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], abs((item[2].start - candidate.start).days)))
    return scored[0][1]


def contains_event(parent: Sketch, child: Sketch) -> bool:
    """A visit contains the talks held during it (same people, dates inside the visit)."""
    if parent.family != "visit" or child.family == "visit":
        return False
    if not (parent.start <= child.start and child.last_day <= parent.last_day + VISIT_SLACK):
        if not (child.precision != "day" and parent.start <= child.last_day):
            return False
        if child.start > parent.last_day:
            return False
    if parent.people and child.people:
        return bool(parent.people & child.people)
    return bool(parent.countries & child.countries)


def _specificity(mention: Mention) -> tuple[int, int, int]:
    return (
        PRECISION_RANK.get(mention.date.precision, 3),
        0 if mention.date.explicit else 1,
        0 if mention.modality == "reported" else 1,
    )


_ORDINAL_PREFIX = re.compile(
    r"^(?:(?:the|inaugural|annual|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|\d+(?:st|nd|rd|th))\s+)+"
)


def _norm(text: str) -> str:
    """'the third Belt and Road Forum' and 'Third Belt and Road Forum' are one name."""
    text = _ORDINAL_PREFIX.sub("", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# --- Describing an event from its evidence ------------------------------------------------


def describe(
    items: Sequence[SourcedMention],
    *,
    names: Mapping[str, str],
    people_kind: Mapping[str, str],
    place_kind: Mapping[str, str],
    place_country: Mapping[str, str],
    actor_country: Mapping[str, str],
) -> EventDescription:
    """Title, summary, date, participants, place and confidence from an event's mentions."""
    mentions = [item.mention for item in items]
    shape = sketch(mentions, people_kind)
    family = shape.family
    start, start_precision, end, end_precision, reason = _best_date(items, family)
    participants = _participants(mentions, people_kind)
    place = _best_place(mentions, place_kind)
    destination = _destination(mentions, place_kind, place_country)
    if family == "visit":
        visitor = _visitor(participants, people_kind, actor_country, destination)
        if visitor:
            participants = (visitor, *[p for p in participants if p != visitor])
    title = _title(shape, mentions, participants, place, destination, names, people_kind)
    sources = {item.source for item in items}
    explicit = any(m.date.explicit and m.date.precision != "year" for m in mentions)
    reported = any(m.modality != "preview" for m in mentions)
    confidence = 0.3 + 0.15 * min(len(sources) - 1, 2)
    confidence += 0.15 if explicit else 0.0
    confidence += 0.1 if (len(participants) >= 2 or shape.name) else 0.0
    confidence += 0.1 if reported else 0.0
    confidence -= 0.1 if start_precision == "year" else 0.0
    return EventDescription(
        title=title[:300],
        summary=_summary(mentions),
        event_type=shape.event_type,
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
        date_reason=reason,
        participants=participants,
        place=place,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        disagreements=tuple(_disagreements(items, family)),
    )


def _best_date(items: Sequence[SourcedMention], family: str):
    mentions = [i.mention for i in items]
    days = [m.date for m in mentions if m.date.precision == "day"]
    if family == "visit" and days:
        first = min(days, key=lambda d: d.start)
        last = max(days, key=lambda d: d.last_day)
        if last.last_day > first.start:
            reason = f"from {first.start:%d %b %Y}: {first.reason}; to {last.last_day:%d %b %Y}: "
            reason += last.reason
            return first.start, "day", last.last_day, "day", reason
        return first.start, "day", None, "", first.reason
    # The most precise reading that most sources give; explicit dates beat inferred ones.
    support: dict[tuple[dt.date, str, dt.date | None], list[DateReading]] = defaultdict(list)
    for item in items:
        d = item.mention.date
        support[(d.start, d.precision, d.end)].append(d)
    sources_of: dict[tuple, set[str]] = defaultdict(set)
    for item in items:
        d = item.mention.date
        sources_of[(d.start, d.precision, d.end)].add(item.source)

    def rank(key):
        readings = support[key]
        return (
            PRECISION_RANK.get(key[1], 3),
            -len(sources_of[key]),
            0 if any(r.explicit for r in readings) else 1,
        )

    key = min(support, key=rank)
    reading = next((r for r in support[key] if r.explicit), support[key][0])
    return reading.start, reading.precision, reading.end, reading.end_precision, reading.reason


def _disagreements(items: Sequence[SourcedMention], family: str) -> list[str]:
    notes = []
    if family != "visit":
        days: dict[dt.date, set[str]] = defaultdict(set)
        for item in items:
            if item.mention.date.precision == "day" and item.mention.date.explicit:
                days[item.mention.date.start].add(item.label or item.source)
        if len(days) > 1:
            readings = "; ".join(
                f"{day:%d %b %Y} ({', '.join(sorted(who))})" for day, who in sorted(days.items())
            )
            notes.append(f"Sources give different dates: {readings}")
    durations: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for value in item.mention.durations:
            durations[value].add(item.label or item.source)
    if len(durations) > 1:
        readings = "; ".join(
            f"{describe_duration(v)} ({', '.join(sorted(who))})"
            for v, who in sorted(durations.items())
        )
        notes.append(f"Sources give different durations: {readings}")
    return notes


_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour"}


def describe_duration(value: str) -> str:
    """'PT3H' -> '3 hours', 'P30Y' -> '30 years'."""
    match = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDHS])", value)
    if not match:
        return value
    number, unit = match.groups()
    if value.startswith("PT") and unit == "M":
        word = "minute"
    else:
        word = _DURATION_UNITS.get(unit, "second")
    return f"{number} {word}{'' if number == '1' else 's'}"


def _participants(mentions: Sequence[Mention], people_kind: Mapping[str, str]) -> tuple[str, ...]:
    counts = Counter(p for m in mentions for p in m.participants)
    order = {p: i for i, p in enumerate(p for m in mentions for p in m.participants)}
    ranked = sorted(counts, key=lambda p: (-counts[p], order[p]))
    people = [p for p in ranked if people_kind.get(p) == "person"]
    others = [p for p in ranked if people_kind.get(p) != "person"]
    return tuple(people + others)


def _best_place(mentions: Sequence[Mention], place_kind: Mapping[str, str]) -> str:
    # Each mention's own place first (for talks: a city or a venue, never a topic country).
    counts = Counter(m.place for m in mentions if m.place)
    if not counts and mentions and mentions[0].family != "meeting":
        counts = Counter(p for m in mentions for p in m.places)
    for kind in ("city", "building", "region", "country"):
        ranked = [p for p, _ in counts.most_common() if place_kind.get(p) == kind]
        if ranked:
            return ranked[0]
    return ""


def _destination(mentions, place_kind, place_country) -> str:
    counts = Counter(p for m in mentions for p in m.places)
    for place, _ in counts.most_common():
        if place_kind.get(place) == "country":
            return place
        if place_country.get(place):
            return place_country[place]
    return ""


def _visitor(participants, people_kind, actor_country, destination) -> str:
    for slug in participants:
        if people_kind.get(slug) == "person" and actor_country.get(slug) != destination:
            return slug
    return ""


_CONFLICT_VERBS = {
    "invasion": "invades",
    "invade": "invades",
    "invaded": "invades",
    "invades": "invades",
    "attack": "attacks",
    "attacks": "attacks",
    "attacked": "attacks",
    "annexation": "annexes",
    "annexed": "annexes",
}


def _title(shape, mentions, participants, place, destination, names, people_kind) -> str:
    def name(slug: str) -> str:
        return names.get(slug, slug.replace("-", " ").title())

    people = [p for p in participants if people_kind.get(p) == "person"] or list(participants)
    listed = _join([name(p) for p in people[:3]])
    where = f" in {name(place)}" if place else ""
    all_preview = all(m.modality == "preview" for m in mentions)
    family = shape.family
    if family == "visit":
        kind = {"state_visit": "state visit", "working_visit": "working visit"}.get(
            shape.event_type, "visit"
        )
        target = name(destination) if destination else (name(place) if place else "")
        who = name(people[0]) if people else "Official"
        return f"{who}’s {kind}" + (f" to {target}" if target else "")
    if family == "meeting":
        if len(people) >= 2:
            verb = "to meet" if all_preview else "hold talks"
            return f"{listed} {verb}{where}"
        return f"Talks with {listed}{where}" if listed else f"Talks{where}"
    if family == "summit":
        return shape.name or (f"Summit with {listed}{where}" if listed else f"Summit{where}")
    if family == "agreement":
        obj = next((m.obj for m in mentions if m.obj), "an agreement")
        verb = "expected to sign" if all_preview else "sign"
        return f"{listed} {verb} {obj}" if listed else f"Agreement signed{where}"
    if family == "statement":
        return f"Statement by {listed}" if listed else "Statement"
    if family == "conflict":
        trigger = next((m.trigger.lower() for m in mentions if m.agent or m.patient), "")
        verb = _CONFLICT_VERBS.get(trigger)
        if shape.agent and shape.patient and verb:
            return f"{name(shape.agent)} {verb} {name(shape.patient)}"
        return f"Conflict: {listed}" if listed else f"Conflict{where}"
    if family == "sanction":
        if shape.agent and shape.patient:
            return f"{name(shape.agent)} imposes sanctions on {name(shape.patient)}"
        return f"Sanctions: {listed}" if listed else "Sanctions"
    trigger = mentions[0].trigger.lower()
    return f"{listed}: {trigger}" if listed else trigger.capitalize()


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _summary(mentions: Sequence[Mention]) -> str:
    def rank(m: Mention):
        return (
            0 if m.modality == "reported" else 1,
            0 if m.date.explicit else 1,
            PRECISION_RANK.get(m.date.precision, 3),
            -min(len(m.quote), SUMMARY_LENGTH),
        )

    best = min(mentions, key=rank).quote.strip()
    best = best.strip("“”\"' ")
    if len(best) <= SUMMARY_LENGTH:
        return best
    cut = best[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def period_label(description: EventDescription) -> str:
    return format_period(
        description.start_date,
        description.start_precision,
        description.end_date,
        description.end_precision,
    )


__all__ = [
    "Cluster",
    "EventDescription",
    "Sketch",
    "SourcedMention",
    "best_match",
    "cluster_article",
    "compatibility",
    "contains_event",
    "describe",
    "period_label",
    "period_last_day",
    "sketch",
]
