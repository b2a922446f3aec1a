"""Whole-process benchmarks time the program a user runs. `pip install .` (the README's
command) writes the bytecode of every module when it installs; an editable install under
PYTHONDONTWRITEBYTECODE (set on these machines) never writes it, so each process would first
compile dlquiz's 36,000 lines, a cost no user pays while the libraries it is compared with
(installed by pip) do not pay it either. So a benchmark writes it once before timing.
"""

from __future__ import annotations

import os
import subprocess
import sys

_WHERE = "import dlquiz, engine, os; print(os.path.dirname(dlquiz.__file__)); " \
         "print(os.path.dirname(engine.__file__))"


def write_bytecode(env: dict[str, str] | None = None) -> list[str]:
    """Compile the dlquiz and engine packages that `python` resolves under `env`; returns
    their folders (printed by the benchmarks, so a run says which code it timed)."""
    env = dict(os.environ if env is None else env)
    found = subprocess.run([sys.executable, "-c", _WHERE], env=env, check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run([sys.executable, "-m", "compileall", "-q", *found], env=env, check=True,
                   capture_output=True)
    return found
