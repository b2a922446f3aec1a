"""The boundary where text from the bank (notes files, deck names, answers) becomes text
on a terminal. Nothing a notes file contains may reach the terminal as a control sequence:
every front end passes such text through `safe` (or prints JSON with `safe_json`)."""

from __future__ import annotations

import json
import re
from typing import Any

# JSON escapes C0 controls itself; DEL and the C1 block (0x80-0x9f, which some terminals
# read as ESC-equivalents such as CSI) pass through ensure_ascii=False untouched
_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f]")


def safe(text: str | None) -> str:
    """`text` with every control character shown as a visible symbol (notes.display.visible:
    C0 but newline and tab, DEL, and the C1 block)."""
    from dlquiz.notes.display import visible  # deferred: the formula renderer, 30 ms

    return visible(text or "")


def safe_json(data: Any) -> str:
    """JSON for the terminal: readable CJK, and no raw control characters at all."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def safe_markdown(text: str | None) -> str:
    """A note's markdown ready for a markdown widget: formulas as Unicode, controls shown."""
    from dlquiz.notes.display import display_markdown  # deferred: see safe()

    return safe(display_markdown(text or ""))
