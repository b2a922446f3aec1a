"""LaTeX shown as readable Unicode in the terminal."""

from __future__ import annotations

import pytest

from dlquiz.notes.formulas import latex_to_unicode, render_formulas


@pytest.mark.parametrize("latex, shown", [
    (r"x^{2} + y_1", "x² + y₁"),
    (r"\theta_t = \theta_{t-1}", "θₜ = θₜ₋₁"),
    (r"\frac{v_{dW}}{1-\beta_{1}^{t}}", "v_dW/(1-β₁ᵗ)"),
    (r"\lceil N/B \rceil", "⌈N/B⌉"),
    (r"\tanh x", "tanh x"),
    (r"1{,}050{,}624", "1,050,624"),
    (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
])
def test_latex_to_unicode(latex: str, shown: str) -> None:
    assert latex_to_unicode(latex) == shown


def test_broken_latex_is_shown_as_written() -> None:
    assert latex_to_unicode(r"\frac{a") == r"\frac{a"


def test_display_math_stays_its_own_paragraph_and_code_is_untouched() -> None:
    text = "- item\n\n$$\nx_{in} * y\n$$\n\n`$x$` and $a^2$"
    shown = render_formulas(text)
    assert "\n\nxᵢₙ \\* y\n\n" in shown  # not indented into the list; `*` stays literal
    assert "`$x$`" in shown and "a²" in shown
