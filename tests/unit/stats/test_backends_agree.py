"""The statistics give the same report on SQLite and PostgreSQL: a bank with two months of
study made by the scheduler itself (note and skill cards, right and wrong answers, lapses,
predicted recall at each rating), practice attempts and submitted exams is built in SQLite,
copied row for row to PostgreSQL with `bank copy`, and every number of the report is
compared, for each period and for a deck and topics."""

from __future__ import annotations

import math
from typing import Any

from dlquiz.srs.settings import StudySettings
from dlquiz.stats.report import to_dict
from dlquiz.stats.service import StatsService
from dlquiz.store.bank.copy import copy_bank_between
from dlquiz.store.bank.database import Bank, open_bank

from .history import NEW_YORK
from .studied import NOW


def same(a: Any, b: Any, where: str = "") -> None:
    """Equal, floats to 1e-9 (relative): the backends sum in different orders."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, float | int) and isinstance(b, float | int), (where, a, b)
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b and type(a) is type(b), (where, a, b)


def report(bank: Bank, period: str, deck: str | None, topic: str | None) -> dict[str, Any]:
    service = StatsService(bank, clock=lambda: NOW, zone=NEW_YORK,
                           settings=StudySettings(enable_fuzzing=False))
    return to_dict(service.report(period, deck, topic, "en"))


def test_every_number_is_the_same_on_both_backends(studied: Bank) -> None:
    from tests.postgres import fresh_database  # skips without a server (outside CI)

    sqlite = studied
    with fresh_database() as url:
        copy_bank_between(sqlite.url, url, force=False)
        postgres = open_bank(url)
        try:
            first = report(sqlite, "all", None, None)
            assert first["reviews"]["total_reviews"] > 300
            assert first["calibration"]["reviews"] > 50 and first["skills"]
            assert first["mistakes"] and first["exams"]["scores"]
            assert first["card_counts"]["mature"] > 0 and first["card_counts"]["young"] > 0
            for period, deck, topic in (("1m", None, None), ("3m", None, None),
                                        ("1y", None, None), ("all", None, None),
                                        ("all", "conv", None), ("1m", None, "卷积"),
                                        ("all", None, "注意力")):
                same(report(sqlite, period, deck, topic), report(postgres, period, deck, topic),
                     f"{period} {deck} {topic}")
        finally:
            postgres.engine.dispose()

