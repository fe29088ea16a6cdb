"""What every editor dialog shares: reading the record once, inline validation, values.

A dialog reads the record and the lists it offers through the services: with the
window's task manager, off the GUI thread (an event's participants and the program's
people grow with the program), in the manner of Anki's ``QueryOp``: the dialog is usable
at once, fills its fields and lists when they arrive and holds OK back until then;
without one (a script, a test of the dialog alone), while it is built. It never
writes: after ``exec()`` is accepted, :meth:`RecordDialog.values` returns the edited
fields as a plain dict (model attribute names for columns, ``<relationship>_ids`` lists
for links), which the main window applies through an undoable command. A failed save
therefore never loses what the coordinator typed: the dialog's values are still there to
retry or to show again.

Over a program this login may only read, the dialog shows its record to read: every
field read-only or greyed, lists scrolled but not ticked, Save off with the reason, and
Cancel called Close (:meth:`RecordDialog.set_read_only`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextOption, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError, printable
from cpp_scheduler.gui.choices import choice_search_text
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.dialogs.changed_bar import ChangedElsewhereBar
from cpp_scheduler.gui.dialogs.validation import STYLE_SHEET, InlineValidator, note_below, show_note
from cpp_scheduler.gui.opening import AfterFirstPaint
from cpp_scheduler.gui.readonly import follow_window_read_only
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, kind_name, translate
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.text_field import TextField
from cpp_scheduler.model import Base, Problem
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.validation import one_line
from cpp_scheduler.services import editing, history, merging
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.merging import MergePlan
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.merge_dialog import MergeDialog
    from cpp_scheduler.gui.taskman import TaskManager

ListsT = TypeVar("ListsT")

#: Keys a values dict never carries: they belong to the store, not to the coordinator.
RESERVED_KEYS = frozenset({"id", "version", "created_at", "updated_at", "uid", "sequence"})


class RecordMissingError(SchedulerError):
    """The record to edit is gone (deleted by a colleague since the list was shown)."""

    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(
            translate(
                "RecordDialog",
                "The {kind} to edit no longer exists (id {id}); somebody may have "
                "deleted it. Refresh the list and try again.",
            ).format(kind=kind_name(kind), id=record_id)
        )
        self.record_id = record_id


#: When a dialog reads its lists if it has not painted by then (it is not shown, say).
READ_LISTS_AT_THE_LATEST_MS = 250

#: The reason OK waits while a dialog's lists are still being read.
LISTS_PENDING = QT_TRANSLATE_NOOP(
    "RecordDialog", "wait a moment: the lists to choose from are still being read."
)

#: The reason OK waits while the record edited is still being read.
RECORD_PENDING = QT_TRANSLATE_NOOP("RecordDialog", "wait a moment: the record is still being read.")


class _ViewedOnly(QObject):
    """Lets a list be scrolled and read but not ticked, chosen into or typed in: the
    clicks and keys that would change it go nowhere (the wheel and the scroll bars,
    widgets of their own, still move it, and Tab still leaves it)."""

    _CHANGING = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        }
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        return event.type() in self._CHANGING


Named = tuple[str, str, str]
"""A record as a single-choice combo box takes it: (name, id, what a search finds it
by: its line and its manager's row)."""


def named(listed: Iterable[Choice]) -> list[Named]:
    """The services' choices as a single-choice combo box takes them."""
    return [(item.name, item.id, choice_search_text(item)) for item in listed]


def entity_problems(entity_class: type[Base], values: Mapping[str, Any]) -> list[Problem]:
    """The domain rules' verdict on ``values``, from a transient entity never added to a
    session, so a dialog shows exactly what a save would refuse."""
    found: list[Problem] = transient(entity_class, values).problems()  # type: ignore[attr-defined]
    return found


EntityT = TypeVar("EntityT", bound=Base)


def transient(entity_class: type[EntityT], values: Mapping[str, Any]) -> EntityT:
    """An entity of ``values``' columns never added to a session, for its rules."""
    columns = entity_class.__table__.columns
    return entity_class(**{key: value for key, value in values.items() if key in columns})


def is_zone(name: str) -> bool:
    """Whether ``name`` is a zone, for any text a coordinator may type.

    A region alone ("America", "Asia") names a folder of the zone database, which
    zoneinfo answers with an ``OSError`` rather than "not found"; here it is simply not
    a zone.
    """
    try:
        return timezones.is_zone(name)
    except OSError:
        return False


def zone_problem(field: str, name: str | None) -> Problem | None:
    """Typed text that is not a zone, in the model's words (the name shortened, as every
    message quotes what was typed), and where to find one; an empty field is left to
    the entity's rules."""
    if not name or is_zone(name):
        return None
    found = rules.zone_problem(field, name, required=False)
    if found is None:
        return None
    return Problem(
        field,
        translate("RecordDialog", "{problem} Pick one from the list.").format(
            problem=found.message
        ),
    )


def checked_values(values: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """``values`` with the fields already found unreadable emptied, for the entity's rules
    to judge the rest without tripping over them."""
    wrong = {problem.field for problem in problems}
    return {key: (None if key in wrong else value) for key, value in values.items()}


def line_text(edit: QLineEdit) -> str:
    return edit.text().strip()


class OneLine(QValidator):
    """A single-line field's text kept on one line: a line break, a tab or another
    control character pasted into it becomes a space as it arrives
    (:func:`cpp_scheduler.model.validation.one_line`), as a title copied from two lines
    of an e-mail is meant. Qt's line edit takes the text this returns."""

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        lined = one_line(text)
        if lined != text:
            position = len(one_line(text[:position]))
        return QValidator.State.Acceptable, lined, position


def keep_on_one_line(root: QWidget) -> None:
    """Give every single-line field under ``root`` (an editable list's line too) the
    :class:`OneLine` validator; a field with a validator of its own, and the lines of
    number, date and time fields, keep theirs."""
    for edit in root.findChildren(QLineEdit):
        if edit.validator() is None and not isinstance(edit.parentWidget(), QAbstractSpinBox):
            edit.setValidator(OneLine(edit))


def wrap_at_words(root: QWidget) -> None:
    """Wrap every text of several lines under ``root`` between words alone, a word too
    long for the width running on past the edge (the field scrolls sideways to it).

    Qt's own wrapping, at a word or else anywhere, lays a paragraph out again at each
    keystroke in a time that grows with the square of its longest word: notes pasted
    with a run of 100,000 characters and no space (a link, an encoded image from an
    e-mail) took half a second a keystroke, and a million characters froze the window
    for half a minute at every key."""
    for edit in root.findChildren(QPlainTextEdit):
        edit.setWordWrapMode(QTextOption.WrapMode.WordWrap)


def say_cut_pastes(root: QWidget) -> None:
    """Under every field of several lines under ``root`` (:class:`TextField`), a line
    saying a paste was cut at the most a text may hold, until the next edit."""
    for edit in root.findChildren(TextField):
        if edit.property("cutPastesSaid"):
            continue  # a record opened again in the same dialog
        edit.setProperty("cutPastesSaid", True)
        note = note_below(edit)
        edit.textChanged.connect(lambda note=note: show_note(note, None))
        edit.pasteCut.connect(lambda text, note=note: show_note(note, text))


def plain_text(edit: QPlainTextEdit) -> str:
    """Several lines kept as typed (an agenda's layout is the coordinator's); text that
    is only blank counts as empty."""
    text: str = edit.toPlainText()
    return text if text.strip() else ""


def choice_problem(combo: SearchableComboBox, field: str, what: str) -> Problem | None:
    """A typed name that matches none of the listed records, quoted as every message
    quotes what was typed: shortened, and on one line."""
    if combo.hasUnknownText():
        return Problem(
            field,
            translate(
                "RecordDialog",
                "No {kind} is called '{name}': pick one from the list or clear the field.",
            ).format(kind=kind_name(what), name=printable(combo.currentText().strip())),
        )
    return None


def parse_coordinate(text: str, field: str, what: str) -> tuple[float | None, Problem | None]:
    """A latitude or longitude typed as decimal degrees; empty means unknown."""
    text = text.strip().replace(",", ".")
    if not text:
        return None, None
    try:
        return float(text), None
    except ValueError:
        return None, Problem(
            field,
            translate(
                "RecordDialog", "'{text}' is not a {kind} in decimal degrees (such as 35.6706)."
            ).format(text=printable(text), kind=kind_name(what)),
        )


def format_coordinate(value: float | None) -> str:
    """A stored latitude or longitude as its dialog shows it: every digit it holds (the
    shortest text that reads back as the same number), so OK on a form left as it was
    stores the same coordinates rather than ones rounded to the digits shown."""
    return "" if value is None else repr(value)


def set_placeholder(combo: QComboBox, text: str) -> None:
    """Show ``text`` in an editable list's empty line (a list that cannot be typed into
    has no line to show it in)."""
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(text)


def set_line(edit: QLineEdit | QPlainTextEdit, text: str | None) -> None:
    if isinstance(edit, QLineEdit):
        edit.setText(text or "")
    else:
        edit.setPlainText(text or "")


class RecordDialog(QDialog):
    """The common part of the editors of one kind of record.

    Subclasses build their form in ``__init__``, bind fields to the validator and call
    :meth:`_open_record`; they implement :meth:`_fill` (the record's values into the
    widgets), :meth:`_record_shown` (connect the widgets' signals, then
    :meth:`_start_validating`), and :meth:`_read`, which turns the widgets into a values
    dict and the list of problems.

    Attributes:
        record_missing: why the record could not be read in the background (deleted
            meanwhile); the dialog then closes itself and the window says so.

    Signals:
        listsLoaded(): the lists the dialog offers are filled, once read in the
            background.
    """

    listsLoaded = Signal()

    entity_class: ClassVar[type[Base]]
    #: What the window title calls the record ("event", "partner city").
    noun: ClassVar[str] = "record"
    #: The value that names the record ("title" or "name").
    title_key: ClassVar[str] = "name"

    def __init__(
        self,
        database: Database,
        record_id: str | None,
        parent: QWidget | None,
        tasks: TaskManager,
    ) -> None:
        """``tasks``: the window's task manager, which reads the record and the lists the
        dialog offers off the GUI thread, and compares for a merge."""
        super().__init__(parent)
        self._database = database
        self._record_id = record_id
        self._tasks = tasks
        self._lists_pending = False
        self._lists_failed: str | None = None
        self._record_pending = False
        """Whether the record edited is still being read in the background."""
        self.record_missing: RecordMissingError | None = None
        self._stored: dict[str, Any] = {}
        """The record's values as read (a new record's first values)."""
        self._stored_title = ""
        self._stored_version: int | None = None
        self._original: dict[str, Any] = {}
        self._validator: InlineValidator | None = None
        self._changed_bar: ChangedElsewhereBar | None = None
        self._kept_while_reading: tuple[QWidget | None, ...] = ()
        """The buttons and the summary line, usable while the record is read."""
        self._merged: tuple[dict[str, Any], int] | None = None
        """What the merge dialog chose to save, and the colleague's version it goes
        against; set when the coordinator merged from the bar, dropped by the next edit."""
        self.merge_dialog: MergeDialog | None = None
        self._merge_waits_for_lists = False
        """The merge dialog offered from the bar, while it is open."""
        self._as_new = False
        """Whether the coordinator chose to save as a new record (the record was
        deleted meanwhile), until the window takes the save (:meth:`take_save_as_new`)."""
        self.read_only: str | None = None
        """Why the record may only be read here (a reader's login), or None."""
        self._viewed_only = _ViewedOnly(self)
        self.setStyleSheet(STYLE_SHEET)
        follow_window_read_only(self, self.set_read_only)

    def set_read_only(self, reason: str) -> None:
        """Show the record to read only: nothing in the form can be changed, Save is off
        with ``reason``, and Cancel is called Close."""
        self.read_only = reason
        self._lock_fields()
        if self._validator is not None:
            self.revalidate()

    def _lock_fields(self) -> None:
        """Make every field of a read-only dialog unchangeable (again, after the record
        or its lists came and gave the fields back); texts stay selectable and lists
        scroll, so everything can still be read and copied."""
        if self.read_only is None:
            return
        boxes = self.findChildren(QDialogButtonBox)
        for box in boxes:
            cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
            if cancel is not None:
                cancel.setText(translate("RecordDialog", "Close"))
        for text in self.findChildren(QLineEdit):
            text.setReadOnly(True)
        for plain in self.findChildren(QPlainTextEdit):
            plain.setReadOnly(True)
        for rich in self.findChildren(QTextEdit):
            rich.setReadOnly(True)
        for spin in self.findChildren(QAbstractSpinBox):
            spin.setReadOnly(True)
        for choice in self.findChildren(QComboBox):
            choice.setEnabled(False)
        for button in self.findChildren(QAbstractButton):
            if not isinstance(button.parent(), (QDialogButtonBox, QTabBar)):
                button.setEnabled(False)
        for listing in self.findChildren(QAbstractItemView):
            if listing.window() is self:  # a combo box's own popup list is greyed with it
                listing.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                listing.viewport().installEventFilter(self._viewed_only)
                listing.installEventFilter(self._viewed_only)

    def _open_record(
        self,
        read_lists: Callable[[dict[str, Any]], ListsT],
        show: Callable[[ListsT], None],
        keys: Iterable[str] = (),
        new_values: Mapping[str, Any] | None = None,
    ) -> None:
        """Read the record and the lists it offers (``read_lists(stored values)``), fill
        the form (:meth:`_fill`, then ``show(lists)``) and start editing
        (:meth:`_record_shown`).

        A stored record is read with its lists in the background, as the lists alone are
        (:meth:`_load_lists`): the dialog shows at once, its fields greyed (what was
        typed there would be replaced) and empty, and OK held back until the record is
        in, with the version read, which the save carries. A new record (``new_values``
        its first values) has nothing to read but its lists, and is usable at once.
        """
        wrap_at_words(self)  # before a long stored text is laid out in it
        say_cut_pastes(self)
        record_id = self._record_id
        if record_id is None:
            stored = dict(new_values or {})
            self._stored = stored
            self._load_lists(lambda: read_lists(stored), show, keys)
            self._fill(stored)
            self._record_shown()
            return
        self._record_pending = True
        held = self._hold_fields()
        give_back = self._blank_fields()
        database, model, noun = self._database, self.entity_class, self.noun

        def read() -> tuple[editing.StoredRecord, ListsT]:
            stored = _read_stored(database, model, noun, record_id)
            return stored, read_lists(stored.values)

        def arrived(read_now: tuple[editing.StoredRecord, ListsT]) -> None:
            stored, lists = read_now
            self._stored_title = stored.title
            self._stored_version = stored.version
            self._stored = stored.values
            for widget in held:
                widget.setEnabled(True)
            give_back()
            self._fill(stored.values)
            show(lists)
            self._record_pending = False
            self._record_shown()

        self._load_lists(read, arrived, keys)
        noun_text = kind_name(self.noun)
        self.setWindowTitle(
            translate("RecordDialog", "{kind}: {title}").format(
                kind=f"{noun_text[0].upper()}{noun_text[1:]}", title="…"
            )
        )
        self.revalidate()

    def _hold_fields(self) -> list[QWidget]:
        """Grey the fields while the record is read, since what is typed there would be
        replaced when it comes; the buttons (Cancel) and the line that says why stay.
        The fields held, to give back."""
        kept = self._kept_while_reading
        held = [
            child
            for child in self.children()
            if isinstance(child, QWidget)
            and child not in kept
            and not child.isWindow()
            and child.isEnabled()
        ]
        for widget in held:
            widget.setEnabled(False)
        return held

    def _blank_fields(self) -> Callable[[], None]:
        """Show the fields empty while the record is read: the form's own values (its
        first kind, 1 January 2000, an example title) are none of the record's, and a
        greyed example title reads like the record's. What gives each field back as it
        was, unheard, for the record to fill it."""
        restore: list[Callable[[], None]] = []
        # A field whose lowest value already means something ("Not set") keeps it.
        for spin in self.findChildren(QAbstractSpinBox):
            held = _spin_value(spin)
            if held is not None and not spin.specialValueText():
                restore.append(_blank_spin(spin, *held))
        for choice in self.findChildren(QComboBox):
            if not choice.isEditable():
                restore.append(_blank_choice(choice))
        for line in self.findChildren(QLineEdit):
            if line.placeholderText():
                restore.append(partial(line.setPlaceholderText, line.placeholderText()))
                line.setPlaceholderText("")

        def give_back() -> None:
            for step in restore:
                step()

        return give_back

    def _fill(self, values: dict[str, Any]) -> None:
        """Show the record's ``values`` in the widgets."""
        raise NotImplementedError

    def _record_shown(self) -> None:
        """The record is in the widgets: connect their change signals and call
        :meth:`_start_validating`."""
        raise NotImplementedError

    def record_ready(self) -> bool:
        """True once the record edited is read and shown (at once for a new record)."""
        return not self._record_pending

    def _load_lists(
        self,
        read: Callable[[], ListsT],
        show: Callable[[ListsT], None],
        keys: Iterable[str] = (),
    ) -> None:
        """Fill the dialog's lists: ``read()`` them (a function of the services, safe on
        any thread) and ``show(lists)`` them on the GUI thread.

        ``read`` runs in the background and the dialog is usable meanwhile, with OK held
        back until the lists are shown (a save made before would drop the record's
        links); ``show`` must then select the stored values again, and the values as
        first shown are taken again for ``keys``, the fields those lists hold.
        """
        chosen_keys = list(keys)
        self._lists_pending = True

        def arrived(lists: ListsT) -> None:
            if not shiboken6.isValid(self):
                return  # closed before its lists came
            self._lists_pending = False
            show(lists)
            self._lock_fields()
            if self._validator is not None:
                if self._record_id is not None:
                    current, _problems = self._read()
                    self._original.update({key: current[key] for key in chosen_keys})
                self.revalidate()
            self.listsLoaded.emit()

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            if isinstance(error, RecordMissingError):  # deleted since the list showed it
                self.record_missing = error
                self._lists_failed = str(error)
                self.reject()
                return
            self._lists_failed = translate(
                "RecordDialog", "the lists to choose from could not be read: {error}"
            ).format(error=failure_line(error))
            if self._validator is not None:
                self.revalidate()

        tasks = self._tasks
        started = False

        def start() -> None:
            nonlocal started
            if not started and shiboken6.isValid(self):
                started = True
                tasks.run_in_background(read, arrived, failed)

        # Read once the dialog has painted, so the reading thread does not hold the
        # interpreter against the first paint; at the latest after a moment.
        AfterFirstPaint(self, start)
        QTimer.singleShot(READ_LISTS_AT_THE_LATEST_MS, self, start)

    def lists_ready(self) -> bool:
        """True once the lists the dialog offers are filled."""
        return not self._lists_pending

    # -- for subclasses ---------------------------------------------------------------
    def _make_validator(self, buttons: QDialogButtonBox, summary: QLabel | None) -> InlineValidator:
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Save") if self._record_id else self.tr("Create"))
        self._validator = InlineValidator(ok, summary)
        self._kept_while_reading = (buttons, summary)
        return self._validator

    def _start_validating(self, signals: Iterable[Any]) -> None:
        """Revalidate on every change signal; remember the values as first shown."""
        for signal in signals:
            signal.connect(self._edited)
        # After the record is shown: a stored text that holds a line break is shown as
        # stored, and put on one line by the coordinator's first edit of it.
        keep_on_one_line(self)
        if self._record_id is not None:
            self.validator.touchAll()
        self.revalidate()
        if self._record_id is not None:
            self._original, _ = self._read()
        self._lock_fields()
        noun = kind_name(self.noun)
        if self._record_id is None:
            self.setWindowTitle(translate("RecordDialog", "New {kind}").format(kind=noun))
        else:
            self.setWindowTitle(
                translate("RecordDialog", "{kind}: {title}").format(
                    kind=f"{noun[0].upper()}{noun[1:]}", title=self._stored_title
                )
            )

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        raise NotImplementedError

    @staticmethod
    def _quietly(widget: QWidget, action: Callable[[], None]) -> None:
        blocker = QSignalBlocker(widget)
        try:
            action()
        finally:
            blocker.unblock()

    # -- public -----------------------------------------------------------------------
    @property
    def validator(self) -> InlineValidator:
        assert self._validator is not None
        return self._validator

    def recordId(self) -> str | None:
        """The id of the record edited, or ``None`` for a new one."""
        return self._record_id

    def _edited(self, *_args: object) -> None:
        self._merged = None  # an edit after the merge is saved as typed, and merged again
        self.validator.touch(self.sender())
        self.revalidate()

    # -- a colleague saves the record while it is open ----------------------------------
    def note_change(
        self,
        model: str,
        record_id: str,
        version: int,
        author: str,
        at: object = None,
        deleted: bool = False,
    ) -> None:
        """A record was saved elsewhere (the window's live refresh tells every change):
        when it is this one, newer than the version read, the bar says who and when.

        Nothing typed is replaced; the coordinator merges from the bar, or at Save. A
        record deleted meanwhile is said too; there is nothing left to merge with.
        """
        if self._record_id is None or record_id != self._record_id:
            return
        if self._record_pending:
            return  # the record being read is at least as new as this change
        if model != self.entity_class.__name__:
            return
        if deleted:
            when = at if isinstance(at, datetime) else None
            self.changed_bar().deleted_by(author, when, can_save=self.read_only is None)
            return
        read = self._merged[1] if self._merged is not None else self._stored_version
        if read is not None and version <= read:
            return  # the version this dialog read (or merged with), or an older one
        self.changed_bar().changed_by(author, at if isinstance(at, datetime) else None)

    def look_for_changes(self) -> None:
        """Read the record's latest change (off the GUI thread) and say it as
        :meth:`note_change` does a change heard at once: for the changes made while the
        window could not hear them (a lost connection, now back)."""
        record_id, tasks = self._record_id, self._tasks
        if record_id is None:
            return
        database = self._database

        def arrived(latest: history.HistoryEntry | None) -> None:
            if latest is None or not shiboken6.isValid(self):
                return
            self.note_change(
                latest.model,
                latest.record_id,
                latest.version,
                latest.author,
                latest.changed_at,
                latest.deletion,
            )

        tasks.run_in_background(lambda: history.latest_change(database, record_id), arrived)

    def changed_bar(self) -> ChangedElsewhereBar:
        """The bar at the top of the dialog (made, hidden, on first use)."""
        if self._changed_bar is None:
            bar = ChangedElsewhereBar(self)
            layout = self.layout()
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(0, bar)
            bar.mergeRequested.connect(self.offer_merge)
            bar.saveAsNewRequested.connect(self.save_as_new)
            self._changed_bar = bar
        return self._changed_bar

    def save_as_new(self) -> None:
        """Close the editor to save what it holds as a new record, its own having been
        deleted meanwhile: the window saves it as one undoable step through the
        services, which keep its links to records that still exist and drop (and say)
        those deleted too (:mod:`cpp_scheduler.services.save_as_new`). Nothing happens
        while the form holds a problem, which it shows as at Save."""
        if self._record_id is None or self.read_only is not None:
            return
        self._merged = None  # the merge was with a record that is gone
        self._as_new = True
        self.setResult(QDialog.DialogCode.Rejected)  # the last round's, if it came back
        self.accept()
        if self.result() != QDialog.DialogCode.Accepted:
            self._as_new = False

    def take_save_as_new(self) -> bool:
        """Whether the coordinator asked to save the record as a new one (the bar's
        *Save as new*) rather than over the stored one; asked once per save, so a
        refused save that brings the editor back saves as its next button says."""
        asked, self._as_new = self._as_new, False
        return asked

    def offer_merge(self) -> None:
        """Compare what the dialog read, the record now and the dialog's edits, and show
        the merge dialog; its Save saves the result against the newer version."""
        if self._record_id is None or self._stored_version is None:
            return
        if self._lists_pending:  # asked before the lists came: compare once they have
            if not self._merge_waits_for_lists:
                self._merge_waits_for_lists = True
                self.listsLoaded.connect(self._merge_once_lists_came)
            return
        mine, _problems = self._read()
        database, model, record_id = self._database, self.entity_class, self._record_id
        read_version, read_values = self._stored_version, dict(self._original)

        def plan() -> MergePlan:
            return merging.plan_merge(database, model, record_id, read_version, read_values, mine)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                self.changed_bar().say(failure_line(error))

        self._tasks.run_in_background(plan, self._show_merge, failed)

    def _merge_once_lists_came(self) -> None:
        self.listsLoaded.disconnect(self._merge_once_lists_came)
        self._merge_waits_for_lists = False
        self.offer_merge()

    def _show_merge(self, plan: MergePlan) -> None:
        from cpp_scheduler.gui.merge_dialog import MergeDialog

        if not shiboken6.isValid(self):
            return  # closed while the versions were read

        dialog = MergeDialog(plan, self)
        self.merge_dialog = dialog

        def finished(result: int) -> None:
            self.merge_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self._merged = (dialog.values(), plan.their_version)
                self.accept()

        dialog.finished.connect(finished)
        dialog.open()

    def revalidate(self, *_args: object) -> bool:
        """Check every field now; True when the record could be saved as it stands."""
        if self.read_only is not None:
            return self.validator.show([Problem("read_only", self.read_only)])
        if self._record_pending:  # the fields are empty until the record is in
            waiting = self._lists_failed or translate("RecordDialog", RECORD_PENDING)
            return self.validator.show([Problem("lists", waiting)])
        _values, problems = self._read()
        if self._lists_failed is not None:
            problems.append(Problem("lists", self._lists_failed))
        elif self._lists_pending:
            problems.append(Problem("lists", translate("RecordDialog", LISTS_PENDING)))
        return self.validator.show(problems)

    def problems(self) -> list[Problem]:
        return list(self.validator.problems)

    def values(self) -> dict[str, Any]:
        """The edited fields, in the values dict format the main window applies.

        Only meaningful once the dialog has been accepted (OK is enabled only then).
        """
        if self._merged is not None:
            return dict(self._merged[0])
        if self._record_pending:
            raise ValueError(
                translate("RecordDialog", "the {kind} cannot be saved yet: {reasons}").format(
                    kind=kind_name(self.noun), reasons=translate("RecordDialog", RECORD_PENDING)
                )
            )
        values, problems = self._read()
        if self._lists_pending or self._lists_failed:
            problems.append(
                Problem("lists", self._lists_failed or translate("RecordDialog", LISTS_PENDING))
            )
        if problems:
            reasons = "; ".join(problem.message for problem in problems)
            raise ValueError(
                translate("RecordDialog", "the {kind} cannot be saved yet: {reasons}").format(
                    kind=kind_name(self.noun), reasons=reasons
                )
            )
        assert not RESERVED_KEYS & values.keys()
        return values

    def original_values(self) -> dict[str, Any]:
        """The values as the record was stored when the dialog opened (empty for a new
        record): the base of a merge when the history does not reach back."""
        return dict(self._original)

    def stored_version(self) -> int | None:
        """The version of the record as the dialog read it (None for a new record).

        Saving passes it on, so that a colleague's change made while the dialog was open
        is refused instead of being overwritten. After a merge from the bar, the
        colleague's version the merge was made against.
        """
        return self._merged[1] if self._merged is not None else self._stored_version

    def record_title(self) -> str:
        """The record's display name: as edited in the dialog, else as stored."""
        values, _problems = self._read()
        current = str(values.get(self.title_key) or "").strip()
        return (
            current
            or self._stored_title
            or translate("RecordDialog", "new {kind}").format(kind=kind_name(self.noun))
        )

    def accept(self) -> None:
        if self.read_only is None and self.revalidate():
            super().accept()


def _read_stored(
    database: Database, model: type[Base], noun: str, record_id: str
) -> editing.StoredRecord:
    """The record as stored (safe on any thread); a record deleted meanwhile is said in
    the dialog's words."""
    try:
        return editing.stored(database, model, record_id)
    except editing.RecordNotFoundError:
        raise RecordMissingError(noun, record_id) from None


def _spin_value(field: QAbstractSpinBox) -> tuple[Any, Callable[[Any], None], Any] | None:
    """What a date, time or number field shows, its setter and its lowest value; None
    for another kind of spin box."""
    if isinstance(field, QDateTimeEdit):
        return field.dateTime(), field.setDateTime, field.minimumDateTime()
    if isinstance(field, QSpinBox | QDoubleSpinBox):
        return field.value(), field.setValue, field.minimum()
    return None


def _blank_spin(
    field: QAbstractSpinBox, shown: Any, show: Callable[[Any], None], lowest: Any
) -> Callable[[], None]:
    """Show ``field`` empty: at its ``lowest`` value, written blank. What gives it back
    the value it ``shown`` (through ``show``, its setter)."""
    with QSignalBlocker(field):
        field.setSpecialValueText(" ")
        show(lowest)

    def give_back() -> None:
        with QSignalBlocker(field):
            field.setSpecialValueText("")
            show(shown)

    return give_back


def _blank_choice(choice: QComboBox) -> Callable[[], None]:
    """Show ``choice`` with nothing chosen; what gives it back."""
    shown = choice.currentIndex()
    with QSignalBlocker(choice):
        choice.setCurrentIndex(-1)

    def give_back() -> None:
        with QSignalBlocker(choice):
            choice.setCurrentIndex(shown)

    return give_back
