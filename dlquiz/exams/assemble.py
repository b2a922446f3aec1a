"""Which items an exam asks, as a pure function of its spec, its seed and the material the
bank holds: computational items are question ids `kind/difficulty/seed`, recall items are
notes (and follow-ups of them). Everything is drawn from `random.Random(seed)` over sorted
lists, so the same spec and seed give the same exam on any machine.

Recall items come from the user's own notes first (spec.source "all"): their share of the
recall items is their share of the notes the user has studied (of the notes there are, before
any study), the studied ones before the others, and the built-in bank fills the rest.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from dlquiz.exams.keypoints import key_points
from dlquiz.exams.spec import ExamSpec
from dlquiz.store.exams import NewItem, NoteMaterial
from dlquiz.store.schema import InputError

T = TypeVar("T")
QUESTION_SEEDS = 1_000_000_000
FOLLOWUP_CHANCE = 0.5  # how often a recall item with follow-ups is followed by one


@dataclass(frozen=True)
class KindMaterial:
    id: str
    topic: str


@dataclass(frozen=True)
class Planned:
    """One planned item: a computational question, a note, or a follow-up of the note
    planned just before it (`followup` holds its question and answer)."""

    topic: str
    question_id: str | None = None
    kind: str | None = None
    note: NoteMaterial | None = None
    followup: tuple[str, str] | None = None

    @property
    def type(self) -> str:
        return "computational" if self.question_id else "recall"


def kind_matches(topic: str, kind: KindMaterial) -> bool:
    wanted = topic.casefold()
    return wanted in (kind.id.casefold(), kind.topic.casefold())


def note_matches(topic: str, note: NoteMaterial) -> bool:
    wanted = topic.casefold()
    return (wanted == (note.topic or "").casefold()
            or wanted in {t.casefold() for t in note.tags})


def note_label(note: NoteMaterial) -> str:
    """The topic a note's score is reported under when the spec named none."""
    return note.tags[0] if note.tags else (note.topic or note.deck)


def known_topics(kinds: Sequence[KindMaterial], notes: Sequence[NoteMaterial]) -> list[str]:
    found = {k.topic for k in kinds} | {t for n in notes for t in n.tags}
    found |= {n.topic for n in notes if n.topic}
    return sorted(found, key=str.casefold)


def _quotas(n: int, weights: Sequence[float]) -> list[int]:
    """Largest-remainder split of n by weight (ties go to the earlier topic)."""
    total = sum(weights)
    raw = [n * w / total for w in weights]
    quotas = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - quotas[i]), i))
    for i in order[: n - sum(quotas)]:
        quotas[i] += 1
    return quotas


def _draw(n: int, pools: Sequence[tuple[str, float, Sequence[T]]], rng: random.Random,
          identity: Callable[[T], Hashable]) -> list[tuple[str, T]]:
    """n distinct candidates split across weighted pools; a short pool's share goes to the
    others. Pools are in a fixed order; `identity` says when two candidates are the same."""
    used: set[Hashable] = set()
    chosen: list[tuple[str, T]] = []
    quotas = _quotas(n, [weight for _, weight, _ in pools])
    for (label, _weight, pool), quota in zip(pools, quotas, strict=True):
        free = [c for c in pool if identity(c) not in used]
        for candidate in rng.sample(free, min(quota, len(free))):
            used.add(identity(candidate))
            chosen.append((label, candidate))
    rest = [(label, c) for label, _weight, pool in pools for c in pool]
    while len(chosen) < n:
        free_rest = [(label, c) for label, c in rest if identity(c) not in used]
        if not free_rest:
            break
        label, candidate = free_rest[rng.randrange(len(free_rest))]
        used.add(identity(candidate))
        chosen.append((label, candidate))
    return chosen


def by_source(notes: Sequence[NoteMaterial], source: str) -> list[NoteMaterial]:
    """One note per question from the side(s) `source` names: with "all", the user's note
    of a question replaces the built-in one (one question, one card)."""
    if source == "mine":
        return [n for n in notes if n.own]
    if source == "builtin":
        return [n for n in notes if not n.own]
    own_keys = {n.key for n in notes if n.own}
    return [n for n in notes if n.own or n.key not in own_keys]


def own_share(notes: Sequence[NoteMaterial]) -> float:
    """The share of recall items the user's own notes get: of the notes studied, how many
    are the user's; before any study, of the notes there are."""
    studied = [n for n in notes if n.studied]
    base = studied or list(notes)
    return sum(1 for n in base if n.own) / len(base) if base else 0.0


def _draw_recall(spec: ExamSpec, n: int,
                 pools: Sequence[tuple[str, float, Sequence[NoteMaterial]]],
                 rng: random.Random) -> list[tuple[str, NoteMaterial]]:
    """n recall notes: with source "all" and own notes among the candidates, the own
    notes' share (own_share) first, studied before unstudied, then the built-in notes, then
    more own notes if the built-in ones run out."""
    candidates = {n.note_id: n for _, _, pool in pools for n in pool}.values()
    if spec.source != "all" or not any(n.own for n in candidates):
        return _draw(n, pools, rng, lambda note: note.note_id)
    n_own = round(n * own_share(list(candidates)))
    chosen: list[tuple[str, NoteMaterial]] = []
    tiers: list[tuple[int, Callable[[NoteMaterial], bool]]] = [
        (n_own, lambda m: m.own and m.studied), (n_own, lambda m: m.own),
        (n, lambda m: not m.own), (n, lambda m: True)]
    for cap, keep in tiers:
        want = cap - len(chosen)
        if want <= 0:
            continue
        used = {note.note_id for _, note in chosen}
        tier = [(label, weight, [m for m in pool if keep(m) and m.note_id not in used])
                for label, weight, pool in pools]
        chosen += _draw(want, tier, rng, lambda note: note.note_id)
    return chosen


def _pools(spec: ExamSpec, kinds: Sequence[KindMaterial], notes: Sequence[NoteMaterial]
           ) -> tuple[list[tuple[str, float, list[KindMaterial]]],
                      list[tuple[str, float, list[NoteMaterial]]]]:
    if not spec.topics:
        by_kind: dict[str, list[KindMaterial]] = {}
        for kind in kinds:
            by_kind.setdefault(kind.topic, []).append(kind)
        by_note: dict[str, list[NoteMaterial]] = {}
        for note in notes:
            by_note.setdefault(note_label(note), []).append(note)
        return ([(t, 1.0, by_kind[t]) for t in sorted(by_kind)],
                [(t, 1.0, by_note[t]) for t in sorted(by_note)])
    unknown = [t for t, _ in spec.topics
               if not any(kind_matches(t, k) for k in kinds)
               and not any(note_matches(t, n) for n in notes)]
    if unknown:
        raise InputError(f"no question kind or note has the topic "
                         f"{', '.join(repr(t) for t in unknown)}; topics: "
                         f"{', '.join(known_topics(kinds, notes))}.")
    return ([(t, w, [k for k in kinds if kind_matches(t, k)]) for t, w in spec.topics],
            [(t, w, [n for n in notes if note_matches(t, n)]) for t, w in spec.topics])


def _counts(spec: ExamSpec, comp_free: int, rec_free: int) -> tuple[int, int]:
    """How many computational and recall items: the spec's share, within what exists."""
    want_comp = round(spec.items * spec.computational)
    want_rec = spec.items - want_comp
    if spec.missed_only:  # as many as were missed, up to the spec's count
        comp = min(want_comp, comp_free)
        rec = min(spec.items - comp, rec_free)
        comp = min(spec.items - rec, comp_free)
        if comp + rec == 0:
            raise InputError("nothing was got wrong recently (in study, practice or earlier "
                             "exams): there is nothing for a `missed` exam to ask yet.")
        return comp, rec
    if want_comp > comp_free or want_rec > rec_free:
        where = (f"the topics {', '.join(t for t, _ in spec.topics)}" if spec.topics
                 else "the bank")
        where += {"mine": " (your own notes only)", "builtin": " (the built-in bank only)"
                  }.get(spec.source, "")
        raise InputError(f"{where} hold {comp_free} computational kinds and {rec_free} notes "
                         f"with an answer; the exam asks for {want_comp} computational and "
                         f"{want_rec} recall items: ask for fewer, or a different mix.")
    return want_comp, want_rec


def assemble(spec: ExamSpec, seed: int, kinds: Sequence[KindMaterial],
             notes: Sequence[NoteMaterial]) -> list[Planned]:
    """The items, in the order they are asked. `kinds` and `notes` are the candidates (for
    the `missed` preset, only what was missed)."""
    rng = random.Random(seed)
    kinds = sorted(kinds, key=lambda k: k.id)
    notes = sorted(by_source(notes, spec.source), key=lambda n: (n.key, n.deck, n.note_id))
    comp_pools, rec_pools = _pools(spec, kinds, notes)
    comp_free = len({k.id for _, _, pool in comp_pools for k in pool})
    rec_free = len({n.note_id for _, _, pool in rec_pools for n in pool})
    n_comp, n_rec = _counts(spec, comp_free, rec_free)
    units: list[list[Planned]] = []
    for label, kind in _draw(n_comp, comp_pools, rng, lambda k: k.id):
        level = spec.difficulties[rng.randrange(len(spec.difficulties))]
        qid = f"{kind.id}/{level}/{rng.randrange(QUESTION_SEEDS)}"
        units.append([Planned(topic=label, question_id=qid, kind=kind.id)])
    asked = 0
    for label, note in _draw_recall(spec, n_rec, rec_pools, rng):
        if asked >= n_rec:
            break
        unit = [Planned(topic=label, note=note)]
        asked += 1
        if (spec.followups and note.followups and asked < n_rec
                and rng.random() < FOLLOWUP_CHANCE):
            followup = note.followups[rng.randrange(len(note.followups))]
            unit.append(Planned(topic=label, note=note, followup=followup))
            asked += 1
        units.append(unit)
    rng.shuffle(units)
    return [item for unit in units for item in unit]


def new_item(n: int, plan: Planned, lang: str) -> NewItem:
    """Item n of a new exam as the bank keeps it, from its plan (a computational question
    is generated here, in `lang`)."""
    if plan.question_id is not None:
        from engine.questions import question_from_id  # deferred: numpy

        question = question_from_id(plan.question_id, lang)
        return NewItem(n=n, type="computational", topic=plan.topic, prompt=question.prompt,
                       question_id=plan.question_id, kind=plan.kind)
    assert plan.note is not None
    note = plan.note
    if plan.followup is not None:
        asked, answer = plan.followup
        return NewItem(n=n, type="recall", topic=plan.topic, prompt=asked,
                       note_id=note.note_id, note_key=note.key, parent_n=n - 1,
                       reference=answer, key_points=key_points(answer))
    return NewItem(n=n, type="recall", topic=plan.topic, prompt=note.title,
                   note_id=note.note_id, note_key=note.key, reference=note.answer,
                   key_points=key_points(note.answer))
