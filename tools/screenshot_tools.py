"""Render the coordinator's tools to PNG files with the demo program, without a screen.

    python tools/screenshot_tools.py OUTDIR [--lang ja]

builds a throwaway database, loads the demo program and writes one PNG per tool into
OUTDIR: the main window with the local-times and conflicts docks, the slot finder (one
meeting and a monthly series), the study-tour builder, the export and import dialogs,
the delegation schedule, the mail dialogs, and the window's own dialogs (help, keyboard
shortcuts, About, Preferences, Open database, the program report, the three print
dialogs and the managers of the Program menu). ``render_tools(database, outdir)``
renders from any database that holds the demo program; the main screenshot script
calls it. ``--lang ja`` renders them in Japanese.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.model import Delegation, Event, StudyTour, TravelMode
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.store import Database, open_database


def _settle(window: object, limit: float = 30.0) -> None:
    """Let every background job (and every debounced check) finish and its answer reach
    the widgets."""
    tasks = getattr(window, "tasks", None)
    tools = getattr(window, "tools", None)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if tasks is not None:
            tasks.wait_for_done()
        QApplication.processEvents()
        pending = tools is not None and (tools.conflicts.checking or tools.conflicts.check_pending)
        finder = tools is not None and any(
            getattr(dialog, "searching", False) or getattr(dialog, "search_pending", False)
            for dialog in tools.dialogs()
        )
        if not pending and not finder and not (tasks is not None and tasks.busy):
            return
        # Let the debounce timers fire and the answers arrive, handling events meanwhile.
        QTest.qWait(20)


def _tour_forms(window: Any, database: Database, builder: Any, outdir: Path) -> list[Path]:
    """The builder's forms: an activity with no title yet, a leg that ends where it
    starts, and a leg the table knows the journey of."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm, LegForm
    from cpp_scheduler.model import EventKind

    day = builder.board.days[1].day
    written = []
    activity = ActivityForm(EventKind.SITE_VISIT, day, builder.board, builder)
    activity.show()
    _settle(window)
    written.append(_save(activity, outdir / "tools-tour-activity-untitled.png"))
    activity.close()
    leg = LegForm(database, day, builder.board, "Kobe", window.tasks.run_in_background, builder)
    leg.show()
    leg.destination.setCurrentIndex(leg.destination.findData("Kobe"))
    _settle(window)
    written.append(_save(leg, outdir / "tools-tour-leg-same-place.png"))
    leg.destination.setCurrentIndex(leg.destination.findData("Toyama"))
    _settle(window)
    written.append(_save(leg, outdir / "tools-tour-leg.png"))
    leg.close()
    return written


def _save(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def _save_on_screen(window: QWidget, path: Path) -> Path:
    """The screen where ``window`` is, popups over it included (a widget's own picture
    leaves them out: each is a window of its own)."""
    QApplication.processEvents()
    shown = window.frameGeometry().intersected(window.screen().geometry())
    shot = window.screen().grabWindow(0, shown.x(), shown.y(), shown.width(), shown.height())
    if not shot.save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


_PARTNER_FILE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Municipalidad de Lima//Agenda//ES\r
BEGIN:VEVENT\r
UID:{uid}\r
SEQUENCE:{sequence}\r
DTSTAMP:20270201T000000Z\r
DTSTART:20270224T000000Z\r
DTEND:20270224T010000Z\r
SUMMARY:{title}\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:lima-followup-2027-03@munlima.gob.pe\r
SEQUENCE:0\r
DTSTAMP:20270201T000000Z\r
DTSTART:20270316T000000Z\r
DTEND:20270316T010000Z\r
SUMMARY:Follow-up call: Lima's housing action plan\r
CATEGORIES:Videoconference\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _partner_file(database: Database, path: Path) -> Path:
    """A calendar a partner city might send back: the briefing moved by half an hour
    (a newer version) and a follow-up call the program does not hold yet."""
    with database.session() as session:
        briefing = session.scalars(
            select(Event).where(Event.title.like("Pre-tour briefing%"))
        ).first()
        uid = briefing.uid if briefing else "missing@example.org"
        sequence = (briefing.sequence or 0) + 1 if briefing else 0
        title = briefing.title if briefing else "Pre-tour briefing"
    path.write_bytes(_PARTNER_FILE.format(uid=uid, sequence=sequence, title=title).encode())
    return path


def _choose(dialog: Any, prefix: str) -> None:
    for index in range(dialog.scope.count()):
        if dialog.scope.itemText(index).startswith(prefix):
            dialog.scope.setCurrentIndex(index)
            return


def _render_mail(window: Any, database: Database, outdir: Path, scratch: Path) -> list[Path]:
    """The mail settings, invitations for the Peru delegation (written to an outbox in
    the scratch folder), one of its events moved, then what changed and the updates."""
    import json

    from cpp_scheduler.mail.settings import SETTINGS_ENV

    tools = window.tools
    settings = scratch / "mail.json"
    settings.write_text(
        json.dumps(
            {
                "smtp": {
                    "host": "smtp.tdlc.example.org",
                    "port": 587,
                    "security": "starttls",
                    "user": "cpp-coordinator",
                },
                "sender": {"name": "TDLC CPP team", "email": "cpp@tdlc.example.org"},
                "rate_per_minute": 600,
            }
        ),
        encoding="utf-8",
    )
    # Never the settings of whoever runs this, and theirs again afterwards.
    before = os.environ.get(SETTINGS_ENV)
    os.environ[SETTINGS_ENV] = str(settings)
    try:
        return _render_mail_dialogs(tools, window, database, outdir, scratch)
    finally:
        if before is None:
            os.environ.pop(SETTINGS_ENV, None)
        else:
            os.environ[SETTINGS_ENV] = before


def _render_mail_dialogs(
    tools: Any, window: Any, database: Database, outdir: Path, scratch: Path
) -> list[Path]:
    from cpp_scheduler.model import SentMessage

    written: list[Path] = []
    dialog = tools.open_mail_settings()
    dialog.test_recipient.setText("me@tdlc.example.org")
    _settle(window)
    written.append(_save(dialog, outdir / "tools-mail-settings.png"))
    dialog.close()

    peru = translate("Mail", "Delegation: {name}").format(name="Peru")
    send = tools.open_send("invitations")
    _settle(window)
    _choose(send, peru)
    _settle(window)
    written.append(_save(send, outdir / "tools-send-invitations.png"))
    send.outbox.setText(str(scratch / "outbox"))
    send.send()
    _settle(window)
    written.append(_save(send, outdir / "tools-send-invitations-sent.png"))
    send.close()

    with database.transaction() as session:
        first = session.scalars(select(SentMessage.event_id)).first()
        moved = session.get(Event, first) if first else None
        if moved is not None:
            moved.start_utc += timedelta(days=1, hours=2)
            moved.end_utc += timedelta(days=1, hours=2)
    changes = tools.open_changes()
    _settle(window)
    _choose(changes, peru)
    _settle(window)
    written.append(_save(changes, outdir / "tools-changes.png"))
    changes.close()
    updates = tools.open_send("updates")
    _settle(window)
    _choose(updates, peru)
    _settle(window)
    written.append(_save(updates, outdir / "tools-send-updates.png"))
    updates.close()
    answers = tools.open_replies()
    _settle(window)
    written.append(_save(answers, outdir / "tools-replies.png"))
    answers.close()
    return written


def render_window_dialogs(window: Any, outdir: Path) -> list[Path]:
    """The window's own dialogs: help (two pages), the shortcuts, About, Preferences,
    Open database, the program report of 2027, the print dialogs and the managers."""
    from cpp_scheduler import i18n
    from cpp_scheduler.gui import filemenu
    from cpp_scheduler.gui.preferences import PreferencesDialog
    from cpp_scheduler.gui.recordkinds import RECORD_KINDS

    written: list[Path] = []
    help_window = window.show_help()
    _settle(window)
    written.append(_save(help_window, outdir / "window-help.png"))
    help_window.show_document("team.md")
    _settle(window)
    written.append(_save(help_window, outdir / "window-help-team.png"))
    help_window.close()
    shortcuts = window.show_shortcuts()
    _settle(window)
    written.append(_save(shortcuts, outdir / "window-shortcuts.png"))
    shortcuts.close()
    about = window.about_box()
    about.show()
    _settle(window)
    written.append(_save(about, outdir / "window-about.png"))
    about.close()
    preferences = PreferencesDialog(window.settings, window)
    preferences.show()
    _settle(window)
    written.append(_save(preferences, outdir / "window-preferences.png"))
    preferences.close()
    opener = filemenu.OpenDatabaseDialog(window)
    opener.show()
    _settle(window)
    written.append(_save(opener, outdir / "window-open-database.png"))
    opener.close()
    window.go_to(date(2027, 2, 15))
    _settle(window)
    report = window.report_actions.open_report()
    report.resize(1300, 720)
    _settle(window)
    written.append(_save(report, outdir / "window-report.png"))
    report.tabs.setCurrentIndex(2)
    _settle(window)
    written.append(_save(report, outdir / "window-report-themes.png"))
    report.close()
    for kind in ("itinerary", "programme", "day"):
        dialog = window.documents.open(kind, day=date(2027, 2, 15))
        _settle(window)
        written.append(_save(dialog, outdir / f"window-print-{kind}.png"))
        dialog.close()
    for kind in RECORD_KINDS:
        manager = window.manage(kind)
        _settle(window)
        QTest.qWait(100)  # the window widens to its columns once they are read: let it
        written.append(_save(manager, outdir / f"window-manage-{kind}.png"))
        if kind == "venue":  # two words in any order; kana typed for a katakana name
            japanese = i18n.language() == i18n.JAPANESE
            manager.search.setText("えこたうん" if japanese else "hall kobe")
            _settle(window)
            written.append(_save(manager, outdir / f"window-manage-{kind}-search.png"))
            manager.search.setText("なごや" if japanese else "nagoya")  # nothing holds it
            _settle(window)
            written.append(_save(manager, outdir / f"window-manage-{kind}-nothing.png"))
        manager.close()
    return written


def render_tools(database: Database, outdir: Path) -> list[Path]:
    """One PNG per tool over ``database`` (which should hold the demo program)."""
    from cpp_scheduler.gui.choices import ID_ROLE
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.gui.tools import Tools
    from cpp_scheduler.gui.tools.export_calendar import Scope

    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    settings_dir = Path(tempfile.mkdtemp(prefix="cpp-tools-settings-"))
    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(database, settings)
    tools: Tools = window.tools  # type: ignore[attr-defined]
    window.resize(1500, 950)
    window.show()
    _settle(window)
    with database.session() as session:
        site_visit = session.scalars(
            select(Event).where(Event.title.like("Site visit: Toyama%"))
        ).first()
        delegations = {d.name.split(":")[0]: d.id for d in session.scalars(select(Delegation))}
        tour = session.scalars(select(StudyTour)).first()
        event_id = site_visit.id if site_visit else None
        tour_id = tour.id if tour else None
    if event_id is not None:
        tools.go_to_event(event_id)
    window.show_view("week")
    _settle(window)
    written.append(_save(window, outdir / "tools-main-window.png"))
    # Filtered: the status bar counts what the filters let through, as events list does.
    window.sidebar.kind.setCurrentIndex(window.sidebar.kind.findData("workshop", ID_ROLE))
    _settle(window)
    written.append(_save(window, outdir / "tools-main-window-filtered.png"))
    window.sidebar.clear()
    # A participant's meetings: a Peru delegate's, the conference's sessions among them.
    person = window.sidebar.participant
    person.setCurrentIndex(person.findText("Ana Lucía", Qt.MatchFlag.MatchStartsWith))
    _settle(window)
    written.append(_save(window, outdir / "tools-main-window-participant.png"))
    window.sidebar.clear()
    # Found by typing: words of a person's delegation, the offer of those they find open.
    window.activateWindow()
    QTest.mouseClick(person.lineEdit(), Qt.MouseButton.LeftButton)
    _settle(window)  # its words selected, to be typed over
    QTest.keyClicks(person, "peru")  # the demo names its delegations in English
    _settle(window)
    written.append(_save_on_screen(window, outdir / "tools-main-window-participant-search.png"))
    offer = QApplication.activePopupWidget()
    if offer is not None:
        offer.close()
    window.sidebar.search.setFocus()
    window.sidebar.clear()
    _settle(window)
    # A session held in the evening in Lima: its rows, and the night the check warns of.
    with database.session() as session:
        evening = session.scalars(select(Event).where(Event.title.like("Capturing land value%")))
        shown_id = next((event.id for event in evening), event_id)
    if shown_id is not None:
        tools.go_to_event(shown_id)
        _settle(window)
    # The docks share the space under the calendar; give them room for their picture.
    window.resizeDocks([tools.local_times], [320], Qt.Orientation.Vertical)
    _settle(window)
    written.append(_save(tools.local_times, outdir / "tools-local-times.png"))
    tools.conflicts.resize(1200, 300)
    tools.conflicts.table.selectRow(0)  # its sentence, whole, under the list
    written.append(_save(tools.conflicts, outdir / "tools-conflicts.png"))
    table = tools.conflicts.table
    holiday = ConflictKind.DELEGATION_HOLIDAY.label
    rows = range(table.model().rowCount())
    at_home = next(r for r in rows if table.model().index(r, 1).data() == holiday)
    table.selectRow(at_home)  # a participant's holiday, named for its country
    written.append(_save(tools.conflicts, outdir / "tools-conflicts-holiday.png"))

    finder = tools.open_slot_finder()
    finder.show_period(date(2027, 1, 18), date(2027, 1, 22))
    finder.choose(
        [delegations[name] for name in ("Peru", "Philippines", "Nepal") if name in delegations]
    )
    finder.ui.title.setText("Peer exchange: affordable housing finance")
    finder.ui.title.editingFinished.emit()  # as leaving the field after typing does
    finder.search()
    _settle(window)
    written.append(_save(finder, outdir / "tools-slot-finder.png"))
    finder.ui.repeat.setCurrentIndex(finder.ui.repeat.findData("Every month"))
    finder.search()
    _settle(window)
    written.append(_save(finder, outdir / "tools-slot-finder-series.png"))
    finder.close()

    builder = tools.open_tour_builder()
    if tour_id is not None:
        builder.show_tour(tour_id)
    _settle(window)
    written.append(_save(builder, outdir / "tools-tour-builder.png"))
    if builder.board is not None and len(builder.board.days) >= 3:
        # A leg far shorter than the table's journey, and its flag; undone afterwards.
        day = builder.board.days[2].day
        builder.choose_day(day)
        if builder.insert_leg(day, "Kobe", "Toyama", TravelMode.RAIL, dt_time(18, 0), minutes=45):
            _settle(window)
            written.append(_save(builder, outdir / "tools-tour-builder-flagged.png"))
            window.editor.stack.undo()
            _settle(window)
        written.extend(_tour_forms(window, database, builder, outdir))
    builder.close()

    export = tools.open_export()
    export.set_scope(Scope.DELEGATION, delegations.get("Peru"))
    export.request_button.setChecked(True)
    export.reminder.setCurrentIndex(export.reminder.findData("1 hour before"))
    export.organizer.setText("TDLC coordinators <cpp@tdlc.example.org>")
    export.target.setText(str(outdir / "peru-delegation.ics"))
    _settle(window)
    written.append(_save(export, outdir / "tools-export.png"))
    export.export()
    _settle(window)
    export.close()

    importer = tools.open_import()
    importer.read(_partner_file(database, outdir / "from-lima.ics"))
    _settle(window)
    written.append(_save(importer, outdir / "tools-import.png"))
    importer.close()

    schedule = tools.open_delegation_schedule()
    if "Peru" in delegations:
        schedule.show_delegation(delegations["Peru"])
    _settle(window)
    written.append(_save(schedule, outdir / "tools-delegation-schedule.png"))
    schedule.close()
    written.extend(_render_mail(window, database, outdir, settings_dir))
    written.extend(render_window_dialogs(window, outdir))
    (outdir / "peru-delegation.ics").unlink(missing_ok=True)
    (outdir / "from-lima.ics").unlink(missing_ok=True)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("outdir", type=Path, help="the folder the PNG files go to")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="the window's language")
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    from cpp_scheduler.gui import translations
    from cpp_scheduler.services.demo import load_demo

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translations.install(args.lang)
    folder = Path(tempfile.mkdtemp(prefix="cpp-tools-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    database = open_database(folder / "program.db")
    try:
        load_demo(database)
        paths = render_tools(database, outdir)
    finally:
        database.close()
    for path in paths:
        print(path)
    del app
    return 0


def _run(entry: Callable[[], int]) -> None:
    raise SystemExit(entry())


if __name__ == "__main__":
    _run(main)
