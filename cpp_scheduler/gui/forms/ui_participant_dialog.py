# Generated from ui/participant_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.zone_picker import ZonePicker

class Ui_ParticipantDialog(object):
    def setupUi(self, ParticipantDialog: Any) -> None:
        if not ParticipantDialog.objectName():
            ParticipantDialog.setObjectName(u"ParticipantDialog")
        ParticipantDialog.setMinimumSize(QSize(460, 0))
        ParticipantDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ParticipantDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(ParticipantDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(ParticipantDialog)
        self.name.setObjectName(u"name")
        self.name.setPlaceholderText(u"Ana Mar\u00eda Quispe")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.emailLabel = QLabel(ParticipantDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(ParticipantDialog)
        self.email.setObjectName(u"email")
        self.email.setPlaceholderText(u"name@example.org")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.email)

        self.organisationLabel = QLabel(ParticipantDialog)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisation = QLineEdit(ParticipantDialog)
        self.organisation.setObjectName(u"organisation")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.organisation)

        self.roleLabel = QLabel(ParticipantDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(ParticipantDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.role)

        self.delegationLabel = QLabel(ParticipantDialog)
        self.delegationLabel.setObjectName(u"delegationLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.delegationLabel)

        self.delegation = SearchableComboBox(ParticipantDialog)
        self.delegation.setObjectName(u"delegation")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.delegation)

        self.zoneLabel = QLabel(ParticipantDialog)
        self.zoneLabel.setObjectName(u"zoneLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.zoneLabel)

        self.zone = ZonePicker(ParticipantDialog)
        self.zone.setObjectName(u"zone")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.zone)

        self.zoneHint = QLabel(ParticipantDialog)
        self.zoneHint.setObjectName(u"zoneHint")
        self.zoneHint.setWordWrap(True)
        self.zoneHint.setProperty(u"role", u"hint")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.zoneHint)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(ParticipantDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.emailLabel.setBuddy(self.email)
        self.organisationLabel.setBuddy(self.organisation)
        self.roleLabel.setBuddy(self.role)
        self.delegationLabel.setBuddy(self.delegation)
        self.zoneLabel.setBuddy(self.zone)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.email)
        QWidget.setTabOrder(self.email, self.organisation)
        QWidget.setTabOrder(self.organisation, self.role)
        QWidget.setTabOrder(self.role, self.delegation)
        QWidget.setTabOrder(self.delegation, self.zone)
        QWidget.setTabOrder(self.zone, self.buttons)

        self.retranslateUi(ParticipantDialog)
        self.buttons.accepted.connect(ParticipantDialog.accept)
        self.buttons.rejected.connect(ParticipantDialog.reject)
    # setupUi

    def retranslateUi(self, ParticipantDialog: Any) -> None:
        ParticipantDialog.setWindowTitle(QCoreApplication.translate("ParticipantDialog", u"Participant", None))
        self.nameLabel.setText(QCoreApplication.translate("ParticipantDialog", u"&Name", None))
        self.emailLabel.setText(QCoreApplication.translate("ParticipantDialog", u"&Email", None))
        self.organisationLabel.setText(QCoreApplication.translate("ParticipantDialog", u"&Organisation", None))
        self.organisation.setPlaceholderText(QCoreApplication.translate("ParticipantDialog", u"Ministry of Housing, Construction and Sanitation", None))
        self.roleLabel.setText(QCoreApplication.translate("ParticipantDialog", u"&Role", None))
        self.delegationLabel.setText(QCoreApplication.translate("ParticipantDialog", u"&Delegation", None))
        self.zoneLabel.setText(QCoreApplication.translate("ParticipantDialog", u"Time &zone", None))
    # retranslateUi

