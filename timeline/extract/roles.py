"""Offices, their holders over time, demonyms and capitals: the data behind role descriptions.

Pure data (standard library only). `timeline.extract.entities` uses it to resolve "the Belarusian
President", "Chinese Premier", "the leader of Belarus", "the Chinese capital" or "Minsk said" to
gazetteer slugs. Person and country slugs refer to `fixtures/gazetteer.json`; a role whose
person is not in the gazetteer in use is ignored.

Dates are inclusive on both ends; on a hand-over day both holders match and the one whose term
started later wins (an inauguration day belongs to the new holder).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "DEFAULT_CAPITALS",
    "DEFAULT_DEMONYMS",
    "DEFAULT_ROLES",
    "DEFAULT_SEATS",
    "OFFICE_WORDS",
    "Role",
]


@dataclass(frozen=True)
class Role:
    """One term of one office: `country` may also be an organisation slug (nato, ...)."""

    country: str
    offices: tuple[str, ...]  # the first is the primary office; the rest are synonyms it answers to
    person: str
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive; None = still in office

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @property
    def head_of_state(self) -> bool:
        return "head-of-state" in self.offices


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


_HOS = ("president", "head-of-state", "leader")  # a president who is also the country's leader
_HOG = ("premier", "prime-minister", "head-of-government")
_FM = ("foreign-minister",)
_SECSTATE = ("foreign-minister", "secretary-of-state")
_SECGEN = ("secretary-general", "leader")

DEFAULT_ROLES: tuple[Role, ...] = (
    # Belarus
    Role("belarus", _HOS, "lukashenko", _d("1994-07-20")),
    Role("belarus", _HOG, "golovchenko", _d("2020-06-04"), _d("2025-04-08")),
    Role("belarus", _HOG, "turchin", _d("2025-04-08")),
    Role("belarus", _FM, "makei", _d("2012-08-20"), _d("2022-11-26")),
    Role("belarus", _FM, "aleinik", _d("2022-12-05"), _d("2024-04-16")),
    Role("belarus", _FM, "ryzhenkov", _d("2024-04-16")),
    # China: Xi leads the party from November 2012, the state from March 2013
    Role("china", ("leader",), "xi-jinping", _d("2012-11-15")),
    Role("china", _HOS, "xi-jinping", _d("2013-03-14")),
    Role("china", _HOG, "li-keqiang", _d("2013-03-15"), _d("2023-03-10")),
    Role("china", _HOG, "li-qiang", _d("2023-03-11")),
    Role("china", _FM, "wang-yi", _d("2013-03-16"), _d("2022-12-30")),
    Role("china", _FM, "qin-gang", _d("2022-12-30"), _d("2023-07-25")),
    Role("china", _FM, "wang-yi", _d("2023-07-25")),
    # Russia
    Role("russia", _HOS, "putin", _d("2000-05-07"), _d("2008-05-07")),
    Role("russia", _HOS, "medvedev", _d("2008-05-07"), _d("2012-05-07")),
    Role("russia", _HOS, "putin", _d("2012-05-07")),
    Role("russia", _HOG, "medvedev", _d("2012-05-08"), _d("2020-01-16")),
    Role("russia", _HOG, "mishustin", _d("2020-01-16")),
    Role("russia", _FM, "lavrov", _d("2004-03-09")),
    # Ukraine
    Role("ukraine", _HOS, "zelenskyy", _d("2019-05-20")),
    Role("ukraine", _HOG, "shmyhal", _d("2020-03-04"), _d("2025-07-17")),
    Role("ukraine", _HOG, "svyrydenko", _d("2025-07-17")),
    Role("ukraine", _FM, "kuleba", _d("2020-03-04"), _d("2024-09-05")),
    Role("ukraine", _FM, "sybiha", _d("2024-09-05")),
    # United States
    Role("united-states", _HOS, "trump", _d("2017-01-20"), _d("2021-01-20")),
    Role("united-states", _HOS, "biden", _d("2021-01-20"), _d("2025-01-20")),
    Role("united-states", _HOS, "trump", _d("2025-01-20")),
    Role("united-states", _SECSTATE, "pompeo", _d("2018-04-26"), _d("2021-01-20")),
    Role("united-states", _SECSTATE, "blinken", _d("2021-01-26"), _d("2025-01-20")),
    Role("united-states", _SECSTATE, "rubio", _d("2025-01-21")),
    # United Kingdom (the monarch is head of state; the prime minister leads)
    Role("united-kingdom", (*_HOG, "leader"), "johnson", _d("2019-07-24"), _d("2022-09-06")),
    Role("united-kingdom", (*_HOG, "leader"), "truss", _d("2022-09-06"), _d("2022-10-25")),
    Role("united-kingdom", (*_HOG, "leader"), "sunak", _d("2022-10-25"), _d("2024-07-05")),
    Role("united-kingdom", (*_HOG, "leader"), "starmer", _d("2024-07-05")),
    # Germany, France
    Role("germany", ("chancellor", *_HOG, "leader"), "scholz", _d("2021-12-08"), _d("2025-05-06")),
    Role("germany", ("chancellor", *_HOG, "leader"), "merz", _d("2025-05-06")),
    Role("france", _HOS, "macron", _d("2017-05-14")),
    # Organisations
    Role("european-commission", ("president", "leader"), "von-der-leyen", _d("2019-12-01")),
    Role("european-council", ("president",), "charles-michel", _d("2019-12-01"), _d("2024-11-30")),
    Role("european-council", ("president",), "antonio-costa", _d("2024-12-01")),
    Role("european-union", ("foreign-minister",), "borrell", _d("2019-12-01"), _d("2024-11-30")),
    Role("european-union", ("foreign-minister",), "kallas", _d("2024-12-01")),
    Role("nato", _SECGEN, "stoltenberg", _d("2014-10-01"), _d("2024-09-30")),
    Role("nato", _SECGEN, "rutte", _d("2024-10-01")),
    Role("united-nations", _SECGEN, "guterres", _d("2017-01-01")),
)

# Office words as texts write them -> office key. Matched with either initial case.
OFFICE_WORDS: dict[str, str] = {
    "President": "president",
    "Premier": "premier",
    "Prime Minister": "prime-minister",
    "Chancellor": "chancellor",
    "leader": "leader",
    "chief": "leader",
    "Head of State": "head-of-state",
    "head of state": "head-of-state",
    "Foreign Minister": "foreign-minister",
    "Minister of Foreign Affairs": "foreign-minister",
    "Foreign Secretary": "foreign-minister",
    "foreign policy chief": "foreign-minister",
    "top diplomat": "foreign-minister",
    "Secretary of State": "secretary-of-state",
    "Secretary General": "secretary-general",
    "Secretary-General": "secretary-general",
    "counterpart": "counterpart",  # resolved against the office of the person last mentioned
}

# Country (actor) slug -> adjectives. "Western" stands for the West as a whole.
DEFAULT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "belarus": ("Belarusian", "Belarussian", "Belorussian", "Byelorussian"),
    "china": ("Chinese",),
    "russia": ("Russian",),
    "ukraine": ("Ukrainian",),
    "united-states": ("American",),
    "united-kingdom": ("British",),
    "canada": ("Canadian",),
    "netherlands": ("Dutch",),
    "pakistan": ("Pakistani",),
    "germany": ("German",),
    "france": ("French",),
    "poland": ("Polish",),
    "lithuania": ("Lithuanian",),
    "latvia": ("Latvian",),
    "kazakhstan": ("Kazakh", "Kazakhstani"),
    "india": ("Indian",),
    "iran": ("Iranian",),
    "the-west": ("Western",),
}

# Country (actor) slug -> capital (place) slug: "the Chinese capital", "Minsk said".
DEFAULT_CAPITALS: dict[str, str] = {
    "belarus": "minsk",
    "china": "beijing",
    "russia": "moscow",
    "ukraine": "kyiv",
    "united-states": "washington",
    "united-kingdom": "london",
    "canada": "ottawa",
    "netherlands": "amsterdam",
    "pakistan": "islamabad",
    "germany": "berlin",
    "france": "paris",
    "poland": "warsaw",
    "lithuania": "vilnius",
    "latvia": "riga",
    "kazakhstan": "astana",
    "india": "new-delhi",
    "iran": "tehran",
}

# Other places that stand for a government ("the Kremlin said"); capitals are added to these.
DEFAULT_SEATS: dict[str, str] = {
    "kremlin": "russia",
    "white-house": "united-states",
    "zhongnanhai": "china",
    "brussels": "european-union",
}
