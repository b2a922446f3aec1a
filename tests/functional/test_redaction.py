"""A password in the bank URL is never shown: every command that opens the bank, with
`--db` and with DLQUIZ_DB, plus `bank copy` and `bank backup`, run with malformed URLs
(bad port, broken IPv6 host, unsupported scheme), an unreachable server and, with the test
server, a working one; stdout, stderr, any exception and every file written (names and
bytes) are searched for the password."""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dlquiz.cli.main import app
from dlquiz.store.bank.redaction import redact, scrub

PASSWORD = "S3cretPass"
MALFORMED = (f"postgresql://user:{PASSWORD}@127.0.0.1:abc/db",
             f"postgresql://user:{PASSWORD}@[::1/db",
             f"postgresql://user:{PASSWORD}@[fe80::1%eth0:5432/db",
             f"mysql://user:{PASSWORD}@127.0.0.1/db")
# Well-formed for SQLAlchemy; the driver or the network refuses them.
UNREACHABLE = (f"postgresql://user:{PASSWORD}@127.0.0.1:1/db",
               f"postgresql://user:{PASSWORD}@127.0.0.1:99999/db")

# Every command that opens the bank, with arguments it accepts.
COMMANDS = (("import", "{notes}"), ("decks",), ("cards",), ("show", "1"), ("info", "1"),
            ("due",), ("undo",), ("suspend", "1"), ("unsuspend", "1"), ("bury", "1"),
            ("unbury", "1"), ("config",), ("stats", "--json"), ("stats", "--html", "{out}.html"),
            ("optimize",), ("export", "-f", "csv", "-o", "{out}.csv"), ("review", "next"),
            ("review", "rate", "1", "good"), ("bank", "check"), ("bank", "backup"),
            ("exam", "new", "--json"), ("exam", "list"), ("exam", "show", "1"),
            ("exam", "answer", "1", "1", "x"), ("exam", "points", "1", "1", "1"),
            ("exam", "export", "1"), ("exam", "submit", "1"), ("exam", "study", "1"),
            ("exam", "retry", "1", "--json"), ("exam", "again", "1", "--json"),
            ("exam", "flag", "1", "1"), ("practice",), ("study",), ("exam", "resume"))
# Those a working bank would open a terminal UI for.
INTERACTIVE = {("practice",), ("study",), ("exam", "resume")}

runner = CliRunner()


def leaks(result: Result, folder: Path) -> list[str]:
    """Where the password shows: the output, the exception, a file's name or bytes."""
    found = []
    shown = result.stdout + result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown += "".join(traceback.format_exception(result.exception))
    if PASSWORD in shown:
        found.append(f"output: {shown[-400:]}")
    for path in folder.rglob("*"):
        if PASSWORD in str(path):
            found.append(f"name: {path}")
        elif path.is_file() and PASSWORD.encode() in path.read_bytes():
            found.append(f"bytes: {path}")
    return found


def run(args: tuple[str, ...], folder: Path, url: str, *, env: bool) -> Result:
    filled = [a.format(notes=folder / "notes.md", out=folder / "out") for a in args]
    environment = {"DLQUIZ_HOME": str(folder / "home"), "DLQUIZ_DB": url if env else None}
    return runner.invoke(app, filled if env else ["--db", url, *filled], env=environment)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # a file written "here" is searched too
    (tmp_path / "notes.md").write_text("## 001 问题\n\n答案。\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("url", MALFORMED)
def test_malformed_urls_are_refused_without_the_password(url: str, folder: Path) -> None:
    for env in (False, True):
        for args in COMMANDS:
            result = run(args, folder, url, env=env)
            assert result.exit_code == 2, (args, result.output)
            assert "user:***@" in result.stderr, (args, result.stderr)  # it got to the URL
            assert leaks(result, folder) == [], args


@pytest.mark.parametrize("url", UNREACHABLE)
def test_unreachable_server_is_named_without_the_password(url: str, folder: Path) -> None:
    for args in COMMANDS:
        result = run(args, folder, url, env=False)
        assert result.exit_code == 2, (args, result.output)
        assert leaks(result, folder) == [], args


def test_bank_copy_never_shows_the_password(folder: Path) -> None:
    sqlite = f"sqlite:///{folder / 'a.db'}"
    assert run(("import", "{notes}"), folder, sqlite, env=False).exit_code == 0
    for url in (*MALFORMED, *UNREACHABLE):
        for src, dst in ((sqlite, url), (url, sqlite), (url, url)):
            result = runner.invoke(app, ["bank", "copy", src, dst])
            assert result.exit_code == 2, (src, dst, result.output)
            assert leaks(result, folder) == [], (src, dst)


def test_a_working_server_url_never_shows_the_password(folder: Path) -> None:
    from tests.postgres import fresh_database

    with fresh_database() as plain:
        user, rest = plain.split("://", 1)[1].split("@", 1)
        url = f"postgresql://{user}:{PASSWORD}@{rest}"
        for args in COMMANDS:
            if args in INTERACTIVE:
                continue
            result = run(args, folder, url, env=False)
            assert result.exception is None or isinstance(result.exception, SystemExit), args
            assert leaks(result, folder) == [], args
        assert f"{user}:***@" in run(
            ("bank", "backup"), folder, url, env=False).stderr
        sqlite = f"sqlite:///{folder / 'copy.db'}"
        for src, dst in ((url, sqlite), (sqlite, url)):
            result = runner.invoke(app, ["bank", "copy", src, dst, "--force"])
            assert result.exit_code == 0, result.output
            assert leaks(result, folder) == [], (src, dst)


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
    ("postgresql://u:p@ss/w@rd@h/db", "postgresql://u:***@h/db"),
    ("postgresql://:pw@h/db", "postgresql://:***@h/db"),
    ("postgresql://u@h/db?sslmode=require&password=pw", "postgresql://u@h/db?sslmode=require"
                                                       "&password=***"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
    ("sqlite:////tmp/x:y@z.db", "sqlite:////tmp/x:y@z.db"),
])
def test_redact(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_scrub_hides_the_password_quoted_in_a_message() -> None:
    url = "postgresql://u:p%40ss@h:x/db"
    said = scrub(f"invalid port in '{url}' (p@ss, p%40ss)", url)
    assert said == "invalid port in 'postgresql://u:***@h:x/db' (***, ***)"
