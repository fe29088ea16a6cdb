"""The "Show times in" selector and the label of the zone in use.

Offers Tokyo, this computer's zone and every delegation's zone first, then every zone of
the pinned IANA database; typing filters the list ("kath" finds Asia/Kathmandu). The
label (``in_use``: "Times in Asia/Tokyo (UTC+09:00)") is its caption, then the selector:
the main window puts the whole row beside the period's title, where no toolbar overflow
can hide it; on a narrow window the label wraps and the selector keeps its width.

Signals:
    zoneChosen(str): the user chose a zone (an IANA name).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QSizePolicy, QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui.choices import ID_ROLE, ChoiceListModel
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.widgets.wrapping_label import WrappingLabel
from cpp_scheduler.services.rows import Choice
from cpp_scheduler.services.zone_labels import zone_label, zones_matching

MINIMUM_CHARACTERS = 14
"""The selector's narrowest width, in characters, so the title row still fits a
720-pixel window beside the sidebar; given room, it grows to :data:`FULL_CHARACTERS`."""
FULL_CHARACTERS = 30
"""Room enough for "Asia/Tokyo — Tokyo, TDLC" and most delegations' entries in full."""


@cache
def computer_zone() -> str:
    """This computer's IANA zone, or Tokyo when the system names none we know (asked
    once: the system's answer costs a noticeable moment at start)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if timezones.is_zone(name) else timezones.TOKYO


HINT = QT_TRANSLATE_NOOP(
    "ZoneSelector", "Show times in another zone: pick one or type a city or zone"
)
"""What the zone field's tooltip says after the zone shown."""


class ZoneSelector(QWidget):
    zoneChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = timezones.TOKYO
        self._period: tuple[date, date] | None = None
        """The days the calendar shows, whose offsets the label gives (None: today)."""
        self._delegations: list[Choice] = []
        # The four hundred IANA zones are listed once the coordinator reaches for the
        # list, or once the program's delegations arrive: not while the window starts.
        self._every_zone_listed = False
        self.combo = QComboBox(self)
        self.combo.setObjectName("zoneSelector")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(MINIMUM_CHARACTERS)
        self.combo.setToolTip(translate("ZoneSelector", HINT))
        self.combo.setAccessibleName(translate("ZoneSelector", "Show times in"))
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMaxVisibleItems(20)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMaximumWidth(
            self.combo.fontMetrics().horizontalAdvance("x" * FULL_CHARACTERS) + 40
        )
        self.choices = ChoiceListModel(self.combo)
        self.combo.setModel(self.choices)
        search = QSortFilterProxyModel(self)
        search.setSourceModel(self.choices)
        search.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(search, self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        completer.activated[str].connect(self._completed)  # type: ignore[index]
        self.combo.setCompleter(completer)
        self.combo.activated.connect(self._picked)
        line = self.combo.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._typed)
        line.setPlaceholderText(translate("ZoneSelector", "Type a city or zone…"))
        self.in_use = WrappingLabel(self)
        self.in_use.setObjectName("zoneInUse")
        self.in_use.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.in_use.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.in_use)
        layout.addWidget(self.combo, 1)
        self.combo.installEventFilter(self)
        line.installEventFilter(self)
        self._refill()

    @property
    def zone(self) -> str:
        return self._zone

    def set_period(self, first: date, last: date) -> None:
        """The calendar shows the days ``first`` to ``last``: the label gives the offset
        the zone's clock reads then (both, where the clocks change)."""
        if self._period != (first, last):
            self._period = (first, last)
            self._show_zone()

    def set_delegations(self, delegations: Sequence[Choice]) -> None:
        self._delegations = list(delegations)
        self._every_zone_listed = True
        self._refill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._every_zone_listed and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonPress,
        ):
            self._every_zone_listed = True
            self._refill()
        return False

    def _refill(self) -> None:
        entries = [
            Choice(
                timezones.TOKYO,
                translate("ZoneSelector", "{zone} — Tokyo, TDLC").format(zone=timezones.TOKYO),
                "TDLC",
            )
        ]
        seen = {timezones.TOKYO}
        if self._every_zone_listed:
            here = computer_zone()
            if here != timezones.TOKYO:
                entries.append(
                    Choice(
                        here,
                        translate("ZoneSelector", "{zone} — this computer").format(zone=here),
                        translate("ZoneSelector", "this computer"),
                    )
                )
                seen.add(here)
        for delegation in self._delegations:
            if delegation.detail and timezones.is_zone(delegation.detail):
                entries.append(
                    Choice(
                        delegation.detail,
                        f"{delegation.detail} — {delegation.name}",
                        delegation.name,
                    )
                )
                seen.add(delegation.detail)
        if timezones.WASHINGTON not in seen:
            entries.append(
                Choice(
                    timezones.WASHINGTON,
                    translate("ZoneSelector", "{zone} — Washington, World Bank").format(
                        zone=timezones.WASHINGTON
                    ),
                    translate("ZoneSelector", "World Bank"),
                )
            )
        if self._every_zone_listed:
            entries.extend(Choice(name, name) for name in timezones.all_zones())
        elif self._zone not in seen:
            entries.append(Choice(self._zone, self._zone))  # the zone in use is always listed
        self.combo.blockSignals(True)
        self.choices.set_choices(entries)
        self.combo.blockSignals(False)
        self._show()

    def set_zone(self, zone_name: str, *, notify: bool = False) -> bool:
        """Use ``zone_name``; false (and nothing changes) when it is not a zone."""
        if not timezones.is_zone(zone_name):
            self._show()
            return False
        changed = zone_name != self._zone
        self._zone = zone_name
        if self.choices.row_of(zone_name) < 0:
            self._refill()
        else:
            self._show()
        if notify and changed:
            self.zoneChosen.emit(zone_name)
        return True

    def _show(self) -> None:
        self.combo.blockSignals(True)
        row = self.choices.row_of(self._zone)
        self.combo.setCurrentIndex(row)
        line = self.combo.lineEdit()
        if line is not None:
            line.setCursorPosition(0)
        self.combo.blockSignals(False)
        # The field is narrower than a delegation's long name: the tooltip says it whole.
        self.combo.setToolTip(
            "\n".join(
                text
                for text in (
                    self.combo.currentText(),
                    translate("ZoneSelector", HINT),
                )
                if text
            )
        )
        self._show_zone()

    def _show_zone(self) -> None:
        period = self._period or (None, None)
        self.in_use.setText(
            translate("ZoneSelector", "Times in {zone}").format(
                zone=zone_label(self._zone, *period)
            )
        )
        self.in_use.setToolTip(
            translate(
                "ZoneSelector",
                "Every view shows wall-clock times in {zone}; time-zone data IANA {release}.",
            ).format(zone=self._zone, release=timezones.TZDATA_RELEASE)
        )

    def _picked(self, row: int) -> None:
        value = self.choices.value_at(row)
        if value:
            self.set_zone(str(value), notify=True)

    def _completed(self, text: str) -> None:
        for row in range(self.choices.rowCount()):
            if self.choices.index(row).data() == text:
                self._picked(row)
                return

    def _typed(self) -> None:
        text = self.combo.currentText().strip()
        if not text:
            self._show()
            return
        for row in range(self.choices.rowCount()):
            index = self.choices.index(row)
            if index.data() == text or index.data(ID_ROLE) == text:
                self._picked(row)
                return
        matches = zones_matching(text)
        if len(matches) == 1:
            self.set_zone(matches[0], notify=True)
        else:
            self._show()
