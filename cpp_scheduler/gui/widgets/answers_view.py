"""Who has answered an invitation and how, read-only: a line of counts and a table of
each invited person's answer (to the whole event, or to one meeting of a series).

The event dialog shows one event's; the delegation dialog its members' on all their
events. The rows are those of ``cpp-scheduler replies list --invited``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services import replies
from cpp_scheduler.services.replies import (
    Attendance,
    meeting_text,
)


def event_and_meeting(row: Attendance) -> str:
    """The event with the meeting answered for, in one pair of brackets (beside a
    delegation's members, where room is short)."""
    if row.meeting is None:
        return row.title
    if row.moved_to is None or row.moved_to == row.meeting:
        return f"{row.title} ({meeting_text(row.meeting)})"
    return translate("AnswersView", "{title} ({when}, moved from {original})").format(
        title=row.title, when=meeting_text(row.moved_to), original=meeting_text(row.meeting)
    )


def counts_line(rows: Sequence[Attendance], *, held: bool) -> str:
    """What every person invited answered, as ``replies list --invited`` sums it up
    (:func:`replies.answers_summary`): "3 accepted, 1 declined, 2 no answer"."""
    return replies.answers_summary(rows, invited=True, held=held)


ROWS_AT_FIRST = 5
"""How many answers the table shows at the dialog's natural size; more scroll, and
a taller dialog shows more."""


class _AnswersTable(QTreeView):
    """A table that asks for a few rows' height, not a fixed 192 pixels: below the
    attendee lists of the event dialog, that keeps the dialog within a laptop screen."""

    def sizeHint(self) -> QSize:
        rows = self.fontMetrics().height() + 4
        frame = 2 * self.frameWidth()
        header = self.header().sizeHint().height()
        return QSize(super().sizeHint().width(), header + ROWS_AT_FIRST * rows + frame)

    def minimumSizeHint(self) -> QSize:
        rows = self.fontMetrics().height() + 4
        frame = 2 * self.frameWidth()
        header = self.header().sizeHint().height()
        return QSize(super().minimumSizeHint().width(), header + 2 * rows + frame)


class AnswersView(QWidget):
    """The counts above a table of person, (event,) meeting and answer."""

    def __init__(self, parent: QWidget | None = None, *, with_events: bool = False) -> None:
        super().__init__(parent)
        self._with_events = with_events
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.counts = QLabel(translate("AnswersView", "Reading the answers…"), self)
        self.counts.setObjectName("answerCounts")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.model = QStandardItemModel(self)
        self.table = _AnswersTable(self)
        self.table.setObjectName("answers")
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)
        self.show_answers([])
        self.counts.setText(translate("AnswersView", "Reading the answers…"))

    def headers(self) -> list[str]:
        if self._with_events:
            return [
                translate("AnswersView", "Person"),
                translate("AnswersView", "Event"),
                translate("AnswersView", "Answer"),
            ]
        return [
            translate("AnswersView", "Person"),
            translate("AnswersView", "Meeting (Tokyo)"),
            translate("AnswersView", "Answer"),
        ]

    def show_answers(self, rows: Sequence[Attendance], *, held: bool = True) -> None:
        """Show ``rows`` (as :func:`replies.invited_answers` gives them), of an event
        ``held`` or not (see :func:`counts_line`)."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels(self.headers())
        for row in rows:
            if self._with_events:
                # Room is short beside the members: the meeting goes with the title.
                cells = [row.participant, event_and_meeting(row), replies.row_answer(row)]
            else:
                cells = [row.participant, replies.answered_for(row), replies.row_answer(row)]
            items = [QStandardItem(text) for text in cells]
            items[0].setToolTip(f"{row.participant} <{row.email}>")
            if self._with_events:
                items[1].setToolTip(cells[1])
            for item in items:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.model.appendRow(items)
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self._with_events:  # long names and titles share the room, elided, beside the answer
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
        else:
            header.setStretchLastSection(True)
        self.counts.setText(counts_line(rows, held=held))

    def shown_rows(self) -> list[list[str]]:
        """The table's text, row by row, as the user reads it."""
        return [
            [self.model.item(row, column).text() for column in range(self.model.columnCount())]
            for row in range(self.model.rowCount())
        ]
