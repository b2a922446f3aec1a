"""Undo for actions that change rows, not just a card's state: an import, renaming or
deleting a deck, deleting notes.

Before such an action the rows it may touch (its scope: table -> ids) are read; after it,
the same rows and any new ones in the scope are read again, and every row that differs is
journaled with its image before and after (`actions.rows_json`). Undo puts each row back
exactly (rows the action deleted are inserted again with their ids, rows it created are
deleted, changed rows get their old values) after checking that every row is still as the
action left it (a card's version aside: the card actions undone since restored its state
but counted their writes): a row another process changed since is a refusal, with nothing
changed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Table, TypeDecorator, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dlquiz.store.schema.errors import StaleCardError
from dlquiz.store.schema.models import ActionRow, Base

Scope = dict[str, set[int]]
Image = dict[str, dict[int, dict[str, Any]]]
CHUNK = 500  # ids per IN list (SQLite's limit on bound parameters is far above)
RUN = 50  # consecutive ids read as one range rather than in an IN list


def tables() -> dict[str, Table]:
    """The bank's tables with an id (all but meta), parents before the tables that point
    at them."""
    return {t.name: t for t in Base.metadata.sorted_tables if "id" in t.c}


def merge(*scopes: Scope) -> Scope:
    merged: Scope = {}
    for scope in scopes:
        for name, ids in scope.items():
            merged.setdefault(name, set()).update(ids)
    return merged


def _encode(value: Any) -> Any:
    return {"t": value.isoformat()} if isinstance(value, datetime) else value


def _decode(value: Any) -> Any:
    return datetime.fromisoformat(value["t"]) if isinstance(value, dict) else value


def _stamped(table: Table) -> list[str]:
    """The columns of a table that hold datetimes (the only values _encode changes)."""
    return [key for key, column in table.c.items()
            if isinstance(column.type, (DateTime, TypeDecorator))
            and isinstance(getattr(column.type, "impl", column.type), DateTime)]


def _runs(ids: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted ids as the long runs of consecutive ids in them, `(first, last)`, and the
    ids left over. An import's new rows are one run: read as one range, not 500-id lists."""
    runs: list[tuple[int, int]] = []
    rest: list[int] = []
    start = 0
    for end in range(1, len(ids) + 1):
        if end == len(ids) or ids[end] != ids[end - 1] + 1:
            if end - start >= RUN:
                runs.append((ids[start], ids[end - 1]))
            else:
                rest.extend(ids[start:end])
            start = end
    return runs, rest


def read_image(session: Session, scope: Scope) -> Image:
    """Every row of the scope that exists, as JSON-ready values, by table and id. Rows come
    back as plain tuples and only the datetime columns are encoded: an import reads tens of
    thousands of rows here, twice."""
    image: Image = {}
    for name, table in tables().items():
        runs, rest = _runs(sorted(scope.get(name, ())))
        rows: dict[int, dict[str, Any]] = {}
        keys = list(table.c.keys())
        stamped = _stamped(table)
        wheres = [table.c.id.between(first, last) for first, last in runs]
        wheres += [table.c.id.in_(rest[start:start + CHUNK])
                   for start in range(0, len(rest), CHUNK)]
        for where in wheres:
            for row in session.execute(select(table).where(where)):
                values = dict(zip(keys, row, strict=True))
                for key in stamped:
                    values[key] = _encode(values[key])
                rows[int(values["id"])] = values
        image[name] = dict(sorted(rows.items()))  # in id order, as it was read before
    return image


def high_water(session: Session) -> dict[str, int]:
    """The largest id of each table: a row above it after the action is one it created."""
    return {name: int(session.scalar(select(func.max(table.c.id))) or 0)
            for name, table in tables().items()}


def changes(before: Image, after: Image,
            fresh_above: Mapping[str, int] | None = None) -> dict[str, list[list[Any]]]:
    """`table -> [[id, row before or None, row after or None], ...]` for the rows that
    differ. With `fresh_above`, a row missing from `before` must be a new one: an older row
    missing there means the scope was read too narrowly, and undo would delete it."""
    journal: dict[str, list[list[Any]]] = {}
    for name in tables():
        old, new = before.get(name, {}), after.get(name, {})
        if fresh_above is not None:
            unseen = [row_id for row_id in new if row_id not in old
                      and row_id <= fresh_above.get(name, 0)]
            if unseen:
                raise AssertionError(f"the undo journal missed {name} row {unseen[0]}")
        rows = [[row_id, old.get(row_id), new.get(row_id)]
                for row_id in sorted(set(old) | set(new)) if old.get(row_id) != new.get(row_id)]
        if rows:
            journal[name] = rows
    return journal


def others_left_out(session: Session, before: Image, after: Image) -> Image:
    """`after` without the rows another transaction added meanwhile. On PostgreSQL a write
    transaction reads what others commit while it runs (READ COMMITTED), so a row that is
    new in `after` may be another process's (an exam created during an import): it is not
    this action's to undo. A row is this transaction's when its xmin is this transaction's
    id. (On SQLite a write transaction holds the only write lock: every new row is ours.)"""
    if session.get_bind().dialect.name != "postgresql":
        return after
    from sqlalchemy import text

    kept: Image = {}
    for name, rows in after.items():
        fresh = sorted(row_id for row_id in rows if row_id not in before.get(name, {}))
        ours: set[int] = set()
        for start in range(0, len(fresh), CHUNK):
            chunk = fresh[start:start + CHUNK]
            ours |= set(session.scalars(text(
                f'SELECT id FROM "{name}" WHERE id = ANY(:ids) '
                "AND xmin::text::bigint = mod(txid_current(), 4294967296)"), {"ids": chunk}))
        kept[name] = {row_id: row for row_id, row in rows.items()
                      if row_id in before.get(name, {}) or row_id in ours}
    return kept


def journal_rows(session: Session, kind: str, label: str, now: datetime,
                 before: Image, after: Image, *,
                 fresh_above: Mapping[str, int] | None = None) -> ActionRow | None:
    """Add the undo entry for an action whose rows went from `before` to `after` (none when
    nothing changed)."""
    after = others_left_out(session, before, after)
    rows = changes(before, after, fresh_above)
    if not rows:
        return None
    action = ActionRow(kind=kind, created_at=now, before_json="[]",
                       rows_json=json.dumps({"label": label, "rows": rows}, ensure_ascii=False))
    session.add(action)
    return action


def label_of(action: ActionRow) -> str | None:
    if action.rows_json is None:
        return None
    return str(json.loads(action.rows_json)["label"])


def card_ids_of(action: ActionRow) -> tuple[int, ...]:
    if action.rows_json is None:
        return ()
    rows = json.loads(action.rows_json)["rows"].get("cards", [])
    return tuple(int(row_id) for row_id, _, _ in rows)


def undo_rows(session: Session, action: ActionRow) -> None:
    """Put back every row of the action, or raise StaleCardError with nothing changed."""
    assert action.rows_json is not None
    rows: Mapping[str, list[list[Any]]] = json.loads(action.rows_json)["rows"]
    known = tables()
    current = read_image(session, {name: {int(r[0]) for r in entries}
                                   for name, entries in rows.items()})
    for name, entries in rows.items():
        for row_id, _, after in entries:
            if _content(current[name].get(int(row_id))) != _content(after):
                raise StaleCardError(f"{name} row {row_id} was changed by another dlquiz "
                                     "process since; nothing was undone.")
    try:
        for name, table in known.items():  # parents first: rows the action deleted
            gone = [_row(before) for _, before, after in rows.get(name, ()) if after is None]
            if gone:
                session.execute(insert(table), gone)
        for name, table in known.items():
            for row_id, before, after in rows.get(name, ()):
                if before is not None and after is not None:
                    # a card gets back its version too: a process that read it at that
                    # version read exactly the state it has again
                    session.execute(update(table).where(table.c.id == row_id)
                                    .values(**_row(before)))
        for name, table in reversed(known.items()):  # children first: rows it created
            made = [int(row_id) for row_id, before, _ in rows.get(name, ()) if before is None]
            for start in range(0, len(made), CHUNK):
                session.execute(delete(table).where(table.c.id.in_(made[start:start + CHUNK])))
        session.flush()
    except IntegrityError:
        raise StaleCardError("the rows to restore clash with rows another dlquiz process "
                             "wrote since; nothing was undone.") from None


def _content(image: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A row as the staleness check compares it: a card's version counts its writes, and
    the undone card actions since (ratings, suspensions) restored its state, not that."""
    if image is None or "version" not in image:
        return image
    return {key: value for key, value in image.items() if key != "version"}


def _row(image: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _decode(value) for key, value in image.items()}
