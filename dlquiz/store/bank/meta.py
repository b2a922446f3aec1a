"""Small key/value facts about the bank itself (settings, the built-in content stamp)."""

from __future__ import annotations

from sqlalchemy import select

from dlquiz.store.bank.database import Bank, serialize
from dlquiz.store.schema.models import MetaRow


def get_meta(bank: Bank, key: str) -> str | None:
    with bank.read() as session:
        return session.scalar(select(MetaRow.value).where(MetaRow.key == key))


def set_meta(bank: Bank, key: str, value: str) -> None:
    with bank.write() as session:
        serialize(session, f"meta:{key}")
        session.merge(MetaRow(key=key, value=value))
