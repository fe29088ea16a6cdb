"""The slot finder's ranked suggestions: one row per slot the engine proposed, its
points, and under it one line per attendee saying why.

The rows are the engine's slots as :func:`cpp_scheduler.services.slot_search.search_slots`
returned them, in its order, with its scores: the same list ``cpp-scheduler slots``
prints for the same question.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from cpp_scheduler import timezones
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import short_name
from cpp_scheduler.gui.tools.slotfinder_grid import NAME_ROOM
from cpp_scheduler.scheduling.inputs import Attendee
from cpp_scheduler.scheduling.slots import SeriesPlan, Slot
from cpp_scheduler.services import slot_search
from cpp_scheduler.services.slot_grid import suggestion_state

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
"""On a suggestion: its ``(start, end)`` in UTC."""
SCORE_ROLE = Qt.ItemDataRole.UserRole + 2
"""On a suggestion: its total inconvenience points."""
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SuggestionModel(QStandardItemModel):
    """Suggestions as a tree: a slot, then its reasons as children."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Suggestion (Tokyo)"), self.tr("Inconvenience")])

    def clear_suggestions(self) -> None:
        self.removeRows(0, self.rowCount())

    def show_slots(self, slots: Iterable[Slot]) -> None:
        self.clear_suggestions()
        for rank, slot in enumerate(slots, start=1):
            self._add(rank, slot)

    def show_plan(self, plan: SeriesPlan, windows: Sequence[tuple[date, date]]) -> None:
        """One row per meeting of a series, and in the place of a meeting whose window
        has nothing free, the line ``slots`` lists it with (its window's days)."""
        self.clear_suggestions()
        for number, (slot, window) in enumerate(zip(plan.slots, windows, strict=True), start=1):
            if slot is None:
                missing = QStandardItem(slot_search.no_free_slot_line(number, window))
                self.appendRow([missing, QStandardItem("")])
                continue
            item = self._add(number, slot)
            moved = plan.moved[number - 1]
            if moved:
                item.setToolTip(f"{item.toolTip()}\n{slot_search.moved_text(moved)}")

    def _add(self, number: int, slot: Slot) -> QStandardItem:
        """The ``number``-th suggestion in the words ``slots`` lists it with, on Tokyo's
        clock, in two columns (:func:`slot_search.suggestion_parts`): when, and its
        inconvenience with its worst-off attendee's; its times set apart by the window's
        dash (the command's ``-``)."""
        tokyo = timezones.TOKYO
        when, inconvenience = slot_search.suggestion_parts(number, slot, tokyo, "–")
        item = QStandardItem(when)
        item.setToolTip(slot_search.suggestion_line(number, slot, tokyo, "–"))  # whole
        item.setData((slot.start, slot.end), SPAN_ROLE)
        item.setData(slot.total, SCORE_ROLE)
        colour = suggestion_state(slot)
        item.setBackground(common.background(colour))
        item.setForeground(common.foreground(colour))
        points = QStandardItem(inconvenience)
        points.setTextAlignment(_RIGHT)
        for fit in slot.fits:
            reason = QStandardItem(fit.reason)
            reason.setToolTip(fit.reason)
            fit_points = QStandardItem(str(fit.inconvenience))
            fit_points.setTextAlignment(_RIGHT)
            item.appendRow([reason, fit_points])
        for cell in (item, points):
            cell.setEditable(False)
        self.appendRow([item, points])
        return item

    # -- reading back -------------------------------------------------------------------
    def top_index(self, index: QModelIndex) -> QModelIndex:
        """The suggestion an index is in (itself, or the slot a reason belongs to)."""
        found = index
        while found.isValid() and found.parent().isValid():
            found = found.parent()
        return found.siblingAtColumn(0) if found.isValid() else found

    def span_at(self, index: QModelIndex) -> tuple[datetime, datetime] | None:
        top = self.top_index(index)
        span = top.data(SPAN_ROLE) if top.isValid() else None
        return (span[0], span[1]) if span else None

    def reasons_at(self, index: QModelIndex) -> list[str]:
        top = self.top_index(index)
        if not top.isValid():
            return []
        return [str(self.index(n, 0, top).data()) for n in range(self.rowCount(top))]

    def suggestions(self) -> list[tuple[datetime, datetime, int]]:
        """Each suggestion's start, end (UTC) and points, in the order shown."""
        found = []
        for row in range(self.rowCount()):
            index = self.index(row, 0)
            span: Any = index.data(SPAN_ROLE)
            if span:
                found.append((span[0], span[1], int(index.data(SCORE_ROLE))))
        return found


def fairness_text(plan: SeriesPlan, attendees: Sequence[Attendee]) -> str:
    """How evenly a series shares its burden, and each one's points over it, in the
    words of ``slots --repeat`` (:func:`slot_search.fairness_text`), long names
    shortened to the finder's room."""
    shares = slot_search.fairness_shares(plan, {a.id: a.name for a in attendees})
    heading, sentence = slot_search.fairness_text(
        [(short_name(name, NAME_ROOM), points) for name, points in shares], plan
    )
    return f"<b>{html.escape(heading)}</b> {html.escape(sentence)}"
