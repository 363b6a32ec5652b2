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


_TEXT_KINDS = {STATUS, TYPE, PUBLISHER}


def token(kind: str, value: int | str) -> str:
    """`ka42` for actor 42; text values (statuses, types, publishers) spelt as digits, three
    per UTF-8 byte, so that a token reads back (`token_value`)."""
    if kind in _TEXT_KINDS:
        return f"k{kind}" + "".join(f"{byte:03d}" for byte in str(value).encode("utf-8"))
    return f"k{kind}{int(value)}"


def token_value(tok: str) -> tuple[str, int | str]:
    """The kind and value a token stands for: ("a", 42), ("b", "BelTA")."""
    kind, digits = tok[1], tok[2:]
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
    tokens = [token(STATUS, status), token(TYPE, event_type)]
    if place_id:
        tokens.append(token(PLACE, place_id))
    tokens += [token(ACTOR, pk) for pk in sorted(set(actor_ids))]
    tokens += [token(SOURCE, pk) for pk in sorted(set(source_ids))]
    tokens += [token(PUBLISHER, name) for name in sorted(set(publishers)) if name]
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
