"""Every action of the main window, declared in one table and built from it.

An action is a name (its ``objectName``: tests, the shortcut list and the saved toolbar
find it by that name), the words of the menus, its keys, the tip the status bar shows
and what it does to the window. Declaring them here keeps the window's module about the
window's behaviour, and lets a reader see every command and key of the program at once;
the keyboard-shortcuts dialog (``gui/help.py``) lists them from the built actions.

The undo and redo actions come from the window's ``QUndoStack`` (their text follows the
command on top: "Undo Create event 'X'", as the Edit menu shows it); the toolbar has
short buttons of its own ("Undo", "Redo") that follow the stack, so a long command name
never widens the toolbar and pushes the zone selector out of sight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QToolBar, QWidget

from cpp_scheduler.gui import filemenu
from cpp_scheduler.gui.recordkinds import RECORD_KINDS
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow

KeyBinding = QKeySequence.StandardKey | Qt.Key | str
"""A key as the table gives it: a platform's standard key, a plain key or "Ctrl+…"."""

VIEW_NAMES = ("day", "week", "month", "agenda", "venues")
VIEW_LABELS = {
    "day": QT_TRANSLATE_NOOP("Actions", "Day"),
    "week": QT_TRANSLATE_NOOP("Actions", "Week"),
    "month": QT_TRANSLATE_NOOP("Actions", "Month"),
    "agenda": QT_TRANSLATE_NOOP("Actions", "Agenda"),
    "venues": QT_TRANSLATE_NOOP("Actions", "Venues"),
}
VIEW_TIPS = {
    "day": QT_TRANSLATE_NOOP("Actions", "Day view (Ctrl+1)"),
    "week": QT_TRANSLATE_NOOP("Actions", "Week view (Ctrl+2)"),
    "month": QT_TRANSLATE_NOOP("Actions", "Month view (Ctrl+3)"),
    "agenda": QT_TRANSLATE_NOOP("Actions", "Agenda view (Ctrl+4)"),
    "venues": QT_TRANSLATE_NOOP("Actions", "Venues view (Ctrl+5)"),
}
#: Program > the manager of each kind of record.
MANAGE_LABELS = {
    "delegation": QT_TRANSLATE_NOOP("Actions", "Delegations…"),
    "participant": QT_TRANSLATE_NOOP("Actions", "Participants…"),
    "venue": QT_TRANSLATE_NOOP("Actions", "Venues…"),
    "partner_city": QT_TRANSLATE_NOOP("Actions", "Partner cities…"),
    "theme": QT_TRANSLATE_NOOP("Actions", "Themes…"),
    "knowledge_product": QT_TRANSLATE_NOOP("Actions", "Knowledge products…"),
    "travel_time": QT_TRANSLATE_NOOP("Actions", "Travel times…"),
}


@dataclass(frozen=True)
class ActionSpec:
    """One command of the main window."""

    name: str
    """The action's objectName."""
    text: str
    triggers: Callable[[MainWindow], object]
    """What the action does to the window."""
    keys: tuple[KeyBinding, ...] = ()
    tip: str = ""
    attribute: str = ""
    """The window attribute that holds the built action ("" for none)."""
    needs_program: bool = False
    """Disabled until the database is open (it changes the program or reads it)."""
    on_views_only: bool = False
    """Its keys work only where events are shown (Enter keeps its meaning elsewhere)."""


ACTIONS: tuple[ActionSpec, ...] = (
    # -- File -----------------------------------------------------------------------------
    ActionSpec(
        "new_event",
        QT_TRANSLATE_NOOP("Actions", "New"),
        lambda window: window.new_event(),
        (QKeySequence.StandardKey.New,),
        QT_TRANSLATE_NOOP("Actions", "Create an event (Ctrl+N)"),
        "new_action",
        needs_program=True,
    ),
    ActionSpec(
        "open_database",
        QT_TRANSLATE_NOOP("Actions", "Open database…"),
        lambda window: filemenu.choose_database(window),
        (QKeySequence.StandardKey.Open,),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Open another program (a .sqlite file or a PostgreSQL URL) in a new window (Ctrl+O)",
        ),
        "open_database_action",
    ),
    ActionSpec(
        "export_program",
        QT_TRANSLATE_NOOP("Actions", "Export program file…"),
        lambda window: window.export_program(),
        (),
        QT_TRANSLATE_NOOP("Actions", "Write the whole program to a program file (.json)"),
        "export_program_action",
        needs_program=True,
    ),
    ActionSpec(
        "import_program",
        QT_TRANSLATE_NOOP("Actions", "Import program file…"),
        lambda window: window.import_program(),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "Add or update records from a program file (.json); this cannot be undone"
        ),
        "import_action",
        needs_program=True,
    ),
    ActionSpec(
        "load_demo",
        QT_TRANSLATE_NOOP("Actions", "Load the demo program"),
        lambda window: window.load_demo(),
        attribute="demo_action",
        needs_program=True,
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "Quit"),
        lambda window: window.close(),
        (QKeySequence.StandardKey.Quit,),
        attribute="quit_action",
    ),
    # -- Edit -----------------------------------------------------------------------------
    ActionSpec(
        "edit_event",
        QT_TRANSLATE_NOOP("Actions", "Edit event…"),
        lambda window: window.edit_selected(),
        (Qt.Key.Key_Return, Qt.Key.Key_Enter),
        QT_TRANSLATE_NOOP("Actions", "Edit the selected event (Enter)"),
        "edit_action",
        on_views_only=True,
    ),
    ActionSpec(
        "delete_event",
        QT_TRANSLATE_NOOP("Actions", "Delete event"),
        lambda window: window.delete_selected(),
        (QKeySequence.StandardKey.Delete,),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected event (Delete)"),
        "delete_action",
    ),
    ActionSpec(
        "cancel_meeting",
        QT_TRANSLATE_NOOP("Actions", "Cancel one meeting of the series…"),
        lambda window: window.cancel_one_meeting(),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "Cancel a single meeting of the selected series and keep the others"
        ),
        "cancel_meeting_action",
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("Actions", "Find…"),
        lambda window: window.focus_search(),
        (QKeySequence.StandardKey.Find,),
        QT_TRANSLATE_NOOP("Actions", "Search events (Ctrl+F)"),
        "find_action",
    ),
    ActionSpec(
        "preferences",
        QT_TRANSLATE_NOOP("Actions", "Preferences…"),
        lambda window: _edit_preferences(window),
        (QKeySequence.StandardKey.Preferences,),
        QT_TRANSLATE_NOOP("Actions", "The program's language"),
    ),
    # -- View -----------------------------------------------------------------------------
    *(
        ActionSpec(
            f"view_{name}",
            VIEW_LABELS[name],
            lambda window, name=name: window.show_view(name),  # type: ignore[misc]
            (f"Ctrl+{number}",),
            VIEW_TIPS[name],
        )
        for number, name in enumerate(VIEW_NAMES, start=1)
    ),
    ActionSpec(
        "today",
        QT_TRANSLATE_NOOP("Actions", "Today"),
        lambda window: window.go_to_today(),
        (Qt.Key.Key_T,),
        QT_TRANSLATE_NOOP("Actions", "Show today (T)"),
        "today_action",
    ),
    ActionSpec(
        "previous",
        QT_TRANSLATE_NOOP("Actions", "‹ Previous"),
        lambda window: window.step(-1),
        (Qt.Key.Key_Left,),
        QT_TRANSLATE_NOOP("Actions", "Previous period (Left)"),
        "previous_action",
    ),
    ActionSpec(
        "next",
        QT_TRANSLATE_NOOP("Actions", "Next ›"),
        lambda window: window.step(1),
        (Qt.Key.Key_Right,),
        QT_TRANSLATE_NOOP("Actions", "Next period (Right)"),
        "next_action",
    ),
    ActionSpec(
        "show_times_in",
        QT_TRANSLATE_NOOP("Actions", "Show times in…"),
        lambda window: window.focus_zone_selector(),
        ("Ctrl+Shift+T",),
        QT_TRANSLATE_NOOP(
            "Actions", "Choose the time zone every view shows its times in (Ctrl+Shift+T)"
        ),
        "zone_action",
    ),
    # -- Program --------------------------------------------------------------------------
    *(
        ActionSpec(
            f"manage_{key}",
            MANAGE_LABELS.get(key, f"{kind.plural}…"),
            lambda window, key=key: window.manage(key),  # type: ignore[misc]
            needs_program=True,
        )
        for key, kind in RECORD_KINDS.items()
    ),
    # -- Help -----------------------------------------------------------------------------
    ActionSpec(
        "user_guide",
        QT_TRANSLATE_NOOP("Actions", "User guide…"),
        lambda window: window.show_help(),
        (QKeySequence.StandardKey.HelpContents,),
        QT_TRANSLATE_NOOP(
            "Actions", "The program's documents: getting started, the tools, calendar files"
        ),
    ),
    ActionSpec(
        "keyboard_shortcuts",
        QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts…"),
        lambda window: window.show_shortcuts(),
        ("Ctrl+/",),
    ),
    ActionSpec(
        "about",
        QT_TRANSLATE_NOOP("Actions", "About CPP Scheduler"),
        lambda window: window.show_about(),
    ),
)


def _edit_preferences(window: MainWindow) -> None:
    from cpp_scheduler.gui import relanguage, translations
    from cpp_scheduler.gui.preferences import edit_preferences  # made when first asked for

    before = translations.stored_choice(window.settings)
    if edit_preferences(window, window.settings) == QDialog.DialogCode.Accepted.value:
        relanguage.follow_preferences(window, before)


def _sequence(key: KeyBinding) -> QKeySequence:
    return QKeySequence(key)


def build_action(window: MainWindow, spec: ActionSpec) -> QAction:
    """The QAction of ``spec``, owned by ``window`` and reachable by its keys."""
    action = QAction(translate("Actions", spec.text), window)
    action.setObjectName(spec.name)
    if spec.keys:
        action.setShortcuts([_sequence(key) for key in spec.keys])
    if spec.tip:
        tip = translate("Actions", spec.tip)
        action.setStatusTip(tip)
        action.setToolTip(tip)
    triggers = spec.triggers
    action.triggered.connect(lambda _checked=False: triggers(window))
    if spec.on_views_only:
        # Enter edits only where events are shown: in the search box or the zone
        # selector it keeps its own meaning.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.view_stack.addAction(action)
    else:
        window.addAction(action)
    if spec.attribute:
        setattr(window, spec.attribute, action)
    return action


@dataclass
class WindowActions:
    """The built actions, by name, and the groups the menus and the toolbar use."""

    by_name: dict[str, QAction]
    views: dict[str, QAction]
    """The view switches, checkable and exclusive."""
    records: dict[str, QAction]
    """Program > the managers of each kind of record, by record kind."""
    needing_program: tuple[QAction, ...]
    undo_button: QAction
    redo_button: QAction

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]


class ShortButton(QAction):
    """A toolbar button with a fixed short label ("Undo", "Redo") that follows the undo
    stack: enabled when there is something to undo (redo), the full name of the step
    ("Undo Move 'X' to Wed 10:00") as its tip, as the Edit menu words it."""

    def __init__(self, stack: QUndoStack, *, redo: bool, window: MainWindow) -> None:
        self._verb = translate("Actions", "Redo") if redo else translate("Actions", "Undo")
        super().__init__(self._verb, window)
        self.setObjectName("redo_button" if redo else "undo_button")
        self._stack = stack
        if redo:
            stack.canRedoChanged.connect(self.setEnabled)
            stack.redoTextChanged.connect(self._name_step)
            self.triggered.connect(stack.redo)
            self.setEnabled(stack.canRedo())
            self._name_step(stack.redoText())
        else:
            stack.canUndoChanged.connect(self.setEnabled)
            stack.undoTextChanged.connect(self._name_step)
            self.triggered.connect(stack.undo)
            self.setEnabled(stack.canUndo())
            self._name_step(stack.undoText())

    def _name_step(self, step: str) -> None:
        full = f"{self._verb} {step}" if step else self._verb
        self.setToolTip(full)
        self.setStatusTip(full)


def create_actions(window: MainWindow, stack: QUndoStack) -> WindowActions:
    """Build every action of ``window`` from :data:`ACTIONS`, and the undo stack's."""
    by_name = {spec.name: build_action(window, spec) for spec in ACTIONS}
    # The stack names the step in the menu's text ("Undo Move 'Kobe call'"); the name
    # alone, which a list of shortcuts gives, is their icon text.
    undo = stack.createUndoAction(window, translate("Actions", "Undo"))
    undo.setIconText(translate("Actions", "Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setObjectName("undo")
    redo = stack.createRedoAction(window, translate("Actions", "Redo"))
    redo.setIconText(translate("Actions", "Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setObjectName("redo")
    window.addActions([undo, redo])
    window.undo_action, window.redo_action = undo, redo
    by_name["undo"], by_name["redo"] = undo, redo
    group = QActionGroup(window)
    views = {}
    for name in VIEW_NAMES:
        action = by_name[f"view_{name}"]
        action.setCheckable(True)
        group.addAction(action)
        views[name] = action
    return WindowActions(
        by_name=by_name,
        views=views,
        records={key: by_name[f"manage_{key}"] for key in RECORD_KINDS},
        needing_program=tuple(by_name[spec.name] for spec in ACTIONS if spec.needs_program),
        undo_button=ShortButton(stack, redo=False, window=window),
        redo_button=ShortButton(stack, redo=True, window=window),
    )


def build_menus(window: MainWindow, actions: WindowActions) -> None:
    """The menu bar: File, Edit, View, Program, Tools (filled by the tools), Help."""
    from PySide6.QtWidgets import QMenu

    bar = window.menuBar()
    file_menu = bar.addMenu(translate("Actions", "&File"))
    file_menu.setObjectName("fileMenu")
    file_menu.addAction(actions["new_event"])
    file_menu.addSeparator()
    file_menu.addAction(actions["open_database"])
    window.recent_menu = QMenu(translate("Actions", "Open recent"), window)
    window.recent_menu.setObjectName("recentMenu")
    window.recent_menu.aboutToShow.connect(lambda: filemenu.fill_recent_menu(window))
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions["export_program"])
    file_menu.addAction(actions["import_program"])
    file_menu.addAction(actions["load_demo"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    edit_menu = bar.addMenu(translate("Actions", "&Edit"))
    for name in (
        *("undo", "redo", "", "edit_event", "delete_event", "cancel_meeting", "", "find"),
        *("", "preferences"),
    ):
        if name:
            edit_menu.addAction(actions[name])
        else:
            edit_menu.addSeparator()
    view_menu = bar.addMenu(translate("Actions", "&View"))
    view_menu.addActions(list(actions.views.values()))
    view_menu.addSeparator()
    for name in ("today", "previous", "next"):
        view_menu.addAction(actions[name])
    view_menu.addSeparator()
    view_menu.addAction(actions["show_times_in"])
    # The Agenda's columns, as a right-click on its headings offers them, for the keyboard.
    columns = view_menu.addMenu(translate("Actions", "Agenda &columns"))
    columns.setObjectName("agendaColumnsMenu")
    columns.aboutToShow.connect(lambda: window.fill_agenda_columns(columns))
    program_menu = bar.addMenu(translate("Actions", "&Program"))
    program_menu.addActions(list(actions.records.values()))
    # Filled by the tools once the program is open; in place from the start, so the
    # menu bar does not change under the pointer.
    window.tools_menu = QMenu(translate("Actions", "&Tools"), window)
    window.tools_menu.setObjectName("toolsMenu")
    bar.addMenu(window.tools_menu)
    window.help_menu = bar.addMenu(translate("Actions", "&Help"))
    window.help_menu.addAction(actions["user_guide"])
    window.help_menu.addAction(actions["keyboard_shortcuts"])
    window.help_menu.addSeparator()
    window.help_menu.addAction(actions["about"])


def build_toolbar(window: MainWindow, actions: WindowActions) -> QToolBar:
    """The calendar's toolbar: new, navigation, the views, short Undo and Redo buttons.

    The zone selector is not on it: it sits in the title row above the views, where no
    toolbar overflow can hide it.
    """
    toolbar = QToolBar(translate("Actions", "Calendar"), window)
    toolbar.setObjectName("calendarToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addAction(actions["new_event"])
    toolbar.addSeparator()
    for name in ("today", "previous", "next"):
        toolbar.addAction(actions[name])
    toolbar.addSeparator()
    toolbar.addActions(list(actions.views.values()))
    toolbar.addSeparator()
    toolbar.addAction(actions.undo_button)
    toolbar.addAction(actions.redo_button)
    window.addToolBar(toolbar)
    return toolbar


def share_undo(window: QWidget, other: QWidget) -> None:
    """Give a window of its own (a manager, the tour builder) the main window's Undo and
    Redo, with their shortcuts: its edits are steps of the main window's stack, and
    Ctrl+Z there takes back the last of them, as it does in the calendar."""
    other.addActions([action for action in window.actions() if action.objectName() in _SHARED])


_SHARED = frozenset({"undo", "redo"})
"""The actions every window of the program answers, whichever has the focus."""
