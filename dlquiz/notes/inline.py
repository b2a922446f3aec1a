"""Rewrites inside answer text: zhihu formula images become LaTeX, missing images a placeholder.

These act on the source of one block at a time (never on code), because markdown-it's
inline tokens carry no column positions to splice at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from dlquiz.notes.images import Image, drop_html_comments, replace_images

_ZHIHU_HOSTS = {"www.zhihu.com", "zhihu.com"}


def zhihu_latex(src: str) -> str | None:
    """The LaTeX carried by a `https://www.zhihu.com/equation?tex=...` image URL, if it is one."""
    parts = urlsplit(src)
    if parts.netloc not in _ZHIHU_HOSTS or parts.path != "/equation":
        return None
    values = parse_qs(parts.query, keep_blank_values=True).get("tex")
    if not values:
        return None
    tex = values[0].strip()
    return tex or None


def _is_remote(src: str) -> bool:
    return src.startswith(("http://", "https://", "data:", "//"))


def missing_image_placeholder(alt: str, src: str) -> str:
    """Visible stand-in for an image whose file is not there, so the reader knows it existed."""
    label = alt.strip()
    return f"[图片缺失: {label} · {src}]" if label else f"[图片缺失: {src}]"


def rewrite_inline(text: str, base_dir: Path | None) -> str:
    """Apply the formula and missing-image rewrites and drop inline HTML comments."""
    cleaned = drop_html_comments(text)

    def replace(image: Image) -> str:
        tex = zhihu_latex(image.src)
        if tex is not None:
            return f"${tex}$"
        if _is_remote(image.src):
            return cleaned[image.start : image.end]
        if base_dir is not None and (base_dir / image.src).is_file():
            return cleaned[image.start : image.end]
        return missing_image_placeholder(image.alt, image.src)

    return replace_images(cleaned, replace)


def strip_images(text: str) -> str:
    """Text with image syntax removed; used to decide whether a note has a real answer."""
    return replace_images(text, lambda _image: " ")
