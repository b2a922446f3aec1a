"""Reference items read by the fast path agree with a full markdown-it inline parse."""

from __future__ import annotations

import pytest
from markdown_it.token import Token

from dlquiz.notes.blocks import _parsed_links, _simple_reference
from dlquiz.notes.model import Reference


@pytest.mark.parametrize("item", [
    "[Deep Residual Learning](https://arxiv.org/abs/1512.03385)",
    "[Adam 优化器](https://zhuanlan.zhihu.com/p/32626442)",
    "[a](<https://a.example/x>)",
    "<https://auto.example/p>",
    "[redirect](https://link.zhihu.com/?target=https%3A//arxiv.org/abs/1805.11604)",
    "  [padded](https://p.example)  ",
])
def test_fast_path_agrees_with_markdown_it(item: str) -> None:
    fast = _simple_reference(item)
    assert fast is not None
    token = Token("inline", "", 0, content=item.strip())
    assert [fast] == _parsed_links(token)


@pytest.mark.parametrize("item", [
    "[with *emphasis*](https://e.example)",  # emphasis: the full parser decides
    "[a](https://a.example) and more text",
    "see https://bare.example",
])
def test_anything_fancier_goes_to_markdown_it(item: str) -> None:
    assert _simple_reference(item) is None


def test_redirect_is_unwrapped() -> None:
    ref = _simple_reference("[r](https://link.zhihu.com/?target=https%3A//arxiv.org/abs/1)")
    assert ref == Reference("r", "https://arxiv.org/abs/1")
