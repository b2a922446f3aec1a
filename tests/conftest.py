"""Shared fixtures: an isolated bank location per test, and the path of the user's notes."""

from __future__ import annotations

import compileall
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.main import get_command

REPO_ROOT = Path(__file__).resolve().parent.parent
_SEED = Path("shared") / "seeds" / "000_c04406933d728e9d.txt"
# beside the checkout, or beside the folder of worktrees a checkout may live in
SEED_NOTES = next((p / _SEED for p in REPO_ROOT.parents if (p / _SEED).is_file()),
                  REPO_ROOT.parent / _SEED)


def pytest_configure(config: pytest.Config) -> None:
    """Once per run, in the process that starts the workers: write the bytecode of dlquiz,
    engine and the tests. Where PYTHONDONTWRITEBYTECODE is set (it is on these machines) and
    the package is installed editable, nothing else writes it, so every `dlquiz` subprocess
    a test starts would compile some 36,000 lines first (over a second each); `pip install .`
    writes it at install time, so this is also what a user's command runs."""
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the controller did it
        return
    for folder in ("dlquiz", "engine", "tests"):
        compileall.compile_dir(REPO_ROOT / folder, quiet=2)


# The files whose tests take longest (`pytest --durations=150`, 2026-12-08), longest first.
# They are run first: pytest-xdist hands each worker a contiguous share of the collection and
# an idle worker steals from the end of another's queue, so long tests at the front are
# spread over the run, while one of them collected last would run alone at its end.
LONG_FIRST = (
    "tests/functional/test_faults.py",
    "tests/functional/test_tui_80x24.py",
    "tests/functional/test_tui_drafts.py",
    "tests/unit/stats/test_properties.py",
    "tests/functional/test_stress.py",
    "tests/functional/test_notes_fill.py",
    "tests/functional/test_cli_interop.py",
    "tests/functional/test_serve_sessions.py",
    "tests/functional/test_cli_decks.py",
    "tests/functional/test_stats_browser.py",
    "tests/functional/test_export_studied.py",
    "tests/functional/test_xss_browser.py",
    "tests/functional/test_tui_exam.py",
    "tests/functional/test_cli_study.py",
    "tests/unit/notes/test_linear_time.py",
    "tests/unit/test_cli_startup.py",
    "tests/oracle/test_ops_oracle.py",
    "tests/functional/test_escapes.py",
    "tests/functional/test_tui_exam_snapshots.py",
    "tests/functional/test_crash.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of LONG_FIRST first, in its order; every other test keeps its place after
    them (a file's tests stay together and in order)."""
    rank = {name: n for n, name in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable


@pytest.fixture(autouse=True, scope="session")
def _one_click_command_per_app() -> Iterator[None]:
    """typer's CliRunner.invoke rebuilds the click command from every command function's
    signature on each call (about 50 ms, thousands of calls in the suite); the app does not
    change while the tests run, so it is built once per app and the same command invoked."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("typer.testing._get_command", functools.cache(get_command))
        yield


@pytest.fixture
def bank_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """DLQUIZ_HOME pointed at a fresh temporary directory; DLQUIZ_DB cleared."""
    home = tmp_path / "home"
    monkeypatch.setenv("DLQUIZ_HOME", str(home))
    monkeypatch.delenv("DLQUIZ_DB", raising=False)
    yield home


BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def bank_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty bank: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bank.db'}"
        return
    from tests.postgres import fresh_database

    with fresh_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def any_bank_home(request: pytest.FixtureRequest, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Like bank_home, for commands that must behave the same on both backends: with the
    PostgreSQL variant, DLQUIZ_DB names a fresh database on the test server."""
    home = tmp_path / "home"
    monkeypatch.setenv("DLQUIZ_HOME", str(home))
    monkeypatch.delenv("DLQUIZ_DB", raising=False)
    if request.param == "sqlite":
        yield home
        return
    from tests.postgres import fresh_database

    with fresh_database() as url:
        monkeypatch.setenv("DLQUIZ_DB", url)
        yield home


@pytest.fixture
def seed_notes() -> Path:
    if not SEED_NOTES.is_file():
        pytest.skip(f"the user's notes file is not here ({SEED_NOTES}); it lives in ../shared")
    return SEED_NOTES
