"""The first-run panel shown over an empty database.

Signals:
    loadDemoRequested(): load the demo program.
    importRequested(): import a program file.
    startEmptyRequested(): go straight to an empty calendar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cpp_scheduler.gui.translations import translate


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
        self.demo_button.clicked.connect(self.loadDemoRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.empty_button.clicked.connect(self.startEmptyRequested)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QWidget(self)
        column.setMaximumWidth(600)
        column.setMinimumWidth(320)
        inner = QVBoxLayout(column)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        for button in (self.demo_button, self.import_button, self.empty_button):
            button.setMinimumHeight(64)
            inner.addWidget(button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def set_busy(self, busy: bool) -> None:
        for button in (self.demo_button, self.import_button, self.empty_button):
            button.setEnabled(not busy)
