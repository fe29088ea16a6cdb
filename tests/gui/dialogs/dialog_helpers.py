"""Reading what a dialog shows: the OK button, marked fields, the reasons under them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from cpp_scheduler.gui.dialogs.base import RecordDialog


def ok_button(dialog: RecordDialog) -> QPushButton:
    button = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def error_text(dialog: RecordDialog, field: str) -> str:
    """The reason shown under the field, or '' when the field is fine."""
    label = dialog.validator.errorLabel(field)
    return label.text() if not label.isHidden() else ""


def is_marked(dialog: RecordDialog, field: str) -> bool:
    widget = dialog.validator.widgetFor(field)
    inner = getattr(widget, "markedWidgets", None)
    targets = inner() if callable(inner) else [widget]
    return any(bool(target.property("invalid")) for target in targets)
