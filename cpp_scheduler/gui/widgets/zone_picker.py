"""Choosing an IANA time zone by typing part of its name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox

_every_zone: QStandardItemModel | None = None
_every_zone_read: tuple[datetime, str] | None = None
"""The hour and language ``_every_zone``'s tooltips were written in."""


def every_zone_model() -> QStandardItemModel:
    """Every zone of the database (:func:`~cpp_scheduler.timezones.zone_catalogue`,
    read in the background as the tools load), each with its offset now as its
    tooltip: built once, and shared by every picker that offers them all; its offsets
    read again when the hour has changed since (a clock may have changed), or the
    language the window speaks."""
    global _every_zone, _every_zone_read
    now = datetime.now(UTC)
    read = (now.replace(minute=0, second=0, microsecond=0), i18n.language())
    model = _every_zone
    if model is None or not shiboken6.isValid(model):
        model = QStandardItemModel(QCoreApplication.instance())
        for name in timezones.zone_catalogue():
            item = QStandardItem(name)
            item.setData(name, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            model.appendRow(item)
        _every_zone, _every_zone_read = model, None
    if _every_zone_read != read:
        for row in range(model.rowCount()):
            item = model.item(row)
            item.setData(_offset_now(now, item.text()), Qt.ItemDataRole.ToolTipRole)
        _every_zone_read = read
    return model


def _offset_now(now: datetime, name: str) -> str:
    return translate("ZonePicker", "UTC{offset} now").format(
        offset=timezones.utc_offset_label(now, name)
    )


class ZonePicker(SearchableComboBox):
    """A searchable list of the pinned database's zones ("kath" finds Asia/Kathmandu).

    Each item shows its current UTC offset as a tooltip. :meth:`setZones` narrows the list
    to a country's zones. The typed name is the value (:meth:`zoneName`): the dialog
    validates it with the domain rules, which name what is wrong. The list of every
    zone is one model that every picker shares (:func:`every_zone_model`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(22)
        editor = self.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(
                translate("ZonePicker", "Type to search: Tokyo, Lima, Kathmandu…")
            )
        self.setZones(None)

    def setZones(self, zones: Iterable[str] | None) -> None:
        """Offer ``zones`` only, or every zone of the database when ``None``."""
        if zones is None:
            self.setListModel(every_zone_model())
            return
        names = tuple(zones)
        if self.model() is _every_zone:  # a list of its own (Qt deletes it when replaced)
            self.setListModel(QStandardItemModel(self))
        now = datetime.now(UTC)
        self.setChoices((name, name) for name in names)
        for index in range(self.count()):
            name = self.itemData(index)
            if name:
                self.setItemData(index, _offset_now(now, name), Qt.ItemDataRole.ToolTipRole)

    def zoneName(self) -> str:
        """The zone as typed or chosen, stripped; empty when nothing is chosen."""
        return self.currentText().strip()

    def setZoneName(self, name: str | None) -> None:
        index = self.findData(name) if name else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(name or "")
