"""How long `dlquiz study` takes to show its first card, against the time it takes just to
import the libraries it needs (goal: within 1.3×).

`dlquiz study` runs in a pseudo-terminal (80×24) on a bank that already holds the built-in
deck and the user's notes file; the clock stops when the terminal has received both the
counts line above the first card ("New") and the key line under it ("show answer"). The
bytecode is written first, as `pip install .` does (see installed_bytecode.py). The import
baseline is `python -c "import textual.app, sqlalchemy.orm, numpy, fsrs, markdown_it"`. Runs are
interleaved and the medians compared. Prints one JSON object.
Run: python benchmarks/bench_startup.py
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from installed_bytecode import write_bytecode

ROUNDS = 5
GOAL_RATIO = 1.3
SEED_NAME = "000_c04406933d728e9d.txt"  # the user's notes, in shared/seeds beside the checkout
SEED = next((p / "shared" / "seeds" / SEED_NAME for p in Path(__file__).resolve().parents
             if (p / "shared" / "seeds" / SEED_NAME).is_file()), Path(SEED_NAME))
BASELINE = "import textual.app, sqlalchemy.orm, numpy, fsrs, markdown_it"
_ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b\][^\x07]*\x07")


# the counts line above the card, and the key line under it: the whole first card is drawn
MARKERS = (b"New", b"show answer")


def first_frame(env: dict[str, str], markers: tuple[bytes, ...] = MARKERS,
                timeout: float = 60.0) -> float:
    """Seconds from starting `dlquiz study` in a pty until every marker is on its screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dlquiz", "study", "--lang", "en"],
                            stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            shown = _ANSI.sub(b"", seen)
            if all(marker in shown for marker in markers):
                return time.perf_counter() - start
        raise RuntimeError(f"no first frame within {timeout}s: {seen[-400:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def baseline() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BASELINE], check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DLQUIZ_HOME": home, "TERM": "xterm-256color",
               "COLUMNS": "80", "LINES": "24"}
        timed_code = write_bytecode(env)
        if SEED.is_file():
            subprocess.run([sys.executable, "-m", "dlquiz", "import", str(SEED)], env=env,
                           check=True, capture_output=True)
        else:
            subprocess.run([sys.executable, "-m", "dlquiz", "due"], env=env, check=True,
                           capture_output=True)
        first_frame(env)  # warm the disk cache and the bank's daily backup
        study, imports = [], []
        for _ in range(ROUNDS):
            study.append(first_frame(env))
            imports.append(baseline())
    s, i = statistics.median(study), statistics.median(imports)
    print(json.dumps({"code": timed_code, "first_frame_s": round(s, 3),
                      "import_libraries_s": round(i, 3),
                      "ratio": round(s / i, 2), "goal_ratio": GOAL_RATIO,
                      "samples_first_frame_s": [round(x, 3) for x in study],
                      "samples_import_s": [round(x, 3) for x in imports]}, indent=2))


if __name__ == "__main__":
    main()
