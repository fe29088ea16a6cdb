# Generated from ui/export_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QCheckBox,
    QComboBox, QDateEdit, QDialog, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QProgressBar, QPushButton, QRadioButton, QSizePolicy,
    QSpinBox, QTableView, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.filter_combo import FilterComboBox

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog: Any) -> None:
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ExportDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.body = QHBoxLayout()
        self.body.setObjectName(u"body")
        self.choices = QWidget(ExportDialog)
        self.choices.setObjectName(u"choices")
        self.choices.setMinimumSize(QSize(470, 0))
        self.form = QFormLayout(self.choices)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scopeLabel = QLabel(self.choices)
        self.scopeLabel.setObjectName(u"scopeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.scopeLabel)

        self.scope = QComboBox(self.choices)
        self.scope.setObjectName(u"scope")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.scope)

        self.scopeChoice = FilterComboBox(self.choices)
        self.scopeChoice.setObjectName(u"scopeChoice")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.scopeChoice)

        self.datesLabel = QLabel(self.choices)
        self.datesLabel.setObjectName(u"datesLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.datesLabel)

        self.datesRow = QWidget(self.choices)
        self.datesRow.setObjectName(u"datesRow")
        self.datesLayout = QHBoxLayout(self.datesRow)
        self.datesLayout.setObjectName(u"datesLayout")
        self.datesLayout.setContentsMargins(0, 0, 0, 0)
        self.first = QDateEdit(self.datesRow)
        self.first.setObjectName(u"first")
        self.first.setCalendarPopup(True)

        self.datesLayout.addWidget(self.first)

        self.toLabel = QLabel(self.datesRow)
        self.toLabel.setObjectName(u"toLabel")

        self.datesLayout.addWidget(self.toLabel)

        self.last = QDateEdit(self.datesRow)
        self.last.setObjectName(u"last")
        self.last.setCalendarPopup(True)

        self.datesLayout.addWidget(self.last)


        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.datesRow)

        self.methodLabel = QLabel(self.choices)
        self.methodLabel.setObjectName(u"methodLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.publish = QRadioButton(self.choices)
        self.methodGroup = QButtonGroup(ExportDialog)
        self.methodGroup.setObjectName(u"methodGroup")
        self.methodGroup.addButton(self.publish)
        self.publish.setObjectName(u"publish")
        self.publish.setChecked(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.publish)

        self.request = QRadioButton(self.choices)
        self.methodGroup.addButton(self.request)
        self.request.setObjectName(u"request")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.request)

        self.organizerLabel = QLabel(self.choices)
        self.organizerLabel.setObjectName(u"organizerLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.organizerLabel)

        self.organizer = QLineEdit(self.choices)
        self.organizer.setObjectName(u"organizer")
        self.organizer.setPlaceholderText(u"TDLC coordinators <cpp@tdlc.example.org>")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.organizer)

        self.feedLabel = QLabel(self.choices)
        self.feedLabel.setObjectName(u"feedLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.feedLabel)

        self.feedRow = QHBoxLayout()
        self.feedRow.setObjectName(u"feedRow")
        self.feedUrl = QLineEdit(self.choices)
        self.feedUrl.setObjectName(u"feedUrl")

        self.feedRow.addWidget(self.feedUrl)

        self.refreshHours = QSpinBox(self.choices)
        self.refreshHours.setObjectName(u"refreshHours")
        self.refreshHours.setMinimum(1)
        self.refreshHours.setMaximum(168)
        self.refreshHours.setValue(6)

        self.feedRow.addWidget(self.refreshHours)

        self.feedRow.setStretch(0, 1)

        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.feedRow)

        self.reminderLabel = QLabel(self.choices)
        self.reminderLabel.setObjectName(u"reminderLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.reminderLabel)

        self.reminder = QComboBox(self.choices)
        self.reminder.setObjectName(u"reminder")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.reminder)

        self.withAttendees = QCheckBox(self.choices)
        self.withAttendees.setObjectName(u"withAttendees")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.withAttendees)

        self.outputLabel = QLabel(self.choices)
        self.outputLabel.setObjectName(u"outputLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.outputLabel)

        self.oneFile = QRadioButton(self.choices)
        self.outputGroup = QButtonGroup(ExportDialog)
        self.outputGroup.setObjectName(u"outputGroup")
        self.outputGroup.addButton(self.oneFile)
        self.oneFile.setObjectName(u"oneFile")
        self.oneFile.setChecked(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.oneFile)

        self.perParticipant = QRadioButton(self.choices)
        self.outputGroup.addButton(self.perParticipant)
        self.perParticipant.setObjectName(u"perParticipant")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.perParticipant)

        self.targetLabel = QLabel(self.choices)
        self.targetLabel.setObjectName(u"targetLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.targetLabel)

        self.targetRow = QHBoxLayout()
        self.targetRow.setObjectName(u"targetRow")
        self.target = QLineEdit(self.choices)
        self.target.setObjectName(u"target")

        self.targetRow.addWidget(self.target)

        self.browseButton = QPushButton(self.choices)
        self.browseButton.setObjectName(u"browseButton")
        self.browseButton.setAutoDefault(False)

        self.targetRow.addWidget(self.browseButton)

        self.targetRow.setStretch(0, 1)

        self.form.setLayout(11, QFormLayout.ItemRole.FieldRole, self.targetRow)


        self.body.addWidget(self.choices)

        self.previewColumn = QVBoxLayout()
        self.previewColumn.setObjectName(u"previewColumn")
        self.previewTitle = QLabel(ExportDialog)
        self.previewTitle.setObjectName(u"previewTitle")

        self.previewColumn.addWidget(self.previewTitle)

        self.preview = QTableView(ExportDialog)
        self.preview.setObjectName(u"preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)

        self.previewColumn.addWidget(self.preview)

        self.previewSummary = QLabel(ExportDialog)
        self.previewSummary.setObjectName(u"previewSummary")

        self.previewColumn.addWidget(self.previewSummary)

        self.previewColumn.setStretch(1, 1)

        self.body.addLayout(self.previewColumn)

        self.body.setStretch(1, 1)

        self.dialogLayout.addLayout(self.body)

        self.updateNote = QLabel(ExportDialog)
        self.updateNote.setObjectName(u"updateNote")
        self.updateNote.setStyleSheet(u"background:#e8f0fe; border-radius:6px; padding:8px;")
        self.updateNote.setWordWrap(True)

        self.dialogLayout.addWidget(self.updateNote)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.exportStatus = QLabel(ExportDialog)
        self.exportStatus.setObjectName(u"exportStatus")
        self.exportStatus.setWordWrap(True)

        self.bottom.addWidget(self.exportStatus)

        self.progress = QProgressBar(ExportDialog)
        self.progress.setObjectName(u"progress")

        self.bottom.addWidget(self.progress)

        self.exportButton = QPushButton(ExportDialog)
        self.exportButton.setObjectName(u"exportButton")

        self.bottom.addWidget(self.exportButton)

        self.cancelButton = QPushButton(ExportDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.bottom.addWidget(self.cancelButton)

        self.bottom.setStretch(0, 1)

        self.dialogLayout.addLayout(self.bottom)

#if QT_CONFIG(shortcut)
        self.scopeLabel.setBuddy(self.scope)
        self.organizerLabel.setBuddy(self.organizer)
        self.feedLabel.setBuddy(self.feedUrl)
        self.reminderLabel.setBuddy(self.reminder)
        self.targetLabel.setBuddy(self.target)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.scope, self.scopeChoice)
        QWidget.setTabOrder(self.scopeChoice, self.first)
        QWidget.setTabOrder(self.first, self.last)
        QWidget.setTabOrder(self.last, self.publish)
        QWidget.setTabOrder(self.publish, self.request)
        QWidget.setTabOrder(self.request, self.organizer)
        QWidget.setTabOrder(self.organizer, self.feedUrl)
        QWidget.setTabOrder(self.feedUrl, self.refreshHours)
        QWidget.setTabOrder(self.refreshHours, self.reminder)
        QWidget.setTabOrder(self.reminder, self.withAttendees)
        QWidget.setTabOrder(self.withAttendees, self.oneFile)
        QWidget.setTabOrder(self.oneFile, self.perParticipant)
        QWidget.setTabOrder(self.perParticipant, self.target)
        QWidget.setTabOrder(self.target, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.preview)
        QWidget.setTabOrder(self.preview, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.cancelButton)

        self.retranslateUi(ExportDialog)

        self.exportButton.setDefault(True)

    # setupUi

    def retranslateUi(self, ExportDialog: Any) -> None:
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export a calendar", None))
        self.scopeLabel.setText(QCoreApplication.translate("ExportDialog", u"&What", None))
        self.datesLabel.setText(QCoreApplication.translate("ExportDialog", u"Dates", None))
        self.first.setDisplayFormat(QCoreApplication.translate("ExportDialog", u"ddd d MMM yyyy", None))
        self.toLabel.setText(QCoreApplication.translate("ExportDialog", u"to", None))
        self.last.setDisplayFormat(QCoreApplication.translate("ExportDialog", u"ddd d MMM yyyy", None))
        self.methodLabel.setText(QCoreApplication.translate("ExportDialog", u"Kind of file", None))
        self.publish.setText(QCoreApplication.translate("ExportDialog", u"&Publish: a calendar to import or subscribe to", None))
        self.request.setText(QCoreApplication.translate("ExportDialog", u"&Request: invitations to send by email", None))
        self.organizerLabel.setText(QCoreApplication.translate("ExportDialog", u"Or&ganiser", None))
#if QT_CONFIG(tooltip)
        self.organizer.setToolTip(QCoreApplication.translate("ExportDialog", u"Who invitations come from, for events that have no organiser of their own; replies go there", None))
#endif // QT_CONFIG(tooltip)
        self.feedLabel.setText(QCoreApplication.translate("ExportDialog", u"&Feed address", None))
#if QT_CONFIG(tooltip)
        self.feedUrl.setToolTip(QCoreApplication.translate("ExportDialog", u"Where the file will be published for people to subscribe to (optional)", None))
#endif // QT_CONFIG(tooltip)
        self.feedUrl.setPlaceholderText(QCoreApplication.translate("ExportDialog", u"optional: https://\u2026/program.ics", None))
#if QT_CONFIG(tooltip)
        self.refreshHours.setToolTip(QCoreApplication.translate("ExportDialog", u"How often subscribed calendars should fetch the file again", None))
#endif // QT_CONFIG(tooltip)
        self.refreshHours.setPrefix(QCoreApplication.translate("ExportDialog", u"every ", None))
        self.refreshHours.setSuffix(QCoreApplication.translate("ExportDialog", u" h", None))
        self.reminderLabel.setText(QCoreApplication.translate("ExportDialog", u"Re&minder", None))
        self.withAttendees.setText(QCoreApplication.translate("ExportDialog", u"Include attendees' &email addresses", None))
        self.outputLabel.setText(QCoreApplication.translate("ExportDialog", u"Write", None))
        self.oneFile.setText(QCoreApplication.translate("ExportDialog", u"&One file", None))
        self.perParticipant.setText(QCoreApplication.translate("ExportDialog", u"One file per &participant, into a folder", None))
        self.targetLabel.setText(QCoreApplication.translate("ExportDialog", u"&To", None))
        self.target.setPlaceholderText(QCoreApplication.translate("ExportDialog", u"Where to write (a .ics file, or a folder)", None))
        self.browseButton.setText(QCoreApplication.translate("ExportDialog", u"&Browse\u2026", None))
        self.previewTitle.setText(QCoreApplication.translate("ExportDialog", u"<b>Going into the file</b>", None))
        self.exportButton.setText(QCoreApplication.translate("ExportDialog", u"&Export", None))
        self.cancelButton.setText(QCoreApplication.translate("ExportDialog", u"Close", None))
    # retranslateUi

