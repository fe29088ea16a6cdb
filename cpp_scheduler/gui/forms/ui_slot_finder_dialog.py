# Generated from ui/slot_finder_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QDialog, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QSizePolicy, QSpinBox,
    QSplitter, QTableView, QTreeView, QVBoxLayout,
    QWidget)

class Ui_SlotFinderDialog(object):
    def setupUi(self, SlotFinderDialog: Any) -> None:
        if not SlotFinderDialog.objectName():
            SlotFinderDialog.setObjectName(u"SlotFinderDialog")
        SlotFinderDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(SlotFinderDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.body = QHBoxLayout()
        self.body.setObjectName(u"body")
        self.inputs = QWidget(SlotFinderDialog)
        self.inputs.setObjectName(u"inputs")
        self.inputs.setMinimumSize(QSize(300, 0))
        self.inputs.setMaximumSize(QSize(360, 16777215))
        self.inputsForm = QFormLayout(self.inputs)
        self.inputsForm.setObjectName(u"inputsForm")
        self.inputsForm.setContentsMargins(0, 0, 0, 0)
        self.whoLabel = QLabel(self.inputs)
        self.whoLabel.setObjectName(u"whoLabel")
        self.whoLabel.setTextFormat(Qt.TextFormat.RichText)

        self.inputsForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.whoLabel)

        self.filter = QLineEdit(self.inputs)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.inputsForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.filter)

        self.attendeeList = QListWidget(self.inputs)
        self.attendeeList.setObjectName(u"attendeeList")
        self.attendeeList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendeeList.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.inputsForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.attendeeList)

        self.hostLabel = QLabel(self.inputs)
        self.hostLabel.setObjectName(u"hostLabel")

        self.inputsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.hostLabel)

        self.host = QComboBox(self.inputs)
        self.host.setObjectName(u"host")

        self.inputsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.host)

        self.durationLabel = QLabel(self.inputs)
        self.durationLabel.setObjectName(u"durationLabel")

        self.inputsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.durationLabel)

        self.duration = QSpinBox(self.inputs)
        self.duration.setObjectName(u"duration")
        self.duration.setMinimum(15)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)

        self.inputsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.duration)

        self.firstDayLabel = QLabel(self.inputs)
        self.firstDayLabel.setObjectName(u"firstDayLabel")

        self.inputsForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.firstDayLabel)

        self.firstDay = QDateEdit(self.inputs)
        self.firstDay.setObjectName(u"firstDay")
        self.firstDay.setCalendarPopup(True)

        self.inputsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.firstDay)

        self.lastDayLabel = QLabel(self.inputs)
        self.lastDayLabel.setObjectName(u"lastDayLabel")

        self.inputsForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.lastDayLabel)

        self.lastDay = QDateEdit(self.inputs)
        self.lastDay.setObjectName(u"lastDay")
        self.lastDay.setCalendarPopup(True)

        self.inputsForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.lastDay)

        self.venueLabel = QLabel(self.inputs)
        self.venueLabel.setObjectName(u"venueLabel")

        self.inputsForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.venueLabel)

        self.venue = QComboBox(self.inputs)
        self.venue.setObjectName(u"venue")

        self.inputsForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.venue)

        self.repeatLabel = QLabel(self.inputs)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.inputsForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatRow = QHBoxLayout()
        self.repeatRow.setObjectName(u"repeatRow")
        self.repeat = QComboBox(self.inputs)
        self.repeat.setObjectName(u"repeat")

        self.repeatRow.addWidget(self.repeat)

        self.occurrences = QSpinBox(self.inputs)
        self.occurrences.setObjectName(u"occurrences")
        self.occurrences.setEnabled(False)
        self.occurrences.setMinimum(2)
        self.occurrences.setMaximum(24)
        self.occurrences.setValue(6)

        self.repeatRow.addWidget(self.occurrences)

        self.repeatRow.setStretch(0, 1)

        self.inputsForm.setLayout(8, QFormLayout.ItemRole.FieldRole, self.repeatRow)

        self.eventLabel = QLabel(self.inputs)
        self.eventLabel.setObjectName(u"eventLabel")
        self.eventLabel.setTextFormat(Qt.TextFormat.RichText)

        self.inputsForm.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.eventLabel)

        self.titleLabel = QLabel(self.inputs)
        self.titleLabel.setObjectName(u"titleLabel")

        self.inputsForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(self.inputs)
        self.title.setObjectName(u"title")

        self.inputsForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.title)

        self.videoLinkLabel = QLabel(self.inputs)
        self.videoLinkLabel.setObjectName(u"videoLinkLabel")

        self.inputsForm.setWidget(11, QFormLayout.ItemRole.LabelRole, self.videoLinkLabel)

        self.videoLink = QLineEdit(self.inputs)
        self.videoLink.setObjectName(u"videoLink")

        self.inputsForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.videoLink)


        self.body.addWidget(self.inputs)

        self.splitter = QSplitter(SlotFinderDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.gridBox = QWidget(self.splitter)
        self.gridBox.setObjectName(u"gridBox")
        self.gridLayout = QVBoxLayout(self.gridBox)
        self.gridLayout.setObjectName(u"gridLayout")
        self.gridLayout.setContentsMargins(0, 0, 0, 0)
        self.gridTitle = QLabel(self.gridBox)
        self.gridTitle.setObjectName(u"gridTitle")

        self.gridLayout.addWidget(self.gridTitle)

        self.grid = QTableView(self.gridBox)
        self.grid.setObjectName(u"grid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setShowGrid(False)

        self.gridLayout.addWidget(self.grid)

        self.splitter.addWidget(self.gridBox)
        self.side = QWidget(self.splitter)
        self.side.setObjectName(u"side")
        self.sideLayout = QVBoxLayout(self.side)
        self.sideLayout.setObjectName(u"sideLayout")
        self.sideLayout.setContentsMargins(0, 0, 0, 0)
        self.bestLabel = QLabel(self.side)
        self.bestLabel.setObjectName(u"bestLabel")
        self.bestLabel.setTextFormat(Qt.TextFormat.RichText)

        self.sideLayout.addWidget(self.bestLabel)

        self.suggestions = QTreeView(self.side)
        self.suggestions.setObjectName(u"suggestions")
        self.suggestions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions.setWordWrap(True)
        self.suggestions.setUniformRowHeights(False)

        self.sideLayout.addWidget(self.suggestions)

        self.reasons = QLabel(self.side)
        self.reasons.setObjectName(u"reasons")
        self.reasons.setVisible(False)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet(u"background:#f8f9fa; border:1px solid #dadce0; border-radius:6px; padding:6px;")

        self.sideLayout.addWidget(self.reasons)

        self.fairness = QLabel(self.side)
        self.fairness.setObjectName(u"fairness")
        self.fairness.setTextFormat(Qt.TextFormat.RichText)
        self.fairness.setWordWrap(True)

        self.sideLayout.addWidget(self.fairness)

        self.createButton = QPushButton(self.side)
        self.createButton.setObjectName(u"createButton")
        self.createButton.setEnabled(False)
        self.createButton.setAutoDefault(False)

        self.sideLayout.addWidget(self.createButton)

        self.splitter.addWidget(self.side)

        self.body.addWidget(self.splitter)

        self.body.setStretch(1, 1)

        self.dialogLayout.addLayout(self.body)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.status = QLabel(SlotFinderDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.bottom.addWidget(self.status)

        self.busyIndicator = QProgressBar(SlotFinderDialog)
        self.busyIndicator.setObjectName(u"busyIndicator")
        self.busyIndicator.setVisible(False)
        self.busyIndicator.setMaximumSize(QSize(160, 16777215))
        self.busyIndicator.setMaximum(0)
        self.busyIndicator.setTextVisible(False)

        self.bottom.addWidget(self.busyIndicator)

        self.closeButton = QPushButton(SlotFinderDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.bottom.addWidget(self.closeButton)

        self.bottom.setStretch(0, 1)

        self.dialogLayout.addLayout(self.bottom)

        self.dialogLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.hostLabel.setBuddy(self.host)
        self.durationLabel.setBuddy(self.duration)
        self.firstDayLabel.setBuddy(self.firstDay)
        self.lastDayLabel.setBuddy(self.lastDay)
        self.venueLabel.setBuddy(self.venue)
        self.repeatLabel.setBuddy(self.repeat)
        self.titleLabel.setBuddy(self.title)
        self.videoLinkLabel.setBuddy(self.videoLink)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filter, self.attendeeList)
        QWidget.setTabOrder(self.attendeeList, self.host)
        QWidget.setTabOrder(self.host, self.duration)
        QWidget.setTabOrder(self.duration, self.firstDay)
        QWidget.setTabOrder(self.firstDay, self.lastDay)
        QWidget.setTabOrder(self.lastDay, self.venue)
        QWidget.setTabOrder(self.venue, self.repeat)
        QWidget.setTabOrder(self.repeat, self.occurrences)
        QWidget.setTabOrder(self.occurrences, self.title)
        QWidget.setTabOrder(self.title, self.videoLink)
        QWidget.setTabOrder(self.videoLink, self.grid)
        QWidget.setTabOrder(self.grid, self.suggestions)
        QWidget.setTabOrder(self.suggestions, self.createButton)
        QWidget.setTabOrder(self.createButton, self.closeButton)

        self.retranslateUi(SlotFinderDialog)
    # setupUi

    def retranslateUi(self, SlotFinderDialog: Any) -> None:
        SlotFinderDialog.setWindowTitle(QCoreApplication.translate("SlotFinderDialog", u"Find a time", None))
        self.whoLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"<b>Who must attend</b>", None))
        self.filter.setPlaceholderText(QCoreApplication.translate("SlotFinderDialog", u"Filter delegations and people", None))
#if QT_CONFIG(tooltip)
        self.attendeeList.setToolTip(QCoreApplication.translate("SlotFinderDialog", u"Tick who must attend. The host is listed first: TDLC is always in the room, and untick it only to leave its hours out.", None))
#endif // QT_CONFIG(tooltip)
        self.hostLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"Hosted &by", None))
#if QT_CONFIG(tooltip)
        self.host.setToolTip(QCoreApplication.translate("SlotFinderDialog", u"Who runs the meeting and is in the room: TDLC in Tokyo, or a partner city's office. Its working hours count like a delegation's.", None))
#endif // QT_CONFIG(tooltip)
        self.durationLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"&Duration", None))
        self.duration.setSuffix(QCoreApplication.translate("SlotFinderDialog", u" min", None))
        self.firstDayLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"&From", None))
        self.firstDay.setDisplayFormat(QCoreApplication.translate("SlotFinderDialog", u"ddd d MMM yyyy", None))
        self.lastDayLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"&To", None))
        self.lastDay.setDisplayFormat(QCoreApplication.translate("SlotFinderDialog", u"ddd d MMM yyyy", None))
        self.venueLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"&Venue", None))
        self.repeatLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"&Repeat", None))
        self.occurrences.setSuffix(QCoreApplication.translate("SlotFinderDialog", u" meetings", None))
        self.eventLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"<b>The event</b>", None))
        self.titleLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"T&itle", None))
        self.title.setPlaceholderText(QCoreApplication.translate("SlotFinderDialog", u"Title of the meeting", None))
        self.videoLinkLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"Video &link", None))
        self.videoLink.setPlaceholderText(QCoreApplication.translate("SlotFinderDialog", u"https://\u2026 (for an online meeting)", None))
        self.gridTitle.setText(QCoreApplication.translate("SlotFinderDialog", u"Name at least one delegation or participant who must attend.", None))
        self.bestLabel.setText(QCoreApplication.translate("SlotFinderDialog", u"<b>Best times</b> (fewest points first)", None))
        self.createButton.setText(QCoreApplication.translate("SlotFinderDialog", u"Create the event", None))
        self.closeButton.setText(QCoreApplication.translate("SlotFinderDialog", u"Close", None))
    # retranslateUi

