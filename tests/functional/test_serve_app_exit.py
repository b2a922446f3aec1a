"""A tab whose app process ends on its own (here: dies at start) has its WebSocket closed,
so the page says the session ended instead of showing "starting…" for ever. The server
runs in this process, with a command that fails in place of the app."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web as aioweb
from aiohttp.test_utils import TestClient, TestServer

from dlquiz.serve.access import AccessPolicy
from dlquiz.serve.server import DlquizServer


@pytest.mark.parametrize("command", [
    "exec sh -c 'echo the app broke >&2; exit 3'",  # at once: before textual-serve reads stderr
    "exec sh -c 'read line; exit 3'",  # after a while: when the page sends a key
])
async def test_a_tab_whose_app_dies_is_closed(command: str) -> None:
    policy = AccessPolicy(token=None, loopback=True, port=0, lang="en")
    server = DlquizServer(policy, "127.0.0.1", 0, "en")
    server.commands["study"] = command
    web = TestServer(await server._make_app(), host="127.0.0.1")
    client: TestClient[aioweb.Request, aioweb.Application] = TestClient(web)
    async with web, client:
        assert web.port is not None
        policy.port = web.port
        socket = await client.ws_connect("/ws/study", origin=f"http://127.0.0.1:{web.port}")
        await socket.send_str('["stdin", "x\\n"]')
        message = await asyncio.wait_for(socket.receive(), 60)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
