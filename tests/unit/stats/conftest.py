"""A studied bank shared by the statistics tests that only read it (built once a session:
two months of ratings through the scheduler take seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dlquiz.store.bank.database import Bank

from .studied import studied_bank


@pytest.fixture(scope="session")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bank]:
    bank = studied_bank(tmp_path_factory.mktemp("studied"))
    yield bank
    bank.engine.dispose()
