"""The HTML the server writes itself: the terminal page (no inline script or style, so the
Content-Security-Policy can forbid both) and the page that explains a refusal."""

from __future__ import annotations

from html import escape

from dlquiz.ui.serve_labels import serve_label

APPS = ("study", "exam", "stats")  # the apps a page may ask for (anything else: study)
NAV_KEYS = {"study": "nav_study", "exam": "nav_exam", "stats": "nav_stats"}


def terminal_page(app: str, lang: str) -> str:
    """The page for one app session; serve.js points the terminal at /ws/<app>."""
    links = "".join(
        f'<a href="/?app={name}"{" aria-current=page" if name == app else ""}>'
        f"{escape(serve_label(lang, NAV_KEYS[name]))}</a>" for name in APPS)
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlquiz</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<link rel="stylesheet" href="/dlquiz/serve.css">
<script src="/dlquiz/serve.js"></script>
<script src="/static/js/textual.js"></script>
</head>
<body data-app="{escape(app)}">
<nav>{links}</nav>
<p class="notice loading">{escape(serve_label(lang, "loading"))}</p>
<p class="notice ended">{escape(serve_label(lang, "ended"))}
<a href="/?app={escape(app)}">{escape(serve_label(lang, "restart"))}</a></p>
<div id="terminal" class="textual-terminal"></div>
</body>
</html>
"""


def refusal_page(lang: str, reason: str) -> str:
    """Why the server said 403, in words a person can act on (`reason`: forbidden, host);
    styled inline, since the stylesheets are behind the token too."""
    title = escape(serve_label(lang, f"{reason}_title"))
    body = escape(serve_label(lang, f"{reason}_body"))
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlquiz: {title}</title>
<style>body {{ font-family: sans-serif; background: #0c181f; color: #e8eef2;
  padding: 1.5rem; max-width: 40rem; line-height: 1.5; }}</style></head>
<body><h1>{title}</h1><p>{body}</p></body>
</html>
"""
