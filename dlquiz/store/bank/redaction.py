"""A bank URL may carry a password (`postgresql://user:pw@host/db`), and URLs end up in
error messages, JSON and logs. `redact` is the one way a URL is shown: the password (in
the user-info or as a `password=` query parameter) becomes `***`. It works on text, not on
a parsed URL, so a malformed URL (bad port, broken IPv6 host, unknown scheme) is hidden
just as well. `scrub` applies the same to any message that may quote parts of the URL."""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"

# scheme://user:password@ — the password runs to the last "@" before the path or query
# (an unencoded "@" in a password must not leave its tail on show).
_USERINFO = re.compile(r"^(?P<head>[A-Za-z][\w+.-]*://[^:/?#@]*:)(?P<password>[^?#]*)@")
_QUERY_PASSWORD = re.compile(r"(?P<head>[?&]password=)(?P<password>[^&#]*)", re.IGNORECASE)


def _passwords(url: str) -> list[str]:
    match = _USERINFO.match(url)
    found = [match.group("password")] if match else []
    found += [m.group("password") for m in _QUERY_PASSWORD.finditer(url)]
    return [p for p in found if p]


def redact(url: str) -> str:
    """The URL with any password replaced by `***` (`user:***@host`)."""
    shown = _USERINFO.sub(lambda m: f"{m.group('head')}{MASK}@", url, count=1)
    return _QUERY_PASSWORD.sub(lambda m: f"{m.group('head')}{MASK}", shown)


def scrub(text: str, url: str) -> str:
    """`text` (an error message, say) with the URL and its password, raw or
    percent-decoded, wherever they appear, shown redacted."""
    text = text.replace(url, redact(url))
    for password in _passwords(url):
        for form in {password, unquote(password)}:
            if form:
                text = text.replace(form, MASK)
    return text
