"""Frozen instances of the computational question kinds, for formats that cannot generate
questions (an Anki deck): sample i of a kind uses the kind's difficulties in turn and a
fixed seed, so the same export gives the same questions (and the same Anki notes) again."""

from __future__ import annotations

from dlquiz.interop.anki_export import SkillSample

ANSWER_WORDS = {"zh": ("答案", "解答"), "en": ("Answer", "Worked solution")}


def skill_samples(per_kind: int, lang: str = "zh") -> list[SkillSample]:
    """`per_kind` samples of every kind: the prompt (with the expected answer format) and
    the answer with its worked solution."""
    if per_kind <= 0:
        return []
    from engine.questions import generate, list_kinds  # deferred: loads numpy

    answer_word, solution_word = ANSWER_WORDS[lang]
    samples = []
    for kind in list_kinds():
        levels = kind.difficulties
        for i in range(per_kind):
            question = generate(kind.id, levels[i % len(levels)], i // len(levels) + 1, lang)
            prompt = f"{question.prompt}\n\n*{question.answer_format}*"
            answer = (f"**{answer_word}**: {question.expected_display}\n\n"
                      f"**{solution_word}**\n\n{question.solution}")
            samples.append(SkillSample(kind=kind.id, topic=kind.topic,
                                       question_id=question.id, prompt=prompt, answer=answer))
    return samples
