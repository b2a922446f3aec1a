"""Import speed: a synthetic 10,000-note file, cold import and unchanged re-import, plus
`dlquiz --version` against `python -c "import typer"` (whole processes, medians).

`cold_import_s` and `unchanged_reimport_s` are whole `dlquiz --db URL import FILE`
processes on a bank already seeded with the built-in deck (the first command on a new bank
seeds it; that is not the import's cost). A whole process cannot be faster than importing
what the command needs (`import_floor_s`: python, typer, SQLAlchemy, the bank's models),
so the command's own work is printed too: `unchanged_reimport_in_process_s` is the same
command run in this process once its modules are loaded (its click command built once, run
in Typer's CliRunner's isolation), from the command's start to its last line printed.
The `import_paths_*` figures time the store's `import_paths` alone, in this process, on an
unseeded bank.

Prints one JSON object. Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed_bytecode import write_bytecode

NOTE_COUNT = 10_000


def synthetic_notes(count: int) -> str:
    """Notes in the user's style: topics, numbered questions, lists, LaTeX, references, TODOs."""
    parts = ["[TOC]\n"]
    for i in range(count):
        if i % 500 == 0:
            parts.append(f"# 主题 {i // 500}\n")
        body = (f"- 要点一：第 {i} 题的说明，含公式 $O = (H + 2p - k)/s + 1$。\n"
                f"- 要点二：stride={i % 3 + 1}，padding={i % 2}。\n\n"
                "$$\ny = \\sum_i w_i x_i + b\n$$\n")
        if i % 4 == 0:
            body = "- [ ] TODO\n"
        elif i % 7 == 0:
            body += "\n- [ ] TODO\n"
        parts.append(f"## {i + 1:05d} 问题 {i} 卷积层的参数与输出尺寸\n\n{body}\n"
                     f"**参考资料**\n\n- [Ref {i}](https://example.org/paper/{i})\n")
    return "\n".join(parts)


def time_command(args: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def dlquiz(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "dlquiz", "--db", url, *args]


# what `dlquiz import` loads when no file changed: the floor of a whole process
IMPORTS = ("dlquiz.cli.main, dlquiz.cli.render, dlquiz.srs.setup, dlquiz.store.decks.importing")


def whole_processes(tmp: Path, notes: Path) -> dict[str, float]:
    """Cold and unchanged `dlquiz import` as separate processes, on copies of one bank
    seeded beforehand; and the same unchanged import in this process (its command only)."""
    from typer.main import get_command
    from typer.testing import CliRunner

    from dlquiz.cli.main import app
    from dlquiz.srs.setup import open_study_bank

    seeded = tmp / "seeded.db"
    open_study_bank(f"sqlite:///{seeded}").engine.dispose()
    cold_times = []
    for run in range(3):
        copy = tmp / f"cold{run}.db"
        with sqlite3.connect(seeded) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        cold_times.append(time_command(dlquiz(f"sqlite:///{copy}", "import", str(notes)), 1))
    url = f"sqlite:///{tmp / 'cold0.db'}"
    unchanged = time_command(dlquiz(url, "import", str(notes)), 5)
    floor = time_command([sys.executable, "-c", f"import {IMPORTS}"], 5)
    runner, command = CliRunner(), get_command(app)  # built once, as a process does at start
    in_process = []
    for _ in range(6):  # the first run loads the command's deferred modules: not counted
        with runner.isolation() as (out, _err, _both):
            start = time.perf_counter()
            try:
                command.main(args=["--db", url, "import", str(notes)], prog_name="dlquiz")
            except SystemExit as end:
                assert not end.code, end.code
            in_process.append(time.perf_counter() - start)
            assert b"10000 unchanged" in out.getvalue(), out.getvalue()
    return {"cold_import_s": statistics.median(cold_times), "unchanged_reimport_s": unchanged,
            "unchanged_reimport_in_process_s": statistics.median(in_process[1:]),
            "import_floor_s": floor}


def main() -> None:
    from dlquiz.store.bank.database import open_bank
    from dlquiz.store.decks.importing import import_paths

    write_bytecode()  # as `pip install .` does: whole processes are timed
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.md"
        notes.write_text(synthetic_notes(NOTE_COUNT), encoding="utf-8")
        processes = whole_processes(Path(tmp), notes)
        bank = open_bank(f"sqlite:///{Path(tmp) / 'bench.db'}")
        start = time.perf_counter()
        first = import_paths(bank, [notes])
        cold = time.perf_counter() - start
        start = time.perf_counter()
        second = import_paths(bank, [notes])
        unchanged = time.perf_counter() - start
        edited = notes.read_text(encoding="utf-8").replace("问题 5 卷积", "问题 5 改过的卷积")
        notes.write_text(edited, encoding="utf-8")
        start = time.perf_counter()
        third = import_paths(bank, [notes])
        one_edit = time.perf_counter() - start
        bank.engine.dispose()

    version_times, typer_times = [], []
    for _ in range(7):  # interleaved so machine noise hits both alike
        version_times.append(time_command([sys.executable, "-m", "dlquiz", "--version"], 1))
        typer_times.append(time_command([sys.executable, "-c", "import typer"], 1))
    version = statistics.median(version_times)
    typer_only = statistics.median(typer_times)
    unchanged_whole = processes["unchanged_reimport_s"]
    goals = {"cold_import_s": 2.5, "unchanged_reimport_s": 0.1, "version_over_typer": 1.2}
    print(json.dumps({
        "notes": NOTE_COUNT,
        **{name: round(value, 3) for name, value in processes.items()},
        "import_paths_cold_s": round(cold, 3),
        "import_paths_unchanged_s": round(unchanged, 3),
        "import_paths_one_title_edited_s": round(one_edit, 3),
        "cold_counts": {"added": first.added, "drafts": first.drafts},
        "unchanged_counts": {"unchanged": second.unchanged, "changed": second.changed},
        "edit_counts": {"added": third.added, "retired": third.retired},
        "dlquiz_version_s": round(version, 3),
        "import_typer_s": round(typer_only, 3),
        "version_over_typer": round(version / typer_only, 2),
        "goals": goals,
        "met": {"cold_import_s": processes["cold_import_s"] <= goals["cold_import_s"],
                "unchanged_reimport_s": unchanged_whole <= goals["unchanged_reimport_s"],
                "unchanged_reimport_in_process_s": processes["unchanged_reimport_in_process_s"]
                <= goals["unchanged_reimport_s"]},
    }, indent=2))


if __name__ == "__main__":
    main()
