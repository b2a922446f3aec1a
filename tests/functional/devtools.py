"""A small Chrome DevTools Protocol client over aiohttp's WebSocket, for the served-page
test: start headless Chromium on a free debugging port, open a page target, call methods,
and keep the events a test asks for. PNG helpers check the screenshots it takes."""

from __future__ import annotations

import asyncio
import base64
import json
import struct
import subprocess
import time
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

from tests.functional.browser import FLAGS, chromium

Event = dict[str, Any]


class DevTools:
    """One page target of a browser, attached in flat mode (commands carry its session)."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.session: str | None = None
        self.calls = 0
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.listeners: dict[str, list[Callable[[Event], None]]] = {}
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.waiting:
                self.waiting.pop(data["id"]).set_result(data)
            for listener in self.listeners.get(data.get("method", ""), []):
                listener(data.get("params", {}))
        for future in self.waiting.values():
            future.set_exception(ConnectionError("the browser closed its DevTools socket"))

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.calls += 1
        message: dict[str, Any] = {"id": self.calls, "method": method, "params": params}
        if self.session is not None and not method.startswith("Target."):
            message["sessionId"] = self.session
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.calls] = future
        await self.socket.send_str(json.dumps(message))
        answer = await asyncio.wait_for(future, 60)
        if "error" in answer:
            raise AssertionError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    def on(self, method: str, listener: Callable[[Event], None]) -> None:
        self.listeners.setdefault(method, []).append(listener)

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def key(self, key: str, code: str, keycode: int) -> None:
        """Press and release one key, as typing it would (the text goes to the focused field)."""
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=code,
                        text=key, unmodifiedText=key, windowsVirtualKeyCode=keycode)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=keycode)

    async def screenshot(self, target: Path) -> bytes:
        data = base64.b64decode((await self.call("Page.captureScreenshot",
                                                 format="png"))["data"])
        target.write_bytes(data)
        return data


@asynccontextmanager
async def headless_page(profile: Path) -> AsyncIterator[DevTools]:
    """Chromium with a debugging port of its own choosing (it writes DevToolsActivePort into
    the profile once it listens: the event waited for), and one blank page attached."""
    profile.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([chromium(), *FLAGS, "--remote-debugging-port=0",
                                f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port, path = await active_port(profile / "DevToolsActivePort", process)
        async with aiohttp.ClientSession() as http, http.ws_connect(
                f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as socket:
            tools = DevTools(socket)
            target = (await tools.call("Target.createTarget", url="about:blank"))["targetId"]
            tools.session = (await tools.call("Target.attachToTarget", targetId=target,
                                              flatten=True))["sessionId"]
            yield tools
            tools.reader.cancel()
    finally:
        process.terminate()
        process.wait(timeout=30)


async def active_port(marker: Path, process: subprocess.Popen[bytes]) -> tuple[str, str]:
    deadline = time.monotonic() + 60
    while True:
        if marker.exists() and len(lines := marker.read_text().split()) == 2:
            return lines[0], lines[1]
        if process.poll() is not None:
            raise AssertionError(f"chromium exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("chromium never opened its debugging port")
        await asyncio.sleep(0.05)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk (after its 8-byte signature)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def png_byte_variety(data: bytes) -> int:
    """How many distinct byte values the image data holds once inflated: a blank, one-colour
    page gives a handful, a page of text in several colours gives well over a hundred."""
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))
