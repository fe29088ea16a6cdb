# Generated from ui/travel_time_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_TravelTimeDialog(object):
    def setupUi(self, TravelTimeDialog: Any) -> None:
        if not TravelTimeDialog.objectName():
            TravelTimeDialog.setObjectName(u"TravelTimeDialog")
        TravelTimeDialog.setMinimumSize(QSize(460, 0))
        TravelTimeDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(TravelTimeDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.about = QLabel(TravelTimeDialog)
        self.about.setObjectName(u"about")
        self.about.setWordWrap(True)
        self.about.setProperty(u"role", u"hint")

        self.dialogLayout.addWidget(self.about)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.originLabel = QLabel(TravelTimeDialog)
        self.originLabel.setObjectName(u"originLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.originLabel)

        self.origin = QComboBox(TravelTimeDialog)
        self.origin.setObjectName(u"origin")
        self.origin.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.origin)

        self.destinationLabel = QLabel(TravelTimeDialog)
        self.destinationLabel.setObjectName(u"destinationLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.destinationLabel)

        self.destination = QComboBox(TravelTimeDialog)
        self.destination.setObjectName(u"destination")
        self.destination.setEditable(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.destination)

        self.modeLabel = QLabel(TravelTimeDialog)
        self.modeLabel.setObjectName(u"modeLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.modeLabel)

        self.mode = QComboBox(TravelTimeDialog)
        self.mode.setObjectName(u"mode")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.mode)

        self.minutesLabel = QLabel(TravelTimeDialog)
        self.minutesLabel.setObjectName(u"minutesLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.minutesLabel)

        self.journeyRow = QHBoxLayout()
        self.journeyRow.setObjectName(u"journeyRow")
        self.minutes = QSpinBox(TravelTimeDialog)
        self.minutes.setObjectName(u"minutes")
        self.minutes.setMinimum(1)
        self.minutes.setMaximum(10080)
        self.minutes.setValue(60)

        self.journeyRow.addWidget(self.minutes)

        self.journeyText = QLabel(TravelTimeDialog)
        self.journeyText.setObjectName(u"journeyText")
        self.journeyText.setProperty(u"role", u"hint")

        self.journeyRow.addWidget(self.journeyText)

        self.journeyStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.journeyRow.addItem(self.journeyStretch)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.journeyRow)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(TravelTimeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.originLabel.setBuddy(self.origin)
        self.destinationLabel.setBuddy(self.destination)
        self.modeLabel.setBuddy(self.mode)
        self.minutesLabel.setBuddy(self.minutes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.origin, self.destination)
        QWidget.setTabOrder(self.destination, self.mode)
        QWidget.setTabOrder(self.mode, self.minutes)
        QWidget.setTabOrder(self.minutes, self.buttons)

        self.retranslateUi(TravelTimeDialog)
        self.buttons.accepted.connect(TravelTimeDialog.accept)
        self.buttons.rejected.connect(TravelTimeDialog.reject)
    # setupUi

    def retranslateUi(self, TravelTimeDialog: Any) -> None:
        TravelTimeDialog.setWindowTitle(QCoreApplication.translate("TravelTimeDialog", u"Travel time", None))
        self.about.setText(QCoreApplication.translate("TravelTimeDialog", u"A journey door to door. One route serves both directions; where a journey can be made in several ways, the conflict check takes the fastest and adds a buffer.", None))
        self.originLabel.setText(QCoreApplication.translate("TravelTimeDialog", u"&From", None))
        self.destinationLabel.setText(QCoreApplication.translate("TravelTimeDialog", u"&To", None))
        self.modeLabel.setText(QCoreApplication.translate("TravelTimeDialog", u"&By", None))
        self.minutesLabel.setText(QCoreApplication.translate("TravelTimeDialog", u"&Journey", None))
        self.minutes.setSuffix(QCoreApplication.translate("TravelTimeDialog", u" min", None))
    # retranslateUi

