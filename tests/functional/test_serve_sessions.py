"""Two browser tabs on one served bank: each is its own app process, and a rating that the
other tab made stale is refused (the bank's card versions), with one review in the log."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from dlquiz.store.bank.database import open_bank
from dlquiz.store.bank.location import resolve_url
from dlquiz.store.cards.info import card_info
from tests.functional.serve_support import dlquiz, environment, open_tab, serving, study_bank

GOOD = 3


async def test_a_stale_rating_from_one_tab_is_refused_in_the_other(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    first = json.loads(dlquiz("review", "next", "--json", env=env).stdout)
    assert first["prompt"] == "001 问题一"
    with serving(env) as served:
        async with aiohttp.ClientSession() as http:
            one = await open_tab(http, served)
            two = await open_tab(http, served)
            for tab in (one, two):  # both show the same new card
                await tab.wait_for("问题一")
            assert len(served.children()) == 2  # a process per tab
            for tab in (one, two):
                mark = len(tab.text)
                await tab.send(" ")
                await tab.wait_for("答案一", after=mark)
            mark = len(one.text)
            await one.send(str(GOOD))
            await one.wait_for("问题二", after=mark)  # rated; the next card is shown
            mark = len(two.text)
            await two.send(str(GOOD))
            await two.wait_for("在别处被改动过", after=mark)  # refused and reloaded
            await one.socket.close()
            await two.socket.close()
        code, _out, err = served.stop()
    assert code == 0, err
    bank = open_bank(resolve_url(f"sqlite:///{tmp_path / 'home' / 'dlquiz.db'}"))
    try:
        info = card_info(bank, int(first["id"]))
    finally:
        bank.engine.dispose()
    assert [entry.rating for entry in info.history] == [GOOD]
    assert info.card.reps == 1


async def test_the_exam_and_statistics_apps_are_served_too(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    with serving(env) as served:
        async with aiohttp.ClientSession() as http:
            exam = await open_tab(http, served, "exam")
            stats = await open_tab(http, served, "stats")
            await exam.wait_for("开始一场模拟面试")  # the exam start screen
            await stats.wait_for("学习统计")
            await exam.socket.close()
            await stats.socket.close()
        served.stop()


async def test_a_bank_that_cannot_be_opened_is_said_in_the_page(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    bank_file = tmp_path / "home" / "dlquiz.db"
    with serving(env) as served:
        for stale in bank_file.parent.glob("dlquiz.db-*"):  # the WAL of the first open
            stale.unlink()
        bank_file.write_bytes(b"not a database any more" * 200)
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, served)
            await tab.wait_for(f"dlquiz: {bank_file}")  # the sentence, not a blank tab
            await tab.wait_for("刷新页面")  # and what to do
            await tab.send("q")
            message = await tab.socket.receive(timeout=30)
            while message.type == aiohttp.WSMsgType.BINARY:
                message = await tab.socket.receive(timeout=30)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        served.stop()


async def test_ctrl_c_with_a_tab_open_stops_the_server_and_its_apps(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    with serving(env) as served:
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, served)
            await tab.wait_for("问题一")
            (app,) = served.children()
            code, out, err = served.stop()
        assert (code, err) == (0, "")
        assert out.endswith("dlquiz: stopped.\n")
        assert not Path(f"/proc/{app}").exists()  # the tab's app process ended, and was reaped


async def test_o_in_a_browser_says_why_instead_of_starting_an_editor(tmp_path: Path) -> None:
    env = study_bank(tmp_path)
    marker = tmp_path / "the-editor-ran"
    env["VISUAL"] = f"sh -c 'touch {marker}' editor"  # would leave a trace if it were run
    with serving(env) as served:
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, served)
            mark = await tab.wait_for("问题一")
            await tab.send("o")
            await tab.wait_for("浏览器里不能打开编辑器", after=mark)
            await tab.socket.close()
        served.stop()
    assert not marker.exists()


async def test_the_users_notes_are_studied_in_a_served_tab(tmp_path: Path,
                                                            seed_notes: Path) -> None:
    env = environment(tmp_path / "home")
    assert dlquiz("import", str(seed_notes), env=env).returncode == 0
    first = json.loads(dlquiz("review", "next", "--json", env=env).stdout)
    title = first["prompt"].split(" ", 1)[1][:4]  # the screen shows the number apart
    with serving(env) as served:
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, served)
            await tab.wait_for(title)
            await tab.socket.close()
        served.stop()
