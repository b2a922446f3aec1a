"""Interop speed: importing an Anki package of 20,000 notes and 200,000 review-log rows
(written by the real Anki library, current format), then re-importing it unchanged; and
exporting the built-in bank as an Anki package (with 3 generated samples per question
kind), as CSV and as markdown.

Needs the anki package (the test extra). Prints one JSON object.
Run: python benchmarks/bench_interop.py
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

NOTES = 20_000
REVIEWS = 200_000
GOALS = {"import_s": 30.0, "export_apkg_s": 3.0}


def build_package(folder: Path) -> Path:
    """A collection of NOTES Basic notes in 20 decks, REVIEWS revlog rows spread over the
    past year (10 per card: learning steps, then reviews at growing gaps), exported by Anki."""
    from anki.collection import AddNoteRequest, Collection, ExportAnkiPackageOptions

    col: Any = Collection(str(folder / "big.anki2"))
    basic = col.models.by_name("Basic")
    decks = [col.decks.id(f"Bench::Deck {i}") for i in range(20)]
    requests = []
    for i in range(NOTES):
        note = col.new_note(basic)
        note["Front"] = f"Question {i}: what is \\(W_{{{i}}} x\\)?"
        note["Back"] = f"<b>Answer {i}</b><div>with \\[\\sum_j x_j^{{{i % 7}}}\\]</div>"
        note.tags = [f"tag{i % 50}", "bench"]
        requests.append(AddNoteRequest(note=note, deck_id=decks[i % 20]))
    col.add_notes(requests)
    rng = random.Random(1)
    start = datetime.now(UTC) - timedelta(days=365)
    rows = []
    taken: set[int] = set()
    per_card = REVIEWS // NOTES
    for n, card_id in enumerate(sorted(col.find_cards(""))):
        when = start + timedelta(days=rng.randint(0, 30), hours=rng.randint(8, 20))
        gap = 1.0
        for k in range(per_card):
            ease = 3 if k < 2 else rng.choices([1, 2, 3, 4], [1, 2, 8, 1])[0]
            kind = 0 if k < 2 else 1
            stamp = int(when.timestamp() * 1000) + n % 1000
            while stamp in taken:  # revlog ids (review times in ms) are unique
                stamp += 1
            taken.add(stamp)
            rows.append((stamp, card_id, -1, ease, round(gap), 0, 2500, 5000, kind))
            gap = 1.0 if ease == 1 else min(gap * 1.8, 30)
            when += timedelta(minutes=10) if k < 1 else timedelta(days=max(1, round(gap)))
    col.db.executemany("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, "
                       "type) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    col.db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 10, due = 10, factor = 2500")
    col.fix_integrity()
    package = folder / "big.apkg"
    col.export_anki_package(out_path=str(package), limit=None, options=ExportAnkiPackageOptions(
        with_scheduling=True, with_media=False, legacy=False))
    col.close()
    return package


def timed(call: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main() -> None:
    from dlquiz.interop.exporting import export_apkg, export_markdown, export_table
    from dlquiz.interop.importing import import_foreign, read_foreign
    from dlquiz.srs.setup import open_study_bank

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        built, package = timed(lambda: build_package(folder))
        bank = open_study_bank(f"sqlite:///{folder / 'bench.db'}")
        cold, report = timed(lambda: import_foreign(bank, read_foreign([package])))
        again, second = timed(lambda: import_foreign(bank, read_foreign([package])))
        assert report.added == NOTES and report.reviews == REVIEWS, report
        assert second.unchanged == NOTES and second.reviews == 0, second
        builtin = open_study_bank(f"sqlite:///{folder / 'builtin.db'}")
        apkg, result = timed(lambda: export_apkg(builtin, folder / "builtin.apkg"))
        table, _ = timed(lambda: export_table(builtin, folder / "builtin.csv", "csv"))
        markdown, _ = timed(lambda: export_markdown(builtin, folder / "md"))
        size = package.stat().st_size
    figures = {"notes": NOTES, "reviews": REVIEWS, "build_package_s": round(built, 2),
               "package_mb": round(size / 2**20, 2),
               "import_s": round(cold, 2), "reimport_unchanged_s": round(again, 2),
               "export_apkg_s": round(apkg, 2), "export_apkg_notes": result.notes,
               "export_csv_s": round(table, 2), "export_md_s": round(markdown, 2)}
    figures["goals_met"] = all(float(figures[k]) <= v for k, v in GOALS.items())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
