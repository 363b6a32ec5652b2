"""People, organisations, countries and places in article text, matched against a gazetteer.

Pure Python (standard library only, no Django), so it runs in tests, scripts and the pipeline
alike. Build a :class:`Gazetteer` once (from `fixtures/gazetteer.json` via
:meth:`Gazetteer.from_fixture`, or from database rows as :class:`GazetteerEntry` objects), then:

* :func:`find_entities` reports every mention of a known actor or place, with character offsets
  into the text given and ``via`` saying how it was recognised:

  - ``"name"`` / ``"alias"``: the entry's name or one of its aliases ("Lukashenko",
    "Jinping", "Kiev"); possessives ("Lukashenko's", "Belarus’") are matched without the suffix.
  - ``"surname"``: a bare surname that is not an alias by itself ("Li") naming a person already
    mentioned earlier in the same text (the most recent one with that surname).
  - ``"role:Belarusian President"``: an office description resolved to its holder on the date
    ``on`` ("the President of Belarus", "China’s leader", "his Chinese counterpart").
  - ``"anaphora:the Head of State"``: "the President" / "the Head of State" without a country,
    resolved to the head of state mentioned last, preferring mentions in subject position.
  - ``"metonymy:Minsk->belarus"``: a capital or seat of government standing for the government.
  - ``"capital:Chinese capital"``: "the Chinese capital" as the place.
  - ``"demonym:Chinese"``: a country adjective. Weak evidence: it says the country is talked
    about, not that it takes part in anything.

  A role or title directly followed by a name ("Chinese President Xi Jinping", "President
  Xi", "Premier Li Keqiang") is ONE mention spanning both, with the name's ``via``: the name is
  the stronger evidence and wins over the role if the two disagree. Overlapping matches are
  settled by length: the longest wins ("Shanghai Cooperation Organization" over "Shanghai").

* :func:`propose_names` lists capitalised names the gazetteer does not know, classified as a
  person, organisation or place by surface cues, for a curator to accept or dismiss.

A few thousand words take a few milliseconds: every surface form is compiled into one
alternation regex (longest first) when the gazetteer is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from timeline.extract.roles import (
    DEFAULT_CAPITALS,
    DEFAULT_DEMONYMS,
    DEFAULT_ROLES,
    DEFAULT_SEATS,
    OFFICE_WORDS,
    Role,
)

__all__ = [
    "EntityMention",
    "Gazetteer",
    "GazetteerEntry",
    "NameCandidate",
    "Role",
    "find_entities",
    "propose_names",
]


@dataclass(frozen=True)
class GazetteerEntry:
    slug: str
    name: str
    category: str  # "actor" | "place"
    kind: str  # actor: person/organisation/country; place: city/country/region/building/other
    aliases: tuple[str, ...] = ()
    country: str = ""  # country slug for places (and persons, where known)


@dataclass(frozen=True)
class EntityMention:
    start: int  # offsets into the text passed in
    end: int
    text: str
    slug: str
    category: str  # "actor" | "place"
    kind: str
    via: str
    as_place: bool = False  # a place name used as a place, not for its government


@dataclass(frozen=True)
class NameCandidate:
    text: str
    kind: str  # "person" | "organisation" | "place"
    start: int
    end: int
    evidence: str


# --- The gazetteer -------------------------------------------------------------------------

# Countries whose people's names are written family name first ("Li Keqiang" -> "Li").
_SURNAME_FIRST = frozenset({"china", "taiwan", "hong-kong", "north-korea", "south-korea"})

# Office fall-backs: "the Belarusian leader" is the president when no "leader" role is listed.
_OFFICE_FALLBACK: dict[str, tuple[str, ...]] = {
    "leader": ("head-of-state", "head-of-government"),
    "premier": ("head-of-government",),
    "prime-minister": ("head-of-government",),
    "secretary-of-state": ("foreign-minister",),
}

_SP = r"[ \u00a0]+"  # spaces inside a phrase: never a line break
_AFTER = r"(?!\w)(?!['’](?!s\b)\w)"  # end of word; "Xi's" ends after Xi, "Xi'an" does not
_TITLES = (
    "President",
    "Premier",
    "Prime Minister",
    "Chancellor",
    "Foreign Minister",
    "Secretary of State",
    "Secretary-General",
    "Secretary General",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Dr.",
    "Dr",
)


def _alternation(words: Iterable[str]) -> str:
    """One regex matching any of `words`, longest first, factored as a trie.

    Python's `re` tries alternatives one by one; sharing prefixes ("Belarus|Belarusian" ->
    "Belarus(?:ian)?") makes a few hundred names several times faster to scan for. Optional
    tails are greedy, so the longest word wins, and backtracking still finds a shorter one.
    """
    trie: dict = {}
    for word in set(words):
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    if not trie:
        return r"(?!x)x"

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) > 1 else f"(?:{body})?"
        return body

    return walk(trie)


def _office_variants(word: str) -> list[str]:
    """ "President" also as "president"; "leader" also as "Leader"; "Head of State" lowercase."""
    return list({word, word.lower(), word[0].upper() + word[1:], word.title()})


class Gazetteer:
    """Known actors and places with the regexes that find them; build once, use many times."""

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        roles: Iterable[Role] = DEFAULT_ROLES,
        *,
        demonyms: Mapping[str, Sequence[str]] = DEFAULT_DEMONYMS,
        capitals: Mapping[str, str] = DEFAULT_CAPITALS,
        seats: Mapping[str, str] = DEFAULT_SEATS,
    ) -> None:
        entries = list(entries)
        self.actors: dict[str, GazetteerEntry] = {}
        self.places: dict[str, GazetteerEntry] = {}
        for entry in entries:
            target = self.actors if entry.category == "actor" else self.places
            target[entry.slug] = entry
        self.roles: tuple[Role, ...] = tuple(
            r for r in roles if r.person in self.actors and r.country in self.actors
        )
        # Persons inherit a country from their first office (surname order, counterparts).
        person_country = {}
        for role in self.roles:
            person_country.setdefault(role.person, role.country)
        for slug, entry in list(self.actors.items()):
            if entry.kind == "person" and not entry.country and slug in person_country:
                self.actors[slug] = GazetteerEntry(
                    entry.slug,
                    entry.name,
                    entry.category,
                    entry.kind,
                    entry.aliases,
                    person_country[slug],
                )
        self.capitals = {c: p for c, p in capitals.items() if c in self.actors and p in self.places}
        # Seats of government stand for the country ("Minsk said", "the Kremlin said").
        self.seats = {p: c for c, p in self.capitals.items()}
        self.seats.update({p: c for p, c in seats.items() if p in self.places and c in self.actors})
        self.demonyms: dict[str, str] = {
            word: slug for slug, words in demonyms.items() if slug in self.actors for word in words
        }

        # Surface form -> [(entry, via)]: names and aliases, plus their all-caps form (datelines).
        self.surfaces: dict[str, list[tuple[GazetteerEntry, str]]] = {}
        for entry in [*self.actors.values(), *self.places.values()]:
            forms = [(entry.name, "name")] + [(a, "alias") for a in entry.aliases if a]
            for form, via in forms:
                variants = [form]
                if len(form) >= 4 and not form.isupper():
                    variants.append(form.upper())
                for variant in variants:
                    bucket = self.surfaces.setdefault(variant, [])
                    if all(e is not entry for e, _ in bucket):
                        bucket.append((entry, via))
        # Bare surnames that are not aliases: matched only as back-references ("Li").
        self.surnames: dict[str, list[str]] = {}
        for entry in self.actors.values():
            if entry.kind != "person":
                continue
            for form in (entry.name, *entry.aliases):
                tokens = form.split()
                if len(tokens) < 2:
                    continue
                surname = tokens[0] if entry.country in _SURNAME_FIRST else tokens[-1]
                if surname in self.surfaces or not surname[:1].isupper() or len(surname) < 2:
                    continue
                slugs = self.surnames.setdefault(surname, [])
                if entry.slug not in slugs:
                    slugs.append(entry.slug)

        self._compile()

    @classmethod
    def from_fixture(cls, data: list[dict], **kwargs) -> Gazetteer:
        """Build from a parsed Django fixture (`timeline.actor` / `timeline.place` objects).

        Dismissed names are left out; accepted and proposed ones are matched.
        """
        entries = []
        for obj in data:
            model = str(obj.get("model", "")).lower()
            if model not in ("timeline.actor", "timeline.place"):
                continue
            fields = obj.get("fields", {})
            if fields.get("status") == "dismissed":
                continue
            country = fields.get("country") or ""
            if isinstance(country, list | tuple):
                country = country[0] if country else ""
            entries.append(
                GazetteerEntry(
                    slug=fields["slug"],
                    name=fields["name"],
                    category="actor" if model == "timeline.actor" else "place",
                    kind=fields.get("kind", "other"),
                    aliases=tuple(fields.get("aliases") or ()),
                    country=str(country),
                )
            )
        return cls(entries, **kwargs)

    def _compile(self) -> None:
        names = _alternation([*self.surfaces, *self.surnames, *self.demonyms])
        first = "".join(
            sorted({re.escape(w[0]) for w in [*self.surfaces, *self.surnames, *self.demonyms]})
        )
        # The first-character class lets the scan skip most positions cheaply.
        self._names_re = re.compile(rf"(?<![\w])(?=[{first or 'x'}])(?:{names}){_AFTER}")

        dem = _alternation(self.demonyms)
        # Countries and organisations that have offices ("NATO chief", "Belarus’ President").
        role_owners = {r.country for r in self.roles} | {
            s for s, e in self.actors.items() if e.kind == "country"
        }
        owner_forms = [
            form
            for form, bucket in self.surfaces.items()
            if any(e.category == "actor" and e.slug in role_owners for e, _ in bucket)
        ]
        ctry = _alternation(owner_forms)
        office_forms = [v for word in OFFICE_WORDS for v in _office_variants(word)]
        self._office_key = {w.lower(): key for w, key in OFFICE_WORDS.items()}
        off = _alternation(office_forms)
        end = r"(?![\w-])"

        def det(n: int, words: str = r"[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir") -> str:
            return rf"(?:(?P<det{n}>{words}){_SP})?"

        # All descriptions in one regex, one branch each (group names end in the branch
        # number); where two could start at one place, the longer kind comes first.
        branches = {
            "of": rf"{det(1, '[Tt]he')}(?P<off1>{off}){_SP}of{_SP}(?:the{_SP})?(?P<ctry1>{ctry})"
            rf"{_AFTER}",
            "capital": rf"{det(2, '[Tt]he')}(?:(?P<dem2>{dem})|(?P<ctry2>{ctry})['’]s?){_SP}"
            r"capital(?!\w)",
            "dem": rf"{det(3)}(?P<dem3>{dem}){_SP}(?P<off3>{off}){end}",
            "ctry": rf"{det(4, '[Tt]he')}(?P<ctry4>{ctry})(?:['’]s|['’])?{_SP}(?P<off4>{off}){end}",
            "anaphora": rf"(?P<det5>[Tt]he){_SP}(?P<off5>President|Head of State|head of state)"
            rf"{end}",
            "title": rf"(?<!\.)(?P<off6>{_alternation(_TITLES)})(?={_SP})",
        }
        chars = {
            re.escape(w[0])
            for group in (("T", "t", "H", "h", "I", "i"), self.demonyms, owner_forms, _TITLES)
            for w in group
        }
        # The first-character lookahead lets the scan skip most positions cheaply.
        self._phrase_re = re.compile(
            rf"(?<!\w)(?=[{''.join(sorted(chars))}])(?:"
            + "|".join(f"(?P<{name}>{body})" for name, body in branches.items())
            + ")"
        )

    # --- lookups ---------------------------------------------------------------------------

    def owner_of(self, surface: str) -> str:
        """The actor slug (country or organisation) a surface form names, or ""."""
        for entry, _ in self.surfaces.get(surface, ()):
            if entry.category == "actor" and entry.kind in ("country", "organisation"):
                return entry.slug
        return ""

    def holder(self, country: str, office: str, on: dt.date) -> str:
        """Slug of the person holding `office` of `country` on `on`, or ""."""
        for key in (office, *_OFFICE_FALLBACK.get(office, ())):
            active = [
                r for r in self.roles if r.country == country and key in r.offices and r.active(on)
            ]
            if active:
                return max(active, key=lambda r: r.start or dt.date.min).person
        return ""

    def roles_of(self, person: str, on: dt.date) -> list[Role]:
        return [r for r in self.roles if r.person == person and r.active(on)]


# --- Finding known entities ----------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # name | surname | demonym | role | capital | anaphora | title
    text: str
    office: str = ""
    owner: str = ""  # country/organisation slug of a role or capital
    role_text: str = ""
    fallback: _Cand | None = None  # what to report if a role does not resolve
    name: _Cand | None = None  # the name a role/title is merged with


_PRIORITY = {
    "name": 0,
    "role": 1,
    "capital": 1,
    "anaphora": 2,
    "surname": 3,
    "demonym": 4,
    "title": 5,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The word right before a place name (skipping "the") that makes it the place: "in Beijing".
_CITY_CUES = _words(
    "in to at into inside near outside across around throughout visit visits visited visiting"
    " toured reached via"
)
# Countries: "to"/"at" are too often relational ("support to Ukraine"); "to" counts only after a
# word of movement earlier in the clause ("a visit by the Belarusian President to China").
_COUNTRY_CUES = _words("in into inside across throughout visit visits visited visiting toured")
_MOVEMENT_RE = re.compile(
    r"\b(?:visit|trip|journey|tour|travel|came|come|comes|went|goes|flew|arrived|returned"
    r"|return|moved|way)\w*"
)
_DATELINE_AFTER_RE = re.compile(
    r"[ \u00a0]*(?:,[ \u00a0]*(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"[ \u00a0]+\d)|\(|[–—])"
)
_POSSESSIVE_RE = re.compile(r"['’]s?(?!\w)")
_REPORTING_RE = re.compile(
    rf"{_SP}(?:also{_SP}|further{_SP}|then{_SP})?(?:said|says|added|adds|noted|notes|stressed"
    r"|stresses|told|stated|emphasi[sz]ed|remarked|declared|announced|thanked|praised|urged"
    r"|highlighted|called|reaffirmed|assured|suggested|offered|mentioned|hailed|conveyed"
    r"|critici[sz]ed|warned|replied|insisted|welcomed|expressed)(?!\w)"
)
_ACRONYM_KEEP_NEXT = frozenset(
    {"Summit", "Forum", "Conference", "Secretary", "Secretary-General", "President", "Chief"}
)


def _sentence_initial(text: str, start: int) -> bool:
    """Only spaces and quotes between the previous sentence end (or line start) and `start`."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“”‘’«»(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def _candidates(text: str, gaz: Gazetteer) -> list[_Cand]:
    cands: list[_Cand] = []
    for m in gaz._names_re.finditer(text):
        surface = m.group()
        if surface in gaz.surfaces:
            kind = "name"
        elif surface in gaz.surnames:
            kind = "surname"
        else:
            kind = "demonym"
        cands.append(_Cand(m.start(), m.end(), kind, surface))

    numbers = {"of": 1, "capital": 2, "dem": 3, "ctry": 4, "anaphora": 5, "title": 6}
    for m in gaz._phrase_re.finditer(text):
        branch = m.lastgroup or ""
        n = numbers[branch]
        groups = {k[:-1]: v for k, v in m.groupdict().items() if k.endswith(str(n)) and v}
        spans = {k[:-1]: m.span(k) for k in m.groupdict() if k.endswith(str(n)) and m.group(k)}
        if branch == "title":
            cands.append(_Cand(m.start(), m.end(), "title", m.group()))
            continue
        if branch == "anaphora":
            office = "head-of-state" if groups["off"].lower() == "head of state" else "president"
            cands.append(_Cand(m.start(), m.end(), "anaphora", m.group(), office=office))
            continue
        if "dem" in groups:
            owner = gaz.demonyms.get(groups["dem"], "")
            inner = _Cand(*spans["dem"], "demonym", groups["dem"])
        else:
            owner = gaz.owner_of(groups["ctry"])
            inner = _Cand(*spans["ctry"], "name", groups["ctry"])
        described = text[spans["det"][1] if "det" in spans else m.start() : m.end()].lstrip()
        cands.append(
            _Cand(
                m.start(),
                m.end(),
                "capital" if branch == "capital" else "role",
                m.group(),
                office=gaz._office_key.get(groups.get("off", "").lower(), ""),
                owner=owner,
                role_text=described,
                fallback=inner,
            )
        )
    return cands


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; ties go to the earlier, then the more specific candidate."""
    chosen: list[_Cand] = []
    taken = bytearray(max((c.end for c in cands), default=0))
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.start, _PRIORITY[c.kind])):
        if any(taken[cand.start : cand.end]):
            continue
        chosen.append(cand)
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    return sorted(chosen, key=lambda c: c.start)


def _merge_titles(text: str, cands: list[_Cand], gaz: Gazetteer) -> list[_Cand]:
    """Join a role or title with the person name right after it; drop unmerged bare titles."""
    merged: list[_Cand] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (
            cand.kind in ("role", "title", "anaphora")
            and nxt is not None
            and nxt.kind in ("name", "surname")
            and re.fullmatch(_SP, text[cand.end : nxt.start])
            and _may_be_person(nxt, gaz)
        ):
            merged.append(
                _Cand(
                    cand.start,
                    nxt.end,
                    "role" if cand.kind == "role" else "title",
                    text[cand.start : nxt.end],
                    office=cand.office,
                    owner=cand.owner,
                    role_text=cand.role_text,
                    name=nxt,
                )
            )
            i += 2
            continue
        if cand.kind != "title":
            merged.append(cand)
        i += 1
    return merged


def _may_be_person(cand: _Cand, gaz: Gazetteer) -> bool:
    if cand.kind == "surname":
        return True
    return any(e.kind == "person" for e, _ in gaz.surfaces.get(cand.text, ()))


def _drop_name_prefixes(text: str, cands: list[_Cand]) -> list[_Cand]:
    """An acronym right before an unknown capitalised word is part of a longer name:
    "UN Comtrade" is not the UN, "the West Bank" is not the West."""
    starts = {c.start for c in cands}
    kept = []
    for cand in cands:
        if cand.kind == "name" and (
            (cand.text.isupper() and len(cand.text) <= 5) or cand.text in ("the West", "The West")
        ):
            m = re.match(rf"{_SP}([A-Z][\w-]*)", text[cand.end :])
            if m and cand.end + m.start(1) not in starts and m.group(1) not in _ACRONYM_KEEP_NEXT:
                continue
        kept.append(cand)
    return kept


class _Resolver:
    def __init__(self, text: str, gaz: Gazetteer, on: dt.date) -> None:
        self.text = text
        self.gaz = gaz
        self.on = on
        self.mentions: list[EntityMention] = []
        self.people: list[tuple[str, bool]] = []  # (slug, in subject position), in text order

    def run(self, cands: list[_Cand]) -> list[EntityMention]:
        for cand in cands:
            mention = self.resolve(cand)
            if mention is None and cand.fallback is not None:
                mention = self.resolve(cand.fallback)
            if mention is None:
                continue
            self.mentions.append(mention)
            if mention.category == "actor" and mention.kind == "person":
                subject = _sentence_initial(self.text, mention.start) or bool(
                    _REPORTING_RE.match(self.text, mention.end)
                )
                self.people.append((mention.slug, subject))
        return self.mentions

    def actor(self, cand: _Cand, slug: str, via: str) -> EntityMention | None:
        entry = self.gaz.actors.get(slug)
        if entry is None:
            return None
        return EntityMention(cand.start, cand.end, cand.text, slug, "actor", entry.kind, via)

    def place(self, cand: _Cand, slug: str, via: str) -> EntityMention | None:
        entry = self.gaz.places.get(slug)
        if entry is None:
            return None
        return EntityMention(cand.start, cand.end, cand.text, slug, "place", entry.kind, via, True)

    def resolve(self, cand: _Cand) -> EntityMention | None:
        if cand.kind == "name":
            return self.name(cand)
        if cand.kind == "surname":
            return self.surname(cand)
        if cand.kind == "demonym":
            return self.actor(cand, self.gaz.demonyms[cand.text], f"demonym:{cand.text}")
        if cand.kind == "capital":
            capital = self.gaz.capitals.get(cand.owner, "")
            return self.place(cand, capital, f"capital:{cand.role_text}") if capital else None
        if cand.kind == "anaphora":
            return self.anaphora(cand)
        if cand.kind in ("role", "title"):
            return self.role(cand)
        return None

    def role(self, cand: _Cand) -> EntityMention | None:
        holder = ""
        if cand.kind == "role" and cand.owner:
            office = cand.office
            if office == "counterpart":
                office = self.counterpart_office(cand.owner)
            holder = self.gaz.holder(cand.owner, office, self.on) if office else ""
        if cand.name is not None:
            named = self.resolve(cand.name)
            if named is not None and named.kind == "person":
                return _span(named, cand, self.text)
            # "Chinese Premier Li": the holder, if the bare surname is theirs.
            if (
                holder
                and cand.name.kind == "surname"
                and holder in self.gaz.surnames.get(cand.name.text, ())
            ):
                return self.actor(cand, holder, "surname")
            if not holder:
                return None
        if not holder:
            return None
        return self.actor(cand, holder, f"role:{cand.role_text}")

    def counterpart_office(self, owner: str) -> str:
        """ "his Chinese counterpart": the office of the last-mentioned office holder."""
        for slug, _ in reversed(self.people):
            roles = [r for r in self.gaz.roles_of(slug, self.on) if r.country != owner]
            if roles:
                return roles[-1].offices[0]
        return "leader"

    def anaphora(self, cand: _Cand) -> EntityMention | None:
        wanted = {"president", "head-of-state"} if cand.office == "president" else {cand.office}
        eligible = [
            (slug, subject)
            for slug, subject in self.people
            if any(wanted & set(r.offices) for r in self.gaz.roles_of(slug, self.on))
        ]
        if not eligible:
            return None
        subjects = [slug for slug, subject in eligible if subject]
        slug = subjects[-1] if subjects else eligible[-1][0]
        return self.actor(cand, slug, f"anaphora:{cand.text}")

    def surname(self, cand: _Cand) -> EntityMention | None:
        slugs = self.gaz.surnames.get(cand.text, [])
        for slug, _ in reversed(self.people):
            if slug in slugs:
                return self.actor(cand, slug, "surname")
        return None

    def name(self, cand: _Cand) -> EntityMention | None:
        bucket = self.gaz.surfaces[cand.text]
        places = [(e, v) for e, v in bucket if e.category == "place"]
        actors = [(e, v) for e, v in bucket if e.category == "actor"]
        after = self.text[cand.end :]
        before = self.text[max(0, cand.start - 90) : cand.start]
        # "Minsk's", and "China-Belarus cooperation" (a compound adjective), are never the place.
        relational = bool(_POSSESSIVE_RE.match(after)) or bool(re.match(r"-[A-Z]", after))
        if places and not relational:
            entry, via = places[0]
            word, at = _word_before(self.text, cand.start)
            word = word.lower()
            if entry.kind != "country":
                cue = word in _CITY_CUES
            elif word == "to":
                clause = re.split(r"[,.;:!?\n]", self.text[max(0, at - 70) : at])[-1]
                cue = bool(_MOVEMENT_RE.search(clause))
            else:
                cue = word in _COUNTRY_CUES
            # Datelines: "Beijing, 5 December 2023 (TDI):", "4-12-2023 (BEIJING)".
            dateline = (before.endswith("(") and after.startswith(")")) or (
                entry.kind != "country"
                and _line_initial(self.text, cand.start)
                and bool(_DATELINE_AFTER_RE.match(after))
            )
            if cue or dateline:
                return self.place(cand, entry.slug, via)
        if actors:
            people = [(e, v) for e, v in actors if e.kind == "person"]
            if len(people) > 1:  # an alias shared by two people: the one mentioned last
                recent = [s for s, _ in reversed(self.people)]
                people.sort(key=lambda ev: recent.index(ev[0].slug) if ev[0].slug in recent else 99)
                if people[0][0].slug not in recent:
                    return None
            entry, via = (people or actors)[0]
            return self.actor(cand, entry.slug, via)
        entry, via = places[0]
        government = self.gaz.seats.get(entry.slug)
        if government:
            return self.actor(cand, government, f"metonymy:{cand.text}->{government}")
        return self.place(cand, entry.slug, via)


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word just before `start`, separated by spaces only, skipping "the"; and its offset."""
    j = start
    while j > 0 and text[j - 1] in " \u00a0":
        j -= 1
    if j == start:
        return "", start
    k = j
    while k > 0 and text[k - 1].isalnum():
        k -= 1
    if text[k:j].lower() == "the":
        return _word_before(text, k)
    return text[k:j], k


def _line_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] == "\n"


def _span(named: EntityMention, cand: _Cand, text: str) -> EntityMention:
    return EntityMention(
        cand.start,
        cand.end,
        text[cand.start : cand.end],
        named.slug,
        named.category,
        named.kind,
        named.via,
        named.as_place,
    )


def find_entities(
    text: str, gazetteer: Gazetteer, *, on: dt.date | None = None
) -> list[EntityMention]:
    """Every mention of a known actor or place in `text`, in text order.

    `on` is the article's publication date: role descriptions resolve to whoever held the office
    then (today when not given).
    """
    cands = _select(_candidates(text, gazetteer))
    cands = _merge_titles(text, cands, gazetteer)
    cands = _drop_name_prefixes(text, cands)
    return _Resolver(text, gazetteer, on or dt.date.today()).run(cands)


# --- Proposing unknown names ---------------------------------------------------------------

_MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri")
# Words capitalised for position or style, trimmed from the edges of a name.
_STOP = (
    _MONTHS
    | _WEEKDAYS
    | _words(
        """A An The This That These Those There Their They Then Thus Also And But Or Nor So Yet
    For In On At By To Of From With Without Into Over Under After Before During Since Until As
    If When While Where Whether Which Who Whom Whose What Why How However Although Though
    Meanwhile Moreover Furthermore Therefore Nevertheless According Accordingly Despite Being
    It Its He She His Her Him We Our Us You Your I My Me Mine Not No Yes All Both Each Every
    Some Many Most More Much Several Such Other Another Any Only Just Even Still Here Now
    Today Yesterday Tomorrow Read Posted Updated Follow Share Explore Recommended Source Related
    Home News Latest Popular Photo Video Image Click See Watch Listen Subscribe Sign Log Min
    Hours Minutes Years Days Weeks Months Year Day Week Month Last Next First Second Third
    Mr Mrs Ms Dr President Premier Prime Minister Ministers Foreign Secretary Chancellor
    Ambassador General Head State Chief Leader Spokesman Spokesperson Deputy Vice Chairman
    Sir Lord Lady King Queen Prince Pope Sheikh Emir Senator Governor Mayor Commander
    Later Earlier Recently Previously Currently Additionally Instead Indeed Finally Eventually
    Initially Overall Notably Separately Similarly Speaking Asked Addressing Among Between
    Against Amid Following Ahead Around About Like Unlike Given Like Unlike Thanks Dear"""
    )
)
# Capitalised common words: fine inside a longer name ("National University"), not a name alone.
_COMMON = _STOP | _words(
    """Western Eastern Northern Southern European Asian African International National Global
    Federal Republic Government Parliament Congress Senate Cabinet Presidency Kingdom
    Relations Affairs Cooperation Development Security Economic Trade Political Military
    God Allah Christmas Easter Ramadan Internet Covid COVID North South East West Upper Lower
    Central New Old Great Little Red Black White Green Blue"""
)
_TITLE_WORDS = _words(
    """President Premier Minister Chancellor Secretary Ambassador Mr Mrs Ms Dr Spokesman
    Spokesperson Envoy Senator Governor Mayor General Commander King Queen Prince Sheikh
    counterpart spokesman spokesperson envoy minister president premier leader ambassador
    chancellor general commander"""
)
_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "von", "der", "van", "du", "la", "al"})
_ORG_WORDS = _words(
    """Organization Organisation Union Ministry Department Agency Council Party Bank Company
    Corp Corporation Inc Ltd LLC Group Committee Commission University Institute Academy
    Assembly Court Fund Office Service Bureau Times Post Press Daily Radio Television TV
    Foundation Association Alliance Army Forces Police Guard Network Media Airlines Railways
    News Broadcasting Club Movement Front Centre Center Board Authority Exchange"""
)
_EVENT_WORDS = _words(
    """Initiative Forum Summit Conference Games Olympics War Day Festival Expo Week Cup
    Championship Agreement Treaty Accord Declaration Plan Programme Program Strategy Revolution
    Crisis Protocol Act Convention"""
)
_PLACE_WORDS = _words(
    """Park Square Street Avenue Palace Hall Airport Region Province Oblast District Island
    Islands Sea River Mountains Bay Strait Peninsula Valley Gulf Guesthouse Stadium Bridge Port
    City County Oblast Raion Village Lake Desert Canal Base Zone"""
)
_ACRONYM_STOP = _words(
    """BS BA MA MSc PhD MBA EST EDT PST PDT GMT UTC CET CEST MSK AM PM TV CEO CFO MP MPs USD
    EUR RUB CNY BYN OK ID READ MORE MIN WORLD NEWS SOURCE HOME RECOMMENDED VIDEO PHOTO UPDATE
    LIVE BREAKING AD BC II III IV"""
)
_ORG_BEFORE = _words(
    """portal agency newspaper outlet broadcaster channel website daily paper publication
    company firm group bank ministry"""
)
_PREPOSITIONS = frozenset({"in", "to", "from", "at", "near", "into", "In", "To", "From", "At"})
_DOMAIN_RE = re.compile(r"\.(?:io|com|org|net|by|ru|cn|ua|info|news|tv|gov|eu|uk|de)$", re.I)
_TOKEN_RE = re.compile(r"[^\W_]\w*(?:[-.&'’][^\W_]\w*)*")
_NAMEY_RE = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*|[A-Z]{3,}")
_SAID_RE = re.compile(
    r",?[ \u00a0]+(?:said|says|told|added|noted|stressed|stated|explained|wrote)(?!\w)"
)


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    possessive: bool = False


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        possessive = False
        if len(word) > 2 and word[-2] in "'’" and word[-1] == "s":
            word, end, possessive = word[:-2], end - 2, True
        elif end < len(text) and text[end] in "'’" and text[end + 1 : end + 2] in ("", " "):
            possessive = True  # "Belarus’ President"
        toks.append(_Tok(start, end, word, possessive))
    return toks


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Sequences of capitalised tokens joined by single spaces (and inner connectors)."""
    runs: list[list[_Tok]] = []
    run: list[_Tok] = []
    pending: list[_Tok] = []
    prev: _Tok | None = None
    for tok in toks:
        capital = tok.text[0].isupper()
        joined = (
            prev is not None
            and run
            and not prev.possessive
            and text[prev.end : tok.start] in (" ", "\u00a0")
        )
        if capital:
            if joined:
                run.extend(pending)
            else:
                if run:
                    runs.append(run)
                run = []
            pending = []
            run.append(tok)
        elif joined and tok.text in _CONNECTORS and not prev.possessive:
            pending.append(tok)
        else:
            if run:
                runs.append(run)
            run, pending = [], []
        prev = tok
    if run:
        runs.append(run)
    return runs


def _is_acronym(word: str) -> bool:
    letters = word.replace("&", "")
    return (
        2 <= len(letters) <= 6
        and letters.isalpha()
        and letters.isupper()
        and word not in _ACRONYM_STOP
    )


def _classify(text: str, toks: list[_Tok], initial: bool, titled: str) -> tuple[str, str] | None:
    words = [t.text for t in toks]
    caps = [w for w in words if w not in _CONNECTORS]
    if len(caps) >= 2 and all(w.isupper() for w in caps):
        return None  # a heading in capitals ("READ MORE", "3 MIN READ")
    before = text[max(0, toks[0].start - 40) : toks[0].start]
    prev_word = (re.findall(r"[\w’']+", before) or [""])[-1]
    after = text[toks[-1].end : toks[-1].end + 30]
    single = len(caps) == 1
    if words[-1] in _ORG_WORDS and not single:
        return "organisation", f"ends in '{words[-1]}'"
    if any(w in _EVENT_WORDS for w in words):
        return None  # an event's name ("Belt and Road Forum"), not an actor
    for w in words:
        if _DOMAIN_RE.search(w):
            return "organisation", f"web domain '{w}'"
    if not single:
        for w in words:
            if w in _ORG_WORDS:
                return "organisation", f"contains '{w}'"
    for w in caps:
        if _is_acronym(w):
            return "organisation", f"all-caps acronym '{w}'"
    if prev_word.lower() in _ORG_BEFORE:
        return "organisation", f"after '{prev_word}'"
    if not single and words[-1] in _PLACE_WORDS:
        return "place", f"ends in '{words[-1]}'"
    if initial and single:
        return None  # a capitalised sentence opener without a stronger cue
    namey = all(_NAMEY_RE.fullmatch(w) and w not in _COMMON for w in caps)
    if titled and namey and len(caps) <= 4:
        return "person", f"capitalised sequence after '{titled}'"
    if prev_word in _TITLE_WORDS and namey and len(caps) <= 4:
        return "person", f"capitalised sequence after '{prev_word}'"
    if namey and len(caps) <= 3 and _SAID_RE.match(after):
        return "person", "followed by 'said'"
    if prev_word in _PREPOSITIONS and namey and len(caps) <= 3:
        return "place", f"after '{prev_word.lower()}'"
    if namey and 2 <= len(caps) <= 3 and "and" not in words:
        return "person", "two-three capitalised tokens"
    return None


def propose_names(text: str, known: Sequence[EntityMention]) -> list[NameCandidate]:
    """Capitalised names in `text` that `known` mentions do not cover, with a guessed kind.

    Never sentence-initial common words, month or weekday names, titles, demonyms or pieces
    of known names. An occurrence without a cue of its own takes the kind of another occurrence
    of the same name.
    """
    occupied = bytearray(len(text) + 1)
    for m in known:
        occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
    known_words = {w for m in known for w in m.text.split()} | set(DEMONYM_WORDS)

    def covered(tok: _Tok) -> bool:
        return any(occupied[tok.start : tok.end])

    found: list[tuple[list[_Tok], tuple[str, str] | None]] = []
    for run in _runs(text, _tokens(text)):
        for part in _split_and(run):
            initial = _sentence_initial(text, part[0].start)
            titled = ""
            while part and (
                part[0].text in _STOP
                or part[0].text in DEMONYM_WORDS
                or (initial and part[0].text.endswith("ly") and len(part) > 1)  # "Finally X"
            ):
                if part[0].text in _TITLE_WORDS:
                    titled = part[0].text
                initial = False
                part = part[1:]
            while part and (
                part[-1].text in _STOP
                or part[-1].text in _CONNECTORS
                or part[-1].text in DEMONYM_WORDS
            ):
                part = part[:-1]
            while part and part[0].text in _CONNECTORS:
                part = part[1:]
            if not part:
                continue
            rest = [t for t in part if not covered(t) and t.text not in _CONNECTORS]
            if not rest or all(t.text in _COMMON for t in rest):
                continue
            if len(part) == 1 and part[0].text in known_words:
                continue  # "Alexander" alone after "Alexander Lukashenko"
            found.append((part, _classify(text, part, initial, titled)))

    kinds: dict[str, tuple[str, str, int]] = {}
    for part, verdict in found:
        name = text[part[0].start : part[-1].end]
        if verdict and name not in kinds:
            kinds[name] = (verdict[0], verdict[1], part[0].start)
    result = []
    for part, verdict in found:
        name = text[part[0].start : part[-1].end]
        if verdict is None:
            if name not in kinds:
                continue
            kind, _, at = kinds[name]
            verdict = (kind, f"same name as at offset {at}")
        result.append(NameCandidate(name, verdict[0], part[0].start, part[-1].end, verdict[1]))
    return result


def _split_and(run: list[_Tok]) -> list[list[_Tok]]:
    """ "Lukashenko and Sleiman" are two names; "Belt and Road Initiative" is one."""
    words = {t.text for t in run}
    if "and" not in words or words & (_ORG_WORDS | _EVENT_WORDS):
        return [run]
    parts: list[list[_Tok]] = [[]]
    for tok in run:
        if tok.text == "and":
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


DEMONYM_WORDS = frozenset(w for words in DEFAULT_DEMONYMS.values() for w in words)
