"""Runs one dlquiz command, pausing it just before its first write transaction begins.

Used by test_concurrency.py: the command has already read what it bases its write on
(the card's state, the last action to undo); it prints `paused` and waits for a line on
stdin, while the test runs a competing command to completion. Then it goes on.

Usage: python pause_driver.py dlquiz-arguments...
"""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy import Engine, event

paused = False


def pause_before_write(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    global paused
    if not paused and statement.startswith("BEGIN IMMEDIATE"):
        paused = True
        print("paused", flush=True)
        sys.stdin.readline()


def main() -> None:
    event.listen(Engine, "before_cursor_execute", pause_before_write)
    from dlquiz.cli.main import app

    app(sys.argv[1:], prog_name="dlquiz")


if __name__ == "__main__":
    main()
