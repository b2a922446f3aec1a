"""`dlquiz serve`: the study app (and the exam and statistics apps) in a browser, each tab its
own session on the bank. Loopback only unless --host says otherwise; beyond loopback an
access token is required (the server logic lives in dlquiz.serve)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dlquiz.cli.common import fail, open_bank_for
from dlquiz.cli.questions_cmds import Lang, LangOption

HostOption = Annotated[str, typer.Option(
    "--host", help="Address to listen on; 0.0.0.0 for every network (a token is then required).")]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535,
                                         help="TCP port (0: any free port, printed).")]
TokenOption = Annotated[str | None, typer.Option(
    "--token", help="The access token to require (default: none on loopback, else a new one).")]


def serve_cmd(ctx: typer.Context, host: HostOption = "127.0.0.1", port: PortOption = 8765,
              token: TokenOption = None, lang: LangOption = Lang.zh) -> None:
    """Serve the study app to a browser until Ctrl+C (exam and statistics from its page)."""
    try:  # the optional extra; imported here so the other commands never load aiohttp
        import textual_serve  # noqa: F401
    except ImportError:
        raise fail("dlquiz serve needs textual-serve: pip install 'dlquiz[serve]'.") from None
    import asyncio

    from dlquiz.serve.access import AccessPolicy, is_loopback, new_token
    from dlquiz.serve.server import DlquizServer, ServeError, serve_until_stopped

    if token is not None and not token.strip():
        raise fail("--token is empty; give a token, or leave --token out to get a new one.")
    loopback = is_loopback(host)
    if token is None and not loopback:
        token = new_token()
    bank = open_bank_for(ctx)  # a bank that cannot be opened is reported before binding
    os.environ["DLQUIZ_DB"] = bank.url  # each tab's app process opens this same bank
    bank.engine.dispose()
    server = DlquizServer(AccessPolicy(token=token, loopback=loopback, port=port,
                                       lang=lang.value), host, port, lang.value)

    def ready(bound: int) -> None:
        from dlquiz.serve.address import page_url

        if not loopback:
            typer.echo("dlquiz: anyone with this address can study in your bank; the traffic "
                       "is not encrypted (see README: Studying in a browser).")
        typer.echo(f"dlquiz: serving at {page_url(host, bound, token)}  (Ctrl+C stops)")

    try:
        asyncio.run(serve_until_stopped(server, ready))
    except ServeError as exc:
        raise fail(str(exc)) from None
    typer.echo("dlquiz: stopped.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
