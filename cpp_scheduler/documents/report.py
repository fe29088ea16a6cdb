"""The program's report as a printed document: the figures of
:mod:`cpp_scheduler.reports.program` (the ones ``cpp-scheduler report --json`` prints),
on paper for TDLC's reporting.

A summary with the themes and partner cities the period left out, bars of hours by
theme and by partner city, then a table per breakdown and the knowledge products. The
bars are HTML tables whose coloured cell is as wide as the hours, so the document
needs no drawing library and stays free of Qt; the renderer lays them out like any
other table.
"""

from __future__ import annotations

from cpp_scheduler.documents.content import (
    ChangeStamp,
    PrintDocument,
    Section,
    ShouldStop,
    stop_if_asked,
)
from cpp_scheduler.documents.markup import escape, table
from cpp_scheduler.reports.program import NONE_KEY, Breakdown, BreakdownRow, ProgramReport

BAR_COLOUR = "#2f6f9f"
LEFT_OUT_COLOUR = "#fde8c8"
"""The background of a theme or city the period left out, as in the report window."""


def hours(value: float) -> str:
    """Hours as the report's JSON rounds them: two decimals, thousands grouped."""
    return f"{round(value, 2):,.2f}"


def report_document(
    report: ProgramReport, stamp: ChangeStamp, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The report as a document: its summary and charts, then its tables."""
    period = f"{report.first:%d %b %Y} to {report.last:%d %b %Y}"
    sections = [Section(_summary(report, period))]
    for name, title in (("theme", "Hours by theme"), ("city", "Hours by partner city")):
        stop_if_asked(should_stop)
        sections.append(Section(_chart(title, report.breakdown(name))))
    for number, found in enumerate(report.breakdowns):
        stop_if_asked(should_stop)
        sections.append(Section(_breakdown(found), new_page=number == 0))
    sections.append(Section(_products(report)))
    return PrintDocument(
        title=f"Program report: {period}",
        header=f"Program report — {period} (Tokyo)",
        stamp=stamp,
        sections=tuple(sections),
    )


def _summary(report: ProgramReport, period: str) -> str:
    figures = [
        ("Meetings held", f"{report.meetings:,}"),
        ("Hours", hours(report.hours)),
        ("Cancelled meetings (counted apart)", f"{report.cancelled:,}"),
        ("Participants reached", f"{report.participants_reached:,}"),
        ("Delegations reached", f"{report.delegations_reached:,}"),
        ("Knowledge products linked", f"{len(report.products):,}"),
    ]
    rows = "".join(
        f'<tr><td width="45%">{escape(label)}</td>'
        f'<td width="20%" align="right"><b>{escape(value)}</b></td><td></td></tr>'
        for label, value in figures
    )
    themes = _named(report.breakdown("theme"), report.themes_left_out)
    cities = _named(report.breakdown("city"), report.cities_left_out)
    return (
        "<h1>Program report</h1>"
        f'<p class="cover">{escape(period)}, whole days in Tokyo</p>'
        f'<table class="plain" width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        f'<h2>Left out</h2><table width="100%" cellspacing="0" cellpadding="4" border="1">'
        f'<tr><td width="22%" bgcolor="{LEFT_OUT_COLOUR}"><b>Themes</b></td>'
        f'<td bgcolor="{LEFT_OUT_COLOUR}">{themes}</td></tr>'
        f'<tr><td bgcolor="{LEFT_OUT_COLOUR}"><b>Partner cities</b></td>'
        f'<td bgcolor="{LEFT_OUT_COLOUR}">{cities}</td></tr></table>'
        '<p class="muted">A meeting counts in the period it starts in; a meeting with '
        "several themes or delegations counts once for each, so a table's rows add up to "
        "more than the total. Left out: no meeting held in the period.</p>"
    )


def _named(found: Breakdown, left_out: tuple[str, ...]) -> str:
    """The names left out, each with its Japanese name where the program has it."""
    if not left_out:
        return escape("none")
    japanese = {row.label: row.label_ja for row in found.rows}
    return escape(
        ", ".join(f"{name} ({japanese[name]})" if japanese.get(name) else name for name in left_out)
    )


def _label(row: BreakdownRow) -> str:
    text = escape(row.label)
    if row.label_ja:
        text += f' <span class="ja">{escape(row.label_ja)}</span>'
    return text


def _chart(title: str, found: Breakdown) -> str:
    """Horizontal bars of hours, the longest the width of the column; a theme or city
    left out says so where its bar would be."""
    rows = [row for row in found.rows if row.key != NONE_KEY]
    longest = max([row.hours for row in rows] + [0.0])
    lines = []
    for row in rows:
        if row.meetings == 0:
            bar = '<span class="muted">left out</span>'
        else:
            width = max(1, round(100 * row.hours / longest)) if longest else 1
            rest = f'<td width="{100 - width}%" style="border: none"></td>' if width < 100 else ""
            bar = (
                '<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
                f'<td width="{width}%" bgcolor="{BAR_COLOUR}" style="border: none">&nbsp;</td>'
                f"{rest}</tr></table>"
            )
        shade = f' bgcolor="{LEFT_OUT_COLOUR}"' if row.meetings == 0 else ""
        lines.append(
            f'<tr><td width="40%"{shade} style="border: none">{_label(row)}</td>'
            f'<td width="48%" style="border: none">{bar}</td>'
            f'<td width="12%" align="right" style="border: none">{hours(row.hours)}</td></tr>'
        )
    return (
        f"<h2>{escape(title)}</h2>"
        '<table class="plain" width="100%" cellspacing="0" cellpadding="2" border="0">'
        f"{''.join(lines)}</table>"
    )


def _breakdown(found: Breakdown) -> str:
    rows = [
        [
            _label(row) + (' <span class="warning">(left out)</span>' if _left(found, row) else ""),
            f'<p align="right">{row.meetings:,}</p>',
            f'<p align="right">{hours(row.hours)}</p>',
            f'<p align="right">{row.cancelled:,}</p>',
        ]
        for row in found.rows
    ]
    return f"<h2>{escape(found.title)}</h2>" + table(
        [found.heading, "Meetings", "Hours", "Cancelled"], rows, widths=(55, 15, 15, 15)
    )


def _left(found: Breakdown, row: BreakdownRow) -> bool:
    return found.name in ("theme", "city") and row.key != NONE_KEY and row.meetings == 0


def _products(report: ProgramReport) -> str:
    heading = f"<h2>Knowledge products linked ({len(report.products)})</h2>"
    if not report.products:
        return heading + '<p class="muted">None.</p>'
    rows = [
        [
            escape(product.title),
            escape(product.kind),
            escape(product.published.isoformat() if product.published else "-"),
        ]
        for product in report.products
    ]
    return heading + table(["Title", "Kind", "Published"], rows, widths=(62, 22, 16))
