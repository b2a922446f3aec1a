"""Line breaking for Chinese text in Textual and Rich.

Both libraries wrap at whitespace only, so a run of Chinese characters (which has no
spaces) is one unbreakable "word": it jumps whole to the next line and leaves ragged, half
empty lines. Here each CJK character becomes its own break opportunity, keeping closing
punctuation (，。）…) with the character before it and opening punctuation (（「…) with the
character after, as Chinese typesetting requires. The libraries read their chunk pattern
from a module attribute at call time, so replacing it is enough.
"""

from __future__ import annotations

import re

_CJK = r"\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_OPEN = r"（【「『《〈“‘"
_CLOSE = r"，。、；：！？）】」』》〉”’…—"
_LATIN = rf"[^\s{_CJK}{_OPEN}{_CLOSE}]"

# textual: a chunk is a word plus trailing spaces, or a run of spaces
TEXTUAL_CHUNK = re.compile(
    rf"[{_OPEN}]*[{_CJK}][{_CLOSE}]*\s*"  # one CJK character with its punctuation
    rf"|[{_OPEN}]*{_LATIN}+[{_CLOSE}]*\s*"  # a latin word
    rf"|[{_OPEN}{_CLOSE}]+\s*"  # stray punctuation
    r"|\s+"
)
# rich: a word may also carry leading spaces
RICH_WORD = re.compile(
    rf"\s*[{_OPEN}]*[{_CJK}][{_CLOSE}]*\s*"
    rf"|\s*[{_OPEN}]*{_LATIN}+[{_CLOSE}]*\s*"
    rf"|\s*[{_OPEN}{_CLOSE}]+\s*"
)


def install_rich() -> None:
    """Switch Rich's wrapping to the CJK-aware pattern (idempotent): all the plain terminal
    needs, without importing Textual (a tenth of a second) for a command that prints."""
    import rich._wrap

    rich._wrap.re_word = RICH_WORD


def install() -> None:
    """Switch Textual's and Rich's wrapping to the CJK-aware patterns (idempotent)."""
    install_rich()
    try:
        import textual._wrap
    except ImportError:  # the CLI alone (rich) does not need textual
        return
    textual._wrap.re_chunk = TEXTUAL_CHUNK
