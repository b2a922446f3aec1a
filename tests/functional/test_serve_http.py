"""The access checks of `dlquiz serve` with a plain HTTP client: without the right token a
request gets 403 and no app process starts; the token works once in the address, then as an
HttpOnly cookie; other sites' pages and rebound host names are refused; every page carries
the Content-Security-Policy. And the bad inputs: one sentence, exit code 2."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from dlquiz.serve.access import CONTENT_SECURITY_POLICY
from tests.functional.serve_support import (
    REPO,
    dlquiz,
    environment,
    open_tab,
    serving,
    study_bank,
    wait_until,
)

TOKEN = "s3cret-token-for-the-test"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return study_bank(tmp_path)


async def test_without_the_token_every_request_is_refused_before_an_app_starts(
        env: dict[str, str]) -> None:
    with serving(env, "--token", TOKEN) as served:
        assert served.url.endswith(f"/?token={TOKEN}")
        async with aiohttp.ClientSession() as http:
            for path in ("/", "/?app=exam", "/?token=wrong", "/static/js/textual.js",
                         "/dlquiz/serve.js"):
                async with http.get(served.base + path, allow_redirects=False) as answer:
                    assert answer.status == 403, path
                    assert "dlquiz serve" in await answer.text()  # says what to do
            for cookie in ({}, {"dlquiz_token_0": TOKEN}, {served.cookie: "wrong"}):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(served.base + "/ws/study", origin=served.base,
                                          headers={"Cookie": "; ".join(
                                              f"{k}={v}" for k, v in cookie.items())})
                assert refused.value.status == 403
        assert served.children() == []  # no app process was started
        code, _out, err = served.stop()
    assert code == 0, err


async def test_the_token_in_the_address_becomes_an_httponly_cookie(env: dict[str, str]) -> None:
    with serving(env, "--token", TOKEN) as served:
        # unsafe: aiohttp's jar keeps no cookies from IP addresses by default (browsers do)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(served.url + "&app=exam", allow_redirects=False) as answer:
                assert answer.status == 303
                assert answer.headers["Location"] == "/?app=exam"  # the token leaves the bar
                cookie = answer.cookies[served.cookie]
                assert cookie.value == TOKEN and cookie["httponly"]
                assert cookie["samesite"] == "Strict"
            async with http.get(f"{served.base}//evil.example/?token={TOKEN}",
                                allow_redirects=False) as answer:
                assert answer.headers["Location"] == "/evil.example/"  # stays on this server
            async with http.get(served.base + "/?app=exam") as page:  # the cookie is sent
                assert page.status == 200
                assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
                assert 'data-app="exam"' in await page.text()
            async with http.get(served.base + "/static/js/textual.js") as script:
                assert script.status == 200
            assert served.children() == []
            tab = await open_tab(http, served)  # the cookie lets the WebSocket through
            await wait_until(lambda: len(served.children()) == 1)
            await tab.socket.close()
        await wait_until(lambda: served.children() == [])  # the tab's app ended with it
        served.stop()


async def test_other_sites_and_rebound_host_names_are_refused(env: dict[str, str]) -> None:
    with serving(env) as served:  # loopback, no token
        async with aiohttp.ClientSession() as http:
            async with http.get(served.base + "/") as page:
                assert page.status == 200
            async with http.get(served.base + "/", headers={"Host": "evil.example:80"}) as page:
                assert page.status == 403  # DNS rebinding: another name for 127.0.0.1
            for origin in ("http://evil.example", None):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(served.base + "/ws/study", origin=origin)
                assert refused.value.status == 403
        assert served.children() == []
        served.stop()


def test_a_port_in_use_is_one_sentence(env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = dlquiz("serve", "--port", str(port), env=env)
    assert done.returncode == 2
    assert done.stderr == (f"dlquiz: port {port} on 127.0.0.1 is already in use (another "
                           f"dlquiz serve?); choose another with --port.\n")


@pytest.mark.parametrize("host", ["192.0.2.1", "no-such-host.invalid"])
def test_a_host_that_cannot_be_bound_is_one_sentence(env: dict[str, str], host: str) -> None:
    done = dlquiz("serve", "--host", host, "--port", "0", env=env)
    assert done.returncode == 2
    assert done.stderr.startswith(f"dlquiz: cannot listen on {host} port 0 (")
    assert done.stderr.endswith("such as 127.0.0.1, or 0.0.0.0 for every network.\n")
    assert done.stderr.count("\n") == 1


def test_a_bank_that_cannot_be_opened_is_one_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    done = dlquiz("--db", str(broken), "serve", "--port", "0", env=environment(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith("dlquiz: ") and done.stderr.count("\n") == 1
    assert str(broken) in done.stderr


def test_an_empty_token_is_one_sentence(env: dict[str, str]) -> None:
    done = dlquiz("serve", "--token", " ", env=env)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1)
    assert "--token is empty" in done.stderr


def test_without_textual_serve_it_says_what_to_install(env: dict[str, str]) -> None:
    script = ("import sys; sys.modules['textual_serve'] = None; sys.argv = ['dlquiz', 'serve']; "
              "from dlquiz.cli.main import main; main()")
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == ("dlquiz: dlquiz serve needs textual-serve: "
                           "pip install 'dlquiz[serve]'.\n")


async def test_beyond_loopback_a_token_is_generated_and_required(env: dict[str, str]) -> None:
    with serving(env, "--host", "0.0.0.0") as served:
        token = served.url.rsplit("?token=", 1)[1]
        assert len(token) >= 40  # 32 random bytes
        local = f"http://127.0.0.1:{served.base.rsplit(':', 1)[1]}"
        async with aiohttp.ClientSession() as http:
            async with http.get(local + "/") as answer:
                assert answer.status == 403
            async with http.get(f"{local}/?token={token}", allow_redirects=False) as answer:
                assert answer.status == 303
        assert served.children() == []
        assert "not encrypted" in served.notes
        code, _out, _err = served.stop()
    assert code == 0
