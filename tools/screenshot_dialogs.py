"""Render every editor dialog to PNG files, empty and filled, without a screen.

    python tools/screenshot_dialogs.py OUTDIR [--lang ja]

builds a throwaway database with the reference data and a small realistic program
(delegations from Lima, Kathmandu and Nairobi, Kobe's officials, a monthly series), then
writes one PNG per dialog and state into OUTDIR. ``render_dialogs(database, outdir)``
renders from any open database; the main window's screenshot tool calls it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Run as a script, the checkout's own package comes first, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from typing import TypeVar

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEventLoop,
    QMessageLogContext,
    QTime,
    QTimer,
    QTimeZone,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs import (
    DelegationDialog,
    EventDialog,
    KnowledgeProductDialog,
    ParticipantDialog,
    PartnerCityDialog,
    ThemeDialog,
    TravelTimeDialog,
    VenueDialog,
)
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    KnowledgeProduct,
    Participant,
    ParticipantRole,
    PartnerCity,
    ProductKind,
    ThematicArea,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.store import Database, open_database

#: (file stem, dialog class, entity whose first record fills the "edit" picture)
DIALOGS: tuple[tuple[str, type[RecordDialog], type], ...] = (
    ("event", EventDialog, Event),
    ("delegation", DelegationDialog, Delegation),
    ("participant", ParticipantDialog, Participant),
    ("venue", VenueDialog, Venue),
    ("partner-city", PartnerCityDialog, PartnerCity),
    ("theme", ThemeDialog, ThematicArea),
    ("knowledge-product", KnowledgeProductDialog, KnowledgeProduct),
    ("travel-time", TravelTimeDialog, TravelTime),
)

RecordDialogT = TypeVar("RecordDialogT", bound=RecordDialog)

_tasks: TaskManager | None = None


def _opened(
    dialog_class: type[RecordDialogT], database: Database, record_id: str | None = None
) -> RecordDialogT:
    """``dialog_class`` as the window opens it: shown at once, then filled once its
    record and lists are read in the background (waited for here, at most 30 s)."""
    global _tasks
    if _tasks is None:
        _tasks = TaskManager()
    dialog = dialog_class(database, record_id, tasks=_tasks)
    waiting = QEventLoop()
    dialog.listsLoaded.connect(waiting.quit)  # the last of the record's reads
    QTimer.singleShot(30_000, waiting.quit)
    dialog.show()
    if not (dialog.record_ready() and dialog.lists_ready()):
        waiting.exec()
    if not (dialog.record_ready() and dialog.lists_ready()):
        raise TimeoutError(f"{dialog_class.__name__} did not finish reading in 30 s")
    return dialog


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's note that it cannot resize windows to fit; pass the
    rest on to stderr."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    qInstallMessageHandler(_quiet_offscreen)
    return QApplication(sys.argv[:1])


def _save(dialog: QDialog, path: Path) -> Path:
    """Lay the dialog out at its natural size and write what it shows."""
    dialog.show()
    for _ in range(2):  # the second pass settles word-wrapped labels at their new width
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSize()))
        QApplication.processEvents()
    if not dialog.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _close(dialog: QDialog) -> None:
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()


def _best_record(database: Database, entity: type) -> str | None:
    """The record with the most to show: a Japanese name if it has one, else the first."""
    with database.session() as session:
        query = select(entity.id)
        if hasattr(entity, "name_ja"):
            query = query.order_by(func.length(entity.name_ja).desc(), entity.id)
        elif entity is Event:
            query = query.order_by(Event.recurrence_rule.is_(None), Event.start_utc)
        elif entity is Delegation:
            query = query.order_by(Delegation.name)
        elif entity is Participant:
            query = query.order_by(Participant.delegation_id.is_(None), Participant.name)
        elif entity is TravelTime:  # the longest journey, which reads in hours and minutes
            query = query.order_by(TravelTime.minutes.desc(), TravelTime.id)
        else:
            query = query.order_by(entity.id)
        return session.scalars(query.limit(1)).first()


def render_dialogs(database: Database, outdir: Path) -> list[Path]:
    """Write every dialog, new and editing a stored record, as PNG files in ``outdir``."""
    _application()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stem, dialog_class, entity in DIALOGS:
        dialog: RecordDialog = _opened(dialog_class, database)
        written.append(_save(dialog, outdir / f"dialog-{stem}-new.png"))
        _close(dialog)
        record_id = _best_record(database, entity)
        if record_id is None:
            continue
        dialog = _opened(dialog_class, database, record_id)
        if isinstance(dialog, EventDialog):
            for index in range(dialog.ui.tabs.count()):
                dialog.ui.tabs.setCurrentIndex(index)
                name = dialog.ui.tabs.widget(index).objectName().removesuffix("Tab")
                written.append(_save(dialog, outdir / f"dialog-{stem}-edit-{name}.png"))
        else:
            written.append(_save(dialog, outdir / f"dialog-{stem}-edit.png"))
        _close(dialog)
    written.extend(_render_questions(database, outdir))
    return written


def render_changed_elsewhere(database: Database, outdir: Path) -> list[Path]:
    """The event editor after a colleague saved its event meanwhile (its bar), and the
    merge dialog its button opens. This writes a colleague's change to ``database``:
    for the throwaway program of :func:`main` only."""
    from datetime import UTC

    from cpp_scheduler.services import editing

    _application()
    event_id = _best_record(database, Event)
    if event_id is None:
        return []
    dialog = _opened(EventDialog, database, event_id)
    dialog.ui.title.setText("Lima–Tokyo housing finance exchange")
    dialog.ui.notes.setPlainText("Interpreters confirmed for both sessions.")
    read = editing.stored(database, Event, event_id)
    colleague = open_database(database.url.database, author="Aiko Tanaka")
    try:
        saved = editing.change(
            colleague,
            Event,
            event_id,
            {"title": "Monthly housing finance exchange (Lima)", "description": "New agenda"},
            read.version,
        )
    finally:
        colleague.close()
    dialog.note_change("Event", event_id, saved.version or 0, "Aiko Tanaka", datetime.now(UTC))
    written = [_save(dialog, outdir / "dialog-event-changed-elsewhere.png")]
    dialog.offer_merge()
    merge = dialog.merge_dialog
    if merge is not None:
        written.append(_save(merge, outdir / "dialog-merge-from-editor.png"))
        _close(merge)
    _close(dialog)
    written.extend(_render_deleted_elsewhere(database, event_id, outdir))
    return written


def _render_deleted_elsewhere(database: Database, event_id: str, outdir: Path) -> list[Path]:
    """The event editor after a colleague deleted its event meanwhile: its bar offers
    to save what was typed as a new event."""
    from datetime import UTC

    from cpp_scheduler.services import removal

    dialog = _opened(EventDialog, database, event_id)
    dialog.ui.notes.setPlainText("Interpreters confirmed for both sessions.")
    colleague = open_database(database.url.database, author="Aiko Tanaka")
    try:
        with colleague.session() as session, session.begin():
            removal.delete_record(session, Event, event_id)
    finally:
        colleague.close()
    dialog.note_change("Event", event_id, 0, "Aiko Tanaka", datetime.now(UTC), deleted=True)
    written = [_save(dialog, outdir / "dialog-event-deleted-elsewhere.png")]
    _close(dialog)
    return written


def _render_questions(database: Database, outdir: Path) -> list[Path]:
    """The dialogs asking what they cannot guess, and refusing what they cannot save."""
    written = []
    dialog = _opened(EventDialog, database)
    dialog.ui.title.setText("Washington briefing on the Lima study tour")
    dialog.ui.zone.setZoneName(timezones.WASHINGTON)
    gap = QDateTime(QDate(2027, 3, 14), QTime(2, 30), QTimeZone(QTimeZone.Initialization.UTC))
    dialog.ui.start.setDateTime(gap)
    written.append(_save(dialog, outdir / "dialog-event-clock-change.png"))
    _close(dialog)

    dialog = _opened(EventDialog, database)
    dialog.ui.title.setText("Golden Week: TDLC closed")
    dialog.ui.allDay.setChecked(True)
    first = QDateTime(QDate(2027, 4, 29), QTime(0, 0), QTimeZone(QTimeZone.Initialization.UTC))
    dialog.ui.start.setDateTime(first)
    dialog.ui.end.setDateTime(first.addDays(6))
    dialog.ui.delegations.setCheckedIds([c.id for c in dialog.ui.delegations.model.choices()])
    dialog.show_local_times()
    written.append(_save(dialog, outdir / "dialog-event-all-day.png"))
    _close(dialog)

    delegation = _opened(DelegationDialog, database)
    delegation.ui.name.setText("São Paulo urban development secretariat")
    delegation.ui.country.setSelectedData("BR")
    delegation.ui.workHours.setRange(time(18), time(9))
    written.append(_save(delegation, outdir / "dialog-delegation-problems.png"))
    _close(delegation)

    # A route the table lists already, typed the other way round.
    journey = _opened(TravelTimeDialog, database)
    journey.ui.origin.setEditText("Kitakyushu")
    journey.ui.destination.setEditText("Kobe")
    journey.ui.mode.setCurrentIndex(journey.ui.mode.findData(TravelMode.RAIL.value))
    journey.ui.minutes.setValue(125)
    journey.validator.touchAll()
    journey.revalidate()
    written.append(_save(journey, outdir / "dialog-travel-time-taken.png"))
    _close(journey)
    return written


def add_sample_program(database: Database) -> None:
    """A small, realistic program to fill the dialogs with."""
    with database.transaction() as session:
        cities = {city.name: city for city in session.scalars(select(PartnerCity))}
        themes = {theme.code: theme for theme in session.scalars(select(ThematicArea))}
        tdlc = session.scalars(select(Venue).where(Venue.locality == "Tokyo")).first()
        kobe = cities["Kobe"]
        kobe.mou_date = date(2016, 9, 12)
        kobe.contact_name = "International Affairs Division"
        kobe.contact_email = "international@city.kobe.example.jp"
        lima = Delegation(
            name="Lima housing ministry",
            country="PE",
            zone="America/Lima",
            home_city="Lima",
            arrival=date(2027, 4, 11),
            departure=date(2027, 4, 17),
            languages=["Spanish", "English"],
            interpretation="Spanish–Japanese consecutive",
            notes="Vice-minister joins on the second day.",
        )
        kathmandu = Delegation(
            name="Kathmandu metropolitan city",
            country="NP",
            zone="Asia/Kathmandu",
            home_city="Kathmandu",
            languages=["Nepali", "English"],
            work_start=time(10),
            work_end=time(17),
        )
        nairobi = Delegation(
            name="Nairobi city county",
            country="KE",
            zone="Africa/Nairobi",
            home_city="Nairobi",
            languages=["English", "Swahili"],
        )
        session.add_all([lima, kathmandu, nairobi])
        people = [
            Participant(
                name="Ana María Quispe",
                email="aquispe@vivienda.example.pe",
                organisation="Ministry of Housing",
                delegation=lima,
            ),
            Participant(
                name="Jorge Huamán",
                email="jhuaman@vivienda.example.pe",
                organisation="Ministry of Housing",
                delegation=lima,
            ),
            Participant(
                name="Sita Shrestha",
                email="sita.shrestha@kathmandu.example.np",
                organisation="Kathmandu Metropolitan City",
                delegation=kathmandu,
            ),
            Participant(
                name="田中 由紀 (Yuki Tanaka)",
                email="y.tanaka@city.kobe.example.jp",
                organisation="神戸市 危機管理室",
                role=ParticipantRole.CITY_STAFF,
            ),
            Participant(
                name="David Morgan",
                email="dmorgan@worldbank.example.org",
                organisation="World Bank, Urban GP",
                role=ParticipantRole.BANK_STAFF,
                zone=timezones.WASHINGTON,
            ),
        ]
        session.add_all(people)
        venue = Venue(
            name="Kobe City Hall, Conference Room 1",
            name_ja="神戸市役所 第1会議室",
            locality="Kobe",
            city=kobe,
            capacity=48,
            address="6-5-1 Kano-cho, Chuo-ku, Kobe 650-8570",
            opens_at=time(8, 30),
            closes_at=time(17, 30),
            videoconference=True,
            interpretation_booths=1,
            latitude=34.6901,
            longitude=135.1955,
        )
        session.add(venue)
        conference = Event(
            title="City Partnership Program annual conference 2027",
            kind=EventKind.CONFERENCE,
            status=EventStatus.CONFIRMED,
            venue=tdlc,
            start_utc=timezones.to_utc(datetime(2027, 4, 12, 9), timezones.TOKYO),
            end_utc=timezones.to_utc(datetime(2027, 4, 13, 17), timezones.TOKYO),
        )
        workshop = Event(
            title="Disaster-risk peer-to-peer workshop with Kobe",
            kind=EventKind.WORKSHOP,
            mode=EventMode.HYBRID,
            status=EventStatus.CONFIRMED,
            venue=venue,
            city=kobe,
            organiser=people[3],
            parent=conference,
            start_utc=timezones.to_utc(datetime(2027, 4, 21, 9), timezones.TOKYO),
            end_utc=timezones.to_utc(datetime(2027, 4, 21, 11, 30), timezones.TOKYO),
            video_link="https://worldbankgroup.zoom.us/j/81234567890",
            description="1. Kobe's recovery since 1995 (神戸市)\n2. Early warning in Lima"
            "\n3. Questions from Kathmandu and Nairobi",
            notes="Interpreters booked; test the link with Nairobi the day before.",
            recurrence_rule="FREQ=MONTHLY;BYDAY=3WE;COUNT=6",
        )
        workshop.themes = [
            themes[code] for code in ("seismic-risk", "reconstruction") if code in themes
        ]
        workshop.delegations = [lima, kathmandu, nairobi]
        workshop.participants = people
        session.add_all([conference, workshop])
        product = KnowledgeProduct(
            title="Building back better: Kobe's reconstruction, a case study",
            kind=ProductKind.CASE_STUDY,
            url="https://documents.worldbank.example.org/kobe",
            published=date(2027, 6, 30),
            summary="What Lima and Kathmandu took home from the 2027 workshop series.",
        )
        product.cities = [kobe]
        product.themes = list(workshop.themes)
        product.events = [workshop]
        session.add(product)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="the folder the PNG files go to")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="the window's language")
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    _application()
    from cpp_scheduler.gui import translations

    translations.install(args.lang)
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "screenshots.sqlite")
        try:
            add_sample_program(database)
            for path in render_dialogs(database, outdir):
                print(path)
            for path in render_changed_elsewhere(database, outdir):
                print(path)
        finally:
            database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
