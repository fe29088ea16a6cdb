"""A date that may be left unset: arrival, departure, MoU signature, publication."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QSizePolicy, QWidget

from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date, qt_date
from cpp_scheduler.gui.translations import translate


class OptionalDateEdit(QWidget):
    """A check box that says whether the date is known, and the date beside it.

    Unchecked, the date field reads "Not set" and is disabled; checking it offers the
    last date shown (today at first), so the coordinator never types a date twice.
    Whether a date is set is the check box's alone: every day of the program's range
    (:mod:`cpp_scheduler.limits`), its first included, is a date like any other, so an
    MoU signed in 1998 is shown and saved as it is.

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
        keep_to_program_days(self.dateEdit)
        self._remembered = QDate.currentDate()
        self._show_unset()
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

    def _show_unset(self) -> None:
        """The disabled field reads "Not set": Qt writes its special text only at the
        minimum, so the field rests there while the check box is off; the text is taken
        away when it is on, where the minimum is the first day of the range."""
        self.dateEdit.setEnabled(False)
        self.dateEdit.setSpecialValueText(translate("OptionalDate", "Not set"))
        self.dateEdit.setDate(self.dateEdit.minimumDate())

    def _show_known(self) -> None:
        self.dateEdit.setSpecialValueText("")
        self.dateEdit.setEnabled(True)
        self.dateEdit.setDate(self._remembered)

    def _toggled(self, checked: bool) -> None:
        if checked:
            self._show_known()
        else:
            self._show_unset()
        self.dateChanged.emit()

    def _date_changed(self, value: QDate) -> None:
        if self.check.isChecked():
            self._remembered = value
        self.dateChanged.emit()

    def date(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        return python_date(self.dateEdit.date())

    def setDate(self, value: dt.date | None) -> None:
        if value is not None:
            self._remembered = qt_date(value)
        self.check.setChecked(value is not None)
        self._toggled(value is not None)

    def markedWidgets(self) -> list[QWidget]:
        return [self.dateEdit]
