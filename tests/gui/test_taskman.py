"""The task manager: work followed elsewhere never holds the thread that serves reads."""

from __future__ import annotations

from concurrent.futures import Future

from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.taskman import TaskManager


def test_a_read_is_answered_while_work_followed_elsewhere_is_still_running(
    qtbot: QtBot,
) -> None:
    tasks = TaskManager()
    elsewhere: Future[str] = Future()
    answers: list[str] = []
    tasks.follow(elsewhere, lambda result: answers.append(f"check: {result}"))
    assert tasks.busy

    tasks.run_in_background(lambda: "3 events", lambda result: answers.append(f"read: {result}"))
    qtbot.waitUntil(lambda: answers == ["read: 3 events"], timeout=5_000)
    assert tasks.busy  # the work elsewhere still runs

    elsewhere.set_result("2 conflicts")
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5_000)
    assert answers == ["read: 3 events", "check: 2 conflicts"]
    assert not tasks.busy


def test_the_failure_of_work_followed_elsewhere_reaches_its_callback(qtbot: QtBot) -> None:
    tasks = TaskManager()
    elsewhere: Future[str] = Future()
    failures: list[BaseException] = []
    tasks.follow(elsewhere, lambda _result: None, failures.append)
    elsewhere.set_exception(OSError("the database is gone"))
    qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
    assert str(failures[0]) == "the database is gone"
    assert tasks.wait_for_done(1_000)
