"""Where the bank lives: `--db URL` > `DLQUIZ_DB` > `DLQUIZ_HOME/dlquiz.db` > the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "dlquiz.db"


def default_home() -> Path:
    """The platform's user data directory for dlquiz (platformdirs), or `DLQUIZ_HOME`."""
    home = os.environ.get("DLQUIZ_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir  # deferred: only commands that open a bank pay for it

    return Path(user_data_dir("dlquiz", appauthor=False))


def resolve_url(explicit: str | None = None) -> str:
    """The SQLAlchemy URL of the bank to open; a bare path is taken as a SQLite file."""
    url = explicit or os.environ.get("DLQUIZ_DB")
    if url:
        return url if "://" in url else f"sqlite:///{Path(url).expanduser().resolve()}"
    return f"sqlite:///{default_home() / DB_FILENAME}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory databases and other backends."""
    if not url.startswith("sqlite:///"):
        return None
    raw = url[len("sqlite:///") :].split("?", 1)[0]
    if raw in {"", ":memory:"}:
        return None
    return Path(raw)
