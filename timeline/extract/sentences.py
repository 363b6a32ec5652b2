"""Sentence and paragraph boundaries with character offsets (pure Python).

News text is regular enough for a rule-based splitter: a sentence ends at . ! or ? (optionally
followed by closing quotes or brackets) before whitespace and an upper-case letter, digit or
opening quote, unless the dot belongs to a known abbreviation, an initial or a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "fig",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "dept",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)

_BOUNDARY = re.compile(r"""[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int  # position in the document


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, whitespace trimmed."""
    spans = []
    position = 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        # Single newlines inside a paragraph also end a sentence: lines in pasted news are
        # headlines, list items or whole paragraphs.
        line_start = p_start
        for line in text[p_start:p_end].split("\n"):
            line_end = line_start + len(line)
            for s, e in _split_line(text, line_start, line_end):
                sentences.append(Sentence(s, e, text[s:e], number, len(sentences)))
            line_start = line_end + 1
    return sentences


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    chunk = text[start:end]
    for match in _BOUNDARY.finditer(chunk):
        cut = start + match.end()
        if _is_abbreviation(text, start + match.start(), position):
            continue
        spans.append(_trim(text, position, cut))
        position = cut
    spans.append(_trim(text, position, end))
    return [(s, e) for s, e in spans if e > s]


def _is_abbreviation(text: str, dot: int, floor: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # An initial ("J. Smith") or a dotted acronym ("U.S.").
    return len(word.replace(".", "")) == 1 or (("." in word) and len(word) <= 6)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
