"""The Program report window's charts: hours by theme and by partner city as horizontal
bars (Qt Charts), loaded with the first chart a report window makes.

Each bar's hours are written beside it as the report's tables write them ("1.50", from
:func:`~cpp_scheduler.reports.program.hours_text`): Qt's own bar labels write a number as
Qt does ("1.5"), with no way to give the text. The hours axis reaches far enough past
the longest bar that every bar's hours end within the chart, however narrow.
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
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QWidget

from cpp_scheduler.gui.translations import translate
from cpp_scheduler.reports.program import hours_text

_GAP = 4.0
"""Pixels between a bar's end and its hours."""
_PAD = 2.0
"""Pixels of white each side of a bar's hours (:attr:`HoursChart._backings`)."""
_TICKS = 5
"""The ticks of the hours axis before Qt rounds its reach (its own default)."""
_HEADROOM = 1.12
"""The hours axis reaches at least this much past the longest bar."""


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
        self._hours: QValueAxis | None = None
        self._fitted_width = -1.0
        """The plot area's width the hours axis was last fitted to."""
        self._asked = 0.0
        """How far the hours axis was last asked to reach, before rounding."""
        self._refit = QTimer(self)
        """Fits the hours axis once the chart's layout is done."""
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_hours_axis)
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
        self._reach(hours, self._least_reach())
        hours.setLabelFormat("%.0f")
        hours.setTitleText(translate("ReportView", "hours"))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(hours)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            if self._series is not None:  # one of ours: its area no longer moves these
                old.plotAreaChanged.disconnect(self._place_value_labels)
            old.deleteLater()
        self._series, self._hours, self._fitted_width = series, hours, -1.0
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

    def _least_reach(self) -> float:
        """How far the hours axis reaches at least: a little past the longest bar."""
        return max([*self.values, 1.0]) * _HEADROOM

    def _fit_hours_axis(self) -> None:
        """Reach the hours axis far enough that every bar's hours, written past its end,
        end within the plot area: a long bar on a narrow chart would otherwise push its
        hours out of the chart. Fitted again as the plot area widens or narrows, after
        the chart's layout (never within it, which a range changed there unsettles); the
        reach only grows while it narrows and only shrinks while it widens, so the axis's
        own labels, which the reach changes, cannot keep the two moving."""
        hours, chart = self._hours, self.chart()
        width = chart.plotArea().width()
        if hours is None or width <= 0 or width == self._fitted_width:
            return
        wider = width > self._fitted_width
        self._fitted_width = width
        reach = self._least_reach()
        for text, value in zip(self.value_labels, self.values, strict=True):
            room = width - _GAP - text.boundingRect().width() - _PAD
            if value > 0 and room > 0:
                # The bar ends at width * value / reach; its hours need the rest.
                reach = max(reach, value * width / room)
        if reach > hours.max() or (wider and reach < self._asked):
            self._reach(hours, reach)
            self._place_value_labels(chart.plotArea())

    def _reach(self, hours: QValueAxis, reach: float) -> None:
        """Let the hours axis reach at least ``reach``, up to a round number: ticks at 0,
        5, 10 ... rather than 0, 7, 13 (from the same count of ticks each time, which
        Qt's rounding changes)."""
        self._asked = reach
        hours.setTickCount(_TICKS)
        hours.setRange(0, reach)
        hours.applyNiceNumbers()

    def _place_value_labels(self, area: QRectF) -> None:
        """Put each bar's hours just past its end, centred on it: again whenever the
        plot area moves (the chart laid out, the window resized), and the hours axis
        fitted to the area once its layout is done (:meth:`_fit_hours_axis`)."""
        chart, series = self.chart(), self._series
        if series is None:
            return
        if area.width() != self._fitted_width:
            self._refit.start()
        count = len(self.value_labels)
        for number, (text, value) in enumerate(zip(self.value_labels, self.values, strict=True)):
            # Drawn from the bottom: the first row is the last category.
            end = chart.mapToPosition(QPointF(value, count - 1 - number), series)
            size = text.boundingRect()
            text.setPos(end.x() + _GAP, end.y() - size.height() / 2)
            self._backings[number].setRect(size.translated(text.pos()).adjusted(-_PAD, 0, _PAD, 0))
