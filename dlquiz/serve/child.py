"""One browser tab's app process: `python -m dlquiz.serve.child study|exam|stats --lang zh`,
started by the server for each WebSocket, on the bank named by DLQUIZ_DB (the server sets it).

A bank that cannot be opened is shown in the page as one sentence, in a small app of its
own, rather than leaving the tab blank (a process that printed to stderr and quit would)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dlquiz.serve.page import APPS

if TYPE_CHECKING:
    from textual.app import App

    from dlquiz.store.bank import Bank


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dlquiz.serve.child")
    parser.add_argument("app", choices=APPS)
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args(argv)
    from dlquiz.notes.errors import NotesError  # deferred: sqlalchemy, after the arguments
    from dlquiz.srs.setup import open_study_bank
    from dlquiz.store.schema import BankError, InputError

    try:
        bank = open_study_bank(None)
    except (NotesError, BankError, InputError) as exc:
        from dlquiz.serve.message_app import MessageApp

        MessageApp(str(exc), args.lang).run()
        return 2
    return run_app(args.app, bank, args.lang)


def run_app(name: str, bank: Bank, lang: str) -> int:
    app: App[None]
    if name == "exam":
        from dlquiz.exams.service import ExamService
        from dlquiz.tui.app.exam_app import make_exam_app

        app = make_exam_app(ExamService(bank, lang=lang))
    elif name == "stats":
        from dlquiz.stats.service import StatsService
        from dlquiz.tui.app.stats_app import make_stats_app

        app = make_stats_app(StatsService(bank), lang)
    else:
        from dlquiz.srs.service import StudyService
        from dlquiz.tui.app.study_app import make_app

        app = make_app(StudyService(bank, lang=lang))
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
