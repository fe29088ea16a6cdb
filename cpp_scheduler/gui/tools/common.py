"""What the coordinator's tools share: the colours of a day's parts and small helpers.

The colours follow the meeting planners coordinators know: green for working hours,
amber for the wider hours still acceptable, slate for the night, rose for a holiday or
a weekend at home, grey hatching for a time somebody is already booked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services.slot_grid import HourState

BACKGROUNDS = {
    HourState.WORKING: "#d4efdc",
    HourState.EXTENDED: "#fdebb8",
    HourState.NIGHT: "#d5dae6",
    HourState.DAY_OFF: "#f6d3e1",
    HourState.BUSY: "#b9bec6",
}
FOREGROUNDS = {
    HourState.WORKING: "#136c2e",
    HourState.EXTENDED: "#7a5300",
    HourState.NIGHT: "#36415a",
    HourState.DAY_OFF: "#8a1c4a",
    HourState.BUSY: "#2f3338",
}
WARNING_BACKGROUND = "#fce8e6"
WARNING_TEXT = "#a50e0e"


def background(state: HourState) -> QColor:
    return QColor(BACKGROUNDS[state])


def foreground(state: HourState) -> QColor:
    return QColor(FOREGROUNDS[state])


def legend(parent: QWidget, states: tuple[HourState, ...] = tuple(HourState)) -> QLabel:
    """A one-line key to the colours, as rich text."""
    items = "".join(
        f"<span style='background:{BACKGROUNDS[state]}; color:{FOREGROUNDS[state]};'>"
        f"&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{state.label}&nbsp;&nbsp;&nbsp;"
        for state in states
    )
    label = QLabel(items, parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setObjectName("legend")
    return label


def offset_text(days: int) -> str:
    """``same day``, ``+1 day``, ``-1 day``: a clock's date against the event's own."""
    if days == 0:
        return translate("Tools", "same day")
    if abs(days) > 1:
        return translate("Tools", "{days} days").format(days=f"{days:+d}")
    return translate("Tools", "{days} day").format(days=f"{days:+d}")


AnyIndex = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column headings: the shape of every tool's list.

    Subclasses name their columns in ``headers`` and may word a heading for the data
    shown (:meth:`header_text`); rows and cells are theirs.
    """

    headers: ClassVar[tuple[str, ...]] = ()

    def header_text(self, section: int) -> str:
        return translate("Headers", self.headers[section])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.header_text(section)
        return None


def short_name(name: str, room: int) -> str:
    """``Peru`` for ``Peru: Ministry of Housing, ...`` when the whole name is longer than
    ``room`` characters: what fits a row's label (its tooltip has it all)."""
    head, colon, _rest = name.partition(":")
    return head if colon and len(name) > room else name
