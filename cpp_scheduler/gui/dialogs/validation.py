"""Inline validation: the field is outlined, the reason is written under it, OK waits.

A dialog binds each model field name (as :class:`~cpp_scheduler.model.Problem` names it)
to the widget that edits it. After every edit the dialog hands the validator the list of
problems, from the entity's own rules and from reading the fields; the validator marks
exactly those fields, writes each reason under its field, and enables OK only when the
list is empty. Nothing raises and no message box opens for a user's mistake.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QFormLayout,
    QLabel,
    QLayout,
    QTabWidget,
    QWidget,
)

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.wrapped_label import WrappedLabel
from cpp_scheduler.model import Problem

INVALID_PROPERTY = "invalid"

INVALID_TINT = QColor("#ffe0e0")

# Text fields and combo boxes take a red outline. Spin boxes and date and time fields
# lose their arrows under a border rule in most styles, so they are tinted through their
# palette instead (see set_marked); the reason is written under every field either way.
STYLE_SHEET = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QListView[invalid="true"],
QComboBox[invalid="true"] {
    border: 1px solid #c62828;
    border-radius: 3px;
    background: #fff4f4;
}
QLabel[role="error"] { color: #b71c1c; }
QLabel[role="hint"] { color: #455a64; }
QLabel[role="warning"] { color: #bf360c; }
QFrame[role="question"] { border: 1px solid #ef6c00; border-radius: 4px; background: #fff8e1; }
QFrame[role="question"] QLabel { border: none; background: transparent; }
"""

_TINTED = (QAbstractSpinBox,)


def set_marked(widget: QWidget, marked: bool) -> None:
    """Outline ``widget`` (or the inner fields of a composite one) as wrong, or clear it."""
    inner = getattr(widget, "markedWidgets", None)
    targets: Sequence[QWidget] = inner() if callable(inner) else [widget]
    for target in targets:
        if bool(target.property(INVALID_PROPERTY)) == marked:
            continue
        target.setProperty(INVALID_PROPERTY, marked)
        if isinstance(target, _TINTED):
            palette = QPalette()  # resolves nothing: every other role stays inherited
            if marked:
                palette.setColor(QPalette.ColorRole.Base, INVALID_TINT)
                palette.setColor(QPalette.ColorRole.Button, INVALID_TINT)
            target.setPalette(palette)
        style = target.style()
        style.unpolish(target)
        style.polish(target)
        target.update()


def _layout_holds(layout: QLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        held = item.widget()
        if held is not None and (held is widget or held.isAncestorOf(widget)):
            return True
        nested = item.layout()
        if nested is not None and _layout_holds(nested, widget):
            return True
    return False


def _insert_below(widget: QWidget, label: QLabel) -> None:
    """Place ``label`` on the row under ``widget``'s row of the form that holds it."""
    window = widget.window()
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole) or form.itemAt(
                row, QFormLayout.ItemRole.SpanningRole
            )
            if item is None:
                continue
            held = item.widget()
            nested = item.layout()
            if (held is not None and (held is widget or held.isAncestorOf(widget))) or (
                nested is not None and _layout_holds(nested, widget)
            ):
                form.insertRow(row + 1, "", label)
                return
    parent = widget.parentWidget()
    parent_layout = parent.layout() if parent is not None else None
    if isinstance(parent_layout, QBoxLayout):
        index = parent_layout.indexOf(widget)
        parent_layout.insertWidget(index + 1, label)
        return
    raise LookupError(f"no layout holds {widget.objectName()!r} for its error label")


def _set_label_shown(label: QLabel, shown: bool) -> None:
    for form in label.window().findChildren(QFormLayout):
        position = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(label))
        if position[0] >= 0:
            row = position[0]
            form.setRowVisible(row, shown)
            return
    label.setVisible(shown)


def note_below(widget: QWidget, role: str = "warning") -> QLabel:
    """A line under ``widget``'s row (``role``: "warning" or "hint"), hidden until
    :func:`show_note` gives it a text: what an editor says of a field apart from its
    problems, which :class:`InlineValidator` writes."""
    label = WrappedLabel(widget.window())
    label.setObjectName(f"{widget.objectName()}Note")
    label.setProperty("role", role)
    _insert_below(widget, label)
    _set_label_shown(label, False)
    return label


def show_note(label: QLabel, text: str | None) -> None:
    """Say ``text`` on a line of :func:`note_below`; None hides it."""
    if text is None:
        if label.isVisibleTo(label.window()) or label.text():
            label.clear()
            _set_label_shown(label, False)
        return
    label.setText(text)
    _set_label_shown(label, True)


class ErrorLabel(WrappedLabel):
    """The reason under a field, wrapped to the width it is given."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")


@dataclass
class _Binding:
    widget: QWidget
    label: QLabel
    fields: tuple[str, ...]
    tooltip: str
    touched: bool = False
    messages: list[str] = field(default_factory=list)


def _restyle(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class InlineValidator:
    """Marks fields and enables OK from a list of problems.

    A field of a new record is judged once the coordinator has edited it: an empty form
    does not open covered in red. Its problems still keep OK disabled, and OK's tooltip
    (and the summary line, where the form has one) says what is missing. A stored record
    is judged whole from the start.

    Attributes:
        problems: every current problem; empty when the record can be saved.
    """

    def __init__(self, ok_button: QAbstractButton, summary: QLabel | None = None) -> None:
        self._ok = ok_button
        self._summary = summary
        self._bindings: list[_Binding] = []
        self._by_field: dict[str, _Binding] = {}
        self.problems: list[Problem] = []
        if summary is not None:
            summary.setProperty("role", "hint")
            summary.setWordWrap(True)
            summary.hide()

    def bind(self, widget: QWidget, *fields: str) -> QLabel:
        """Show the problems of ``fields`` under ``widget``; returns the reason's label."""
        label = ErrorLabel(widget.window())
        label.setObjectName(f"{widget.objectName()}Error")
        _insert_below(widget, label)
        binding = _Binding(widget, label, fields, widget.toolTip())
        self._bindings.append(binding)
        for name in fields:
            self._by_field[name] = binding
        _set_label_shown(label, False)
        return label

    def errorLabel(self, field_name: str) -> QLabel:
        return self._by_field[field_name].label

    def widgetFor(self, field_name: str) -> QWidget:
        return self._by_field[field_name].widget

    def touch(self, source: object) -> None:
        """The coordinator edited ``source``: judge the field it belongs to from now on."""
        if not isinstance(source, QWidget):
            return
        for binding in self._bindings:
            if binding.widget is source or binding.widget.isAncestorOf(source):
                binding.touched = True

    def touchAll(self) -> None:
        for binding in self._bindings:
            binding.touched = True

    def show(self, problems: Iterable[Problem]) -> bool:
        """Display ``problems``; True when there are none and OK is enabled."""
        self.problems = list(problems)
        for binding in self._bindings:
            binding.messages = []
        hidden: list[str] = []
        shown: list[str] = []
        for problem in self.problems:
            marked = self._by_field.get(problem.field)
            if marked is None or not marked.touched:
                hidden.append(problem.message)
                continue
            shown.append(problem.message)
            if problem.message not in marked.messages:
                marked.messages.append(problem.message)
        for binding in self._bindings:
            text = "\n".join(binding.messages)
            set_marked(binding.widget, bool(text))
            binding.widget.setToolTip(text or binding.tooltip)
            if binding.label.text() != text:
                binding.label.setText(text)
            _set_label_shown(binding.label, bool(text))
        self._mark_tabs()
        reasons = [*shown, *hidden]
        to_save = translate("Validation", "To save: {reasons}")
        self._ok.setToolTip(to_save.format(reasons=" ".join(reasons)) if reasons else "")
        if self._summary is not None:
            if reasons:
                more = (
                    translate("Validation", " ({count} more)").format(count=len(reasons) - 1)
                    if len(reasons) > 1
                    else ""
                )
                self._summary.setText(to_save.format(reasons=f"{reasons[0]}{more}"))
                _restyle(self._summary, "error" if shown else "hint")
            self._summary.setVisible(bool(reasons))
        self._ok.setEnabled(not self.problems)
        return not self.problems

    def _mark_tabs(self) -> None:
        """Colour the title of every tab that hides a marked field."""
        window = self._ok.window()
        for tabs in window.findChildren(QTabWidget):
            default = tabs.palette().color(QPalette.ColorRole.WindowText)
            for index in range(tabs.count()):
                page = tabs.widget(index)
                wrong = page is not None and any(
                    binding.messages and page.isAncestorOf(binding.widget)
                    for binding in self._bindings
                )
                tabs.tabBar().setTabTextColor(index, QColor("#c62828") if wrong else default)
