"""The window's "Show times in" selector labels a zone with the offsets its clock reads
over the days the calendar shows, and ``cpp-scheduler zones`` says the same, for any
zone and any days, in either language."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.zoneselector import ZoneSelector
from tests.parity.language_support import spoken


def command_says(capsys: pytest.CaptureFixture[str], *arguments: str) -> list[str]:
    assert main(["zones", *arguments]) == 0
    return capsys.readouterr().out.splitlines()


def window_says(qtbot: QtBot, zone: str, first: date, last: date) -> str:
    selector = ZoneSelector()
    qtbot.addWidget(selector)
    assert selector.set_zone(zone)
    selector.set_period(first, last)
    return selector.in_use.text()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    zone=st.sampled_from(timezones.all_zones()),
    first=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    days=st.integers(0, 41),
)
def test_any_zone_over_any_days_is_labelled_as_the_command_labels_it(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], zone: str, first: date, days: int
) -> None:
    last = first + timedelta(days=days)
    [line] = command_says(capsys, zone, "--from", first.isoformat(), "--to", last.isoformat())
    assert window_says(qtbot, zone, first, last) == f"Times in {line}"


@pytest.mark.parametrize(
    ("language", "caption", "change"),
    [
        (i18n.ENGLISH, "Times in {zone}", "UTC-05:00; UTC-04:00 from Sun 14 Mar"),
        (i18n.JAPANESE, "{zone} の時刻で表示", "UTC-05:00、3月14日(日)から UTC-04:00"),
    ],
)
def test_a_week_the_clocks_change_in_names_both_offsets_alike(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    language: str,
    caption: str,
    change: str,
) -> None:
    """New York's clocks go forward on Sunday 14 March 2027."""
    days = ("--from", "2027-03-08", "--to", "2027-03-20")
    [line] = command_says(capsys, "--lang", language, "New_York", *days)
    [listed] = json.loads("\n".join(command_says(capsys, "--lang", language, "New_York", *days,
                                                  "--json")))  # fmt: skip
    assert line == f"America/New York ({change})" == listed["label"]
    assert listed["offsets"] == [
        {"offset": "-05:00", "from": None},
        {"offset": "-04:00", "from": "2027-03-14"},
    ]
    with spoken(language):
        shown = window_says(qtbot, "America/New_York", date(2027, 3, 8), date(2027, 3, 20))
    assert shown == caption.format(zone=line)


def test_a_part_of_a_name_finds_the_zone_the_selector_takes(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    """Typing "kath" in the selector, or naming it to the command, finds Kathmandu; both
    label it with today's offset."""
    selector = ZoneSelector()
    qtbot.addWidget(selector)
    line_edit = selector.combo.lineEdit()
    assert line_edit is not None
    selector.combo.setEditText("kath")
    line_edit.editingFinished.emit()
    assert selector.zone == "Asia/Kathmandu"
    assert [selector.in_use.text()] == [f"Times in {line}" for line in command_says(capsys, "kath")]


@pytest.mark.parametrize(
    ("arguments", "refusal"),
    [
        (["Narnia/Cair_Paravel"], "'Narnia/Cair_Paravel' is no time zone of the IANA database"),
        (["America/"], "'America/' is part of "),
        (["Asia/Tokyo", "--from", "2027-01-01"], "give --from and --to together, or neither"),
        (
            ["Asia/Tokyo", "--from", "2027-01-01", "--to", "2028-01-02"],
            "--from 2027-01-01 to --to 2028-01-02 is longer than 366 days",
        ),
    ],
)
def test_a_zone_the_command_cannot_name_is_one_line(
    capsys: pytest.CaptureFixture[str], arguments: list[str], refusal: str
) -> None:
    assert main(["zones", *arguments]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert refusal in line
