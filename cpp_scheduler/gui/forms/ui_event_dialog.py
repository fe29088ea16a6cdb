# Generated from ui/event_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
    QFrame, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QTabWidget, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.local_time_choice import LocalTimeChoice
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.recurrence_editor import RecurrenceEditor
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.text_field import TextField
from cpp_scheduler.gui.widgets.wrapped_label import WrappedLabel
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker

class Ui_EventDialog(object):
    def setupUi(self, EventDialog: Any) -> None:
        if not EventDialog.objectName():
            EventDialog.setObjectName(u"EventDialog")
        EventDialog.setMinimumSize(QSize(720, 500))
        EventDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(EventDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headerForm = QFormLayout()
        self.headerForm.setObjectName(u"headerForm")
        self.headerForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.titleLabel = QLabel(EventDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(EventDialog)
        self.title.setObjectName(u"title")

        self.headerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.kindLabel = QLabel(EventDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.headerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindRow = QHBoxLayout()
        self.kindRow.setObjectName(u"kindRow")
        self.kind = QComboBox(EventDialog)
        self.kind.setObjectName(u"kind")

        self.kindRow.addWidget(self.kind)

        self.modeLabel = QLabel(EventDialog)
        self.modeLabel.setObjectName(u"modeLabel")

        self.kindRow.addWidget(self.modeLabel)

        self.mode = QComboBox(EventDialog)
        self.mode.setObjectName(u"mode")

        self.kindRow.addWidget(self.mode)

        self.statusLabel = QLabel(EventDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.kindRow.addWidget(self.statusLabel)

        self.status = QComboBox(EventDialog)
        self.status.setObjectName(u"status")

        self.kindRow.addWidget(self.status)

        self.kindRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.kindRow.addItem(self.kindRowSpacer)


        self.headerForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.kindRow)


        self.dialogLayout.addLayout(self.headerForm)

        self.tabs = QTabWidget(EventDialog)
        self.tabs.setObjectName(u"tabs")
        self.whenTab = QWidget()
        self.whenTab.setObjectName(u"whenTab")
        self.whenForm = QFormLayout(self.whenTab)
        self.whenForm.setObjectName(u"whenForm")
        self.whenForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.zoneLabel = QLabel(self.whenTab)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.whenForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zone = ZonePicker(self.whenTab)
        self.zone.setObjectName(u"zone")

        self.whenForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.zone)

        self.startLabel = QLabel(self.whenTab)
        self.startLabel.setObjectName(u"startLabel")

        self.whenForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.startLabel)

        self.startRow = QHBoxLayout()
        self.startRow.setObjectName(u"startRow")
        self.start = QDateTimeEdit(self.whenTab)
        self.start.setObjectName(u"start")
        self.start.setMinimumSize(QSize(200, 0))
        self.start.setCalendarPopup(True)

        self.startRow.addWidget(self.start)

        self.allDay = QCheckBox(self.whenTab)
        self.allDay.setObjectName(u"allDay")

        self.startRow.addWidget(self.allDay)

        self.tokyoTime = QLabel(self.whenTab)
        self.tokyoTime.setObjectName(u"tokyoTime")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.tokyoTime.sizePolicy().hasHeightForWidth())
        self.tokyoTime.setSizePolicy(sizePolicy)
        self.tokyoTime.setProperty(u"role", u"hint")

        self.startRow.addWidget(self.tokyoTime)

        self.findTime = QPushButton(self.whenTab)
        self.findTime.setObjectName(u"findTime")
        self.findTime.setAutoDefault(False)

        self.startRow.addWidget(self.findTime)


        self.whenForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.startRow)

        self.startChoice = LocalTimeChoice(self.whenTab)
        self.startChoice.setObjectName(u"startChoice")

        self.whenForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.startChoice)

        self.endLabel = QLabel(self.whenTab)
        self.endLabel.setObjectName(u"endLabel")

        self.whenForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.endLabel)

        self.endRow = QHBoxLayout()
        self.endRow.setObjectName(u"endRow")
        self.end = QDateTimeEdit(self.whenTab)
        self.end.setObjectName(u"end")
        self.end.setMinimumSize(QSize(200, 0))
        self.end.setCalendarPopup(True)

        self.endRow.addWidget(self.end)

        self.duration = QLabel(self.whenTab)
        self.duration.setObjectName(u"duration")
        sizePolicy.setHeightForWidth(self.duration.sizePolicy().hasHeightForWidth())
        self.duration.setSizePolicy(sizePolicy)
        self.duration.setProperty(u"role", u"hint")

        self.endRow.addWidget(self.duration)


        self.whenForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.endRow)

        self.endChoice = LocalTimeChoice(self.whenTab)
        self.endChoice.setObjectName(u"endChoice")

        self.whenForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.endChoice)

        self.attendeeTimesLabel = QLabel(self.whenTab)
        self.attendeeTimesLabel.setObjectName(u"attendeeTimesLabel")

        self.whenForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.attendeeTimesLabel)

        self.attendeeTimesArea = QScrollArea(self.whenTab)
        self.attendeeTimesArea.setObjectName(u"attendeeTimesArea")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.attendeeTimesArea.sizePolicy().hasHeightForWidth())
        self.attendeeTimesArea.setSizePolicy(sizePolicy1)
        self.attendeeTimesArea.setFrameShape(QFrame.Shape.NoFrame)
        self.attendeeTimesArea.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendeeTimesArea.setWidgetResizable(True)
        self.attendeeTimesPanel = QWidget()
        self.attendeeTimesPanel.setObjectName(u"attendeeTimesPanel")
        self.attendeeTimesLayout = QVBoxLayout(self.attendeeTimesPanel)
        self.attendeeTimesLayout.setObjectName(u"attendeeTimesLayout")
        self.attendeeTimesLayout.setContentsMargins(0, 0, 0, 0)
        self.attendeeTimes = WrappedLabel(self.attendeeTimesPanel)
        self.attendeeTimes.setObjectName(u"attendeeTimes")
        self.attendeeTimes.setProperty(u"role", u"hint")

        self.attendeeTimesLayout.addWidget(self.attendeeTimes)

        self.attendeeWarnings = WrappedLabel(self.attendeeTimesPanel)
        self.attendeeWarnings.setObjectName(u"attendeeWarnings")
        self.attendeeWarnings.setProperty(u"role", u"warning")

        self.attendeeTimesLayout.addWidget(self.attendeeWarnings)

        self.attendeeTimesEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.attendeeTimesLayout.addItem(self.attendeeTimesEnd)

        self.attendeeTimesArea.setWidget(self.attendeeTimesPanel)

        self.whenForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.attendeeTimesArea)

        self.tabs.addTab(self.whenTab, "")
        self.placeTab = QWidget()
        self.placeTab.setObjectName(u"placeTab")
        self.placeForm = QFormLayout(self.placeTab)
        self.placeForm.setObjectName(u"placeForm")
        self.placeForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.venueLabel = QLabel(self.placeTab)
        self.venueLabel.setObjectName(u"venueLabel")

        self.placeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.venueLabel)

        self.venue = SearchableComboBox(self.placeTab)
        self.venue.setObjectName(u"venue")

        self.placeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.venue)

        self.cityLabel = QLabel(self.placeTab)
        self.cityLabel.setObjectName(u"cityLabel")

        self.placeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.city = SearchableComboBox(self.placeTab)
        self.city.setObjectName(u"city")

        self.placeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.city)

        self.hostCityLabel = QLabel(self.placeTab)
        self.hostCityLabel.setObjectName(u"hostCityLabel")

        self.placeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.hostCityLabel)

        self.hostCity = SearchableComboBox(self.placeTab)
        self.hostCity.setObjectName(u"hostCity")

        self.placeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.hostCity)

        self.videoLinkLabel = QLabel(self.placeTab)
        self.videoLinkLabel.setObjectName(u"videoLinkLabel")

        self.placeForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.videoLinkLabel)

        self.videoLink = QLineEdit(self.placeTab)
        self.videoLink.setObjectName(u"videoLink")
        self.videoLink.setPlaceholderText(u"https://worldbankgroup.zoom.us/j/\u2026")

        self.placeForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.videoLink)

        self.organiserLabel = QLabel(self.placeTab)
        self.organiserLabel.setObjectName(u"organiserLabel")

        self.placeForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.organiserLabel)

        self.organiser = SearchableComboBox(self.placeTab)
        self.organiser.setObjectName(u"organiser")

        self.placeForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.organiser)

        self.parentLabel = QLabel(self.placeTab)
        self.parentLabel.setObjectName(u"parentLabel")

        self.placeForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.parentLabel)

        self.parent = SearchableComboBox(self.placeTab)
        self.parent.setObjectName(u"parent")

        self.placeForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.parent)

        self.tabs.addTab(self.placeTab, "")
        self.attendeesTab = QWidget()
        self.attendeesTab.setObjectName(u"attendeesTab")
        self.attendeesGrid = QGridLayout(self.attendeesTab)
        self.attendeesGrid.setObjectName(u"attendeesGrid")
        self.delegationsLabel = QLabel(self.attendeesTab)
        self.delegationsLabel.setObjectName(u"delegationsLabel")

        self.attendeesGrid.addWidget(self.delegationsLabel, 0, 0, 1, 1)

        self.participantsLabel = QLabel(self.attendeesTab)
        self.participantsLabel.setObjectName(u"participantsLabel")

        self.attendeesGrid.addWidget(self.participantsLabel, 0, 1, 1, 1)

        self.delegations = MultiSelectList(self.attendeesTab)
        self.delegations.setObjectName(u"delegations")
        sizePolicy2 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy2.setHorizontalStretch(1)
        sizePolicy2.setVerticalStretch(1)
        sizePolicy2.setHeightForWidth(self.delegations.sizePolicy().hasHeightForWidth())
        self.delegations.setSizePolicy(sizePolicy2)

        self.attendeesGrid.addWidget(self.delegations, 1, 0, 1, 1)

        self.participants = MultiSelectList(self.attendeesTab)
        self.participants.setObjectName(u"participants")
        sizePolicy2.setHeightForWidth(self.participants.sizePolicy().hasHeightForWidth())
        self.participants.setSizePolicy(sizePolicy2)

        self.attendeesGrid.addWidget(self.participants, 1, 1, 1, 1)

        self.tabs.addTab(self.attendeesTab, "")
        self.themesTab = QWidget()
        self.themesTab.setObjectName(u"themesTab")
        self.themesLayout = QVBoxLayout(self.themesTab)
        self.themesLayout.setObjectName(u"themesLayout")
        self.themesLabel = QLabel(self.themesTab)
        self.themesLabel.setObjectName(u"themesLabel")

        self.themesLayout.addWidget(self.themesLabel)

        self.themes = MultiSelectList(self.themesTab)
        self.themes.setObjectName(u"themes")
        sizePolicy3 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy3.setHorizontalStretch(0)
        sizePolicy3.setVerticalStretch(1)
        sizePolicy3.setHeightForWidth(self.themes.sizePolicy().hasHeightForWidth())
        self.themes.setSizePolicy(sizePolicy3)

        self.themesLayout.addWidget(self.themes)

        self.tabs.addTab(self.themesTab, "")
        self.seriesTab = QWidget()
        self.seriesTab.setObjectName(u"seriesTab")
        self.seriesTabLayout = QVBoxLayout(self.seriesTab)
        self.seriesTabLayout.setObjectName(u"seriesTabLayout")
        self.seriesTabLayout.setContentsMargins(0, 0, 0, 0)
        self.seriesArea = QScrollArea(self.seriesTab)
        self.seriesArea.setObjectName(u"seriesArea")
        self.seriesArea.setFrameShape(QFrame.Shape.NoFrame)
        self.seriesArea.setWidgetResizable(True)
        self.seriesPage = QWidget()
        self.seriesPage.setObjectName(u"seriesPage")
        self.seriesLayout = QVBoxLayout(self.seriesPage)
        self.seriesLayout.setObjectName(u"seriesLayout")
        self.recurrence = RecurrenceEditor(self.seriesPage)
        self.recurrence.setObjectName(u"recurrence")

        self.seriesLayout.addWidget(self.recurrence)

        self.seriesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.seriesLayout.addItem(self.seriesSpacer)

        self.seriesArea.setWidget(self.seriesPage)

        self.seriesTabLayout.addWidget(self.seriesArea)

        self.tabs.addTab(self.seriesTab, "")
        self.agendaTab = QWidget()
        self.agendaTab.setObjectName(u"agendaTab")
        self.agendaForm = QFormLayout(self.agendaTab)
        self.agendaForm.setObjectName(u"agendaForm")
        self.agendaForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.agendaForm.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.descriptionLabel = QLabel(self.agendaTab)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.agendaForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.description = TextField(self.agendaTab)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)

        self.agendaForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.description)

        self.notesLabel = QLabel(self.agendaTab)
        self.notesLabel.setObjectName(u"notesLabel")

        self.agendaForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = TextField(self.agendaTab)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.agendaForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.notes)

        self.tabs.addTab(self.agendaTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.problemSummary = QLabel(EventDialog)
        self.problemSummary.setObjectName(u"problemSummary")
        self.problemSummary.setWordWrap(True)

        self.dialogLayout.addWidget(self.problemSummary)

        self.buttons = QDialogButtonBox(EventDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.title)
        self.kindLabel.setBuddy(self.kind)
        self.modeLabel.setBuddy(self.mode)
        self.statusLabel.setBuddy(self.status)
        self.zoneLabel.setBuddy(self.zone)
        self.startLabel.setBuddy(self.start)
        self.endLabel.setBuddy(self.end)
        self.venueLabel.setBuddy(self.venue)
        self.cityLabel.setBuddy(self.city)
        self.hostCityLabel.setBuddy(self.hostCity)
        self.videoLinkLabel.setBuddy(self.videoLink)
        self.organiserLabel.setBuddy(self.organiser)
        self.parentLabel.setBuddy(self.parent)
        self.delegationsLabel.setBuddy(self.delegations)
        self.participantsLabel.setBuddy(self.participants)
        self.themesLabel.setBuddy(self.themes)
        self.descriptionLabel.setBuddy(self.description)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.title, self.kind)
        QWidget.setTabOrder(self.kind, self.mode)
        QWidget.setTabOrder(self.mode, self.status)
        QWidget.setTabOrder(self.status, self.tabs)
        QWidget.setTabOrder(self.tabs, self.zone)
        QWidget.setTabOrder(self.zone, self.start)
        QWidget.setTabOrder(self.start, self.allDay)
        QWidget.setTabOrder(self.allDay, self.findTime)
        QWidget.setTabOrder(self.findTime, self.startChoice)
        QWidget.setTabOrder(self.startChoice, self.end)
        QWidget.setTabOrder(self.end, self.endChoice)
        QWidget.setTabOrder(self.endChoice, self.venue)
        QWidget.setTabOrder(self.venue, self.city)
        QWidget.setTabOrder(self.city, self.hostCity)
        QWidget.setTabOrder(self.hostCity, self.videoLink)
        QWidget.setTabOrder(self.videoLink, self.organiser)
        QWidget.setTabOrder(self.organiser, self.parent)
        QWidget.setTabOrder(self.parent, self.delegations)
        QWidget.setTabOrder(self.delegations, self.participants)
        QWidget.setTabOrder(self.participants, self.themes)
        QWidget.setTabOrder(self.themes, self.recurrence)
        QWidget.setTabOrder(self.recurrence, self.description)
        QWidget.setTabOrder(self.description, self.notes)
        QWidget.setTabOrder(self.notes, self.buttons)

        self.retranslateUi(EventDialog)
        self.buttons.accepted.connect(EventDialog.accept)
        self.buttons.rejected.connect(EventDialog.reject)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, EventDialog: Any) -> None:
        EventDialog.setWindowTitle(QCoreApplication.translate("EventDialog", u"Event", None))
        self.titleLabel.setText(QCoreApplication.translate("EventDialog", u"&Title", None))
        self.title.setPlaceholderText(QCoreApplication.translate("EventDialog", u"Disaster-risk peer-to-peer workshop with Kobe", None))
        self.kindLabel.setText(QCoreApplication.translate("EventDialog", u"&Kind", None))
        self.modeLabel.setText(QCoreApplication.translate("EventDialog", u"&Mode", None))
        self.statusLabel.setText(QCoreApplication.translate("EventDialog", u"Stat&us", None))
        self.zoneLabel.setText(QCoreApplication.translate("EventDialog", u"Time &zone", None))
#if QT_CONFIG(tooltip)
        self.zone.setToolTip(QCoreApplication.translate("EventDialog", u"The zone the event is planned in: its clock time stays put when other countries change their clocks.", None))
#endif // QT_CONFIG(tooltip)
        self.startLabel.setText(QCoreApplication.translate("EventDialog", u"&Starts", None))
        self.start.setDisplayFormat(QCoreApplication.translate("EventDialog", u"ddd d MMM yyyy  HH:mm", None))
#if QT_CONFIG(tooltip)
        self.allDay.setToolTip(QCoreApplication.translate("EventDialog", u"An event of whole days (an office closure, an arrival day, a conference day block): dates, not hours, on every attendee's calendar", None))
#endif // QT_CONFIG(tooltip)
        self.allDay.setText(QCoreApplication.translate("EventDialog", u"All da&y", None))
#if QT_CONFIG(tooltip)
        self.findTime.setToolTip(QCoreApplication.translate("EventDialog", u"Open the slot finder with this event's attendees, host and length; the time chosen there comes back here", None))
#endif // QT_CONFIG(tooltip)
        self.findTime.setText(QCoreApplication.translate("EventDialog", u"&Find a time\u2026", None))
        self.endLabel.setText(QCoreApplication.translate("EventDialog", u"E&nds", None))
        self.end.setDisplayFormat(QCoreApplication.translate("EventDialog", u"ddd d MMM yyyy  HH:mm", None))
        self.attendeeTimesLabel.setText(QCoreApplication.translate("EventDialog", u"Local times", None))
#if QT_CONFIG(tooltip)
        self.attendeeTimes.setToolTip(QCoreApplication.translate("EventDialog", u"Each attendee's clock, then Tokyo and Washington, as the Local times dock shows the saved event", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.whenTab), QCoreApplication.translate("EventDialog", u"&When", None))
        self.venueLabel.setText(QCoreApplication.translate("EventDialog", u"&Venue", None))
        self.cityLabel.setText(QCoreApplication.translate("EventDialog", u"Partner &city", None))
        self.hostCityLabel.setText(QCoreApplication.translate("EventDialog", u"Hosted &by", None))
#if QT_CONFIG(tooltip)
        self.hostCity.setToolTip(QCoreApplication.translate("EventDialog", u"Who runs the event and is in the room for it: TDLC in Tokyo, or a partner city's office (a session run from Kobe). The host's working hours count when a time is sought.", None))
#endif // QT_CONFIG(tooltip)
        self.videoLinkLabel.setText(QCoreApplication.translate("EventDialog", u"V&ideo link", None))
        self.organiserLabel.setText(QCoreApplication.translate("EventDialog", u"&Organiser", None))
        self.parentLabel.setText(QCoreApplication.translate("EventDialog", u"Session of &conference", None))
        self.tabs.setTabText(self.tabs.indexOf(self.placeTab), QCoreApplication.translate("EventDialog", u"&Place and people", None))
        self.delegationsLabel.setText(QCoreApplication.translate("EventDialog", u"&Delegations", None))
        self.participantsLabel.setText(QCoreApplication.translate("EventDialog", u"Pa&rticipants", None))
        self.tabs.setTabText(self.tabs.indexOf(self.attendeesTab), QCoreApplication.translate("EventDialog", u"&Attendees", None))
        self.themesLabel.setText(QCoreApplication.translate("EventDialog", u"Thematic areas the event &covers", None))
        self.tabs.setTabText(self.tabs.indexOf(self.themesTab), QCoreApplication.translate("EventDialog", u"T&hemes", None))
        self.tabs.setTabText(self.tabs.indexOf(self.seriesTab), QCoreApplication.translate("EventDialog", u"Ser&ies", None))
        self.descriptionLabel.setText(QCoreApplication.translate("EventDialog", u"Descri&ption and agenda (sent to participants)", None))
        self.notesLabel.setText(QCoreApplication.translate("EventDialog", u"Coordinator's &notes (never sent)", None))
        self.tabs.setTabText(self.tabs.indexOf(self.agendaTab), QCoreApplication.translate("EventDialog", u"A&genda and notes", None))
    # retranslateUi

