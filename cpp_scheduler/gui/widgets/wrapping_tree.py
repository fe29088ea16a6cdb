"""A tree view whose long cells wrap onto further lines instead of being cut: the mail
dialogs' lists of recipients, changes and answers, where a title or a change in words
must be read whole."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)


class _WrappedText(QStyledItemDelegate):
    """Measures a cell's text wrapped to its column's width (a tree view asks for the
    height of an unwrapped line otherwise), less the indentation a row nested under
    another takes in the tree's column."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        sized = QStyleOptionViewItem(option)
        view = self._view
        width = view.header().sectionSize(index.column())
        tree_column = view.treePosition()
        if tree_column < 0:
            tree_column = view.header().logicalIndex(0)
        if index.column() == tree_column:
            depth = 1 if view.rootIsDecorated() else 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width -= depth * view.indentation()
        sized.rect = QRect(0, 0, max(width, 1), 10_000)
        sized.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        hint = super().sizeHint(sized, index)
        spacing = option.fontMetrics.lineSpacing()
        if hint.height() > super().sizeHint(option, index).height():
            # A line in Japanese is taller than the font's own line, which the drawing
            # allows for and the measure does not: a title of a Japanese and a Latin
            # line, measured exactly as tall as its row, was drawn cut to its first
            # line. Half a line more keeps every line drawn.
            hint.setHeight(hint.height() + spacing // 2)
        # Room above and below every row alike: a row of one line between rows of two
        # sat flush against its neighbours, and the alternating shades looked uneven.
        hint.setHeight(hint.height() + spacing // 3)
        return hint


class WrappingTree(QTreeView):
    """A list whose rows grow to show their text wrapped to the columns' widths, and
    measure again when a column's width changes (the last one follows the window). As
    a tree view, it measures only the rows in sight, however many it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setItemDelegate(_WrappedText(self))
        self.header().sectionResized.connect(lambda *_sizes: self.scheduleDelayedItemsLayout())
