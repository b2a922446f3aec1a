"""Import speed: a synthetic 10,000-note file, cold import and unchanged re-import, plus
`dlquiz --version` against `python -c "import typer"` (whole processes, medians).

Prints one JSON object. Run: python benchmarks/bench_import.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    from dlquiz.store.bank.database import open_bank
    from dlquiz.store.decks.importing import import_paths

    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.md"
        notes.write_text(synthetic_notes(NOTE_COUNT), encoding="utf-8")
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
    print(json.dumps({
        "notes": NOTE_COUNT,
        "cold_import_s": round(cold, 3),
        "unchanged_reimport_s": round(unchanged, 3),
        "one_title_edited_reimport_s": round(one_edit, 3),
        "cold_counts": {"added": first.added, "drafts": first.drafts},
        "unchanged_counts": {"unchanged": second.unchanged, "changed": second.changed},
        "edit_counts": {"added": third.added, "retired": third.retired},
        "dlquiz_version_s": round(version, 3),
        "import_typer_s": round(typer_only, 3),
        "version_over_typer": round(version / typer_only, 2),
        "goals": {"cold_import_s": 5.0, "unchanged_reimport_s": 1.5, "version_over_typer": 1.5},
    }, indent=2))


if __name__ == "__main__":
    main()
