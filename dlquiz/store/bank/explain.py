"""Driver errors -> one sentence naming the bank and the way out.

A damaged SQLite file is also flagged (a marker file beside it) so that every later
command refuses to write to it until `dlquiz bank check` has looked at it.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from dlquiz.store.bank.location import sqlite_path
from dlquiz.store.bank.redaction import redact
from dlquiz.store.schema.errors import (
    BankBusyError,
    BankDamagedError,
    BankError,
    BankUnreachableError,
)

_DAMAGED = ("not a database", "malformed", "corrupt")
_FULL = ("disk is full", "disk i/o error", "no space left")


def free_space_note(path: Path) -> str:
    """`12 KB free on /data`, for messages about a full disk (best effort)."""
    probe = path if path.exists() else path.parent
    try:
        usage = shutil.disk_usage(probe)
    except OSError:
        return "the disk looks full"
    return f"{_size(usage.free)} free on the disk that holds {probe}"


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


def server_of(url: str) -> str:
    """`host:port/database` of a server URL, without the password."""
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
    except Exception:  # not a URL at all: show it as given, without its password
        return redact(url)
    host = parsed.host or "localhost"
    port = parsed.port or (5432 if parsed.drivername.startswith("postgres") else "")
    return f"{host}:{port}/{parsed.database or ''}"


_UNREACHABLE = ("connection refused", "could not connect", "timeout expired",
                "could not translate host name", "name or service not known",
                "no route to host", "connection timed out", "server closed the connection",
                "terminating connection", "consuming input failed", "connection is closed",
                "connection is lost", "connection not open", "ssl connection has been closed")


def _server_error(url: str, lowered: str, detail: str) -> BankError | None:
    where = server_of(url)
    first = detail.splitlines()[0] if detail else detail
    if any(word in lowered for word in _UNREACHABLE):
        return BankUnreachableError(f"cannot reach the database server at {where} ({first}); "
                                    "check that it is running and that the host and port "
                                    "are right.")
    if ("password authentication failed" in lowered or "no password supplied" in lowered
            or ("role" in lowered and "does not exist" in lowered)):
        return BankError(f"the database server at {where} refused the login ({first}); check "
                         "the user name and password in the URL.")
    if "does not exist" in lowered and "database" in lowered:
        return BankError(f"the database server at {where} has no such database ({first}); "
                         "create it first (createdb).")
    if ("deadlock detected" in lowered or "could not obtain lock" in lowered
            or "could not serialize" in lowered or "lock timeout" in lowered):
        return BankBusyError(f"{where}: the bank is busy (another dlquiz process is writing "
                             "to it); wait for it to finish and try again.")
    return None


def explain_db_error(url: str, exc: BaseException) -> BankError:
    """Turn a driver error into one sentence naming the database and the way out."""
    path = sqlite_path(url)
    where = str(path) if path is not None else server_of(url)
    detail = str(getattr(exc, "orig", None) or exc).strip()
    lowered = detail.lower()
    if path is None:
        found = _server_error(url, lowered, detail)
        if found is not None:
            return found
    if "locked" in lowered or "busy" in lowered:
        return BankBusyError(f"{where}: the bank is busy (another dlquiz process is writing "
                             "to it); wait for it to finish and try again.")
    if any(word in lowered for word in _DAMAGED):
        if path is not None:
            mark_damaged(path, detail)
        return BankDamagedError(f"{where}: the bank is damaged ({detail}); run `dlquiz bank "
                                "check` (it repairs what it can), or restore a backup.")
    if any(word in lowered for word in _FULL) and path is not None:
        return BankError(f"{where}: cannot write: {free_space_note(path)} ({detail}); free "
                         "some disk space and try again.")
    if "unable to open" in lowered:
        return BankError(f"{where}: cannot be opened ({detail}); check the directory exists "
                         "and is writable, or choose another with --db.")
    return BankError(f"{where}: database error: {detail.splitlines()[0] if detail else exc}.")


def damage_marker(path: Path) -> Path:
    return path.with_name(path.name + ".needs-check")


def mark_damaged(path: Path, detail: str) -> None:
    # on a read-only or full disk the marker cannot be written; the message still says
    # what to do
    with contextlib.suppress(OSError):
        damage_marker(path).write_text(detail + "\n", encoding="utf-8")
