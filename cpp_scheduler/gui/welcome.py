"""The first-run panel shown over an empty database.

Its buttons answer from the moment it shows, whatever the window reads meanwhile: the
window's task manager runs the work a button asks for after the reads under way. The
button whose work runs says so in its title, with a moving bar under it and a busy
cursor, and the others wait, greyed, saying why (:meth:`WelcomePanel.show_working`); a
second click adds nothing.
Loading the demo and importing are greyed, with the reason as their tooltip, where the
program cannot be changed (:meth:`WelcomePanel.set_unavailable`); starting empty, which
writes nothing, stays open.

Signals:
    loadDemoRequested(): load the demo program.
    importRequested(): import a program file.
    startEmptyRequested(): go straight to an empty calendar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler.gui.translations import translate

DEMO = "demo"
"""The work of "Load the demo program"."""
IMPORT = "import"
"""The work of "Import a program file"."""
EMPTY = "empty"


class WelcomePanel(QWidget):
    loadDemoRequested = Signal()
    importRequested = Signal()
    startEmptyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        title = QLabel(translate("Welcome", "Welcome to CPP Scheduler"), self)
        title.setObjectName("welcomeTitle")
        title.setWordWrap(True)  # wraps rather than clips beside open docks
        intro = QLabel(
            self.tr(
                "This program has no events yet. Start from the demo program to see how a "
                "study tour, a conference at TDLC and a videoconference series look, import "
                "a program file from a colleague, or begin with an empty calendar."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("welcomeIntro")
        self.demo_button = QCommandLinkButton(
            self.tr("Load the demo program"),
            self.tr(
                "Half a year of City Partnership Program events with delegations, venues and "
                "partner cities, to explore and change freely."
            ),
            self,
        )
        self.demo_button.setObjectName("loadDemo")
        self.import_button = QCommandLinkButton(
            self.tr("Import a program file"),
            self.tr("Open a CPP Scheduler program file (.json) exported from another computer."),
            self,
        )
        self.import_button.setObjectName("importProgram")
        self.empty_button = QCommandLinkButton(
            self.tr("Start empty"),
            self.tr("Plan from a blank calendar; the reference data is already there."),
            self,
        )
        self.empty_button.setObjectName("startEmpty")
        self._titles = {
            DEMO: self.demo_button.text(),
            IMPORT: self.import_button.text(),
            EMPTY: self.empty_button.text(),
        }
        self._working: str | None = None
        self._working_title = ""
        self._unavailable: str | None = None
        self.demo_button.clicked.connect(lambda: self._clicked(self.loadDemoRequested))
        self.import_button.clicked.connect(lambda: self._clicked(self.importRequested))
        self.empty_button.clicked.connect(lambda: self._clicked(self.startEmptyRequested))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QWidget(self)
        column.setMaximumWidth(600)
        column.setMinimumWidth(320)
        inner = QVBoxLayout(column)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        self._progress: dict[str, QProgressBar] = {}
        """A moving bar under the button whose work runs, its room kept meanwhile."""
        buttons = {DEMO: self.demo_button, IMPORT: self.import_button, EMPTY: self.empty_button}
        for work, button in buttons.items():
            button.setMinimumHeight(64)
            if work == EMPTY:
                inner.addWidget(button)
                continue
            bar = QProgressBar(column)
            bar.setObjectName(f"{button.objectName()}Progress")
            bar.setRange(0, 0)  # moving: how long it takes is not known
            bar.setTextVisible(False)
            bar.setFixedSize(160, 6)
            kept = bar.sizePolicy()
            kept.setRetainSizeWhenHidden(True)  # nothing below moves when it shows
            bar.setSizePolicy(kept)
            bar.hide()
            # Under the button's title, where the eye is when the title changes.
            under = QHBoxLayout()
            under.setContentsMargins(button.iconSize().width() + 13, 0, 0, 0)
            under.addWidget(bar)
            under.addStretch(1)
            pair = QVBoxLayout()
            pair.setSpacing(0)
            pair.addWidget(button)
            pair.addLayout(under)
            inner.addLayout(pair)
            self._progress[work] = bar
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_working(self, work: str | None, title: str = "") -> None:
        """``work`` (:data:`DEMO` or :data:`IMPORT`) runs, or nothing (None): its button
        takes ``title`` (what the status bar says of it, "Loading the demo program…"),
        the cursor over the panel is busy, and the other buttons wait, ``title`` their
        tooltip."""
        self._working = work
        self._working_title = title if work is not None else ""
        if work is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.BusyCursor)
        self._update()

    def set_unavailable(self, reason: str | None) -> None:
        """The program cannot be changed now (a reader's role, a step of the undo stack
        running): loading the demo and importing are greyed, with ``reason`` as their
        tooltip; None when they can."""
        self._unavailable = reason
        self._update()

    def _clicked(self, request: SignalInstance) -> None:
        if self._working is None:  # else the work under way answers the click
            request.emit()

    def _update(self) -> None:
        buttons = {DEMO: self.demo_button, IMPORT: self.import_button, EMPTY: self.empty_button}
        working = self._working
        waiting = self._working_title if working is not None else None
        for work, button in buttons.items():
            button.setText(self._working_title if work == working else self._titles[work])
            bar = self._progress.get(work)
            if bar is not None:
                bar.setVisible(work == working)
            reason = waiting if work != working else None
            if reason is None and work != EMPTY:
                reason = self._unavailable
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
