"""The store's error types. Each message is one sentence that names the database, id or
value at fault and what to do; the CLI prints it and exits 2, the TUI shows it."""

from __future__ import annotations


class BankError(Exception):
    """The bank itself cannot be used: locked, damaged, too new, full disk, bad URL."""


class BankBusyError(BankError):
    """Another process holds the bank's write lock for longer than the busy timeout.
    Front ends may retry; nothing was written."""


class BankUnreachableError(BankError):
    """The database server cannot be reached (stopped, or the network is down); nothing was
    written. Front ends keep what the user typed and let them try again."""


class BankDamagedError(BankError):
    """The database file is damaged; writes are refused until `dlquiz bank check` passes."""


class InputError(Exception):
    """A value the user gave is not acceptable: an unknown id, deck, setting or status."""


class StaleCardError(InputError):
    """A card changed (another process rated, undid or suspended it) between being read
    and being written; the write was refused so nothing is applied twice."""
