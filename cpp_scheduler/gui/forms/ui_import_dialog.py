# Generated from ui/import_dialog.ui by tools/build_forms.py; do not edit.

from typing import Any
from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_ImportDialog(object):
    def setupUi(self, ImportDialog: Any) -> None:
        if not ImportDialog.objectName():
            ImportDialog.setObjectName(u"ImportDialog")
        ImportDialog.setSizeGripEnabled(True)
        self.dialogLayout = QVBoxLayout(ImportDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.top = QHBoxLayout()
        self.top.setObjectName(u"top")
        self.path = QLineEdit(ImportDialog)
        self.path.setObjectName(u"path")

        self.top.addWidget(self.path)

        self.browseButton = QPushButton(ImportDialog)
        self.browseButton.setObjectName(u"browseButton")
        self.browseButton.setAutoDefault(False)

        self.top.addWidget(self.browseButton)

        self.top.setStretch(0, 1)

        self.dialogLayout.addLayout(self.top)

        self.planBox = QGroupBox(ImportDialog)
        self.planBox.setObjectName(u"planBox")
        self.planLayout = QVBoxLayout(self.planBox)
        self.planLayout.setObjectName(u"planLayout")
        self.plannedChanges = QTableView(self.planBox)
        self.plannedChanges.setObjectName(u"plannedChanges")
        self.plannedChanges.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plannedChanges.setWordWrap(False)
        self.plannedChanges.verticalHeader().setVisible(False)

        self.planLayout.addWidget(self.plannedChanges)


        self.dialogLayout.addWidget(self.planBox)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.importSummary = QLabel(ImportDialog)
        self.importSummary.setObjectName(u"importSummary")
        self.importSummary.setWordWrap(True)

        self.bottom.addWidget(self.importSummary)

        self.importButton = QPushButton(ImportDialog)
        self.importButton.setObjectName(u"importButton")
        self.importButton.setEnabled(False)

        self.bottom.addWidget(self.importButton)

        self.closeButton = QPushButton(ImportDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.bottom.addWidget(self.closeButton)

        self.bottom.setStretch(0, 1)

        self.dialogLayout.addLayout(self.bottom)

        QWidget.setTabOrder(self.path, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.plannedChanges)
        QWidget.setTabOrder(self.plannedChanges, self.importButton)
        QWidget.setTabOrder(self.importButton, self.closeButton)

        self.retranslateUi(ImportDialog)
    # setupUi

    def retranslateUi(self, ImportDialog: Any) -> None:
        ImportDialog.setWindowTitle(QCoreApplication.translate("ImportDialog", u"Import a calendar", None))
        self.path.setPlaceholderText(QCoreApplication.translate("ImportDialog", u"A calendar file (.ics)", None))
        self.browseButton.setText(QCoreApplication.translate("ImportDialog", u"&Choose a file\u2026", None))
        self.planBox.setTitle(QCoreApplication.translate("ImportDialog", u"What the file would change", None))
        self.importSummary.setText(QCoreApplication.translate("ImportDialog", u"Choose a file to see what it would change.", None))
        self.importButton.setText(QCoreApplication.translate("ImportDialog", u"&Import", None))
        self.closeButton.setText(QCoreApplication.translate("ImportDialog", u"Close", None))
    # retranslateUi

