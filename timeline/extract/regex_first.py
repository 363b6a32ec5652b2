"""The characters a regular expression can begin a match with, read off its parse tree.

Used by the temporal tagger to try, at a given word, only the rules that can start there. The
answer is conservative: a set that may hold characters the pattern never starts with, but never
leaves one out; ``None`` when any character may come first (``.``, ``\\w``, negated sets, group
references). Lookarounds and anchors are zero-width, so the item after them decides.

It reads CPython's own regex parser (``re._parser``, ``re._constants``, Python 3.11+); on a
Python laid out differently it raises ``UnsupportedParser`` and callers fall back to trying
every rule.
"""

from __future__ import annotations

import re


class UnsupportedParser(RuntimeError):
    """This Python's regex parser is not the one this module reads."""


try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _c = _parser = None


def first_chars(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """The lowercased characters a match of ``pattern`` can begin with, or None for any."""
    if _parser is None:  # pragma: no cover
        raise UnsupportedParser("re._parser is not available")
    try:
        return _first(_parser.parse(pattern, flags))[0]
    except (AttributeError, TypeError, ValueError) as exc:  # pragma: no cover
        raise UnsupportedParser(str(exc)) from exc


def _charset(items) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av).lower())
        elif op is _c.RANGE:
            chars.update(chr(x).lower() for x in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            chars.update(" \t\n\r\f\v")
        else:
            return None  # negated sets, \w and the like
    return frozenset(chars)


def _first(items) -> tuple[frozenset[str] | None, bool]:
    """(possible first characters or None for any, can the sequence match the empty string?)"""
    acc: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the next item decides
        if op is _c.LITERAL:
            sub, nullable = frozenset(chr(av).lower()), False
        elif op is _c.IN:
            sub, nullable = _charset(av), False
        elif op is _c.SUBPATTERN:
            sub, nullable = _first(av[-1])
        elif op is _c.BRANCH:
            sub, nullable = frozenset(), False
            for alt in av[1]:
                f, n = _first(alt)
                if f is None:
                    return None, False
                sub, nullable = sub | f, nullable or n
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            sub, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False  # ANY, NOT_LITERAL, group references, conditionals
        if sub is None:
            return None, False
        acc |= sub
        if not nullable:
            return frozenset(acc), False
    return frozenset(acc), True
