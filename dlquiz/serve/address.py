"""The address `dlquiz serve` prints: one a browser can open (a wildcard bind is shown as
this machine's address on the local network, which a tablet can reach)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote


def reachable_host(host: str) -> str:
    """`host`, or for 0.0.0.0 / :: the address this machine uses on its network (the
    operating system picks it for a UDP socket; connecting one sends nothing)."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 9))
        return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()
    finally:
        probe.close()


def page_url(host: str, port: int, token: str | None) -> str:
    shown = reachable_host(host)
    try:
        if ipaddress.ip_address(shown).version == 6:
            shown = f"[{shown}]"
    except ValueError:
        pass
    query = f"?token={quote(token, safe='')}" if token else ""
    return f"http://{shown}:{port}/{query}"
