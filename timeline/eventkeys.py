"""Filter keys and sort keys for the SQLite timeline index (pure Python, no Django imports).

On SQLite the timeline is read from one FTS5 table (see `timeline.search`): each event is a
row whose rowid is its place in the timeline (`sort_key`: start date, then id) and whose
`keys` column holds one token per filterable property (status, type, place, each actor,
each source and publisher). Every timeline filter then becomes one FTS5 query, answered in
timeline order by walking and intersecting posting lists with early exit, so a page costs
the same at ten thousand events or a million.

Tokens are a letter prefix and digits only (`ka42`, `ks1234...`), which FTS5's porter
tokenizer keeps as they are and which user text never reaches (queries name the column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1

STATUS, TYPE, ACTOR, PLACE, PUBLISHER, SOURCE = "s", "t", "a", "p", "b", "c"


def sort_key(day: dt.date, pk: int) -> int:
    """The event's rowid in the index: ordered by (start date, id) like the timeline."""
    if not 0 <= pk <= ID_MASK:
        raise ValueError(f"event id {pk} is outside the timeline index's range")
    return (day.toordinal() << ID_BITS) | pk


def sort_key_parts(key: int) -> tuple[dt.date, int]:
    return dt.date.fromordinal(key >> ID_BITS), key & ID_MASK


def first_key(day: dt.date) -> int:
    return day.toordinal() << ID_BITS


def last_key(day: dt.date) -> int:
    return (day.toordinal() << ID_BITS) | ID_MASK


_TEXT_KINDS = {TYPE, PUBLISHER}
# Every token carries its event's status, so a filter never has to intersect with the posting
# list of a whole status (most of the index): "actor 42, published" is one token.
STATUS_CODES = {"published": "1", "proposed": "2", "rejected": "3"}
_STATUS_NAMES = {code: name for name, code in STATUS_CODES.items()}


def token(kind: str, value: int | str, status: str) -> str:
    """`ka142` for actor 42 of a published event, `ks1` for every published event; text values
    (types, publishers) spelt as digits, three per UTF-8 byte, so that tokens read back
    (`token_value`)."""
    code = STATUS_CODES[status]
    if kind == STATUS:
        return f"k{kind}{code}"
    if kind in _TEXT_KINDS:
        return f"k{kind}{code}" + "".join(f"{byte:03d}" for byte in str(value).encode("utf-8"))
    return f"k{kind}{code}{int(value)}"


def token_value(tok: str) -> tuple[str, int | str]:
    """The kind and value a token stands for: ("a", 42), ("b", "BelTA"), ("s", "published")."""
    kind, code, digits = tok[1], tok[2], tok[3:]
    if kind == STATUS:
        return kind, _STATUS_NAMES[code]
    if kind in _TEXT_KINDS:
        return kind, bytes(int(digits[i : i + 3]) for i in range(0, len(digits), 3)).decode()
    return kind, int(digits)


def event_tokens(
    *,
    status: str,
    event_type: str,
    place_id: int | None,
    actor_ids: Iterable[int],
    source_ids: Iterable[int],
    publishers: Iterable[str],
) -> list[str]:
    tokens = [token(STATUS, status, status), token(TYPE, event_type, status)]
    if place_id:
        tokens.append(token(PLACE, place_id, status))
    tokens += [token(ACTOR, pk, status) for pk in sorted(set(actor_ids))]
    tokens += [token(SOURCE, pk, status) for pk in sorted(set(source_ids))]
    tokens += [token(PUBLISHER, name, status) for name in sorted(set(publishers)) if name]
    return tokens


class KeyFilter:
    """A conjunction of clauses, each satisfied by any one of its tokens: the same condition
    as an FTS5 expression over the `keys` column and as a test on a set of tokens."""

    def __init__(self) -> None:
        self.clauses: list[tuple[str, ...]] = []

    def require_any(self, tokens: Iterable[str]) -> KeyFilter:
        clause = tuple(dict.fromkeys(tokens))
        self.clauses.append(clause or ("knone",))  # an empty choice matches nothing
        return self

    def require(self, tok: str) -> KeyFilter:
        return self.require_any([tok])

    def expression(self) -> str:
        parts = []
        for clause in self.clauses:
            parts.append(clause[0] if len(clause) == 1 else "(" + " OR ".join(clause) + ")")
        return "keys : (" + " AND ".join(parts) + ")"

    def matches(self, tokens: set[str]) -> bool:
        return all(any(t in tokens for t in clause) for clause in self.clauses)
