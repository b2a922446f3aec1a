"""A killed import leaves no parse worker behind (issue 9: 5 of 24 kills left one running).

A child process starts a parallel parse of a big generated file whose workers announce
themselves on stdout and then block for good; the test waits for that line, SIGKILLs the
child, and polls the process table (with a deadline) until no worker is left.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dlquiz.notes import parallel

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc")

CHILD = r"""
import ctypes, os, signal, sys
from dlquiz.notes import parallel

if sys.argv[1] == "fallback":
    parallel._set_parent_death_signal = lambda: False  # as on a system without prctl
main = os.getpid()
real = parallel._parse_piece

def announce_and_block(*args):
    if os.getpid() == main:
        return real(*args)
    armed = ctypes.c_int(-1)
    ctypes.CDLL(None).prctl(2, ctypes.byref(armed), 0, 0, 0)  # PR_GET_PDEATHSIG
    print(f"worker {os.getpid()} running, death signal {armed.value}", flush=True)
    signal.pause()  # only its death ends it

parallel._parse_piece = announce_and_block
text = "".join(f"## {i:05d} Q{i}\n\nAnswer {i}.\n\n" for i in range(8000))
parallel.parse_notes_parallel(text, source="big.md", workers=2)
print("parse returned", flush=True)
"""


def _state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) of a process, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _living_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (state := _state(int(entry.name))) is not None \
                and state[1] == parent and state[0] != "Z":
            found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    state = _state(pid)
    return state is None or state[0] == "Z"  # a zombie no longer runs or holds memory


def _first_line(proc: subprocess.Popen[str], deadline: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
    assert ready, "the child never reported a running worker"
    return proc.stdout.readline()


@pytest.mark.parametrize("mode", ["prctl", "fallback"])
def test_workers_die_with_a_killed_parent(mode: str) -> None:
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = _first_line(proc, time.monotonic() + 120)
        assert line.startswith("worker "), (line, proc.stderr.read() if proc.stderr else "")
        worker = int(line.split()[1])
        armed = int(line.rsplit(" ", 1)[1])
        assert armed == (int(signal.SIGKILL) if mode == "prctl" else 0)
        assert _state(worker) is not None and _state(worker)[1] == proc.pid  # type: ignore[index]
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 30
        while not (_gone(worker) and not _living_children(proc.pid)):
            assert time.monotonic() < deadline, f"worker {worker} outlived its parent"
            time.sleep(0.02)  # polling the process table for the worker's end
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_the_initializer_arms_the_death_signal_in_a_real_worker() -> None:
    """Through the pool itself: the worker reports the death signal it was given."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                             initializer=parallel.die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        armed = pool.submit(_death_signal).result()
    assert armed == int(signal.SIGKILL)


def _death_signal() -> int:
    import ctypes

    value = ctypes.c_int(-1)
    ctypes.CDLL(None).prctl(2, ctypes.byref(value), 0, 0, 0)  # PR_GET_PDEATHSIG
    return value.value
