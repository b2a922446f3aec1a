"""The pure pieces of interop: the protobuf wire reader, HTML -> markdown, card templates
and clozes, Anki's interval and card columns, the journal's snapshot encoding, and
study-day counting for replays. Expected values are derived by hand in each test."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlquiz.interop import wire
from dlquiz.interop.anki_history import Days, card_columns, interval, revlog_rows
from dlquiz.interop.html_md import html_to_markdown
from dlquiz.interop.replay import as_study_days, study_day
from dlquiz.interop.templates import card_sides, cloze_numbers, render_cloze
from dlquiz.store.cards.records import CardRecord, snapshot
from dlquiz.store.interop.read import ExportReview
from dlquiz.store.interop.write import snapshot_json

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def card(**changes: object) -> CardRecord:
    base = CardRecord(id=1, note_id=1, skill_kind=None, state=2, step=None, stability=10.0,
                      difficulty=5.0, due=T0 + timedelta(days=10), last_review=T0, reps=4,
                      lapses=1, suspended=False, leech=False, buried_until=None,
                      pending_question=None, version=3)
    return base.with_changes(**changes)


def test_wire_reads_varints_strings_and_nested_messages() -> None:
    # MediaEntries { entries { name: "a.png" size: 9 } entries { name: "b" legacy: 7 } }
    first = b"\x0a\x05a.png\x10\x09"
    second = b"\x0a\x01b" + wire.encode_varint(255 << 3) + b"\x07"
    message = b"\x0a" + bytes([len(first)]) + first + b"\x0a" + bytes([len(second)]) + second
    entries = wire.repeated(message, 1)
    assert [wire.first_text(e, 1) for e in entries] == ["a.png", "b"]
    assert wire.first_int(entries[1], 255, -1) == 7 and wire.first_int(entries[0], 255, -1) == -1
    assert wire.first_int(b"\x08\x03", 1) == 3  # PackageMetadata { version: 3 }
    assert wire.encode_varint(300) == b"\xac\x02"  # the protobuf docs' own example
    with pytest.raises(wire.WireError):
        wire.first_int(b"\x0a\x09abc", 1)  # a string longer than the message


@pytest.mark.parametrize(("html", "markdown"), [
    ("What is \\(x^2 &lt; y\\)?", "What is $x^2 < y$?"),
    ("a<br>b", "a\n\nb"),
    ("<div>one</div><div>two</div>", "one\n\ntwo"),
    ("<b>bold</b> and <i>it</i>", "**bold** and *it*"),
    ("\\[\\sum_i x_i\\]", "$$\n\\sum_i x_i\n$$"),
    ("[$]a+b[/$]", "$a+b$"),
    ('<a href="https://x.org/p">paper</a>', "[paper](https://x.org/p)"),
    ("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"),
    ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
    ("<table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table>",
     "| k | v |\n| --- | --- |\n| 1 | 2 |"),
    ("5 * 3 = $15, max_len, _x_", "5 \\* 3 = \\$15, max_len, \\_x\\_"),
    ("<code>a_b*c</code>", "`a_b*c`"),
    ("# not a heading", "\\# not a heading"),
    ("<h2>Title</h2>text", "**Title**\n\ntext"),
])
def test_html_to_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_cloze_deletions_question_and_answer() -> None:
    text = "{{c1::Adam}} keeps {{c2::two moments::how many}} and {{c1::bias correction}}"
    assert cloze_numbers(text) == [1, 2]
    assert render_cloze(text, 1, answer=False) == "［…］ keeps two moments and ［…］"
    assert render_cloze(text, 2, answer=False) == "Adam keeps ［how many］ and bias correction"
    assert render_cloze(text, 2, answer=True) == (
        "Adam keeps <b>two moments</b> and bias correction")


def test_template_sides_sections_and_front_side() -> None:
    fields = {"Front": "F", "Back": "B", "Add Reverse": ""}
    basic = ("{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")
    assert card_sides(*basic, fields, None) == ("F", "\n\nB")
    optional = ("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{FrontSide}}<hr id=answer>{{Front}}")
    assert card_sides(*optional, fields, None) == ("", "F")
    typed = ("{{Front}} {{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}")
    assert card_sides(*typed, fields, None) == ("F ", "B")
    cloze = ("{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")
    sides = card_sides(*cloze, {"Text": "{{c1::x}} y", "Back Extra": "E"}, 1)
    assert sides == ("［…］ y", "<b>x</b> y<br>E")


def test_anki_intervals() -> None:
    assert interval(T0, T0 + timedelta(days=3, hours=11)) == 3
    assert interval(T0, T0 + timedelta(days=3, hours=13)) == 4
    assert interval(T0, T0 + timedelta(minutes=10)) == -600  # learning steps in seconds
    assert interval(T0, None) == 0


def test_card_columns_of_a_review_card() -> None:
    days = Days(crt=datetime(2026, 2, 1, 4, 0, tzinfo=UTC), zone=UTC, rollover_hour=4)
    columns = card_columns(card(), days, new_position=7, desired_retention=0.9)
    # due 2026-03-11 12:00 -> study day starting 03-11 04:00 = day 38 after 02-01 04:00
    assert (columns["type"], columns["queue"], columns["due"], columns["ivl"]) == (2, 2, 38, 10)
    assert json.loads(str(columns["data"])) == {"s": 10.0, "d": 5.0, "dr": 0.9,
                                                "lrt": int(T0.timestamp())}
    new = card_columns(card(state=0, suspended=True), days, 7, 0.9)
    assert (new["type"], new["queue"], new["due"]) == (0, -1, 7)


def test_revlog_rows_chain_intervals_and_unique_ids() -> None:
    reviews = (ExportReview(at=T0 - timedelta(days=5), rating=3, duration_ms=90_000,
                            state_before=0, due_before=T0 - timedelta(days=5)),
               ExportReview(at=T0, rating=1, duration_ms=None, state_before=2,
                            due_before=T0))
    taken = {int((T0 - timedelta(days=5)).timestamp() * 1000)}
    rows = revlog_rows(99, card(due=T0 + timedelta(minutes=10)), reviews, taken)
    stamp = int((T0 - timedelta(days=5)).timestamp() * 1000)
    # first review: due 5 days later (the second review's due_before); second: 10 min
    assert rows[0] == (stamp + 1, 99, -1, 3, 5, 0, 2500, 60_000, 0)
    assert rows[1] == (int(T0.timestamp() * 1000), 99, -1, 1, -600, 5, 2500, 0, 1)


@given(st.builds(
    card, state=st.integers(0, 3), step=st.none() | st.integers(0, 5),
    stability=st.none() | st.floats(0.001, 1e5), difficulty=st.none() | st.floats(1, 10),
    due=st.datetimes(timezones=st.just(UTC)),
    last_review=st.none() | st.datetimes(timezones=st.just(UTC)), reps=st.integers(0, 10**6),
    suspended=st.booleans(), leech=st.booleans(),
    buried_until=st.none() | st.datetimes(timezones=st.just(UTC)),
    pending_question=st.none() | st.text(max_size=30)))
def test_snapshot_json_is_what_json_writes(record: CardRecord) -> None:
    assert snapshot_json(record) == json.dumps(snapshot(record), ensure_ascii=False)


def test_study_days_follow_the_rollover_hour() -> None:
    evening = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    next_morning = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 13 hours later, next study day
    late_night = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # before 04:00: still March 1st's day
    assert study_day(next_morning, UTC, 4) - study_day(evening, UTC, 4) == 1
    assert study_day(late_night, UTC, 4) == study_day(evening, UTC, 4)
    seen = as_study_days(card(last_review=evening), next_morning, 1)
    assert seen.last_review == next_morning - timedelta(days=1)
    assert as_study_days(card(last_review=evening), late_night, 0).last_review == evening
