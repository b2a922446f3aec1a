"""Interview-day recall by simulation: simulated learners study 500+ cards under the same
minutes-per-day budget with three schedules, and the mean recall on the interview day (the
learner's own FSRS-6 retrievability then; a card never seen counts 0) and the reviews spent
are compared:

- normal: FSRS as dlquiz schedules without a target (20 new cards a day, the most overdue
  first);
- deadline: the target's rules (dlquiz/srs/deadline.py: intervals moved into the last week
  when they would jump past the day, new cards at the rate that meets them all in time, the
  last week lowest recall-on-the-day first);
- cram: normal until the last week, then every seen card lowest recall-on-the-day first,
  due or not (what a learner does with Anki's custom study).

Two parameter sets: the FSRS-6 defaults (the learner forgets as the defaults say) and a
learner who forgets faster, scheduled with parameters fitted by fsrs-rs (what `dlquiz
optimize` runs) to a month of that learner's normal study. Recall at each review is drawn
from the learner's own retrievability with a seeded generator. Prints JSON and a table.

    python benchmarks/bench_deadline.py [--cards 500] [--minutes 25] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fsrs import Card, Rating, Scheduler, State

from dlquiz.srs.deadline import (
    LAST_WEEK,
    SECONDS_PER_NEW,
    SECONDS_PER_REVIEW,
    Deadline,
    capped_due,
    new_card_rate,
)
from dlquiz.srs.plan_forecast import forgetting_curve, gain_on_day

START = datetime(2027, 1, 4, 4, 0, tzinfo=UTC)  # a study day's start
SESSION = timedelta(hours=5)  # the learner studies at 09:00 each day
NORMAL_NEW = 20
DEFAULTS = tuple(Scheduler().parameters)
# a learner who forgets faster than the defaults assume: lower initial stabilities, slower
# growth on success, a steeper curve (FSRS-6 parameter order)
FORGETFUL = (0.1, 0.6, 1.2, 4.0, *DEFAULTS[4:8], 1.5, *DEFAULTS[9:20], 0.25)


@dataclass
class Memory:
    """One card: the learner's true memory and the scheduler's view of it."""

    true: Card
    seen: Card
    introduced: bool = False


@dataclass
class Outcome:
    recall: float
    reviews: int
    unseen: int
    per_day: list[int] = field(default_factory=list)


def simulate(schedule: str, cards: int, horizon: int, minutes: int, true_params: Sequence[float],
             sched_params: Sequence[float], seed: int) -> Outcome:
    rng = random.Random(seed)
    truth = Scheduler(parameters=true_params, enable_fuzzing=False)
    plan = Scheduler(parameters=sched_params, enable_fuzzing=False)
    deadline = Deadline(START + timedelta(days=horizon), minutes)
    memories = [Memory(Card(card_id=i + 1), Card(card_id=i + 1)) for i in range(cards)]
    reviews = 0
    per_day = []
    for day in range(horizon):
        now = START + timedelta(days=day) + SESSION
        day_end = START + timedelta(days=day + 1)
        budget = minutes * 60.0
        done_today = 0

        def on_day(m: Memory) -> float:
            return float(plan.get_card_retrievability(m.seen, deadline.starts))

        def review(m: Memory, at: datetime) -> None:
            nonlocal reviews, budget, done_today
            recalled = rng.random() < (truth.get_card_retrievability(m.true, at)
                                       if m.introduced else 0.0)
            rating = Rating.Again if not recalled else (
                Rating.Hard if rng.random() < 0.1 else Rating.Good)
            budget -= SECONDS_PER_REVIEW if m.introduced else SECONDS_PER_NEW
            m.introduced = True
            m.true, _ = truth.review_card(m.true, rating, review_datetime=at)
            m.seen, _ = plan.review_card(m.seen, rating, review_datetime=at)
            if schedule == "deadline" and m.seen.state == State.Review:
                m.seen.due = capped_due(m.seen.due, at, deadline,
                                        forgetting_curve(plan, m.seen))
            reviews += 1
            done_today += 1

        last_week = horizon - day <= LAST_WEEK
        clock = now
        unseen = [m for m in memories if not m.introduced]
        if schedule == "deadline":  # new cards first: a card never seen is recalled 0
            for m in unseen[:new_card_rate(len(unseen), now, deadline, NORMAL_NEW).per_day]:
                if budget < SECONDS_PER_NEW:
                    break
                clock += timedelta(seconds=SECONDS_PER_NEW)
                review(m, clock)
        if schedule == "cram" and last_week:
            pool = sorted((m for m in memories if m.introduced), key=on_day)
        else:
            due = [m for m in memories if m.introduced and m.seen.due < day_end]
            pool = sorted(due, key=lambda m: float(plan.get_card_retrievability(m.seen, now)))
            if schedule == "deadline" and last_week:
                # what the study screen pulls in once the day's cards are done (rule 3)
                rest = [m for m in memories if m.introduced and m.seen.due >= day_end]
                pool += sorted(rest, key=lambda m: -gain_on_day(plan, m.seen, now, deadline))
        for m in pool:
            if budget < SECONDS_PER_REVIEW:
                break
            clock += timedelta(seconds=SECONDS_PER_REVIEW)
            review(m, clock)
        if schedule != "deadline":
            for m in [m for m in memories if not m.introduced][:NORMAL_NEW]:
                if budget < SECONDS_PER_NEW:
                    break
                clock += timedelta(seconds=SECONDS_PER_NEW)
                review(m, clock)
        # the learning steps of the day (minutes apart), while the time lasts
        while budget >= SECONDS_PER_REVIEW:
            learning = sorted((m for m in memories if m.introduced and m.seen.due < day_end
                               and m.seen.state in (State.Learning, State.Relearning)),
                              key=lambda m: m.seen.due)
            if not learning:
                break
            m = learning[0]
            clock = max(clock, m.seen.due) + timedelta(seconds=SECONDS_PER_REVIEW)
            review(m, clock)
        per_day.append(done_today)
    recall = [float(truth.get_card_retrievability(m.true, deadline.starts)) if m.introduced
              else 0.0 for m in memories]
    return Outcome(sum(recall) / cards, reviews, sum(not m.introduced for m in memories),
                   per_day)


def fitted_params(cards: int, minutes: int, seed: int) -> tuple[float, ...]:
    """Parameters fitted by fsrs-rs to a month of the forgetful learner's normal study."""
    from dlquiz.srs.optimizer import fit

    rng = random.Random(seed)
    truth = Scheduler(parameters=FORGETFUL, enable_fuzzing=False)
    plan = Scheduler(parameters=DEFAULTS, enable_fuzzing=False)
    histories: list[list[tuple[int, int]]] = []
    for i in range(cards):
        true, seen = Card(card_id=i + 1), Card(card_id=i + 1)
        at = START + SESSION + timedelta(days=i // NORMAL_NEW)
        reviews: list[tuple[int, int]] = []
        last_day = None
        while at < START + timedelta(days=45):
            recalled = rng.random() < (truth.get_card_retrievability(true, at)
                                       if reviews else 0.0)
            rating = Rating.Good if recalled else Rating.Again
            day = (at - START).days
            reviews.append((int(rating), 0 if last_day is None else day - last_day))
            last_day = day
            true, _ = truth.review_card(true, rating, review_datetime=at)
            seen, _ = plan.review_card(seen, rating, review_datetime=at)
            at = max(seen.due, at + timedelta(minutes=1))
        histories.append(reviews)
    items = [h[:n + 1] for h in histories for n in range(1, len(h)) if h[n][1] > 0]
    result = fit(items, DEFAULTS)
    return tuple(result["fitted"]) if result.get("fitted") else FORGETFUL


LEARNERS = 3  # simulated learners per cell (seeds), averaged


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--minutes", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sets = {"default": (DEFAULTS, DEFAULTS),
            "fitted": (FORGETFUL, fitted_params(args.cards, args.minutes, args.seed))}
    rows: list[dict[str, Any]] = []
    for name, (true, sched) in sets.items():
        for horizon in (30, 60, 90):
            row: dict[str, Any] = {"parameters": name, "days": horizon}
            for schedule in ("normal", "deadline", "cram"):
                runs = [simulate(schedule, args.cards, horizon, args.minutes, true, sched,
                                 args.seed + 1000 * learner + horizon)
                        for learner in range(LEARNERS)]
                row[schedule] = {"recall": round(sum(r.recall for r in runs) / LEARNERS, 4),
                                 "reviews": round(sum(r.reviews for r in runs) / LEARNERS),
                                 "unseen": round(sum(r.unseen for r in runs) / LEARNERS, 1)}
            row["deadline_best"] = row["deadline"]["recall"] > max(
                row["normal"]["recall"], row["cram"]["recall"])
            rows.append(row)
    print(json.dumps({"cards": args.cards, "minutes_per_day": args.minutes,
                      "learners": LEARNERS, "seconds_per_review": SECONDS_PER_REVIEW,
                      "fitted_parameters": list(sets["fitted"][1]), "rows": rows,
                      "deadline_best_everywhere": all(r["deadline_best"] for r in rows)},
                     indent=1))
    print("\nparameters  days  normal recall/reviews  deadline          cram", file=sys.stderr)
    for row in rows:
        cells = [f"{row[s]['recall']:.3f} / {row[s]['reviews']:>5}"
                 for s in ("normal", "deadline", "cram")]
        print(f"{row['parameters']:<10} {row['days']:>5}  " + "     ".join(cells),
              file=sys.stderr)


if __name__ == "__main__":
    main()
