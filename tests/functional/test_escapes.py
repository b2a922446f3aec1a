"""Nothing from a notes file reaches the terminal as a control sequence: a file whose topic,
title, answer, tags, practice line, reference titles and file name carry ESC, OSC, CSI,
BEL and C1 controls is imported, and the raw output of every command (and the TUI's
rendered screen) is searched for them. (A deck name with a control character is refused
at import, so the deck is named on the command line.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.schema.records import QueueFilter
from dlquiz.tui.app.study_app import make_app

REPO = Path(__file__).resolve().parents[2]
OSC_TITLE = "\x1b]0;pwned\x07"  # retitles the terminal
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x1b\\"  # writes the clipboard
CSI_CLEAR = "\x1b[2J"
C1_CSI = "\x9b31m"
NOTES = (f"# 拓扑{OSC_CLIPBOARD}\n\n"
         f"## 001 标题{OSC_TITLE}问题\n\n"
         f"答案{CSI_CLEAR}正文{C1_CSI}。\n\n"
         f"**参考资料**\n- [参考{OSC_TITLE}标题](https://example.org/a{C1_CSI})\n\n"
         f"**标签**: tag{OSC_TITLE}\n"
         f"**练习**: kind\x1b[5m\n")
# any ESC, BEL, DEL or C1 byte in what dlquiz wrote (rich's own colour codes are off: no TTY)
FORBIDDEN = re.compile(rb"[\x1b\x07\x7f]|\xc2[\x80-\x9f]")


@pytest.fixture
def env(bank_home: Path, tmp_path: Path) -> dict[str, str]:
    notes = tmp_path / f"deck{OSC_TITLE}name.md"
    notes.write_text(NOTES, encoding="utf-8")
    environment = {**os.environ, "DLQUIZ_HOME": str(bank_home), "PYTHONPATH": str(REPO),
                   "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120"}
    environment["NOTES"] = str(notes)
    return environment


def raw(args: list[str], env: dict[str, str]) -> bytes:
    done = subprocess.run([sys.executable, "-m", "dlquiz", *args], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout + done.stderr


def test_no_command_prints_a_control_sequence(env: dict[str, str]) -> None:
    refused = subprocess.run([sys.executable, "-m", "dlquiz", "import", env["NOTES"]], env=env,
                             capture_output=True, timeout=120)
    assert refused.returncode == 2 and not FORBIDDEN.search(refused.stdout + refused.stderr)
    outputs = {"import": raw(["import", env["NOTES"], "--deck", "mine"], env)}
    cards = json.loads(raw(["cards", "--json"], env))
    note = next(c for c in cards if c["number"] == "001" and c["deck"] != "builtin")
    deck = note["deck"]
    assert "\x1b" in note["title"]  # stored as written, shown safely
    for args in (["decks"], ["decks", "--json"], ["cards"], ["cards", "--json"],
                 ["show", str(note["id"])], ["show", str(note["id"]), "--json"],
                 ["review", "next", "--deck", deck], ["review", "next", "--deck", deck,
                                                     "--json"],
                 ["due"], ["import", env["NOTES"], "--deck", "mine", "--json"]):
        outputs[" ".join(args)] = raw(args, env)
    for name, output in outputs.items():
        assert not FORBIDDEN.search(output), (name, output)
    assert "␛" in outputs["show " + str(note["id"])].decode()  # shown, not swallowed


async def test_tui_screen_shows_no_control_sequence(env: dict[str, str]) -> None:
    from dlquiz.srs.service import StudyService
    from dlquiz.store.decks.importing import import_paths

    bank = open_bank(resolve_url())
    import_paths(bank, [Path(env["NOTES"])], deck="mine")
    app = make_app(StudyService(bank, filters=QueueFilter(notes_only=True)), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        from .tui_support import settle

        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        screen = app.export_screenshot()
    assert not FORBIDDEN.search(screen.encode())
    assert "␛" in screen
