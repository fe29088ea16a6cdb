"""The bar an open editor shows when a colleague saves its record meanwhile.

Nothing in an open editor is refreshed from under the coordinator: what they typed stays.
Instead the bar says at once who changed the record and when ("Changed by Aiko at 01:42
UTC since you opened it") and offers the merge, so the coordinator can decide before saving
rather than meet the refusal at Save. A record deleted meanwhile cannot be saved; the bar
says so and offers to keep what was typed as a new record instead (the services decide
what the new record keeps: :mod:`cpp_scheduler.services.save_as_new`). The editor
(:class:`~.base.RecordDialog`) decides when to show it; the bar only words it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cpp_scheduler import i18n


def clock_time(at: datetime | None, now: datetime | None = None) -> str:
    """``01:42 UTC``; with the day (in UTC) when it was not today: the moment the
    History panel lists the same save at, under "When (UTC)", never this computer's
    clock, which a colleague's may not share."""
    moment = (at or datetime.now(UTC)).astimezone(UTC)
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    if moment.date() == today:
        return f"{moment:%H:%M} UTC"
    return f"{i18n.day_month_text(moment.date())} {moment:%H:%M} UTC"  # 15 Feb 01:42 UTC


class ChangedElsewhereBar(QFrame):
    """The line "Changed by … at … since you opened it", and a button for the merge;
    for a record deleted meanwhile, a button to save what was typed as a new record.

    Signals:
        mergeRequested(): the coordinator asked to compare and merge now.
        saveAsNewRequested(): the coordinator asked to keep what they typed as a new
            record, theirs having been deleted.
    """

    mergeRequested = Signal()
    saveAsNewRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedElsewhere")
        self.setProperty("role", "question")
        self.authors: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel(self)
        self.label.setObjectName("changedElsewhereText")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.merge = QPushButton(self.tr("Compare and merge…"), self)
        self.merge.setObjectName("changedElsewhereMerge")
        self.merge.setToolTip(
            self.tr(
                "Show their version and yours field by field; fields only one of you "
                "changed are kept by themselves."
            )
        )
        self.merge.clicked.connect(self.mergeRequested)
        layout.addWidget(self.merge)
        self.save_as_new = QPushButton(self.tr("Save as new"), self)
        self.save_as_new.setObjectName("changedElsewhereSaveAsNew")
        self.save_as_new.setToolTip(
            self.tr(
                "Keep what you typed as a new record: its links to records deleted too "
                "are left out, and said. To bring back the deleted record itself, with "
                "everything its deletion took, revert the deletion in the History panel."
            )
        )
        self.save_as_new.clicked.connect(self.saveAsNewRequested)
        self.save_as_new.hide()
        layout.addWidget(self.save_as_new)
        self.hide()

    def changed_by(self, author: str, at: datetime | None) -> None:
        """Say that ``author`` saved the record at ``at`` (UTC; None: just now)."""
        name = author.strip() or self.tr("someone else")
        if name not in self.authors:
            self.authors.append(name)
        self.label.setText(
            self.tr("Changed by {who} at {time} since you opened it.").format(
                who=", ".join(self.authors), time=clock_time(at)
            )
        )
        self.merge.show()
        self.save_as_new.hide()
        self.show()

    def deleted_by(self, author: str, at: datetime | None, *, can_save: bool = True) -> None:
        """Say that ``author`` deleted the record: saving it over the deleted one will be
        refused, and what was typed can be saved as a new record (where ``can_save``:
        not in a window that may only read)."""
        name = author.strip() or self.tr("someone else")
        self.say(
            self.tr(
                "Deleted by {who} at {time} since you opened it: it can no longer be saved "
                "as it was, but what you typed can be saved as a new record."
            ).format(who=name, time=clock_time(at))
            if can_save
            else self.tr(
                "Deleted by {who} at {time} since you opened it: it can no longer be saved."
            ).format(who=name, time=clock_time(at))
        )
        self.save_as_new.setVisible(can_save)

    def say(self, line: str) -> None:
        """Replace the bar's text (the record was deleted, say) and hide the merge."""
        self.label.setText(line)
        self.merge.hide()
        self.show()
