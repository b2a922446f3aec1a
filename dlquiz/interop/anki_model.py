"""The Anki note type dlquiz exports to: fixed id and field names, so every export updates
the same note type in Anki and an import can recognise dlquiz's own notes."""

from __future__ import annotations

MODEL_ID = 1736240817  # fixed forever: Anki matches note types by id
MODEL_NAME = "dlquiz"
FIELDS = ("Number", "Question", "Answer", "References", "Topic", "Key", "Practice")
GENERATED_TAG = "dlquiz::generated"  # frozen instances of skill cards
FOLLOWUP_TAG = "dlquiz::followup"  # a follow-up question, exported as a note of its own
STATUS_TAGS = {"partial": "dlquiz::partial", "draft": "dlquiz::draft"}
TOPIC_TAG = "topic::"
DECK_PREFIX = "dlquiz::"

QUESTION = """<div class="meta">{{#Number}}{{Number}} · {{/Number}}{{Topic}}</div>
<div class="question">{{Question}}</div>"""
ANSWER = """{{FrontSide}}
<hr id=answer>
<div class="answer">{{Answer}}</div>
{{#References}}<div class="references">{{References}}</div>{{/References}}"""
CSS = """.card { font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; font-size: 18px;
  text-align: left; color: #111; background: #fff; line-height: 1.55; }
.meta { color: #666; font-size: 0.8em; }
.question { font-weight: bold; font-size: 1.1em; margin: 0.4em 0; }
.references { margin-top: 1em; font-size: 0.85em; }
pre { background: #f4f4f4; padding: 0.5em; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: 2px 6px; }
"""


def topic_tag(topic: str) -> str:
    """A topic as an Anki tag (tags cannot hold spaces)."""
    return TOPIC_TAG + "_".join(topic.split())


def export_deck_name(deck: str) -> str:
    return DECK_PREFIX + deck


def import_deck_name(anki_deck: str) -> str:
    """`dlquiz::<deck>` (what dlquiz exported) comes back as `<deck>`; other names as
    they are, with Anki's `::` hierarchy kept in the name."""
    if anki_deck.startswith(DECK_PREFIX) and len(anki_deck) > len(DECK_PREFIX):
        return anki_deck[len(DECK_PREFIX):]
    return anki_deck
