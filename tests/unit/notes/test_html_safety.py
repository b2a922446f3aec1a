"""The allow-list filter over latex2mathml's output and the link check, without a browser
(tests/functional/test_xss_browser.py opens the pages in Chromium)."""

from __future__ import annotations

import pytest

from dlquiz.interop.md_html import references_html
from dlquiz.notes.html_safety import clean_mathml, csp_meta, safe_url
from dlquiz.notes.model import Reference


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)",
                                 "java\tscript:alert(1)", "jav&#x09;ascript:alert(1)",
                                 "data:text/html,<script>", "vbscript:x", "//evil.org/x",
                                 "file:///etc/passwd", "relative/page.html", ""])
def test_only_http_links_are_safe(url: str) -> None:
    assert not safe_url(url)


@pytest.mark.parametrize("url", ["https://arxiv.org/abs/1706.03762", "HTTP://Example.org"])
def test_http_links_are_safe(url: str) -> None:
    assert safe_url(url)


def test_foreign_elements_in_mtext_become_their_text() -> None:
    made = ('<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mtext>'
            "<script>alert(1)</script><img src=x onerror=alert(1)></mtext></mrow></math>")
    assert clean_mathml(made) == (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mtext>'
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        "</mtext></mrow></math>")


def test_attributes_outside_the_allow_list_are_dropped() -> None:
    made = ('<math xmlns="http://evil.org"><mrow href="javascript:alert(1)" style="x" '
            'class="k" id="body" onclick="alert(1)"><mi mathvariant="bold">x</mi></mrow>'
            '<mrow href="https://ok.org/?a=1&amp;b=&quot;2"><mi>y</mi></mrow></math>')
    assert clean_mathml(made) == ('<math><mrow><mi mathvariant="bold">x</mi></mrow>'
                                  '<mrow href="https://ok.org/?a=1&amp;b=&quot;2"><mi>y</mi>'
                                  "</mrow></math>")


def test_unclosed_and_stray_tags_stay_balanced() -> None:
    assert clean_mathml("<math><mrow><mi>x</mtext><!-- c --><mo/>") == (
        "<math><mrow><mi>x&lt;/mtext&gt;<mo></mo></mi></mrow></math>")


def test_policy_forbids_every_script() -> None:
    meta = csp_meta("body { color: red; }")
    assert "script-src 'none'" in meta and "default-src 'none'" in meta
    assert "'unsafe-inline'" not in meta


def test_anki_references_keep_only_http_links() -> None:
    made = references_html((Reference(title="paper", url="https://arxiv.org/abs/1"),
                            Reference(title="trap", url="javascript:alert(1)")))
    assert made == ('<ul><li><a href="https://arxiv.org/abs/1">paper</a></li>'
                    "<li>trap javascript:alert(1)</li></ul>")
