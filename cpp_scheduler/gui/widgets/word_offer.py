"""The offer under a combo box of the items the words typed into it find: the editors'
pickers (:mod:`~cpp_scheduler.gui.widgets.searchable_combo`) and the lists the sidebar
and Export calendar find by typing (:mod:`~cpp_scheduler.gui.widgets.filter_combo`)
show it alike, by the record managers' search rule."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QListView

from cpp_scheduler.gui.choices import ChoiceListModel, ChoiceSearch


def offer_by_words(combo: QComboBox) -> ChoiceSearch:
    """Give the editable ``combo`` a popup of the items of its model holding every word
    typed, by the record managers' search rule; :func:`offer_found` shows it as words
    are typed. A combo given another model searches it through :func:`search_model`."""
    search = ChoiceSearch(combo, anew=True)
    completer = QCompleter(search, combo)
    # The search chooses the rows; the completer shows them all, as they are.
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    popup = completer.popup()
    if isinstance(popup, QListView):  # each line sized once, not each of thousands
        popup.setUniformItemSizes(True)
    combo.setCompleter(completer)
    search_model(combo, search)
    return search


def search_model(combo: QComboBox, search: ChoiceSearch) -> None:
    """Search ``combo``'s model, the one it was given last: Qt hands a new model to
    the combo's completer itself, which would then offer every item whatever is typed
    (all 433 zones for "lim")."""
    search.setSourceModel(combo.model())
    completer = combo.completer()
    if completer is not None and completer.model() is not search:
        completer.setModel(search)


def hide_offer(combo: QComboBox) -> None:
    """Close the offer of ``combo``'s words, where it is shown."""
    completer = combo.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.hide()


def offer_found(combo: QComboBox, search: ChoiceSearch, text: str) -> None:
    """Offer the items the words of ``text`` find, or hide the offer once nothing is.

    Qt makes current the first row that begins with the text, which Enter would then
    choose ("Maria" taking Maria García), and a current row puts its name in the field
    as the coordinator types: once Qt is done, only an item named exactly as typed stays
    current, so Enter keeps what was typed unless it names an item."""
    search.search_for(text)
    completer = combo.completer()
    if completer is None:
        return
    if text.strip() and search.rowCount() > 0:
        completer.complete()
        QTimer.singleShot(0, lambda: _offered(combo, text))
    else:
        hide_offer(combo)


OFFER_NAMES_MEASURED = 50
"""The offer is made as wide as the longest of its first names (a list of thousands is
not measured whole on each keystroke)."""


def _widen_to_names(combo: QComboBox, popup: QAbstractItemView) -> None:
    """An offer as wide as the names it lists, up to half the window, and on the
    screen: a narrow field (the sidebar's) would cut them where the words typed may be.
    The width is the offer's least, which Qt keeps as it sizes the offer as the field on
    each key typed (the offer does not narrow and widen again as the words grow)."""
    offered = popup.model()
    metrics = popup.fontMetrics()
    widest = max(
        (
            metrics.horizontalAdvance(str(offered.index(row, 0).data() or ""))
            for row in range(min(offered.rowCount(), OFFER_NAMES_MEASURED))
        ),
        default=0,
    )
    margins = 4 * popup.frameWidth() + 2 * metrics.averageCharWidth()
    scroll_bar = popup.verticalScrollBar().sizeHint().width()
    room = max(combo.width(), combo.window().width() // 2)
    popup.setMinimumWidth(min(widest + margins + scroll_bar, room))
    screen = combo.screen().availableGeometry()
    place = popup.geometry()
    if place.right() > screen.right():  # widened past the screen's edge: moved back
        place.moveRight(screen.right())
        place.moveLeft(max(place.left(), screen.left()))
        popup.setGeometry(place)


def _offered(combo: QComboBox, text: str) -> None:
    """Once Qt has shown the offer (and sized it as the field, each key typed): wide
    enough for its names, its current row only one named exactly as typed."""
    if not shiboken6.isValid(combo):
        return  # the field closed before Qt came back to it
    completer = combo.completer()
    popup = completer.popup() if completer is not None else None
    if completer is None or popup is None or not popup.isVisible():
        return
    _widen_to_names(combo, popup)
    offered = completer.completionModel()
    named = _offered_row_named(completer, text)
    popup.setCurrentIndex(offered.index(named, 0) if named >= 0 else QModelIndex())


def _offered_row_named(completer: QCompleter, text: str) -> int:
    """The offer's row of the item named ``text`` (whatever the case and the spaces
    around it), or -1. The offer lists the search's rows one for one; over a list of
    the program's choices, the list finds the name without asking each row."""
    search = completer.model()
    source = search.sourceModel() if isinstance(search, ChoiceSearch) else None
    if isinstance(search, ChoiceSearch) and isinstance(source, ChoiceListModel):
        row = source.row_named(text)
        return search.mapFromSource(source.index(row)).row() if row >= 0 else -1
    offered = completer.completionModel()
    wanted = text.strip().casefold()
    for row in range(offered.rowCount()):
        if str(offered.index(row, 0).data() or "").strip().casefold() == wanted:
            return row
    return -1
