# Generated from ui/venue_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.text_field import TextField
from cpp_scheduler.gui.widgets.time_range import TimeRangeEdit
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker

class Ui_VenueDialog(object):
    def setupUi(self, VenueDialog: Any) -> None:
        if not VenueDialog.objectName():
            VenueDialog.setObjectName(u"VenueDialog")
        VenueDialog.setMinimumSize(QSize(560, 0))
        VenueDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(VenueDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(VenueDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(VenueDialog)
        self.name.setObjectName(u"name")
        self.name.setPlaceholderText(u"Kobe City Hall, Conference Room 1")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.nameJaLabel = QLabel(VenueDialog)
        self.nameJaLabel.setObjectName(u"nameJaLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameJaLabel)

        self.nameJa = QLineEdit(VenueDialog)
        self.nameJa.setObjectName(u"nameJa")
        self.nameJa.setPlaceholderText(u"\u795e\u6238\u5e02\u5f79\u6240 \u7b2c1\u4f1a\u8b70\u5ba4")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameJa)

        self.localityLabel = QLabel(VenueDialog)
        self.localityLabel.setObjectName(u"localityLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.localityLabel)

        self.locality = QComboBox(VenueDialog)
        self.locality.setObjectName(u"locality")
        self.locality.setEditable(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.locality)

        self.cityLabel = QLabel(VenueDialog)
        self.cityLabel.setObjectName(u"cityLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.city = SearchableComboBox(VenueDialog)
        self.city.setObjectName(u"city")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.city)

        self.addressLabel = QLabel(VenueDialog)
        self.addressLabel.setObjectName(u"addressLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.address = TextField(VenueDialog)
        self.address.setObjectName(u"address")
        self.address.setTabChangesFocus(True)
        self.address.setMaximumSize(QSize(16777215, 64))

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.address)

        self.capacityLabel = QLabel(VenueDialog)
        self.capacityLabel.setObjectName(u"capacityLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.capacityLabel)

        self.capacity = QSpinBox(VenueDialog)
        self.capacity.setObjectName(u"capacity")
        self.capacity.setMinimum(1)
        self.capacity.setMaximum(5000)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.capacity)

        self.openingHoursLabel = QLabel(VenueDialog)
        self.openingHoursLabel.setObjectName(u"openingHoursLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.openingHoursLabel)

        self.openingHours = TimeRangeEdit(VenueDialog)
        self.openingHours.setObjectName(u"openingHours")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.openingHours)

        self.zoneLabel = QLabel(VenueDialog)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zone = ZonePicker(VenueDialog)
        self.zone.setObjectName(u"zone")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.zone)

        self.videoconferenceLabel = QLabel(VenueDialog)
        self.videoconferenceLabel.setObjectName(u"videoconferenceLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.videoconferenceLabel)

        self.equipmentRow = QHBoxLayout()
        self.equipmentRow.setObjectName(u"equipmentRow")
        self.videoconference = QCheckBox(VenueDialog)
        self.videoconference.setObjectName(u"videoconference")

        self.equipmentRow.addWidget(self.videoconference)

        self.boothsLabel = QLabel(VenueDialog)
        self.boothsLabel.setObjectName(u"boothsLabel")

        self.equipmentRow.addWidget(self.boothsLabel)

        self.booths = QSpinBox(VenueDialog)
        self.booths.setObjectName(u"booths")
        self.booths.setMaximum(20)

        self.equipmentRow.addWidget(self.booths)

        self.equipmentRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.equipmentRow.addItem(self.equipmentRowSpacer)


        self.form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.equipmentRow)

        self.latitudeLabel = QLabel(VenueDialog)
        self.latitudeLabel.setObjectName(u"latitudeLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.latitudeLabel)

        self.coordinatesRow = QHBoxLayout()
        self.coordinatesRow.setObjectName(u"coordinatesRow")
        self.latitude = QLineEdit(VenueDialog)
        self.latitude.setObjectName(u"latitude")

        self.coordinatesRow.addWidget(self.latitude)

        self.longitude = QLineEdit(VenueDialog)
        self.longitude.setObjectName(u"longitude")

        self.coordinatesRow.addWidget(self.longitude)


        self.form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.coordinatesRow)

        self.notesLabel = QLabel(VenueDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notes = TextField(VenueDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.notes)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(VenueDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.nameJaLabel.setBuddy(self.nameJa)
        self.localityLabel.setBuddy(self.locality)
        self.cityLabel.setBuddy(self.city)
        self.addressLabel.setBuddy(self.address)
        self.capacityLabel.setBuddy(self.capacity)
        self.openingHoursLabel.setBuddy(self.openingHours)
        self.zoneLabel.setBuddy(self.zone)
        self.videoconferenceLabel.setBuddy(self.videoconference)
        self.boothsLabel.setBuddy(self.booths)
        self.latitudeLabel.setBuddy(self.latitude)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.nameJa)
        QWidget.setTabOrder(self.nameJa, self.locality)
        QWidget.setTabOrder(self.locality, self.city)
        QWidget.setTabOrder(self.city, self.address)
        QWidget.setTabOrder(self.address, self.capacity)
        QWidget.setTabOrder(self.capacity, self.openingHours)
        QWidget.setTabOrder(self.openingHours, self.zone)
        QWidget.setTabOrder(self.zone, self.videoconference)
        QWidget.setTabOrder(self.videoconference, self.booths)
        QWidget.setTabOrder(self.booths, self.latitude)
        QWidget.setTabOrder(self.latitude, self.longitude)
        QWidget.setTabOrder(self.longitude, self.notes)
        QWidget.setTabOrder(self.notes, self.buttons)

        self.retranslateUi(VenueDialog)
        self.buttons.accepted.connect(VenueDialog.accept)
        self.buttons.rejected.connect(VenueDialog.reject)
    # setupUi

    def retranslateUi(self, VenueDialog: Any) -> None:
        VenueDialog.setWindowTitle(QCoreApplication.translate("VenueDialog", u"Venue", None))
        self.nameLabel.setText(QCoreApplication.translate("VenueDialog", u"&Name", None))
        self.nameJaLabel.setText(QCoreApplication.translate("VenueDialog", u"Name in &Japanese", None))
        self.localityLabel.setText(QCoreApplication.translate("VenueDialog", u"&Locality", None))
        self.cityLabel.setText(QCoreApplication.translate("VenueDialog", u"Partner &city", None))
        self.addressLabel.setText(QCoreApplication.translate("VenueDialog", u"&Address", None))
        self.capacityLabel.setText(QCoreApplication.translate("VenueDialog", u"Ca&pacity", None))
        self.capacity.setSuffix(QCoreApplication.translate("VenueDialog", u" people", None))
        self.openingHoursLabel.setText(QCoreApplication.translate("VenueDialog", u"&Opening hours", None))
        self.zoneLabel.setText(QCoreApplication.translate("VenueDialog", u"Time &zone", None))
        self.videoconferenceLabel.setText(QCoreApplication.translate("VenueDialog", u"Equipment", None))
        self.videoconference.setText(QCoreApplication.translate("VenueDialog", u"&Videoconference equipment", None))
        self.boothsLabel.setText(QCoreApplication.translate("VenueDialog", u"Interpretation &booths", None))
        self.latitudeLabel.setText(QCoreApplication.translate("VenueDialog", u"Coordinates", None))
        self.latitude.setPlaceholderText(QCoreApplication.translate("VenueDialog", u"latitude, e.g. 35.6706", None))
        self.longitude.setPlaceholderText(QCoreApplication.translate("VenueDialog", u"longitude, e.g. 139.7570", None))
        self.notesLabel.setText(QCoreApplication.translate("VenueDialog", u"No&tes", None))
    # retranslateUi

