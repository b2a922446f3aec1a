"""`dlquiz serve` in a subprocess for the HTTP, session and browser tests: start it on a free
loopback port (--port 0; the printed address is the event to wait for), count its app
processes through /proc, and speak textual-serve's WebSocket protocol as a tab would."""

from __future__ import annotations

import asyncio
import codecs
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

REPO = Path(__file__).resolve().parents[2]
NOTES = "## 001 问题一\n\n答案一。\n\n## 002 问题二\n\n答案二。\n\n## 003 问题三\n\n答案三。\n"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DLQUIZ_DB"}
    return {**env, "DLQUIZ_HOME": str(home), "PYTHONPATH": str(REPO), "TZ": "UTC"}


def dlquiz(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dlquiz", *args], env=env, text=True,
                          capture_output=True, timeout=120)


def study_bank(tmp: Path) -> dict[str, str]:
    """A bank under `tmp` with three Chinese note cards; returns the environment naming it."""
    env = environment(tmp / "home")
    notes = tmp / "served.md"
    notes.write_text(NOTES, encoding="utf-8")
    done = dlquiz("import", str(notes), env=env)
    assert done.returncode == 0, done.stderr
    return env


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # as printed, with ?token=… when one is required
    notes: str  # what it printed before the address

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def cookie(self) -> str:
        return f"dlquiz_token_{urlsplit(self.url).port}"

    def children(self) -> list[int]:
        """The server's child processes (one per open tab's app), read from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C, as a person would; returns the exit code, stdout and stderr."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out, err


@contextmanager
def serving(env: dict[str, str], *args: str) -> Iterator[Served]:
    process = subprocess.Popen([sys.executable, "-m", "dlquiz", "serve", "--port", "0", *args],
                               env=env, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None
    before: list[str] = []
    while (match := re.search(r"serving at (\S+)", line := process.stdout.readline())) is None:
        if not line:  # the address is the last line before serving: it never came
            process.kill()
            raise AssertionError(f"no address printed: {before!r} {process.communicate()[1]!r}")
        before.append(line)
    served = Served(process, match.group(1), "".join(before))
    try:
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@dataclass
class Tab:
    """One session over the WebSocket, as the page's script holds it: keys go in as stdin
    envelopes, the terminal's output comes back as bytes (kept here without escapes)."""

    socket: aiohttp.ClientWebSocketResponse
    text: str = ""
    decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))

    async def send(self, keys: str) -> None:
        await self.socket.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, needle: str, *, after: int = 0, timeout: float = 60) -> int:
        """Read output until `needle` appears past offset `after`; returns the offset past it."""
        deadline = time.monotonic() + timeout
        while (found := self.text.find(needle, after)) < 0:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never appeared; the screen had "
                                     f"{self.text[-1500:]!r}")
            try:  # not receive(timeout=): the server's heartbeat pings would restart it
                message = await asyncio.wait_for(self.socket.receive(), left)
            except TimeoutError:
                continue  # the deadline check above reports what the screen had
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += ANSI.sub("", self.decoder.decode(message.data))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                  aiohttp.WSMsgType.CLOSING):
                raise AssertionError(f"the session closed before {needle!r} appeared: "
                                     f"{self.text[-1500:]!r}")
        return found + len(needle)


async def open_tab(http: aiohttp.ClientSession, served: Served, app: str = "study",
                   *, width: int = 100, height: int = 30) -> Tab:
    socket = await http.ws_connect(f"{served.base.replace('http', 'ws', 1)}/ws/{app}"
                                   f"?width={width}&height={height}",
                                   origin=served.base)
    return Tab(socket)


async def wait_until(check: object, timeout: float = 30) -> None:
    """Poll `check()` (a callable returning a truthy value) until it holds or time runs out."""
    assert callable(check)
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.05)
