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
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.wrapping_tree import WrappingTree
from cpp_scheduler.services import replies
from cpp_scheduler.services.replies import Attendance


def counts_line(rows: Sequence[Attendance], *, held: bool) -> str:
    """What every person invited answered, as ``replies list --invited`` sums it up
    (:func:`replies.answers_summary`): "3 accepted, 1 declined, 2 no answer"."""
    return replies.answers_summary(rows, invited=True, held=held)


ROWS_AT_FIRST = 5
"""How many answers the table shows at the dialog's natural size; more scroll, and
a taller dialog shows more."""

SIDE_COLUMN_CHARACTERS = 24
"""The widest, in average characters, the person's and the answer's columns grow to fit
their longest text: a longer name or answer (one delegated, naming whom to) wraps onto a
second line, and the middle column keeps the rest of the width."""


class _AnswersTable(WrappingTree):
    """A table whose cells wrap (what an answer is for is read whole: a whole series'
    "every meeting" beside an answer to one of its meetings, a moved meeting's two
    times), and that asks for a few rows' height, not a fixed 192 pixels: below the
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
            translate("AnswersView", "Answered for"),
            translate("AnswersView", "Answer"),
        ]

    def show_answers(self, rows: Sequence[Attendance], *, held: bool = True) -> None:
        """Show ``rows`` (as :func:`replies.invited_answers` gives them), of an event
        ``held`` or not (see :func:`counts_line`)."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels(self.headers())
        for row in rows:
            # What each answer is for in the words of ``replies list`` and the Replies
            # window: beside a delegation's members, in brackets after the event's title.
            if self._with_events:
                answered_for = replies.title_and_answered_for(row)
            else:
                answered_for = replies.answered_for(row)
            cells = [row.participant, answered_for, replies.row_answer(row)]
            items = [QStandardItem(text) for text in cells]
            items[0].setToolTip(f"{row.participant} <{row.email}>")
            if self._with_events:
                items[1].setToolTip(cells[1])
            for item in items:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.model.appendRow(items)
        # The middle column, the event or the meeting answered for, takes what the
        # person's and the answer's leave, and wraps; they fit their text, up to a limit.
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        for column in (0, 2):
            header.resizeSection(column, self._side_width(column))
        self.counts.setText(counts_line(rows, held=held))

    def _side_width(self, column: int) -> int:
        """The width of the person's or the answer's column: its header's and its
        longest cell's text on one line, at most :data:`SIDE_COLUMN_CHARACTERS`."""
        metrics = self.table.fontMetrics()
        style = self.table.style()
        # The delegate's margins either side, and a character's slack for rounding: a
        # column exactly as wide as "no answer" measured wrapped it onto two lines.
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        margin += metrics.averageCharWidth()
        header_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        label = self.model.headerData(column, Qt.Orientation.Horizontal)
        widest = self.table.header().fontMetrics().horizontalAdvance(str(label)) + header_margin
        for row in range(self.model.rowCount()):
            text = self.model.item(row, column).text()
            widest = max(widest, metrics.horizontalAdvance(text) + margin)
        return min(widest, metrics.averageCharWidth() * SIDE_COLUMN_CHARACTERS)

    def shown_rows(self) -> list[list[str]]:
        """The table's text, row by row, as the user reads it."""
        return [
            [self.model.item(row, column).text() for column in range(self.model.columnCount())]
            for row in range(self.model.rowCount())
        ]
