"""Edit > Preferences: the language of the window, its documents and its messages.

The choice is stored in the settings and read at every start (``gui/app.py``); a new
choice takes effect at once: the window is made again in the new language
(``gui/relanguage.py``), so every view, dialog and message speaks one language.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations


class PreferencesDialog(QDialog):
    """The program's preferences: for now, its language."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System language"), translations.SYSTEM)
        for code in i18n.LANGUAGES:  # each named in itself, so anyone can find theirs
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(translations.stored_choice(settings)))
        note = QLabel(
            self.tr(
                "The window changes to the new language at once; the undo history starts afresh."
            ),
            self,
        )
        note.setObjectName("languageNote")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        """``system``, ``en`` or ``ja``."""
        return str(self.language.currentData())

    def accept(self) -> None:
        translations.store_choice(self._settings, self.chosen_language())
        self._settings.sync()
        super().accept()


def edit_preferences(parent: QWidget, settings: QSettings) -> int:
    """Show the preferences over ``parent``; the dialog's result."""
    dialog = PreferencesDialog(settings, parent)
    return dialog.exec()
