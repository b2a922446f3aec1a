"""The study screen's first card is shown before the code only later screens need is loaded
(the summary and its charts, the editor flow, the key help, the answer's Markdown widget and
formula renderer); once that card is on the screen, the answer's renderer is loaded ahead
of the first reveal. Run in a fresh interpreter, since this test process has loaded
everything already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("dlquiz.tui.screens.summary", "dlquiz.ui.charts", "dlquiz.tui.screens.study_edit",
         "dlquiz.tui.screens.modals", "textual.widgets._markdown", "dlquiz.notes.formulas")
PROBE = """
import asyncio, json, sys
from pathlib import Path
from dlquiz.tui.widgets import note_view
from tests.functional.tui_support import build_bank, settle, study_app

at_first_card = []
compose = note_view.NoteView.compose

def recording_compose(self):
    if not at_first_card:
        at_first_card.append(set(sys.modules))
    return compose(self)

note_view.NoteView.compose = recording_compose

async def main():
    app = study_app(build_bank(Path(sys.argv[1])))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        later = set(sys.modules)
    print(json.dumps({"first": sorted(at_first_card[0]), "after": sorted(later)}))

asyncio.run(main())
"""


def test_the_first_card_needs_none_of_the_later_screens(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    first, after = set(found["first"]), set(found["after"])
    assert "dlquiz.tui.widgets.note_view" in first  # the probe saw the card being composed
    assert not first & set(LATER), sorted(first & set(LATER))
    # loaded while the question is read, so the first reveal is not slower than the next
    assert {"textual.widgets._markdown", "dlquiz.notes.formulas"} <= after
