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

from datetime import date

from cpp_scheduler import i18n
from cpp_scheduler.documents.content import (
    ChangeStamp,
    PrintDocument,
    Section,
    ShouldStop,
    stop_if_asked,
)
from cpp_scheduler.documents.markup import element, escape, table
from cpp_scheduler.i18n import _
from cpp_scheduler.reports.program import (
    NONE_KEY,
    Breakdown,
    BreakdownRow,
    ProgramReport,
    hours_text,
    period_line,
)
from cpp_scheduler.services.rows import both_names, name_pair

BAR_COLOUR = "#2f6f9f"
LEFT_OUT_COLOUR = "#fde8c8"
"""The background of a theme or city the period left out, as in the report window."""


def report_document(
    report: ProgramReport, stamp: ChangeStamp, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The report as a document: its summary and charts, then its tables. Its running
    header is the line ``report`` heads its text with and the report window says its
    count is of (:func:`period_line`); its title and cover write the period as that
    line does (:func:`i18n.period_text`)."""
    period = i18n.period_text(report.first, report.last)
    sections = [Section(_summary(report, period))]
    for name, title in (("theme", _("Hours by theme")), ("city", _("Hours by partner city"))):
        stop_if_asked(should_stop)
        sections.append(Section(_chart(title, report.breakdown(name))))
    for number, found in enumerate(report.breakdowns):
        stop_if_asked(should_stop)
        sections.append(Section(_breakdown(found), new_page=number == 0))
    sections.append(Section(_products(report)))
    return PrintDocument(
        title=_("Program report: {period}").format(period=period),
        header=period_line(report),
        stamp=stamp,
        sections=tuple(sections),
    )


def _summary(report: ProgramReport, period: str) -> str:
    figures = [
        (_("Meetings held"), f"{report.meetings:,}"),
        (_("Hours"), hours_text(report.hours)),
        (_("Cancelled meetings (counted apart)"), f"{report.cancelled:,}"),
        (_("Participants reached"), f"{report.participants_reached:,}"),
        (_("Delegations reached"), f"{report.delegations_reached:,}"),
        (_("Knowledge products linked"), f"{len(report.products):,}"),
    ]
    rows = "".join(
        f'<tr><td width="45%">{escape(label)}</td>'
        f'<td width="20%" align="right"><b>{escape(value)}</b></td><td></td></tr>'
        for label, value in figures
    )
    themes = _named(report.breakdown("theme"), report.themes_left_out)
    cities = _named(report.breakdown("city"), report.cities_left_out)
    rule = _(
        "A meeting counts in the period it starts in; a meeting with several themes or "
        "delegations counts once for each, so a table's rows add up to more than the total. "
        "Left out: no meeting held in the period."
    )
    cover = _("{period}, whole days in Tokyo").format(period=period)
    themes_label, cities_label = element("b", _("Themes")), element("b", _("Partner cities"))
    left_out = (
        f'<tr><td width="22%" bgcolor="{LEFT_OUT_COLOUR}">{themes_label}</td>'
        f'<td bgcolor="{LEFT_OUT_COLOUR}">{themes}</td></tr>'
        f'<tr><td bgcolor="{LEFT_OUT_COLOUR}">{cities_label}</td>'
        f'<td bgcolor="{LEFT_OUT_COLOUR}">{cities}</td></tr>'
    )
    return (
        element("h1", _("Program report"))
        + element("p", cover, ' class="cover"')
        + f'<table class="plain" width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        + element("h2", _("Left out"))
        + f'<table width="100%" cellspacing="0" cellpadding="4" border="1">{left_out}</table>'
        + element("p", rule, ' class="muted"')
    )


def _named(found: Breakdown, left_out: tuple[str, ...]) -> str:
    """The names left out, each with its Japanese name where the program has it."""
    if not left_out:
        return escape(_("none"))
    japanese = {row.label: row.label_ja for row in found.rows}
    return escape(_(", ").join(both_names(name, japanese.get(name, "")) for name in left_out))


def _label(row: BreakdownRow) -> str:
    """The row's two names as :func:`both_names` orders them (in Japanese the Japanese
    one first), the second in the Japanese style."""
    first, second = name_pair(row.label, row.label_ja)
    text = escape(first)
    if second:
        text += f' <span class="ja">{escape(second)}</span>'
    return text


def _chart(title: str, found: Breakdown) -> str:
    """Horizontal bars of hours, the longest the width of the column; a theme or city
    left out says so where its bar would be."""
    rows = [row for row in found.rows if row.key != NONE_KEY]
    longest = max([row.hours for row in rows] + [0.0])
    lines = []
    for row in rows:
        if row.meetings == 0:
            bar = element("span", _("left out"), ' class="muted"')
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
            f'<td width="12%" align="right" style="border: none">{hours_text(row.hours)}</td></tr>'
        )
    return (
        f"<h2>{escape(title)}</h2>"
        '<table class="plain" width="100%" cellspacing="0" cellpadding="2" border="0">'
        f"{''.join(lines)}</table>"
    )


def _breakdown(found: Breakdown) -> str:
    rows = [
        [
            _label(row) + (_left_out_mark() if _left(found, row) else ""),
            f'<p align="right">{row.meetings:,}</p>',
            f'<p align="right">{hours_text(row.hours)}</p>',
            f'<p align="right">{row.cancelled:,}</p>',
        ]
        for row in found.rows
    ]
    return f"<h2>{escape(found.title)}</h2>" + table(
        [found.heading, _("Meetings"), _("Hours"), _("Cancelled")], rows, widths=(55, 15, 15, 15)
    )


def _left_out_mark() -> str:
    return " " + element("span", _("(left out)"), ' class="warning"')


def _left(found: Breakdown, row: BreakdownRow) -> bool:
    return found.name in ("theme", "city") and row.key != NONE_KEY and row.meetings == 0


def _published(day: date | None) -> str:
    """``2026-06-30``; in Japanese ``2026年6月30日``."""
    if day is None:
        return "-"
    return i18n.day_month_year_text(day) if i18n.language() == i18n.JAPANESE else day.isoformat()


def _products(report: ProgramReport) -> str:
    title = _("Knowledge products linked ({count})").format(count=len(report.products))
    heading = f"<h2>{escape(title)}</h2>"
    if not report.products:
        return heading + element("p", _("None."), ' class="muted"')
    rows = [
        [
            escape(product.title),
            escape(product.kind),
            escape(_published(product.published)),
        ]
        for product in report.products
    ]
    return heading + table([_("Title"), _("Kind"), _("Published")], rows, widths=(62, 22, 16))
