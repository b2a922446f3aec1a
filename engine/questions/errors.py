"""Errors raised by the question engine; each message is one sentence a person can act on."""

from __future__ import annotations


class QuestionError(ValueError):
    """Base class: a question could not be generated or looked up."""


class UnknownKindError(QuestionError):
    """The kind id is not registered."""


class BadQuestionIdError(QuestionError):
    """A question id is not of the form ``kind/difficulty/seed``."""
