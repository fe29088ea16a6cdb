# Generated from ui/knowledge_product_dialog.ui by tools/build_forms.py; do not edit.

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
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.optional_date import OptionalDateEdit
from cpp_scheduler.gui.widgets.text_field import TextField

class Ui_KnowledgeProductDialog(object):
    def setupUi(self, KnowledgeProductDialog: Any) -> None:
        if not KnowledgeProductDialog.objectName():
            KnowledgeProductDialog.setObjectName(u"KnowledgeProductDialog")
        KnowledgeProductDialog.setMinimumSize(QSize(860, 560))
        KnowledgeProductDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(KnowledgeProductDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.titleLabel = QLabel(KnowledgeProductDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(KnowledgeProductDialog)
        self.title.setObjectName(u"title")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.kindLabel = QLabel(KnowledgeProductDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(KnowledgeProductDialog)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kind)

        self.urlLabel = QLabel(KnowledgeProductDialog)
        self.urlLabel.setObjectName(u"urlLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.urlLabel)

        self.url = QLineEdit(KnowledgeProductDialog)
        self.url.setObjectName(u"url")
        self.url.setPlaceholderText(u"https://documents.worldbank.org/\u2026")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.url)

        self.publishedLabel = QLabel(KnowledgeProductDialog)
        self.publishedLabel.setObjectName(u"publishedLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.publishedLabel)

        self.published = OptionalDateEdit(KnowledgeProductDialog)
        self.published.setObjectName(u"published")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.published)

        self.summaryLabel = QLabel(KnowledgeProductDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summary = TextField(KnowledgeProductDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumSize(QSize(16777215, 90))

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.summary)


        self.dialogLayout.addLayout(self.form)

        self.linksRow = QHBoxLayout()
        self.linksRow.setObjectName(u"linksRow")
        self.citiesColumn = QVBoxLayout()
        self.citiesColumn.setObjectName(u"citiesColumn")
        self.citiesLabel = QLabel(KnowledgeProductDialog)
        self.citiesLabel.setObjectName(u"citiesLabel")

        self.citiesColumn.addWidget(self.citiesLabel)

        self.cities = MultiSelectList(KnowledgeProductDialog)
        self.cities.setObjectName(u"cities")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.cities.sizePolicy().hasHeightForWidth())
        self.cities.setSizePolicy(sizePolicy)

        self.citiesColumn.addWidget(self.cities)


        self.linksRow.addLayout(self.citiesColumn)

        self.themesColumn = QVBoxLayout()
        self.themesColumn.setObjectName(u"themesColumn")
        self.themesLabel = QLabel(KnowledgeProductDialog)
        self.themesLabel.setObjectName(u"themesLabel")

        self.themesColumn.addWidget(self.themesLabel)

        self.themes = MultiSelectList(KnowledgeProductDialog)
        self.themes.setObjectName(u"themes")
        sizePolicy.setHeightForWidth(self.themes.sizePolicy().hasHeightForWidth())
        self.themes.setSizePolicy(sizePolicy)

        self.themesColumn.addWidget(self.themes)


        self.linksRow.addLayout(self.themesColumn)

        self.eventsColumn = QVBoxLayout()
        self.eventsColumn.setObjectName(u"eventsColumn")
        self.eventsLabel = QLabel(KnowledgeProductDialog)
        self.eventsLabel.setObjectName(u"eventsLabel")

        self.eventsColumn.addWidget(self.eventsLabel)

        self.events = MultiSelectList(KnowledgeProductDialog)
        self.events.setObjectName(u"events")
        sizePolicy.setHeightForWidth(self.events.sizePolicy().hasHeightForWidth())
        self.events.setSizePolicy(sizePolicy)

        self.eventsColumn.addWidget(self.events)


        self.linksRow.addLayout(self.eventsColumn)

        self.linksRow.setStretch(0, 2)
        self.linksRow.setStretch(1, 3)
        self.linksRow.setStretch(2, 3)

        self.dialogLayout.addLayout(self.linksRow)

        self.buttons = QDialogButtonBox(KnowledgeProductDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)

        self.dialogLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.title)
        self.kindLabel.setBuddy(self.kind)
        self.urlLabel.setBuddy(self.url)
        self.publishedLabel.setBuddy(self.published)
        self.summaryLabel.setBuddy(self.summary)
        self.citiesLabel.setBuddy(self.cities)
        self.themesLabel.setBuddy(self.themes)
        self.eventsLabel.setBuddy(self.events)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.title, self.kind)
        QWidget.setTabOrder(self.kind, self.url)
        QWidget.setTabOrder(self.url, self.published)
        QWidget.setTabOrder(self.published, self.summary)
        QWidget.setTabOrder(self.summary, self.cities)
        QWidget.setTabOrder(self.cities, self.themes)
        QWidget.setTabOrder(self.themes, self.events)
        QWidget.setTabOrder(self.events, self.buttons)

        self.retranslateUi(KnowledgeProductDialog)
        self.buttons.accepted.connect(KnowledgeProductDialog.accept)
        self.buttons.rejected.connect(KnowledgeProductDialog.reject)
    # setupUi

    def retranslateUi(self, KnowledgeProductDialog: Any) -> None:
        KnowledgeProductDialog.setWindowTitle(QCoreApplication.translate("KnowledgeProductDialog", u"Knowledge product", None))
        self.titleLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"&Title", None))
        self.title.setPlaceholderText(QCoreApplication.translate("KnowledgeProductDialog", u"Compact city planning in Toyama: a case study", None))
        self.kindLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"&Kind", None))
        self.urlLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"&Link", None))
        self.publishedLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"&Published", None))
        self.summaryLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"&Summary", None))
        self.citiesLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"Partner &cities", None))
        self.themesLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"T&hemes", None))
        self.eventsLabel.setText(QCoreApplication.translate("KnowledgeProductDialog", u"E&vents", None))
    # retranslateUi

