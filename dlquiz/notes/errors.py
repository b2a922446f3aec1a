"""The one error type the notes package raises, so callers can turn it into a clean exit."""

from __future__ import annotations


class NotesError(Exception):
    """A notes file that cannot be read; the message is one sentence a person can act on."""

    def __init__(self, message: str, *, path: str | None = None, offset: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.offset = offset
