# Generated from ui/theme_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.gui.widgets.text_field import TextField

class Ui_ThemeDialog(object):
    def setupUi(self, ThemeDialog: Any) -> None:
        if not ThemeDialog.objectName():
            ThemeDialog.setObjectName(u"ThemeDialog")
        ThemeDialog.setMinimumSize(QSize(460, 0))
        ThemeDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ThemeDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.codeLabel = QLabel(ThemeDialog)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.code = QLineEdit(ThemeDialog)
        self.code.setObjectName(u"code")
        self.code.setPlaceholderText(u"compact-city")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.code)

        self.nameLabel = QLabel(ThemeDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(ThemeDialog)
        self.name.setObjectName(u"name")
        self.name.setPlaceholderText(u"Compact city")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)

        self.nameJaLabel = QLabel(ThemeDialog)
        self.nameJaLabel.setObjectName(u"nameJaLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameJaLabel)

        self.nameJa = QLineEdit(ThemeDialog)
        self.nameJa.setObjectName(u"nameJa")
        self.nameJa.setPlaceholderText(u"\u30b3\u30f3\u30d1\u30af\u30c8\u30b7\u30c6\u30a3")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameJa)

        self.parentLabel = QLabel(ThemeDialog)
        self.parentLabel.setObjectName(u"parentLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.parentLabel)

        self.parent = SearchableComboBox(ThemeDialog)
        self.parent.setObjectName(u"parent")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.parent)

        self.descriptionLabel = QLabel(ThemeDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.description = TextField(ThemeDialog)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.description)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(ThemeDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.code)
        self.nameLabel.setBuddy(self.name)
        self.nameJaLabel.setBuddy(self.nameJa)
        self.parentLabel.setBuddy(self.parent)
        self.descriptionLabel.setBuddy(self.description)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.code, self.name)
        QWidget.setTabOrder(self.name, self.nameJa)
        QWidget.setTabOrder(self.nameJa, self.parent)
        QWidget.setTabOrder(self.parent, self.description)
        QWidget.setTabOrder(self.description, self.buttons)

        self.retranslateUi(ThemeDialog)
        self.buttons.accepted.connect(ThemeDialog.accept)
        self.buttons.rejected.connect(ThemeDialog.reject)
    # setupUi

    def retranslateUi(self, ThemeDialog: Any) -> None:
        ThemeDialog.setWindowTitle(QCoreApplication.translate("ThemeDialog", u"Thematic area", None))
        self.codeLabel.setText(QCoreApplication.translate("ThemeDialog", u"&Code", None))
        self.nameLabel.setText(QCoreApplication.translate("ThemeDialog", u"&Name", None))
        self.nameJaLabel.setText(QCoreApplication.translate("ThemeDialog", u"Name in &Japanese", None))
        self.parentLabel.setText(QCoreApplication.translate("ThemeDialog", u"&Part of area", None))
        self.descriptionLabel.setText(QCoreApplication.translate("ThemeDialog", u"&Description", None))
    # retranslateUi

