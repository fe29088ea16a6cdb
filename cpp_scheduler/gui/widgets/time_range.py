"""A pair of clock times: working hours, acceptable hours, opening hours."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTimeEdit, QWidget

from cpp_scheduler.gui.qtvalues import python_time
from cpp_scheduler.gui.translations import translate


class TimeRangeEdit(QWidget):
    """From and to, as two 24-hour clock fields side by side.

    The range is not corrected when it ends before it starts: the dialog's validation
    says so beside it, in the domain's words.

    Signals:
        rangeChanged: either end changed.
    """

    rangeChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.startEdit = QTimeEdit(self)
        self.endEdit = QTimeEdit(self)
        self.startEdit.setObjectName("rangeStart")
        self.endEdit.setObjectName("rangeEnd")
        for edit in (self.startEdit, self.endEdit):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self._changed)
        self.startEdit.setAccessibleName("from")
        self.endEdit.setAccessibleName(translate("TimeRange", "to"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.startEdit)
        layout.addWidget(QLabel(translate("TimeRange", "to"), self))
        layout.addWidget(self.endEdit)
        layout.addStretch(1)
        self.setFocusProxy(self.startEdit)
        QWidget.setTabOrder(self.startEdit, self.endEdit)

    def _changed(self, _value: QTime) -> None:
        self.rangeChanged.emit()

    def start(self) -> time:
        return python_time(self.startEdit.time())

    def end(self) -> time:
        return python_time(self.endEdit.time())

    def setRange(self, start: time, end: time) -> None:
        self.startEdit.setTime(QTime(start.hour, start.minute))
        self.endEdit.setTime(QTime(end.hour, end.minute))

    def markedWidgets(self) -> list[QWidget]:
        """The fields to outline when the range is wrong."""
        return [self.startEdit, self.endEdit]
