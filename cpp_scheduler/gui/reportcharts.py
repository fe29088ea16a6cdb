"""The Program report window's charts: hours by theme and by partner city as horizontal
bars (Qt Charts), loaded with the first chart a report window makes."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from cpp_scheduler.gui.translations import translate


class HoursChart(QChartView):
    """Horizontal bars of hours, one per theme or city, first at the top."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.show_rows([])

    def show_rows(self, rows: list[tuple[str, float]]) -> None:
        self.labels = [label for label, _hours in rows]
        self.values = [hours for _label, hours in rows]
        chart = QChart()
        chart.setTitle(self._title)
        chart.legend().hide()
        chart.setMargins(chart.margins() * 0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        bars = QBarSet(translate("ReportView", "Hours"))
        bars.setColor(QColor("#2f6f9f"))
        bars.setLabelColor(QColor("#1a1a1a"))
        for value in reversed(self.values):  # a horizontal chart draws from the bottom
            bars.append(value)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(list(reversed(self.labels)) or [""])
        hours = QValueAxis()
        hours.setRange(0, max([*self.values, 1.0]) * 1.12)
        hours.applyNiceNumbers()  # ticks at 0, 5, 10 ... rather than 0, 7, 13
        hours.setLabelFormat("%.0f")
        hours.setTitleText(translate("ReportView", "hours"))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(hours)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
