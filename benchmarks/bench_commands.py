"""Whole-process start-up of the everyday commands, against the libraries' own import time.

Goals (issue 25): `dlquiz due`, `cards` (its default table), `show ID` and `review next
--json` each within 1.3× `python -c "import sqlalchemy.orm"`; `dlquiz --version` and
`--help` within 1.2× `python -c "import typer"`. The bank holds the built-in deck and the
user's notes file (or, where that file is missing, a synthetic one), imported into a
temporary DLQUIZ_HOME; `cards` is also timed on a second bank with 1,000 more notes. Every
round runs each command and both baselines once, in a rotating order, so machine noise
hits all alike; the medians are compared. The bytecode is written first, as `pip install .`
does (installed_bytecode.py). Prints one JSON object.
Run: python benchmarks/bench_commands.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed_bytecode import write_bytecode

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_c04406933d728e9d.txt"
MORE_NOTES = 1_000
BASELINES = {"import_sqlalchemy_orm": "import sqlalchemy.orm", "import_typer": "import typer"}
GOALS = {"due": ("import_sqlalchemy_orm", 1.3), "cards": ("import_sqlalchemy_orm", 1.3),
         "show": ("import_sqlalchemy_orm", 1.3), "review_next_json": ("import_sqlalchemy_orm", 1.3),
         "cards_more_notes": ("import_sqlalchemy_orm", 1.3),
         "version": ("import_typer", 1.2), "help": ("import_typer", 1.2)}


def dlquiz(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "dlquiz", *args]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # run from the bank's folder: `python -m` puts the working directory first on sys.path,
    # so a checkout there would shadow the dlquiz that PYTHONPATH or the venv names
    return subprocess.run(args, check=True, capture_output=True, text=True, env=env,
                          cwd=env["DLQUIZ_HOME"])


def synthetic_notes(count: int, start: int = 0) -> str:
    parts = []
    for i in range(start, start + count):
        if i % 100 == 0:
            parts.append(f"# 主题 {i // 100}\n")
        body = "- [ ] TODO\n" if i % 3 == 0 else (
            f"- 要点：第 {i} 题，卷积输出 $O = (H + 2p - k)/s + 1$。\n- stride={i % 3 + 1}\n")
        parts.append(f"## {i + 1:04d} 问题 {i} 卷积层的参数与输出尺寸\n\n{body}\n")
    return "\n".join(parts)


def make_bank(home: Path, extra_notes: int) -> dict[str, str]:
    """A DLQUIZ_HOME holding the built-in deck, the user's notes and `extra_notes` more."""
    env = {**os.environ, "DLQUIZ_HOME": str(home), "COLUMNS": "100", "LINES": "40"}
    env.pop("DLQUIZ_DB", None)
    if SEED.is_file():
        run(dlquiz(["import", str(SEED)]), env)
    else:
        notes = home / "notes.md"
        notes.write_text(synthetic_notes(85), encoding="utf-8")
        run(dlquiz(["import", str(notes)]), env)
    if extra_notes:
        more = home / "more.md"
        more.write_text(synthetic_notes(extra_notes, start=1000), encoding="utf-8")
        run(dlquiz(["import", str(more), "--deck", "more"]), env)
    return env


def a_user_card(env: dict[str, str]) -> str:
    """The id of the first card of a deck that is not the built-in one (a note with an
    answer if there is one), so `show` prints a real answer."""
    cards = json.loads(run(dlquiz(["cards", "--json"]), env).stdout)
    mine = [c for c in cards if c.get("deck") != "builtin" and c.get("type") == "note"]
    answered = [c for c in mine if c.get("status") == "answered"] or mine or cards
    return str(answered[0]["id"])


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run(args, env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    rounds = parser.parse_args().rounds
    timed_code = write_bytecode()
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as tmp_more:
        env = make_bank(Path(tmp), 0)
        env_more = make_bank(Path(tmp_more), MORE_NOTES)
        card = a_user_card(env)
        jobs: dict[str, tuple[list[str], dict[str, str]]] = {
            "due": (dlquiz(["due"]), env),
            "cards": (dlquiz(["cards"]), env),
            "show": (dlquiz(["show", card]), env),
            "review_next_json": (dlquiz(["review", "next", "--json"]), env),
            "cards_more_notes": (dlquiz(["cards"]), env_more),
            "version": (dlquiz(["--version"]), env),
            "help": (dlquiz(["--help"]), env),
            **{name: ([sys.executable, "-c", code], env) for name, code in BASELINES.items()},
        }
        listed = {name: run(dlquiz(["cards", "--json"]), e).stdout.count('"id"')
                  for name, e in (("bank", env), ("bank_more_notes", env_more))}
        for args, job_env in jobs.values():  # warm the disk cache and the daily backup
            run(args, job_env)
        samples: dict[str, list[float]] = {name: [] for name in jobs}
        names = list(jobs)
        for r in range(rounds):
            for name in names[r % len(names):] + names[:r % len(names)]:
                samples[name].append(timed(*jobs[name]))
    medians = {name: round(statistics.median(s), 3) for name, s in samples.items()}
    ratios = {name: round(medians[name] / medians[base], 2) for name, (base, _) in GOALS.items()}
    print(json.dumps({
        "code": timed_code, "cards_listed": listed, "rounds": rounds, "seconds": medians,
        "ratios": ratios,
        "goals": {name: f"<= {goal} x {base}" for name, (base, goal) in GOALS.items()},
        "met": {name: ratios[name] <= goal for name, (_, goal) in GOALS.items()},
    }, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
