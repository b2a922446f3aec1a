"""Who may reach a served dlquiz: the token check (query parameter once, then an HttpOnly
cookie), the Host and Origin checks that keep other web pages and DNS rebinding away from
a loopback server, and the security headers every response carries.

Every check runs in an aiohttp middleware, ahead of the handlers, so a refused request
never reaches the WebSocket handler that starts an app process."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from dlquiz.serve.page import refusal_page

# the terminal page loads its script, styles and fonts from this server and talks to it
# over a WebSocket; xterm.js sets style attributes and adds <style> elements at run time,
# hence 'unsafe-inline' for styles only (scripts stay 'self': no inline code, no eval)
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """True when `host` names this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh access token: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), token.encode())


@dataclass
class AccessPolicy:
    """`token` is None only on a loopback bind without --token. Not frozen: with
    --port 0 the port is known only once the socket is bound."""

    token: str | None
    loopback: bool
    port: int
    lang: str

    @property
    def cookie(self) -> str:
        # cookies ignore the port: one per port, so two servers on one machine do not clash
        return f"dlquiz_token_{self.port}"

    def host_allowed(self, host_header: str) -> bool:
        """Without a token, only loopback names (a rebinding page's own name is refused);
        with one, the token decides (a TLS proxy in front may pass its public name)."""
        if self.token is not None or not self.loopback:
            return True
        try:
            parts = urlsplit("//" + host_header)
            port = parts.port
        except ValueError:  # a port that is not a number
            return False
        return (parts.hostname is not None and is_loopback(parts.hostname)
                and port in (None, self.port))

    def origin_allowed(self, request: web.Request) -> bool:
        """A WebSocket must come from a page of this server: browsers send Origin on every
        WebSocket handshake, and another site's page carries its own."""
        origin = request.headers.get("Origin")
        return origin is not None and urlsplit(origin).netloc == request.host


def access_middleware(policy: AccessPolicy) -> Middleware:
    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not policy.host_allowed(request.host):
            return refused(policy, "host")
        if request.path.startswith("/ws") and not policy.origin_allowed(request):
            return refused(policy, "forbidden")
        if policy.token is not None:
            given = request.query.get("token")
            if given is not None:
                if not token_matches(given, policy.token):
                    return refused(policy, "forbidden")
                return with_cookie(request, policy)
            if not token_matches(request.cookies.get(policy.cookie), policy.token):
                return refused(policy, "forbidden")
        return await handler(request)

    return check


def with_cookie(request: web.Request, policy: AccessPolicy) -> web.StreamResponse:
    """The token arrived in the address: keep it in an HttpOnly cookie (the WebSocket and the
    assets then pass) and reload without it, so it leaves the address bar and history."""
    rest = [(k, v) for k, v in request.query.items() if k != "token"]
    path = "/" + request.path.lstrip("/")  # never //other.host: a redirect off this server
    target = path + ("?" + urlencode(rest) if rest else "")
    response = web.HTTPSeeOther(target)
    response.set_cookie(policy.cookie, str(policy.token), httponly=True, samesite="Strict",
                        path="/")
    return response


def refused(policy: AccessPolicy, reason: str) -> web.Response:
    return web.Response(status=403, text=refusal_page(policy.lang, reason),
                        content_type="text/html", charset="utf-8")


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith(("/static/", "/dlquiz/")):
        response.headers.setdefault("Cache-Control", "no-store")  # pages carry a cookie
