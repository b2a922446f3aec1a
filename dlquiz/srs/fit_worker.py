"""The FSRS fit, run as its own process (`python -m dlquiz.srs.fit_worker`): fsrs-rs holds
the GIL for the whole fit, so in-process it would freeze every progress display and the
TUI. It reads the training items and the parameters in use as JSON on stdin and writes
JSON lines on stdout: each phase as it starts, then the result (or an error)."""

from __future__ import annotations

import json
import sys
from typing import Any


def say(**message: Any) -> None:
    print(json.dumps(message), flush=True)


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Fit on the items, then evaluate the parameters in use and the fitted ones on the
    same items (fsrs-rs's log loss and RMSE over its bins)."""
    import fsrs_rs_python as rs

    items = [rs.FSRSItem([rs.FSRSReview(int(r), int(d)) for r, d in reviews])
             for reviews in request["items"]]
    say(phase="fitting", items=len(items))
    current = list(request["current"]) or list(rs.DEFAULT_PARAMETERS)
    fitted = list(rs.FSRS(current).compute_parameters(items))
    say(phase="evaluating")
    before = rs.FSRS(current).evaluate(items)
    after = rs.FSRS(fitted).evaluate(items)
    return {"fitted": fitted, "default": list(rs.DEFAULT_PARAMETERS),
            "current": {"log_loss": before.log_loss, "rmse_bins": before.rmse_bins},
            "after": {"log_loss": after.log_loss, "rmse_bins": after.rmse_bins}}


def main() -> None:
    try:
        request = json.load(sys.stdin)
        say(phase="reading", items=len(request["items"]))
        say(result=run(request))
    except ImportError:
        say(error="fsrs-rs-python is not installed; install it with "
                  "`pip install fsrs-rs-python` to fit FSRS to your reviews")
    except Exception as exc:  # the library's own errors (e.g. not enough data)
        say(error=f"fsrs-rs could not fit this history ({exc})")


if __name__ == "__main__":
    main()
