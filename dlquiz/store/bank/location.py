"""Where the bank lives: `--db URL` > `DLQUIZ_DB` > `DLQUIZ_HOME/dlquiz.db` > the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from dlquiz.store.bank.redaction import redact
from dlquiz.store.schema.errors import BankError

DB_FILENAME = "dlquiz.db"


def default_home() -> Path:
    """The platform's user data directory for dlquiz (platformdirs), or `DLQUIZ_HOME`."""
    home = os.environ.get("DLQUIZ_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir  # deferred: only commands that open a bank pay for it

    return Path(user_data_dir("dlquiz", appauthor=False))


def default_path() -> Path:
    """Where the bank lives when neither --db nor DLQUIZ_DB names one."""
    return default_home() / DB_FILENAME


def resolve_url(explicit: str | None = None) -> str:
    """The SQLAlchemy URL of the bank to open; a bare path is taken as a SQLite file. A URL
    that could mean two files, or names no backend dlquiz has, is refused (BankError)."""
    url = explicit or os.environ.get("DLQUIZ_DB")
    if url:
        if "://" not in url:
            return f"sqlite:///{Path(url).expanduser().resolve()}"
        _refuse_guesswork(url)
        return url
    return f"sqlite:///{default_path()}"


SCHEMES = ("sqlite", "postgresql", "postgres")


def _refuse_guesswork(url: str) -> None:
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in SCHEMES:
        raise BankError(f"{redact(url)}: dlquiz keeps its bank in a SQLite file or on a "
                        f"PostgreSQL server (postgresql://user@host/db); '{scheme}' is neither.")
    if scheme != "sqlite":
        return
    rest = url.split("://", 1)[1].split("?", 1)[0]
    if rest in {"", "/:memory:"}:
        return
    if not rest.startswith("/"):
        raise BankError(f"{url}: a SQLite URL names its file after three slashes "
                        f"(sqlite:////{rest} for the absolute path /{rest}); or give the "
                        "path itself.")
    if not rest.startswith("//"):
        relative = rest[1:]
        raise BankError(f"{url}: three slashes make the path relative to the current "
                        f"directory ({Path.cwd() / relative}); for the absolute path "
                        f"/{relative} write sqlite:////{relative}, or give a path "
                        "(--db /path/to/bank.db).")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory databases and other backends."""
    if not url.startswith("sqlite:///"):
        return None
    raw = url[len("sqlite:///") :].split("?", 1)[0]
    if raw in {"", ":memory:"}:
        return None
    return Path(raw)
