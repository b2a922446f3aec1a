"""Keys for imported notes: the identity a re-import finds them by."""

from __future__ import annotations

from dlquiz.notes.identity import title_key

ANKI_PREFIX = "anki:"


def anki_key(guid: str, ord_: int, cloze: bool) -> str:
    """`anki:<guid>` for a note's first card; `anki:<guid>/card2`… for the other templates
    of the note (a reversed card), `anki:<guid>/c1`, `/c2`… for the deletions of a cloze.
    The GUID is the note's identity in Anki, kept across edits and exports."""
    if cloze:
        return f"{ANKI_PREFIX}{guid}/c{ord_ + 1}"
    return f"{ANKI_PREFIX}{guid}" if ord_ == 0 else f"{ANKI_PREFIX}{guid}/card{ord_ + 1}"


def anki_guid(key: str) -> str | None:
    """The Anki GUID a key was made from (a note imported from Anki's first card)."""
    if key.startswith(ANKI_PREFIX) and "/" not in key:
        return key[len(ANKI_PREFIX):]
    return None


class UniqueKeys:
    """A title asked twice in one deck gets `key#2`, `key#3`… in reading order, as the
    markdown importer numbers them."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}

    def key(self, deck: str, base: str) -> str:
        n = self.seen.get((deck, base), 0) + 1
        self.seen[(deck, base)] = n
        return base if n == 1 else f"{base}#{n}"

    def for_title(self, deck: str, title: str) -> str:
        return self.key(deck, title_key(title))
