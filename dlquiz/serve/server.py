"""The web server behind `dlquiz serve`: textual-serve's Server with dlquiz's own routes
(a page and a WebSocket per app, the access checks ahead of both), run until Ctrl+C.

Each WebSocket starts one app process (textual-serve's AppService runs a command with its
web driver), so every browser tab is its own session on the same bank; the bank's card
versions refuse a rating that another tab made stale."""

from __future__ import annotations

import asyncio
import errno
import logging
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from dlquiz.serve.access import AccessPolicy, access_middleware, add_security_headers
from dlquiz.serve.page import APPS, terminal_page

OWN_STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("dlquiz.serve")


class ServeError(Exception):
    """The server could not start (the address cannot be bound); the message says why."""


def app_commands(lang: str) -> dict[str, str]:
    """The command each app's process runs: this Python, so the same dlquiz (exec: the shell
    textual-serve starts is replaced, and the app gets its signals itself)."""
    return {name: "exec " + shlex.join([sys.executable, "-m", "dlquiz.serve.child", name,
                                        "--lang", lang]) for name in APPS}


class TabService(AppService):
    """One tab's app process; when it ends, for whatever reason, the tab's WebSocket is
    closed so the page says the session ended (textual-serve closes it only when the app
    says goodbye, so a process that died at start left the page loading forever)."""

    async def run(self) -> None:
        try:
            await super().run()
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # this session is being cancelled: let it
            # else it was textual-serve's stderr reader, cancelled before it had started
            # (a process that died at once), whose cancellation run() passes on
        # textual-serve returns when the app closes its output, which it does a moment
        # before it exits: wait for the exit, so that stop() (and the server's Ctrl+C)
        # returns with the process gone and reaped, not a zombie, however loaded the machine
        if self._process is not None:
            await self._process.wait()
        await self.remote_close()


class DlquizServer(Server):
    """textual-serve's server with dlquiz's routes: `/` (the page, ?app=study|exam|stats),
    `/ws/<app>` (one app process per connection), the assets, all behind `policy`."""

    def __init__(self, policy: AccessPolicy, host: str, port: int, lang: str) -> None:
        super().__init__(command=app_commands(lang)["study"], host=host, port=port,
                         title="dlquiz")
        self.policy = policy
        self.lang = lang
        self.commands = app_commands(lang)
        self.sockets: set[web.WebSocketResponse] = set()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[access_middleware(self.policy)])
        app.add_routes([
            web.get("/", self.handle_index),
            web.get("/ws/{app}", self.handle_websocket),
            web.get("/download/{key}", self.handle_download),  # a file an app delivers
            web.static("/static", self.statics_path),
            web.static("/dlquiz", OWN_STATIC),
        ])
        app.on_response_prepare.append(add_security_headers)
        app.on_shutdown.append(self.close_sockets)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        app = request.query.get("app", "study")
        return web.Response(text=terminal_page(app if app in APPS else "study", self.lang),
                            content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        command = self.commands.get(request.match_info["app"])
        if command is None:
            raise web.HTTPNotFound()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        self.sockets.add(websocket)

        async def close() -> None:  # the app ended (q, or it died): end the tab's session
            await websocket.close()

        service = TabService(command, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=close,
                             download_manager=self.download_manager)
        try:
            await service.start(size(request, "width", 80), size(request, "height", 24))
            await self._process_messages(websocket, service)
        except (ValueError, AssertionError):  # a malformed message from the page
            log.warning("closing a session after a malformed message")
        finally:
            await service.stop()
            self.sockets.discard(websocket)
            await websocket.close()
        return websocket

    async def close_sockets(self, _app: web.Application) -> None:
        """On Ctrl+C: end every tab's session, so its app process quits with the server."""
        for websocket in list(self.sockets):
            await websocket.close()


def size(request: web.Request, name: str, default: int) -> int:
    try:
        return max(10, min(int(request.query.get(name, default)), 1000))
    except ValueError:
        return default


async def serve_until_stopped(server: DlquizServer, ready: Callable[[int], None]) -> None:
    """Bind, call `ready` with the port (port 0 binds a free one), and serve until SIGINT or
    SIGTERM; a bind failure is a ServeError."""
    runner = web.AppRunner(await server._make_app(), handle_signals=False, access_log=None,
                           shutdown_timeout=5)
    await runner.setup()
    try:
        await web.TCPSite(runner, server.host, server.port).start()
    except OSError as exc:
        await runner.cleanup()
        raise ServeError(bind_error(server.host, server.port, exc)) from None
    server.port = server.policy.port = bound_port(runner, server.port)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    ready(server.port)
    await stopped.wait()
    await runner.cleanup()


def bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


def bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use (another dlquiz serve?); "
                f"choose another with --port.")
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights; choose one above 1023 with --port."
    reason = exc.strerror or str(exc)
    return (f"cannot listen on {host} port {port} ({reason}); use an address of this "
            f"machine, such as 127.0.0.1, or 0.0.0.0 for every network.")
