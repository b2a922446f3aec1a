"""`dlquiz bank check`, dlquiz's Check Database: SQLite's own integrity and foreign-key
checks, then the invariants dlquiz relies on, repairing what can be repaired safely.

A damaged file is never edited in place: it is rebuilt into a fresh copy (REINDEX first,
which fixes damaged indexes; then `VACUUM INTO`), the damaged original is kept beside it,
and only a copy that passes the integrity check replaces it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text

from dlquiz.store.bank.explain import damage_marker
from dlquiz.store.bank.location import sqlite_path


@dataclass(frozen=True)
class Finding:
    """One problem: what was found, how many rows, and whether it was repaired."""

    problem: str
    count: int
    repaired: bool


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...] = field(default=())
    kept_damaged_copy: str | None = None

    @property
    def clean(self) -> bool:
        return all(f.repaired for f in self.findings)

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.clean, "kept_damaged_copy": self.kept_damaged_copy,
                "findings": [{"problem": f.problem, "count": f.count, "repaired": f.repaired}
                             for f in self.findings]}


# (problem, SQL counting the offending rows, SQL repairing them or None)
Invariant = tuple[str, str, str | None]
INVARIANTS: tuple[Invariant, ...] = (
    ("cards whose reps differ from their number of review-log rows",
     "SELECT count(*) FROM cards c WHERE c.reps != "
     "(SELECT count(*) FROM review_logs r WHERE r.card_id = c.id)",
     "UPDATE cards SET reps = (SELECT count(*) FROM review_logs r WHERE r.card_id = cards.id),"
     " version = version + 1 WHERE reps != "
     "(SELECT count(*) FROM review_logs r WHERE r.card_id = cards.id)"),
    ("cards with neither a note nor a question kind",
     "SELECT count(*) FROM cards WHERE note_id IS NULL AND skill_kind IS NULL",
     "DELETE FROM cards WHERE note_id IS NULL AND skill_kind IS NULL"),
    ("cards with both a note and a question kind",
     "SELECT count(*) FROM cards WHERE note_id IS NOT NULL AND skill_kind IS NOT NULL",
     None),
    ("cards in an unknown state",
     "SELECT count(*) FROM cards WHERE state NOT IN (0, 1, 2, 3)", None),
    ("reviewed cards without FSRS stability or difficulty",
     "SELECT count(*) FROM cards WHERE state != 0 AND "
     "(stability IS NULL OR difficulty IS NULL OR last_review IS NULL)", None),
    ("cards with more lapses than reviews",
     "SELECT count(*) FROM cards WHERE lapses > reps OR lapses < 0", None),
    ("leech marks on cards that are not suspended",
     "SELECT count(*) FROM cards WHERE leech AND NOT suspended",
     "UPDATE cards SET leech = FALSE, version = version + 1 WHERE leech AND NOT suspended"),
    ("burials that have already ended",
     "SELECT count(*) FROM cards WHERE buried_until IS NOT NULL AND buried_until < :now",
     "UPDATE cards SET buried_until = NULL, version = version + 1 "
     "WHERE buried_until IS NOT NULL AND buried_until < :now"),
    ("undo entries that point at a missing review",
     "SELECT count(*) FROM actions a WHERE a.review_log_id IS NOT NULL AND NOT EXISTS "
     "(SELECT 1 FROM review_logs r WHERE r.id = a.review_log_id)",
     "DELETE FROM actions WHERE review_log_id IS NOT NULL AND review_log_id NOT IN "
     "(SELECT id FROM review_logs)"),
    ("review-log rows without a card",
     "SELECT count(*) FROM review_logs r WHERE NOT EXISTS "
     "(SELECT 1 FROM cards c WHERE c.id = r.card_id)",
     "DELETE FROM review_logs WHERE card_id NOT IN (SELECT id FROM cards)"),
    ("cards of notes that do not exist",
     "SELECT count(*) FROM cards c WHERE c.note_id IS NOT NULL AND NOT EXISTS "
     "(SELECT 1 FROM notes n WHERE n.id = c.note_id)",
     "DELETE FROM cards WHERE note_id IS NOT NULL AND note_id NOT IN (SELECT id FROM notes)"),
)


def check_invariants(conn: Connection, now: datetime, *, repair: bool) -> list[Finding]:
    """Count (and, when asked, repair) each invariant violation inside the caller's
    transaction."""
    utc = now.astimezone(UTC).replace(tzinfo=None)  # stored as naive UTC (store/schema/types.py)
    params: dict[str, object] = {
        "now": utc.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else utc}
    findings = []
    for problem, count_sql, repair_sql in INVARIANTS:
        count = int(conn.execute(text(count_sql), params).scalar() or 0)
        if not count:
            continue
        fixed = False
        if repair and repair_sql is not None:
            conn.execute(text(repair_sql), params)
            fixed = int(conn.execute(text(count_sql), params).scalar() or 0) == 0
        findings.append(Finding(problem=problem, count=count, repaired=fixed))
    return findings


def sqlite_integrity(path: Path) -> list[str]:
    """SQLite's own verdict on the file: [] when `integrity_check` says ok."""
    conn = sqlite3.connect(path)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def rebuild_sqlite(path: Path, now: datetime) -> tuple[bool, str | None]:
    """Repair a damaged file: REINDEX (damaged indexes), else a fresh copy made by `VACUUM
    INTO`, else a fresh bank of the same schema revision into which every table is copied
    row by row (what survives of each table). The damaged original is kept as
    `<name>.damaged-<time>`. Returns (repaired, where the damaged copy was kept)."""
    with contextlib.suppress(sqlite3.DatabaseError):
        conn = sqlite3.connect(path)
        try:
            conn.execute("REINDEX")
            conn.commit()
        finally:
            conn.close()
        if not sqlite_integrity(path):
            return True, None
    fresh = path.with_name(path.name + ".rebuilt")
    for build in (_vacuum_copy, _table_copy):
        with contextlib.suppress(OSError):
            fresh.unlink()
        try:
            build(path, fresh)
        except sqlite3.DatabaseError:
            continue
        if not sqlite_integrity(fresh):
            return True, _swap_in(path, fresh, now)
    with contextlib.suppress(OSError):
        fresh.unlink()
    return False, None


def _vacuum_copy(path: Path, fresh: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM INTO ?", (str(fresh),))
    finally:
        conn.close()


def _table_copy(path: Path, fresh: Path) -> None:
    """A new bank at the damaged one's schema revision, then each table's rows copied over
    (a table scan reads no index, so a damaged index does not stop it)."""
    from dlquiz.store.bank.database import make_engine
    from dlquiz.store.bank.migrate import upgrade

    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    engine = make_engine(f"sqlite:///{fresh}")
    try:
        upgrade(engine, str(revision))
    finally:
        engine.dispose()
    target = sqlite3.connect(fresh)
    try:
        target.execute("PRAGMA foreign_keys=OFF")
        target.execute("ATTACH DATABASE ? AS damaged", (str(path),))
        tables = [name for (name,) in target.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
        for table in tables:
            columns = [row[1] for row in target.execute(f'PRAGMA main.table_info("{table}")')]
            old = {row[1] for row in target.execute(f'PRAGMA damaged.table_info("{table}")')}
            shared = ", ".join(f'"{c}"' for c in columns if c in old)
            target.execute(f'INSERT INTO main."{table}" ({shared}) '
                           f'SELECT {shared} FROM damaged."{table}"')
        target.commit()
        target.execute("DETACH DATABASE damaged")
    finally:
        target.close()


def _swap_in(path: Path, fresh: Path, now: datetime) -> str:
    kept = path.with_name(f"{path.name}.damaged-{now:%Y%m%dT%H%M%S}")
    path.replace(kept)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).replace(kept.with_name(kept.name + suffix))
    fresh.replace(path)
    return str(kept)


def check_bank(url: str, connect: Callable[[], Connection], now: datetime, *,
               repair: bool = True) -> CheckReport:
    """The whole check. `connect` opens a connection to the bank (made after any rebuild of
    the file, so it sees the repaired copy)."""
    findings: list[Finding] = []
    kept = None
    path = sqlite_path(url)
    if path is not None and path.exists():
        problems = sqlite_integrity(path)
        if problems:
            fixed, kept = rebuild_sqlite(path, now) if repair else (False, None)
            findings.append(Finding(problem=f"damaged database file ({problems[0]})",
                                    count=len(problems), repaired=fixed))
            if not fixed:
                return CheckReport(findings=tuple(findings))
    with connect() as conn, conn.begin():
        findings.extend(check_invariants(conn, now, repair=repair))
        if conn.dialect.name == "sqlite":  # what the repairs above could not resolve
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                findings.append(Finding(problem="rows whose references point nowhere",
                                        count=len(broken), repaired=False))
    report = CheckReport(findings=tuple(findings), kept_damaged_copy=kept)
    if path is not None and report.clean:
        with contextlib.suppress(OSError):
            damage_marker(path).unlink()
    return report


def check_url(url: str, now: datetime, *, repair: bool = True) -> CheckReport:
    """Check the bank at `url` without the usual open (which would refuse a damaged file):
    the file's integrity first, then the schema is brought to head, then the invariants."""
    from dlquiz.store.bank.database import BEGIN_OPTION, make_engine
    from dlquiz.store.bank.migrate import bring_to_head
    from dlquiz.store.schema.errors import BankError

    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise BankError(f"{path}: there is no bank here yet; nothing to check.")
    engines = []

    def connect() -> Connection:
        engine = make_engine(url)
        engines.append(engine)
        bring_to_head(url, engine, now)
        return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}).connect()

    try:
        return check_bank(url, connect, now, repair=repair)
    finally:
        for engine in engines:
            engine.dispose()
