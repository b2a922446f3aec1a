"""A bank as a whole: where it lives, opening it and handing out transactions, bringing its
schema to head (Alembic migrations), backups, `bank check` and `bank copy`, and the
sentences driver errors become."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlquiz.store.exports import lazy_exports

if TYPE_CHECKING:
    from dlquiz.store.bank.backups import DEFAULT_BACKUPS_KEPT, SETTINGS_KEY, backups_dir, copy_bank
    from dlquiz.store.bank.check import check_url
    from dlquiz.store.bank.copy import copy_bank_between
    from dlquiz.store.bank.database import Bank, open_bank
    from dlquiz.store.bank.explain import explain_db_error, server_of
    from dlquiz.store.bank.location import default_home, resolve_url, sqlite_path
    from dlquiz.store.bank.meta import get_meta, set_meta
    from dlquiz.store.bank.redaction import redact
    from dlquiz.store.bank.sqlite_file import vet_sqlite_location

__all__ = [
    "DEFAULT_BACKUPS_KEPT",
    "SETTINGS_KEY",
    "Bank",
    "backups_dir",
    "check_url",
    "copy_bank",
    "copy_bank_between",
    "default_home",
    "explain_db_error",
    "get_meta",
    "open_bank",
    "redact",
    "resolve_url",
    "server_of",
    "set_meta",
    "sqlite_path",
    "vet_sqlite_location",
]

# public name -> the inner module that defines it, imported on first use (PEP 562): importing
# the subpackage costs nothing, so a command loads only the modules it calls
_EXPORTS = {
    "backups_dir": "backups",
    "Bank": "database",
    "check_url": "check",
    "copy_bank": "backups",
    "copy_bank_between": "copy",
    "DEFAULT_BACKUPS_KEPT": "backups",
    "default_home": "location",
    "explain_db_error": "explain",
    "get_meta": "meta",
    "open_bank": "database",
    "redact": "redaction",
    "resolve_url": "location",
    "server_of": "explain",
    "set_meta": "meta",
    "SETTINGS_KEY": "backups",
    "sqlite_path": "location",
    "vet_sqlite_location": "sqlite_file",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)
