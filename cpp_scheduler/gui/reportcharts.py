"""The Program report window's charts: hours by theme and by partner city as horizontal
bars (Qt Charts), loaded with the first chart a report window makes.

Each bar's hours are written beside it as the report's tables write them ("1.50", from
:func:`~cpp_scheduler.reports.program.hours_text`): Qt's own bar labels write a number as
Qt does ("1.5"), with no way to give the text.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QWidget

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.reports.program import hours_text

_GAP = 4.0
"""Pixels between a bar's end and its hours."""


class HoursChart(QChartView):
    """Horizontal bars of hours, one per theme or city, first at the top."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.value_labels: list[QGraphicsSimpleTextItem] = []
        """Each bar's hours as the tables write them, first bar first."""
        self._backings: list[QGraphicsRectItem] = []
        """Under each label, the chart's own white: a grid line never runs through it."""
        self._series: QHorizontalBarSeries | None = None
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
        self._series = series
        self.value_labels, self._backings = [], []
        for value in self.values:
            backing = QGraphicsRectItem(chart)
            backing.setBrush(QColor("white"))
            backing.setPen(QPen(Qt.PenStyle.NoPen))
            text = QGraphicsSimpleTextItem(hours_text(value), chart)
            text.setBrush(QColor("#1a1a1a"))
            self._backings.append(backing)
            self.value_labels.append(text)
        chart.plotAreaChanged.connect(self._place_value_labels)
        self._place_value_labels(chart.plotArea())

    def _place_value_labels(self, _area: QRectF) -> None:
        """Put each bar's hours just past its end, centred on it: again whenever the
        plot area moves (the chart laid out, the window resized)."""
        chart, series = self.chart(), self._series
        if series is None:
            return
        count = len(self.value_labels)
        for number, (text, value) in enumerate(zip(self.value_labels, self.values, strict=True)):
            # Drawn from the bottom: the first row is the last category.
            end = chart.mapToPosition(QPointF(value, count - 1 - number), series)
            size = text.boundingRect()
            text.setPos(end.x() + _GAP, end.y() - size.height() / 2)
            self._backings[number].setRect(size.translated(text.pos()).adjusted(-2, 0, 2, 0))
