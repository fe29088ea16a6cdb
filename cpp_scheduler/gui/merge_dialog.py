"""The merge dialog: a colleague saved the record first; choose, field by field.

Shown when a save meets a newer version and both the coordinator and the colleague
changed some field to different values (:mod:`cpp_scheduler.services.merging`). Each such
field is one row: its value as the coordinator read it, the colleague's and the
coordinator's; a click on the colleague's or the coordinator's value keeps that one.
Fields only one of them changed were merged already and are named in the heading.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.screen_room import resize_within_screen
from cpp_scheduler.services.field_names import field_name
from cpp_scheduler.services.merging import MINE, THEIRS, MergePlan

AnyIndex = QModelIndex | QPersistentModelIndex
FIELD, BASE, THEIRS_COLUMN, MINE_COLUMN = range(4)


class ConflictsModel(QAbstractTableModel):
    """One row per field both sides changed; the chosen side is checked."""

    def __init__(self, plan: MergePlan, theirs_heading: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.headers = (
            self.tr("Field"),
            self.tr("When you opened it"),
            theirs_heading,
            self.tr("Yours"),
        )
        self.choices: dict[str, str] = {conflict.key: MINE for conflict in plan.conflicts}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.conflicts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if index.column() in (THEIRS_COLUMN, MINE_COLUMN):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plan.conflicts):
            return None
        conflict = self.plan.conflicts[index.row()]
        column = index.column()
        texts = (
            field_name(conflict.key),
            conflict.shown_base,
            conflict.shown_theirs,
            conflict.shown_mine,
        )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return texts[column]
        if role == Qt.ItemDataRole.CheckStateRole and column in (THEIRS_COLUMN, MINE_COLUMN):
            side = THEIRS if column == THEIRS_COLUMN else MINE
            chosen = self.choices[conflict.key] == side
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in (
            THEIRS_COLUMN,
            MINE_COLUMN,
        ):
            return False
        self.choose(index.row(), THEIRS if index.column() == THEIRS_COLUMN else MINE)
        return True

    def choose(self, row: int, side: str) -> None:
        """Keep ``side`` (THEIRS or MINE) for the field of ``row``."""
        self.choices[self.plan.conflicts[row].key] = side
        self.dataChanged.emit(self.index(row, THEIRS_COLUMN), self.index(row, MINE_COLUMN))


class MergeDialog(QDialog):
    """Both versions side by side; OK saves the merge against the colleague's version."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.plan = plan
        who = ", ".join(dict.fromkeys(plan.authors)) or self.tr("someone else")
        layout = QVBoxLayout(self)
        merged = ", ".join(field_name(key) for key in plan.merged)
        kept = ", ".join(field_name(key) for key in plan.taken_from_theirs)
        lines = [
            self.tr("{who} saved {record} while you were editing it.").format(
                who=who, record=plan.label
            )
        ]
        if merged and kept:
            lines.append(
                self.tr("Merged by themselves: yours: {mine}; {who}'s: {theirs}.").format(
                    mine=merged, who=who, theirs=kept
                )
            )
        elif merged:
            lines.append(self.tr("Merged by themselves: yours: {mine}.").format(mine=merged))
        elif kept:
            lines.append(
                self.tr("Merged by themselves: {who}'s: {theirs}.").format(who=who, theirs=kept)
            )
        if plan.conflicts:
            lines.append(self.tr("You both changed the fields below: tick the value to keep."))
        else:
            lines.append(self.tr("Nothing clashes: Save keeps their changes and yours."))
        self.heading = QLabel("\n".join(lines), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.model = ConflictsModel(plan, self.tr("{who}'s").format(who=who), self)
        self.table = QTableView(self)
        self.table.setObjectName("mergeTable")
        self.table.setModel(self.model)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.table.setVisible(bool(plan.conflicts))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # A row a conflict, up to the screen: past it, the table scrolls.
        resize_within_screen(self, 760, 200 + 40 * len(plan.conflicts))

    def values(self) -> dict[str, Any]:
        """The values to save: the merge with the coordinator's choices."""
        return self.plan.values(self.model.choices)
