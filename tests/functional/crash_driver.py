"""Rates cards through the dlquiz CLI in a loop until killed (used by test_crash.py).

Each `review rate --json` answer printed on stdout is a rating the CLI confirmed; the
parent test kills this process at a random moment and checks all of them are in the bank.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from dlquiz.cli.main import app


def run_cli(*args: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        app(list(args), standalone_mode=False)
    return buffer.getvalue()


def main() -> None:
    ratings = ["good", "again", "hard", "easy"]
    turn = 0
    while True:
        shown = json.loads(run_cli("review", "next", "--notes-only", "--include-drafts",
                                   "--json"))
        if shown is None:
            run_cli("config", "new_per_day", str(1000 + turn))
            continue
        confirmed = run_cli("review", "rate", str(shown["id"]), ratings[turn % 4], "--json")
        sys.stdout.write(json.dumps(json.loads(confirmed)) + "\n")
        sys.stdout.flush()
        turn += 1


if __name__ == "__main__":
    main()
