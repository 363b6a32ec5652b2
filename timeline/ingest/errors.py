"""Errors raised by the importer core."""

from __future__ import annotations


class IngestError(Exception):
    """A file cannot be imported; str(err) is a one-line, human reason naming the problem."""

    def __init__(self, reason: str) -> None:
        # Keep the message on one line so it can go straight into a log or a table cell.
        super().__init__(" ".join(str(reason).split()))
