"""LaTeX shown as Unicode that keeps the formula's meaning, or as its source.

The expected strings were written by hand from the mathematics and the display rules in
dlquiz/notes/tex_render.py (a fraction is `a/b`, bracketed where a neighbour or its own
parts would change how it reads; scripts use Unicode script letters when every character
has one, else `_x`, `_word`, `_(…)`, `^x`, `^(…)`; spacing around an operator follows the
source), not copied from the renderer's output.
"""

from __future__ import annotations

import pytest

from dlquiz.notes.formulas import latex_to_unicode, render_latex

HAT, BAR, TILDE, ARROW, OVERLINE = "\u0302", "\u0304", "\u0303", "\u20d7", "\u0305"

EXPECTED = [
    # a hat over several characters has no Unicode form: spelled out as a function, and a
    # wide hat covers the scripts inside it (an estimator of pass^k, not hat(pass) to the k)
    (r"\hat{xy}", "hat(xy)"),
    (r"\widehat{\text{pass}^k}", "hat(passᵏ)"),
    (r"\hat{x}_i", "x̂ᵢ"),
    # fractions: brackets exactly where the reading would change without them
    (r"\frac{a+b}{c}", "(a+b)/c"),
    (r"\frac{a}{b+c}", "a/(b+c)"),
    (r"\frac{1}{2}", "1/2"),
    (r"\frac{2C^2}{r}", "2C²/r"),
    (r"\frac{\sigma^2}{B}", "σ²/B"),
    (r"\frac{x}{2\sigma^2}", "x/(2σ²)"),
    (r"\tfrac12(x^2+100y^2)", "(1/2)(x²+100y²)"),
    (r"\tfrac{17}{16}C^2", "(17/16)C²"),
    (r"\cos\frac{\pi t}{T}", "cos(πt/T)"),
    (r"\mathrm{Var}\left(\tfrac{q\cdot k}{\sqrt{d_k}}\right)=1", "Var((q·k)/√dₖ)=1"),
    (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
    (r"\dfrac{dy}{dx}", "dy/dx"),
    (r"\frac{1}{1+e^{-x}}", "1/(1+e⁻ˣ)"),
    (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
    (r"2\frac{1}{3}", "2(1/3)"),
    (r"y = \frac{a}{b} + c", "y = a/b + c"),
    (r"\lambda\frac{1}{N}\sum_i x_i", "λ(1/N)∑ᵢ xᵢ"),
    (r"\frac{1}{|S|}", "1/|S|"),
    (r"\frac{\text{FLOPs}}{\text{MACs}}", "FLOPs/MACs"),
    # roots
    (r"\sqrt{x^2+y^2}", "√(x²+y²)"),
    (r"\sqrt{d_k}", "√dₖ"),
    (r"\sqrt[3]{8} = 2", "³√8 = 2"),
    (r"\sqrt{2}x", "√(2)x"),
    (r"\sqrt{\hat v_t}+\epsilon", f"√v{HAT}ₜ+ϵ"),
    # subscripts and superscripts
    (r"C_{out}H_{out}W_{out}", "CₒᵤₜHₒᵤₜWₒᵤₜ"),
    (r"x_{i,j}", "x_(i,j)"),
    (r"W_q", "W_q"),
    (r"L_{cls}x", "L_(cls)x"),
    (r"L_{cls} + L_{reg}", "L_cls + L_reg"),
    (r"e^{i\pi}+1=0", "e^(iπ)+1=0"),
    (r"x^{2n}", "x²ⁿ"),
    (r"10^{-8}", "10⁻⁸"),
    (r"2^{1/3}", "2^(1/3)"),
    (r"e^{-x^2/2}", "e^(-x²/2)"),
    (r"\beta_1^t", "β₁ᵗ"),
    (r"x^2_i", "x²ᵢ"),
    (r"x_{cls}^2", "x_(cls)²"),
    (r"\theta_{t-1}", "θₜ₋₁"),
    (r"p_i^*", "pᵢ*"),
    (r"f'(x)", "f′(x)"),
    (r"x^23", "x²3"),
    # accents and fonts
    (r"\hat{y}_i", f"y{HAT}ᵢ"),
    (r"\bar{x}", f"x{BAR}"),
    (r"\tilde{h}", f"h{TILDE}"),
    (r"\vec{v}", f"v{ARROW}"),
    (r"\overline{AB}", f"A{OVERLINE}B{OVERLINE}"),
    (r"\hat m_t", f"m{HAT}ₜ"),
    (r"\mathbb{R}^{n}", "ℝⁿ"),
    (r"\mathbb{E}[X]", "𝔼[X]"),
    (r"\mathcal{L}", "ℒ"),
    (r"\mathcal{N}(0, 1)", "𝒩(0, 1)"),
    (r"\mathbf{x}^\top\mathbf{y}", "𝐱ᵀ𝐲"),
    # brackets, big operators, functions
    (r"\lceil N/B \rceil", "⌈N/B⌉"),
    (r"\left\lfloor \frac{H+2p-k}{s} \right\rfloor + 1", "⌊(H+2p-k)/s⌋ + 1"),
    (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
    (r"\sum_{t\in\mathcal{M}} \log p", "∑_(t∈ℳ) log p"),
    (r"\prod_{k=1}^{K} a_k", "∏ₖ₌₁ᴷ aₖ"),
    (r"\prod_{q=1}^{Q} a_q", "∏_(q=1)^Q a_q"),
    (r"\max_{i} |x_i|", "maxᵢ |xᵢ|"),
    (r"\arg\max_\theta f(\theta)", "arg max_θ f(θ)"),
    (r"\lim_{n\to\infty} a_n", "lim_(n→∞) aₙ"),
    (r"\tanh x", "tanh x"),
    (r"\sin\theta", "sin θ"),
    (r"\log_2 n", "log₂ n"),
    (r"\left\|w\right\|_2^2", "‖w‖₂²"),
    (r"\|g\|_2", "‖g‖₂"),
    (r"\langle q, k\rangle", "⟨q, k⟩"),
    (r"(c \bmod n)", "(c mod n)"),
    # text, names and escapes
    (r"\text{drop\_last=False}", "drop_last=False"),
    (r"\texttt{ceil\_mode}", "ceil_mode"),
    (r"\operatorname{softmax}(z)_i", "softmax(z)ᵢ"),
    (r"\mathrm{ReLU}(x)=\max(0,x)", "ReLU(x)=max(0,x)"),
    (r"\text{total steps}=E\cdot\text{iters}", "total steps=E·iters"),
    (r"50\%", "50%"),
    (r"1{,}050{,}624", "1,050,624"),
    # matrices and cases
    (r"\begin{bmatrix}1&2\\3&4\end{bmatrix}", "[1, 2; 3, 4]"),
    (r"\begin{pmatrix}a & b\\ c & d\end{pmatrix}", "(a, b; c, d)"),
    (r"f(x)=\begin{cases}x & x>0\\0 & x\le 0\end{cases}", "f(x)={x, x>0; 0, x ≤ 0}"),
    (r"\begin{aligned}a&=1\\b&=2\end{aligned}", "a=1; b=2"),
    # operators, relations and spacing
    (r"a \cdot b", "a · b"),
    (r"64\cdot 3\cdot 11", "64·3·11"),
    (r"2\times3", "2×3"),
    (r"x \in \mathbb{R}^{d}", "x ∈ ℝᵈ"),
    (r"\theta \leftarrow \theta - \eta \nabla_\theta L", "θ ← θ - η∇_(θ)L"),
    (r"x = -\infty", "x = -∞"),
    (r"a \ne b", "a ≠ b"),
    (r"a \not\in B", "a ∉ B"),
    (r"P(y \mid x)", "P(y | x)"),
    (r"\pi t", "πt"),
    (r"\underbrace{k^2}_{\text{kernel}}", "k²【kernel】"),
]


@pytest.mark.parametrize("latex, shown", EXPECTED)
def test_rendering(latex: str, shown: str) -> None:
    assert latex_to_unicode(latex) == shown


def test_there_are_enough_hand_written_cases() -> None:
    assert len(EXPECTED) >= 60


@pytest.mark.parametrize("latex", [
    r"\frac{a",  # unbalanced
    r"\unknowncommand{x}",  # a command we do not know
    r"\vec{xy}",  # an arrow over two letters has no Unicode form
    r"\phantom{x}",  # invisible content
    r"\begin{tabular}{cc}a&b\end{tabular}",  # an environment we do not know
    r"x^",  # a script without argument
    "{" * 300 + "x" + "}" * 300,  # deeper than we parse
])
def test_unfaithful_formulas_are_shown_as_their_source(latex: str) -> None:
    assert render_latex(latex) is None
    assert latex_to_unicode(latex) == latex.strip()


def test_a_very_long_formula_is_shown_as_source() -> None:
    latex = "x+" * 3000 + "x"
    assert render_latex(latex) is None
