"""`dlquiz serve` in a real browser: headless Chromium opens the printed address (the token
becomes a cookie), waits for the first card in the terminal, presses Space and 3, and the
rating is in the bank; when the server stops, the page says so. Screenshots at 1280 and
390 px wide; at 390 px the font is chosen for the width, the page does not scroll sideways,
and the card is on screen. No request the page makes is blocked by its
Content-Security-Policy."""

from __future__ import annotations

import asyncio
import base64
import codecs
import contextlib
import json
import re
import time
from pathlib import Path

from dlquiz.store.bank.database import open_bank
from dlquiz.store.cards.info import card_info
from tests.functional.devtools import DevTools, headless_page, png_byte_variety, png_size
from tests.functional.serve_support import ANSI, dlquiz, serving, study_bank, wait_until

TOKEN = "browser-test-token"
GOOD = 3
WATCH_CSP = ("window.__violations = [];"
             "document.addEventListener('securitypolicyviolation', e => "
             "window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")


class Terminal:
    """What the page's terminal was sent: the WebSocket's binary frames, as text."""

    def __init__(self, page: DevTools) -> None:
        self.text = ""
        self.sockets: list[str] = []
        self.grew = asyncio.Event()
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        page.on("Network.webSocketFrameReceived", self.frame)
        page.on("Network.webSocketCreated", lambda event: self.sockets.append(event["url"]))

    def frame(self, event: dict[str, object]) -> None:
        response = event["response"]
        assert isinstance(response, dict)
        if response["opcode"] == 2:
            data = base64.b64decode(str(response["payloadData"]))
            self.text += ANSI.sub("", self.decoder.decode(data))
            self.grew.set()

    async def wait_for(self, needle: str, *, after: int = 0, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while self.text.find(needle, after) < 0:
            self.grew.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never appeared: {self.text[-1500:]!r}")
            with contextlib.suppress(TimeoutError):  # the loop reports what was missing
                await asyncio.wait_for(self.grew.wait(), left)


async def load(page: DevTools, url: str) -> None:
    """Navigate and wait for the load event."""
    loaded = asyncio.Event()
    page.on("Page.loadEventFired", lambda _event: loaded.set())
    await page.call("Page.navigate", url=url)
    await asyncio.wait_for(loaded.wait(), 60)


async def window(page: DevTools, width: int, height: int) -> None:
    await page.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                    deviceScaleFactor=1, mobile=width < 600)


async def poll(page: DevTools, condition: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not await page.evaluate(condition):
        assert time.monotonic() < deadline, f"never true: {condition}"
        await asyncio.sleep(0.05)


def ratings(home: Path, card_id: int) -> list[int]:
    bank = open_bank(f"sqlite:///{home / 'dlquiz.db'}")
    try:
        return [entry.rating for entry in card_info(bank, card_id).history]
    finally:
        bank.engine.dispose()


async def test_study_in_a_browser(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    first = json.loads(dlquiz("review", "next", "--json", env=env).stdout)
    shots = tmp_path / "shots"
    shots.mkdir()
    with serving(env, "--token", TOKEN) as served:
        async with headless_page(tmp_path / "profile") as page:
            terminal = Terminal(page)
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=WATCH_CSP)
            for domain in ("Page", "Network", "Runtime"):
                await page.call(f"{domain}.enable")
            await window(page, 1280, 800)

            await load(page, served.base + "/")  # no token: a page that says what to do
            assert "dlquiz serve" in await page.evaluate("document.body.innerText")
            assert await page.evaluate("window.__violations") == []
            assert served.children() == []

            await load(page, served.url)  # the printed address, token and all
            await terminal.wait_for("问题一")
            assert await page.evaluate("location.search") == ""  # the token left the bar
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            mark = len(terminal.text)
            await page.key(" ", "Space", 32)
            await terminal.wait_for("答案一", after=mark)
            mark = len(terminal.text)
            await page.key("3", "Digit3", 51)
            await terminal.wait_for("问题二", after=mark)
            await wait_until(lambda: ratings(tmp_path / "home", int(first["id"])) == [GOOD])

            assert await page.evaluate("window.__violations") == []
            wide = await page.screenshot(shots / "serve-1280.png")
            assert png_size(wide) == (1280, 800) and png_byte_variety(wide) > 100

            await window(page, 390, 844)
            mark = len(terminal.text)
            await page.call("Page.reload")  # a new session, laid out for the phone's width
            await terminal.wait_for("问题二", after=mark)
            narrow = await page.screenshot(shots / "serve-390.png")
            assert png_size(narrow) == (390, 844) and png_byte_variety(narrow) > 100
            assert await page.evaluate(
                "document.getElementById('terminal').dataset.fontSize") == "13"
            columns = int(re.findall(r"width=(\d+)", terminal.sockets[-1])[0])
            assert 40 <= columns <= 60, columns  # 13 px Roboto Mono: about 48 on 390 px
            assert await page.evaluate("document.documentElement.scrollWidth") <= 390
            assert await page.evaluate("window.__violations") == []

            code, _out, err = served.stop()  # the page says so instead of going blank
            assert code == 0, err
            await poll(page, "getComputedStyle(document.querySelector('.notice.ended'))"
                             ".display === 'block'")
            assert "会话已结束" in await page.evaluate("document.body.innerText")
