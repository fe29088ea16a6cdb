# Generated from ui/partner_city_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.optional_date import OptionalDateEdit
from cpp_scheduler.gui.widgets.text_field import TextField
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker

class Ui_PartnerCityDialog(object):
    def setupUi(self, PartnerCityDialog: Any) -> None:
        if not PartnerCityDialog.objectName():
            PartnerCityDialog.setObjectName(u"PartnerCityDialog")
        PartnerCityDialog.setMinimumSize(QSize(820, 0))
        PartnerCityDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(PartnerCityDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(PartnerCityDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(PartnerCityDialog)
        self.name.setObjectName(u"name")
        self.name.setPlaceholderText(u"Kobe")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.nameJaLabel = QLabel(PartnerCityDialog)
        self.nameJaLabel.setObjectName(u"nameJaLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameJaLabel)

        self.nameJa = QLineEdit(PartnerCityDialog)
        self.nameJa.setObjectName(u"nameJa")
        self.nameJa.setPlaceholderText(u"\u795e\u6238\u5e02")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameJa)

        self.prefectureLabel = QLabel(PartnerCityDialog)
        self.prefectureLabel.setObjectName(u"prefectureLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.prefectureLabel)

        self.prefecture = QLineEdit(PartnerCityDialog)
        self.prefecture.setObjectName(u"prefecture")
        self.prefecture.setPlaceholderText(u"Hyogo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.prefecture)

        self.prefectureJaLabel = QLabel(PartnerCityDialog)
        self.prefectureJaLabel.setObjectName(u"prefectureJaLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.prefectureJaLabel)

        self.prefectureJa = QLineEdit(PartnerCityDialog)
        self.prefectureJa.setObjectName(u"prefectureJa")
        self.prefectureJa.setPlaceholderText(u"\u5175\u5eab\u770c")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.prefectureJa)

        self.mouDateLabel = QLabel(PartnerCityDialog)
        self.mouDateLabel.setObjectName(u"mouDateLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.mouDateLabel)

        self.mouDate = OptionalDateEdit(PartnerCityDialog)
        self.mouDate.setObjectName(u"mouDate")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.mouDate)

        self.selectionRoundLabel = QLabel(PartnerCityDialog)
        self.selectionRoundLabel.setObjectName(u"selectionRoundLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.selectionRoundLabel)

        self.selectionRound = QSpinBox(PartnerCityDialog)
        self.selectionRound.setObjectName(u"selectionRound")
        self.selectionRound.setMinimum(1)
        self.selectionRound.setMaximum(50)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.selectionRound)

        self.signatureLabel = QLabel(PartnerCityDialog)
        self.signatureLabel.setObjectName(u"signatureLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.signatureLabel)

        self.signature = TextField(PartnerCityDialog)
        self.signature.setObjectName(u"signature")
        self.signature.setTabChangesFocus(True)
        self.signature.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.signature)

        self.contactNameLabel = QLabel(PartnerCityDialog)
        self.contactNameLabel.setObjectName(u"contactNameLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.contactNameLabel)

        self.contactName = QLineEdit(PartnerCityDialog)
        self.contactName.setObjectName(u"contactName")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.contactName)

        self.contactEmailLabel = QLabel(PartnerCityDialog)
        self.contactEmailLabel.setObjectName(u"contactEmailLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.contactEmailLabel)

        self.contactEmail = QLineEdit(PartnerCityDialog)
        self.contactEmail.setObjectName(u"contactEmail")
        self.contactEmail.setPlaceholderText(u"name@city.example.jp")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.contactEmail)

        self.zoneLabel = QLabel(PartnerCityDialog)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zone = ZonePicker(PartnerCityDialog)
        self.zone.setObjectName(u"zone")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.zone)

        self.latitudeLabel = QLabel(PartnerCityDialog)
        self.latitudeLabel.setObjectName(u"latitudeLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.latitudeLabel)

        self.coordinatesRow = QHBoxLayout()
        self.coordinatesRow.setObjectName(u"coordinatesRow")
        self.latitude = QLineEdit(PartnerCityDialog)
        self.latitude.setObjectName(u"latitude")

        self.coordinatesRow.addWidget(self.latitude)

        self.longitude = QLineEdit(PartnerCityDialog)
        self.longitude.setObjectName(u"longitude")

        self.coordinatesRow.addWidget(self.longitude)


        self.form.setLayout(10, QFormLayout.ItemRole.FieldRole, self.coordinatesRow)


        self.columns.addLayout(self.form)

        self.themesColumn = QVBoxLayout()
        self.themesColumn.setObjectName(u"themesColumn")
        self.themesLabel = QLabel(PartnerCityDialog)
        self.themesLabel.setObjectName(u"themesLabel")

        self.themesColumn.addWidget(self.themesLabel)

        self.themes = MultiSelectList(PartnerCityDialog)
        self.themes.setObjectName(u"themes")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.themes.sizePolicy().hasHeightForWidth())
        self.themes.setSizePolicy(sizePolicy)

        self.themesColumn.addWidget(self.themes)


        self.columns.addLayout(self.themesColumn)

        self.columns.setStretch(0, 3)
        self.columns.setStretch(1, 2)

        self.dialogLayout.addLayout(self.columns)

        self.buttons = QDialogButtonBox(PartnerCityDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.nameJaLabel.setBuddy(self.nameJa)
        self.prefectureLabel.setBuddy(self.prefecture)
        self.prefectureJaLabel.setBuddy(self.prefectureJa)
        self.mouDateLabel.setBuddy(self.mouDate)
        self.selectionRoundLabel.setBuddy(self.selectionRound)
        self.signatureLabel.setBuddy(self.signature)
        self.contactNameLabel.setBuddy(self.contactName)
        self.contactEmailLabel.setBuddy(self.contactEmail)
        self.zoneLabel.setBuddy(self.zone)
        self.latitudeLabel.setBuddy(self.latitude)
        self.themesLabel.setBuddy(self.themes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.nameJa)
        QWidget.setTabOrder(self.nameJa, self.prefecture)
        QWidget.setTabOrder(self.prefecture, self.prefectureJa)
        QWidget.setTabOrder(self.prefectureJa, self.mouDate)
        QWidget.setTabOrder(self.mouDate, self.selectionRound)
        QWidget.setTabOrder(self.selectionRound, self.signature)
        QWidget.setTabOrder(self.signature, self.contactName)
        QWidget.setTabOrder(self.contactName, self.contactEmail)
        QWidget.setTabOrder(self.contactEmail, self.zone)
        QWidget.setTabOrder(self.zone, self.latitude)
        QWidget.setTabOrder(self.latitude, self.longitude)
        QWidget.setTabOrder(self.longitude, self.themes)
        QWidget.setTabOrder(self.themes, self.buttons)

        self.retranslateUi(PartnerCityDialog)
        self.buttons.accepted.connect(PartnerCityDialog.accept)
        self.buttons.rejected.connect(PartnerCityDialog.reject)
    # setupUi

    def retranslateUi(self, PartnerCityDialog: Any) -> None:
        PartnerCityDialog.setWindowTitle(QCoreApplication.translate("PartnerCityDialog", u"Partner city", None))
        self.nameLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"&Name", None))
        self.nameJaLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Name in &Japanese", None))
        self.prefectureLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"&Prefecture", None))
        self.prefectureJaLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Prefecture &in Japanese", None))
        self.mouDateLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"&MoU signed", None))
        self.selectionRoundLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Selection &round", None))
        self.signatureLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"&Signature experience", None))
        self.contactNameLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"&Contact", None))
        self.contactName.setPlaceholderText(QCoreApplication.translate("PartnerCityDialog", u"International Affairs Division", None))
        self.contactEmailLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Contact &email", None))
        self.zoneLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Time &zone", None))
        self.latitudeLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"Coordinates", None))
        self.latitude.setPlaceholderText(QCoreApplication.translate("PartnerCityDialog", u"latitude, e.g. 34.6901", None))
        self.longitude.setPlaceholderText(QCoreApplication.translate("PartnerCityDialog", u"longitude, e.g. 135.1955", None))
        self.themesLabel.setText(QCoreApplication.translate("PartnerCityDialog", u"T&hemes", None))
    # retranslateUi

