"""Choosing an IANA time zone by typing part of its name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox


class ZonePicker(SearchableComboBox):
    """A searchable list of the pinned database's zones ("kath" finds Asia/Kathmandu).

    Each item shows its current UTC offset as a tooltip. :meth:`setZones` narrows the list
    to a country's zones. The typed name is the value (:meth:`zoneName`): the dialog
    validates it with the domain rules, which name what is wrong.
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
        names = tuple(zones) if zones is not None else timezones.all_zones()
        now = datetime.now(UTC)
        self.setChoices((name, name) for name in names)
        for index in range(self.count()):
            name = self.itemData(index)
            if name:
                label = translate("ZonePicker", "UTC{offset} now").format(
                    offset=timezones.utc_offset_label(now, name)
                )
                self.setItemData(index, label, Qt.ItemDataRole.ToolTipRole)

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
