"""The pure parts of `dlquiz serve`'s access rules: what counts as loopback, which Host
headers a loopback server answers, how tokens compare, and the address it prints."""

from __future__ import annotations

import errno

import pytest

from dlquiz.serve.access import AccessPolicy, is_loopback, new_token, token_matches
from dlquiz.serve.address import page_url
from dlquiz.serve.server import bind_error


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LOCALHOST", True), ("0.0.0.0", False), ("::", False),
    ("192.168.1.20", False), ("example.com", False), ("localhost.example.com", False),
])
def test_loopback_is_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("header", "allowed"), [
    ("127.0.0.1:8765", True), ("localhost:8765", True), ("[::1]:8765", True),
    ("127.0.0.1", True), ("127.0.0.1:9999", False), ("evil.example:8765", False),
    ("evil.example", False), ("127.0.0.1:notaport", False), ("192.168.1.20:8765", False),
])
def test_a_loopback_server_answers_loopback_host_names_only(header: str, allowed: bool) -> None:
    policy = AccessPolicy(token=None, loopback=True, port=8765, lang="en")
    assert policy.host_allowed(header) is allowed


@pytest.mark.parametrize("loopback", [True, False])
def test_with_a_token_the_token_decides_not_the_host(loopback: bool) -> None:
    policy = AccessPolicy(token="t", loopback=loopback, port=8765, lang="en")
    assert policy.host_allowed("study.example.org")  # e.g. a TLS proxy's public name
    assert policy.cookie == "dlquiz_token_8765"


def test_tokens_are_long_random_and_compared_whole() -> None:
    one, two = new_token(), new_token()
    assert one != two and len(one) >= 40
    assert token_matches(one, one)
    assert not token_matches(one[:-1], one) and not token_matches(None, one)
    assert not token_matches("", one)


def test_the_printed_address_carries_the_token() -> None:
    assert page_url("127.0.0.1", 8765, None) == "http://127.0.0.1:8765/"
    assert page_url("::1", 8765, "a/b") == "http://[::1]:8765/?token=a%2Fb"
    assert not page_url("0.0.0.0", 8765, "t").startswith("http://0.0.0.0")


def test_bind_errors_say_what_to_do() -> None:
    in_use = bind_error("127.0.0.1", 8765, OSError(errno.EADDRINUSE, "Address in use"))
    assert in_use.endswith("choose another with --port.")
    assert "administrator" in bind_error("0.0.0.0", 80, OSError(errno.EACCES, "denied"))
