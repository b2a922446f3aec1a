"""What `dlquiz optimize` last did, kept in the bank beside the settings: when it ran, on
how many study reviews, the metrics of the parameters before and after, and whether the
fitted parameters were kept (they then sit in StudySettings.parameters, which the
scheduler reads)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from dlquiz.store.bank import Bank, get_meta, set_meta

FIT_KEY = "fsrs_fit"
REFIT_AFTER = timedelta(days=30)
FIRST_FIT_REVIEWS = 400  # below this many study reviews, fitting is not suggested yet


@dataclass(frozen=True)
class Metrics:
    log_loss: float
    rmse_bins: float


@dataclass(frozen=True)
class FitRecord:
    fitted_at: datetime
    reviews: int  # study reviews in the history that was fitted
    items: int  # the library's training items (ratings a day or more after the previous)
    scope: str  # "full", "initial stabilities" or "defaults" (the library's thresholds)
    kept: bool
    current: Metrics | None
    fitted: Metrics | None
    parameters: tuple[float, ...]  # the fitted ones (kept or not)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fitted_at"] = self.fitted_at.isoformat()
        data["parameters"] = list(self.parameters)
        return data


def _metrics(raw: Any) -> Metrics | None:
    return Metrics(float(raw["log_loss"]), float(raw["rmse_bins"])) if raw else None


def load_fit(bank: Bank) -> FitRecord | None:
    raw = get_meta(bank, FIT_KEY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return FitRecord(fitted_at=datetime.fromisoformat(data["fitted_at"]),
                         reviews=int(data["reviews"]), items=int(data["items"]),
                         scope=str(data["scope"]), kept=bool(data["kept"]),
                         current=_metrics(data.get("current")),
                         fitted=_metrics(data.get("fitted")),
                         parameters=tuple(float(p) for p in data.get("parameters", ())))
    except (ValueError, KeyError, TypeError):  # written by hand or by another version
        return None


def save_fit(bank: Bank, record: FitRecord | None) -> None:
    set_meta(bank, FIT_KEY, json.dumps(record.to_dict()) if record is not None else "")


def refit_advice(record: FitRecord | None, reviews: int, now: datetime) -> str | None:
    """Why fitting (again) is worth it now, as a reason key, or None: a month since the last
    fit, or twice the reviews it used; or never fitted with enough history."""
    if record is None:
        return "never_fitted" if reviews >= FIRST_FIT_REVIEWS else None
    if now - record.fitted_at >= REFIT_AFTER:
        return "month_since_fit"
    if reviews >= 2 * max(record.reviews, 1):
        return "reviews_doubled"
    return None
