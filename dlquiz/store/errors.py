"""The store's error type: one sentence that names the database and what to do."""

from __future__ import annotations


class BankError(Exception):
    """The bank cannot be opened or written (locked, corrupt, too new, bad URL, bad id)."""
