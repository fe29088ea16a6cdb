"""What the event dialog works out at each keystroke, against a bare line edit's keystroke.

    python benchmarks/bench_typing.py [--repeat 10]

On a SQLite copy of the demo program, offscreen, in CPU ms of this process (the slowest
of ``--repeat`` keystrokes, as the one a coordinator would feel):

- the dialog's rules and every attendee's local times, for a meeting over four local dates
  with every delegation and participant chosen (so each gets a row, and the holidays of
  every country are looked up), as its start moves hour by hour;
- the series preview of the Repeat tab, for the rules a coordinator or a hostile file may
  give: a monthly rule, and rules that no date meets or that run past the program's
  years, which the expansion must judge without searching to the year 9999;

- a tick in a check list of 5,000 people, a tenth of them chosen already (the line
  naming those chosen worded again);
- a name looked for among 5,000 people, a key at a time ("mend 01", each key's search,
  offer and Qt's completion, with the turn of the event loop after it): in the sidebar's
  Participant filter and in the event dialog's Organiser picker;

against setting a bare QLineEdit's text. Target (issues 10 and 12): under 50 ms each.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import print_table
from PySide6.QtCore import QDate, QDateTime, QEventLoop, Qt, QTime, QTimeZone
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from cpp_scheduler.gui.choices import choice_search_text, searched_choices
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.widgets.filter_combo import FilterComboBox
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.recurrence_editor import RecurrenceEditor
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.rows import Choice
from cpp_scheduler.store import open_database

TARGET_MS = 50.0

RULES = {
    "monthly, six meetings": "FREQ=MONTHLY;BYDAY=3WE;COUNT=6",
    "no 30 February, daily to 2199": "FREQ=DAILY;UNTIL=21991231T235959;BYMONTH=2;BYMONTHDAY=30",
    "no 30 February, every second": "FREQ=SECONDLY;UNTIL=99991231T235959;BYMONTH=2;BYMONTHDAY=30",
    "a fifth of one meeting a day": "FREQ=DAILY;COUNT=3;BYSETPOS=5",
    "yearly, past 2199": "FREQ=YEARLY;COUNT=300",
    "29 February on Mondays": "FREQ=YEARLY;COUNT=5;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
}


def slowest_ms(actions: list[Callable[[], object]]) -> float:
    spent = []
    for action in actions:
        began = time.process_time()
        action()
        spent.append(time.process_time() - began)
    return max(spent) * 1000


PEOPLE_LOOKED_FOR = 5000
LOOKED_FOR = "mend 01"


def pickers_of_people(count: int) -> dict[str, QComboBox]:
    """The sidebar's Participant filter and an editor's picker of ``count`` people
    (names, delegations and addresses as a program of that size gives them), shown and
    holding the keyboard."""
    chooser = random.Random(2016)
    given = ["Ana", "Maria", "Jose", "Luis", "Carmen", "Hiroshi", "Keiko", "Grace", "Ramesh"]
    family = ["Mendoza", "Fernandez", "Quispe", "Tanaka", "Shrestha", "Otieno", "Santos"]
    people = [
        Choice(
            f"person-{number}",
            f"{chooser.choice(given)} {chooser.choice(family)} {number:04d}",
            f"Delegation {number % 60:03d} · person{number:04d}@example.org",
        )
        for number in range(count)
    ]
    sidebar_filter = FilterComboBox()
    sidebar_filter.setSearchable(True)
    # The window's read prepares the sidebar's search texts, off the GUI thread.
    sidebar_filter.setChoices(searched_choices(people), any_label="All participants")
    organiser = SearchableComboBox()
    organiser.setChoices(
        [(person.name, person.id, choice_search_text(person)) for person in people]
    )
    pickers: dict[str, QComboBox] = {
        "the sidebar's Participant filter": sidebar_filter,
        "the Organiser picker": organiser,
    }
    for picker in pickers.values():
        picker.resize(260, 30)
    return pickers


def typed_into(picker: QComboBox, key: str) -> None:
    """``key`` typed into ``picker`` (the first key of a word replaces what it shows),
    then the turn of the event loop that places and widens the offer."""
    if not picker.isVisible():
        picker.show()
        picker.activateWindow()
        picker.setFocus()
        editor = picker.lineEdit()
        if editor is not None:
            editor.clear()
    QTest.keyClicks(picker, key)
    QApplication.processEvents()


def check_toggles(count: int, repeat: int) -> float:
    """The slowest of ``repeat`` ticks in the event dialog's check list of ``count``
    people (its line of those chosen worded again each time), a tenth of them chosen."""
    people = [Choice(f"person-{n}", f"Official {n:05d}") for n in range(count)]
    checks = MultiSelectList()
    checks.setChoices(searched_choices(people))
    checks.setCheckedIds(person.id for person in people[::10])
    model = checks.model
    rows = [model.index(row) for row in range(1, 1 + repeat)]
    return slowest_ms(
        [lambda row=row: model.setData(row, Qt.CheckState.Checked.value, CHECK) for row in rows]
    )


CHECK = Qt.ItemDataRole.CheckStateRole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    repeat = parser.parse_args().repeat
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "demo.sqlite")
        load_demo(database)
        line = QLineEdit()
        bare = slowest_ms([lambda n=n: line.setText(f"Kobe workshop {n}") for n in range(repeat)])
        tasks = TaskManager()
        dialog = EventDialog(
            database,
            start=datetime(2027, 2, 15, 0, tzinfo=UTC),
            end=datetime(2027, 2, 18, 9, tzinfo=UTC),  # four local dates for every holiday
            tasks=tasks,
        )
        lists_read = QEventLoop()
        dialog.listsLoaded.connect(lists_read.quit)  # read in the background, as opened
        dialog.show()
        lists_read.exec()
        ui = dialog.ui
        ui.delegations.setCheckedIds([choice.id for choice in ui.delegations.model.choices()])
        ui.participants.setCheckedIds([choice.id for choice in ui.participants.model.choices()])

        def keystroke(hour: int) -> None:
            when = QDateTime(
                QDate(2027, 2, 15), QTime(9 + hour % 12, 0), QTimeZone(QTimeZone.Initialization.UTC)
            )
            ui.start.setDateTime(when)
            dialog.revalidate()
            dialog.show_local_times()

        rows = [["a bare line edit's text set", f"{bare:.2f}", "1.0", "-"]]
        typed = slowest_ms([lambda hour=hour: keystroke(hour) for hour in range(repeat)])
        rows.append(["start moved: rules and local times", f"{typed:.1f}", _ratio(typed, bare),
                     _verdict(typed)])  # fmt: skip
        editor = RecurrenceEditor()
        for name, rule in RULES.items():
            spent = slowest_ms([lambda rule=rule: editor.setRule(rule) for _ in range(repeat)])
            rows.append([f"series preview: {name}", f"{spent:.1f}", _ratio(spent, bare),
                         _verdict(spent)])  # fmt: skip
        dialog.close()
        database.close()
        for name, picker in pickers_of_people(PEOPLE_LOOKED_FOR).items():
            keys = [lambda key=key, picker=picker: typed_into(picker, key) for key in LOOKED_FOR]
            spent = slowest_ms(keys)
            rows.append([f"{name}: a key of a name looked for among {PEOPLE_LOOKED_FOR:,} people",
                         f"{spent:.1f}", _ratio(spent, bare), _verdict(spent)])  # fmt: skip
            picker.close()
        toggled = check_toggles(PEOPLE_LOOKED_FOR, repeat)
        rows.append([f"a check list of {PEOPLE_LOOKED_FOR:,} people, a tenth chosen: one "
                     "more ticked", f"{toggled:.1f}", _ratio(toggled, bare),
                     _verdict(toggled)])  # fmt: skip
    del app
    print_table(
        f"The event dialog at each keystroke, demo program, slowest of {repeat}, CPU ms",
        ["measure", "ms", "ratio", f"target < {TARGET_MS:.0f} ms"],
        rows,
    )


def _ratio(spent: float, bare: float) -> str:
    return f"{spent / bare:.0f}" if bare > 0 else "-"


def _verdict(spent: float) -> str:
    return "met" if spent < TARGET_MS else "not met"


if __name__ == "__main__":
    main()
