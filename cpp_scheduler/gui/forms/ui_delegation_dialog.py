# Generated from ui/delegation_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.optional_date import OptionalDateEdit
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.text_field import TextField
from cpp_scheduler.gui.widgets.time_range import TimeRangeEdit
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker

class Ui_DelegationDialog(object):
    def setupUi(self, DelegationDialog: Any) -> None:
        if not DelegationDialog.objectName():
            DelegationDialog.setObjectName(u"DelegationDialog")
        DelegationDialog.setMinimumSize(QSize(760, 0))
        DelegationDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(DelegationDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.detailsForm = QFormLayout()
        self.detailsForm.setObjectName(u"detailsForm")
        self.detailsForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(DelegationDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.detailsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(DelegationDialog)
        self.name.setObjectName(u"name")

        self.detailsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.countryLabel = QLabel(DelegationDialog)
        self.countryLabel.setObjectName(u"countryLabel")

        self.detailsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.countryLabel)

        self.country = SearchableComboBox(DelegationDialog)
        self.country.setObjectName(u"country")

        self.detailsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.country)

        self.zoneLabel = QLabel(DelegationDialog)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.detailsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zone = ZonePicker(DelegationDialog)
        self.zone.setObjectName(u"zone")

        self.detailsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.zone)

        self.homeCityLabel = QLabel(DelegationDialog)
        self.homeCityLabel.setObjectName(u"homeCityLabel")

        self.detailsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.homeCityLabel)

        self.homeCity = QLineEdit(DelegationDialog)
        self.homeCity.setObjectName(u"homeCity")

        self.detailsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.homeCity)

        self.workHoursLabel = QLabel(DelegationDialog)
        self.workHoursLabel.setObjectName(u"workHoursLabel")

        self.detailsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.workHoursLabel)

        self.workHours = TimeRangeEdit(DelegationDialog)
        self.workHours.setObjectName(u"workHours")

        self.detailsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.workHours)

        self.acceptableHoursLabel = QLabel(DelegationDialog)
        self.acceptableHoursLabel.setObjectName(u"acceptableHoursLabel")

        self.detailsForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.acceptableHoursLabel)

        self.acceptableHours = TimeRangeEdit(DelegationDialog)
        self.acceptableHours.setObjectName(u"acceptableHours")

        self.detailsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.acceptableHours)

        self.arrivalLabel = QLabel(DelegationDialog)
        self.arrivalLabel.setObjectName(u"arrivalLabel")

        self.detailsForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.arrivalLabel)

        self.arrival = OptionalDateEdit(DelegationDialog)
        self.arrival.setObjectName(u"arrival")

        self.detailsForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.arrival)

        self.departureLabel = QLabel(DelegationDialog)
        self.departureLabel.setObjectName(u"departureLabel")

        self.detailsForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.departureLabel)

        self.departure = OptionalDateEdit(DelegationDialog)
        self.departure.setObjectName(u"departure")

        self.detailsForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.departure)

        self.languagesLabel = QLabel(DelegationDialog)
        self.languagesLabel.setObjectName(u"languagesLabel")

        self.detailsForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.languagesLabel)

        self.languages = QLineEdit(DelegationDialog)
        self.languages.setObjectName(u"languages")

        self.detailsForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.languages)

        self.interpretationLabel = QLabel(DelegationDialog)
        self.interpretationLabel.setObjectName(u"interpretationLabel")

        self.detailsForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.interpretationLabel)

        self.interpretation = QLineEdit(DelegationDialog)
        self.interpretation.setObjectName(u"interpretation")

        self.detailsForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.interpretation)

        self.notesLabel = QLabel(DelegationDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.detailsForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = TextField(DelegationDialog)
        self.notes.setObjectName(u"notes")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.notes.sizePolicy().hasHeightForWidth())
        self.notes.setSizePolicy(sizePolicy)
        self.notes.setTabChangesFocus(True)

        self.detailsForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.notes)


        self.columns.addLayout(self.detailsForm)

        self.membersBox = QGroupBox(DelegationDialog)
        self.membersBox.setObjectName(u"membersBox")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.membersBox.sizePolicy().hasHeightForWidth())
        self.membersBox.setSizePolicy(sizePolicy1)
        self.membersLayout = QVBoxLayout(self.membersBox)
        self.membersLayout.setObjectName(u"membersLayout")
        self.members = QListWidget(self.membersBox)
        self.members.setObjectName(u"members")
        self.members.setMinimumSize(QSize(240, 0))
        self.members.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.membersLayout.addWidget(self.members)

        self.membersNote = QLabel(self.membersBox)
        self.membersNote.setObjectName(u"membersNote")
        self.membersNote.setWordWrap(True)
        self.membersNote.setProperty(u"role", u"hint")

        self.membersLayout.addWidget(self.membersNote)


        self.columns.addWidget(self.membersBox)

        self.columns.setStretch(0, 3)
        self.columns.setStretch(1, 2)

        self.dialogLayout.addLayout(self.columns)

        self.buttons = QDialogButtonBox(DelegationDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.countryLabel.setBuddy(self.country)
        self.zoneLabel.setBuddy(self.zone)
        self.homeCityLabel.setBuddy(self.homeCity)
        self.workHoursLabel.setBuddy(self.workHours)
        self.acceptableHoursLabel.setBuddy(self.acceptableHours)
        self.arrivalLabel.setBuddy(self.arrival)
        self.departureLabel.setBuddy(self.departure)
        self.languagesLabel.setBuddy(self.languages)
        self.interpretationLabel.setBuddy(self.interpretation)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.country)
        QWidget.setTabOrder(self.country, self.zone)
        QWidget.setTabOrder(self.zone, self.homeCity)
        QWidget.setTabOrder(self.homeCity, self.workHours)
        QWidget.setTabOrder(self.workHours, self.acceptableHours)
        QWidget.setTabOrder(self.acceptableHours, self.arrival)
        QWidget.setTabOrder(self.arrival, self.departure)
        QWidget.setTabOrder(self.departure, self.languages)
        QWidget.setTabOrder(self.languages, self.interpretation)
        QWidget.setTabOrder(self.interpretation, self.notes)
        QWidget.setTabOrder(self.notes, self.members)
        QWidget.setTabOrder(self.members, self.buttons)

        self.retranslateUi(DelegationDialog)
        self.buttons.accepted.connect(DelegationDialog.accept)
        self.buttons.rejected.connect(DelegationDialog.reject)
    # setupUi

    def retranslateUi(self, DelegationDialog: Any) -> None:
        DelegationDialog.setWindowTitle(QCoreApplication.translate("DelegationDialog", u"Delegation", None))
        self.nameLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Name", None))
        self.name.setPlaceholderText(QCoreApplication.translate("DelegationDialog", u"Lima housing ministry", None))
        self.countryLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Country", None))
        self.zoneLabel.setText(QCoreApplication.translate("DelegationDialog", u"Time &zone", None))
        self.homeCityLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Home city", None))
        self.homeCity.setPlaceholderText(QCoreApplication.translate("DelegationDialog", u"Lima", None))
        self.workHoursLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Working hours", None))
        self.acceptableHoursLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Acceptable hours", None))
#if QT_CONFIG(tooltip)
        self.acceptableHours.setToolTip(QCoreApplication.translate("DelegationDialog", u"The widest hours the delegation can join a videoconference from home, early or late.", None))
#endif // QT_CONFIG(tooltip)
        self.arrivalLabel.setText(QCoreApplication.translate("DelegationDialog", u"A&rrives in Japan", None))
        self.departureLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Leaves Japan", None))
        self.languagesLabel.setText(QCoreApplication.translate("DelegationDialog", u"Lan&guages", None))
        self.languages.setPlaceholderText(QCoreApplication.translate("DelegationDialog", u"Spanish, English (separated by commas)", None))
        self.interpretationLabel.setText(QCoreApplication.translate("DelegationDialog", u"&Interpretation", None))
        self.interpretation.setPlaceholderText(QCoreApplication.translate("DelegationDialog", u"Spanish\u2013Japanese consecutive", None))
        self.notesLabel.setText(QCoreApplication.translate("DelegationDialog", u"N&otes", None))
        self.membersBox.setTitle(QCoreApplication.translate("DelegationDialog", u"&Members", None))
        self.membersNote.setText(QCoreApplication.translate("DelegationDialog", u"Membership is set in each participant's editor.", None))
    # retranslateUi

