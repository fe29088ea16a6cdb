"""A date that may be left unset: arrival, departure, MoU signature, publication."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QSizePolicy, QWidget

from cpp_scheduler.gui.qtvalues import python_date
from cpp_scheduler.gui.translations import translate

_UNSET = QDate(2000, 1, 1)


class OptionalDateEdit(QWidget):
    """A check box that says whether the date is known, and the date beside it.

    Unchecked, the date field reads "Not set" and is disabled; checking it offers the
    last date shown (today at first), so the coordinator never types a date twice.

    Signals:
        dateChanged: the date was set, changed or unset.
    """

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setObjectName("known")
        self.dateEdit = QDateEdit(self)
        self.dateEdit.setObjectName("date")
        self.dateEdit.setCalendarPopup(True)
        self.dateEdit.setDisplayFormat(translate("OptionalDate", "ddd d MMM yyyy"))
        self.dateEdit.setMinimumDate(_UNSET)
        self.dateEdit.setSpecialValueText(translate("OptionalDate", "Not set"))
        self._remembered = QDate.currentDate()
        self.dateEdit.setDate(_UNSET)
        self.dateEdit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.check)
        layout.addWidget(self.dateEdit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        QWidget.setTabOrder(self.check, self.dateEdit)
        self.check.toggled.connect(self._toggled)
        self.dateEdit.dateChanged.connect(self._date_changed)

    def setCheckText(self, text: str) -> None:
        self.check.setText(text)

    def _toggled(self, checked: bool) -> None:
        self.dateEdit.setEnabled(checked)
        self.dateEdit.setDate(self._remembered if checked else _UNSET)
        self.dateChanged.emit()

    def _date_changed(self, value: QDate) -> None:
        if self.check.isChecked() and value != _UNSET:
            self._remembered = value
        self.dateChanged.emit()

    def date(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        return python_date(self.dateEdit.date())

    def setDate(self, value: dt.date | None) -> None:
        if value is not None:
            self._remembered = QDate(value.year, value.month, value.day)
        self.check.setChecked(value is not None)
        self._toggled(value is not None)

    def markedWidgets(self) -> list[QWidget]:
        return [self.dateEdit]
