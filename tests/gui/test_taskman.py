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


def test_every_job_of_a_burst_is_answered_once_to_its_own_callback(qtbot: QtBot) -> None:
    """A thousand reads asked at once, and a few followed elsewhere among them: each
    answer reaches the callback that asked for it, once, and the manager is idle after."""
    tasks = TaskManager()
    answers: dict[int, list[int]] = {}
    busy: list[bool] = []
    tasks.busyChanged.connect(busy.append)
    followed: list[Future[int]] = []
    for number in range(1000):
        tasks.run_in_background(
            lambda number=number: number * 2,  # type: ignore[misc]
            lambda result, number=number: answers.setdefault(number, []).append(result),
        )
        if number % 100 == 0:
            future: Future[int] = Future()
            followed.append(future)
            tasks.follow(
                future,
                lambda result, number=number: answers.setdefault(-number - 1, []).append(result),
            )
    for number, future in enumerate(followed):
        future.set_result(number)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    assert {n: a for n, a in answers.items() if n >= 0} == {n: [n * 2] for n in range(1000)}
    assert [answers[-n * 100 - 1] for n in range(10)] == [[n] for n in range(10)]
    assert busy[0] is True
    assert busy[-1] is False
    assert tasks.wait_for_done()
