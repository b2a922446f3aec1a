"""The study service both front ends use: the TUI and `dlquiz review` call the same methods,
so a session in the terminal and a scripted session behave identically.

Every write goes through the store's transactional card functions with the version of the
card this service read: a card another process changed meanwhile is refused, never
rated twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING

from dlquiz.srs import skills
from dlquiz.srs.card_actions import CardActions
from dlquiz.srs.day_queue import DayQueue
from dlquiz.srs.days import day_start, local_zone, study_window
from dlquiz.srs.records import RatingResult
from dlquiz.srs.settings import StudySettings, load_settings
from dlquiz.store import cards
from dlquiz.store import cards as queue
from dlquiz.store.bank import Bank
from dlquiz.store.cards import (
    CardContent,
    CardRecord,
    ReviewEntry,
    card_content,
    ensure_skill_cards,
)
from dlquiz.store.exams import AttemptEntry, record_attempt
from dlquiz.store.schema import (
    NEW,
    DueForecast,
    FollowUpDetail,
    InputError,
    NoteDetail,
    QueueCard,
    QueueCounts,
    QueueFilter,
    QueueWindow,
    StaleCardError,
)

if TYPE_CHECKING:
    from dlquiz.srs.toward import TowardInterview
    from engine.questions import Question, Verdict

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StudyItem:
    """A card ready to show: the note behind it (for a follow-up, its parent, with the
    follow-up itself), or the question generated for it."""

    card: QueueCard
    note: NoteDetail | None
    question: Question | None
    twin: NoteDetail | None = None  # the built-in answer to a draft or partial note
    followup: FollowUpDetail | None = None


def _note_item(card: QueueCard, content: CardContent) -> StudyItem:
    return StudyItem(card=card, note=content.note, question=None, twin=content.twin,
                     followup=content.followup)


@dataclass(frozen=True)
class SkillCheck:
    verdict: Verdict
    proposed_rating: int


class StudyService(CardActions):
    """Scheduling operations on one bank with one clock, zone and filter."""

    def __init__(self, bank: Bank, *, filters: QueueFilter = QueueFilter(), lang: str = "zh",
                 clock: Clock = utc_now, zone: tzinfo | None = None,
                 settings: StudySettings | None = None,
                 seeds: Callable[[], int] = skills.random_seed) -> None:
        self.bank = bank
        self.seeds = seeds
        self.filters = filters
        self.lang = lang
        self.clock = clock
        self.zone = zone or local_zone()
        self._settings = settings
        self.day_queue = DayQueue(bank, filters, self._topics)
        self._interview: tuple[datetime, TowardInterview | None] | None = None
        self._pulled = 0

    def with_settings(self, settings: StudySettings) -> StudyService:
        """The same service with other settings (e.g. a raised new-card limit for today)."""
        return StudyService(self.bank, filters=self.filters, lang=self.lang, clock=self.clock,
                            zone=self.zone, settings=settings, seeds=self.seeds)

    @cached_property
    def settings(self) -> StudySettings:
        if self._settings is not None:
            return self._settings
        return load_settings(self.bank)

    @cached_property
    def skill_topics(self) -> dict[str, str]:
        from engine.questions import list_kinds  # deferred: numpy only when skills are needed

        return {k.id: k.topic for k in list_kinds()}

    def ensure_skills(self) -> int:
        return ensure_skill_cards(self.bank, self.skill_topics, self.clock())

    @property
    def interview(self) -> TowardInterview | None:
        """The active interview target's plan for this study day (looked up once a day)."""
        now = self.clock()
        today = day_start(now, self.zone, self.settings.day_rollover_hour)
        if self._interview is None or self._interview[0] != today:
            from dlquiz.srs.toward import for_today

            self._interview = (today, for_today(self.bank, now, self.zone, self.settings))
            self._pulled = 0  # cards the last week pulled in today (rule 3)
        return self._interview[1]

    def countdown(self) -> tuple[int, float] | None:
        """Days to the active interview and the expected recall on the day (the header's
        "距面试 39 天 · 预计当天记得 82%"), or None without a target."""
        if self.interview is None:
            return None
        from dlquiz.srs.plan_service import PlanService

        found = PlanService(self.bank, self.clock, self.zone, self.settings).forecast()
        return (found.days_left, found.recall) if found is not None else None

    def window(self) -> QueueWindow:
        s = self.settings
        plan = self.interview
        return study_window(self.clock(), self.zone, rollover_hour=s.day_rollover_hour,
                            new_per_day=plan.new_per_day if plan else s.new_per_day,
                            learn_ahead_minutes=s.learn_ahead_minutes)

    def _topics(self) -> dict[str, str]:
        return self.skill_topics if self.filters.topic else {}

    def counts(self) -> QueueCounts:
        return self.day_queue.counts(self.window())

    def forecast(self) -> DueForecast:
        return queue.forecast(self.bank, self.window(), self.filters)

    def next_item(self, exclude: frozenset[int] = frozenset()) -> StudyItem | None:
        """The next card with its content; a skill card gets (or keeps) its pending question."""
        window = self.window()
        found = self.day_queue.next_with_content(window, exclude)
        plan = self.interview
        if found is None and plan is not None and self._pulled < plan.pull_limit:
            from dlquiz.srs.toward import pull_ahead

            pulled = pull_ahead(self.bank, window.now, self.zone, self.settings, plan,
                                window.day_end)
            self._pulled += pulled
            if pulled:
                self.day_queue.invalidate()
                found = self.day_queue.next_with_content(window, exclude)
        if found is None:
            return None
        card, content = found
        return self.item_for(card) if content is None else _note_item(card, content)

    def item_by_id(self, card_id: int) -> StudyItem:
        """A card chosen by id (from browsing), due or not."""
        return self.item_for(queue.chosen_card(self.bank, card_id))

    def item_for(self, card: QueueCard) -> StudyItem:
        if card.note_id is not None:
            return _note_item(card, card_content(self.bank, card.note_id, card.followup_id))
        from dataclasses import replace

        qid = card.pending_question
        if qid is None:
            assert card.skill_kind is not None
            record = cards.read_card(self.bank, card.card_id)
            qid = skills.fresh_question_id(
                card.skill_kind, skills.skill_difficulty(record.reps, record.stability),
                self.seeds())
            updated = cards.set_pending_question(self.bank, card.card_id, qid,
                                                 expected_version=card.version)
            card = replace(card, pending_question=qid, version=updated.version)
        from engine.questions import question_from_id  # deferred: numpy

        return StudyItem(card=card, note=None, question=question_from_id(qid, self.lang))

    def check_skill(self, question_id: str, answer: str) -> SkillCheck:
        from engine.questions import check  # deferred: numpy

        verdict = check(question_id, answer, self.lang)
        return SkillCheck(verdict=verdict, proposed_rating=3 if verdict.correct else 1)

    def practice_question(self, kind: str, difficulty: int = 1) -> Question:
        """An unscheduled question of a kind a note links to (`**练习**`), fresh numbers."""
        from engine.questions import generate  # deferred: numpy

        return generate(kind, difficulty, self.seeds(), self.lang)

    def check_practice(self, question: Question, answer: str,
                       duration_ms: int | None = None) -> Verdict:
        """Check an answer to a practice question and keep the attempt for progress stats."""
        verdict = self.check_skill(question.id, answer).verdict
        record_attempt(self.bank, AttemptEntry(
            question_id=question.id, kind=question.kind, difficulty=question.difficulty,
            answer=answer, correct=verdict.correct, score=verdict.score,
            diagnosis=verdict.mistake, answered_at=self.clock(), duration_ms=duration_ms))
        return verdict

    def card(self, card_id: int) -> CardRecord:
        return cards.read_card(self.bank, card_id)

    def previews(self, card_id: int) -> dict[int, timedelta]:
        from dlquiz.srs.scheduler import preview  # deferred: fsrs is not needed to count cards

        return preview(self.settings, cards.read_card(self.bank, card_id), self.clock())

    def rate(self, card_id: int, rating: int, *, answer: str | None = None,
             duration_ms: int | None = None,
             expected_version: int | None = None) -> tuple[RatingResult, Verdict | None]:
        """Record a rating; a skill card needs the typed answer, checked against the question
        it was shown. Refused if the card changed since `expected_version` (or since this
        call read it)."""
        from dlquiz.srs.scheduler import after_rating, recall_probability  # deferred: fsrs

        card = cards.read_card(self.bank, card_id)
        if expected_version is not None and card.version != expected_version:
            raise StaleCardError(f"card {card_id} was changed by another dlquiz process since "
                                 "it was shown; nothing was recorded: show it again and rate "
                                 "it afresh.")
        verdict = None
        question_id = None
        if card.skill_kind is not None:
            if answer is None:
                raise InputError(f"card {card_id} is a skill card: give the answer you typed "
                                 "with --answer so it can be checked.")
            question_id = card.pending_question
            if question_id is None:
                raise InputError(f"card {card_id} has no question on show; run "
                                 "`dlquiz review next` to get one first.")
            verdict = self.check_skill(question_id, answer).verdict
        now = self.clock()
        if duration_ms is not None:  # an answer counts for max_answer_seconds at most
            duration_ms = max(0, min(duration_ms, 1000 * self.settings.max_answer_seconds))
        entry = ReviewEntry(rating=rating, reviewed_at=now, duration_ms=duration_ms,
                            answer=answer, correct=verdict.correct if verdict else None,
                            question_id=question_id,
                            retrievability=recall_probability(self.settings, card, now),
                            diagnosis=verdict.mistake if verdict and not verdict.correct
                            else None)
        plan = self.interview

        def scheduled(c: CardRecord) -> CardRecord:
            after = after_rating(self.settings, c, rating, now)
            if plan is None:
                return after
            from dlquiz.srs.toward import rescheduled

            return rescheduled(self.settings, after, now, plan.deadline)

        before, after = cards.record_rating(self.bank, card_id, entry, scheduled,
                                            expected_version=card.version)
        self.day_queue.rated(card_id, was_new=before.state == NEW)
        result = RatingResult(card_id=card_id, rating=rating, state=after.state, due=after.due,
                              interval=after.due - now, leech=after.leech and not before.leech,
                              lapses=after.lapses, version=after.version)
        return result, verdict


