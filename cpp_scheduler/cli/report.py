"""``cpp-scheduler report``: the program's report for a period, for TDLC's reporting.

Meetings, hours and cancellations by kind, mode, theme, partner city, delegation and
country; participants reached; knowledge products linked; the themes and partner cities
the period left out. Printed as tables (or JSON with ``--json``), or written to an Excel
workbook with ``-o FILE.xlsx`` or a printable PDF with ``-o FILE.pdf`` (chosen by the
file's suffix). The counting rules are in docs/reports.md.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from cpp_scheduler.cli.dates import add_day_options, day_range
from cpp_scheduler.cli.engine_formats import print_json, table
from cpp_scheduler.cli.errors import CliError, output_file
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import system_reason
from cpp_scheduler.files import REPORT_FILE, FileWriteError
from cpp_scheduler.i18n import _
from cpp_scheduler.services.saved_words import file_written, pdf_saved

if TYPE_CHECKING:
    from cpp_scheduler.reports.program import ProgramReport


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "report",
        parents=[common],
        help=_("the program's report for a period: themes, cities, hours, people reached"),
        description=_(
            "Count the meetings a period held (whole days in Tokyo) by kind, mode, theme, "
            "partner city, delegation and country, with their hours, cancellations apart; "
            "the participants reached, the knowledge products linked, and the themes and "
            "partner cities left out."
        ),
    )
    add_day_options(parser, _("of the period, in Tokyo"), required=True)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf|FILE.xlsx",
        help=_("write a PDF with tables and charts, or an Excel workbook (by the suffix)"),
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default="a4",
        help=_("the PDF's paper size (default: a4)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    parser.set_defaults(run=run)


def text(report: ProgramReport) -> str:
    """The report as plain tables for a terminal."""
    from cpp_scheduler.reports.program import (
        cell_text,
        hours_text,
        left_out_lines,
        period_line,
        products_table,
        summary_lines,
    )

    lines = [
        period_line(report),  # the line the report window says its count is of
        *summary_lines(report),
        *left_out_lines(report),
    ]
    for found in report.breakdowns:
        rows = [
            [
                row.shown,
                str(row.meetings),
                hours_text(row.hours),
                str(row.cancelled),
            ]
            for row in found.rows
        ]
        header = [found.heading, _("Meetings"), _("Hours"), _("Cancelled")]
        lines += ["", table(rows, header)]
    if report.products:
        # The report window's table, its columns and cells as it shows them.
        products = products_table(report)
        listed = [[cell_text(cell) for cell in row] for row in products.rows]
        lines += ["", table(listed, products.header)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from cpp_scheduler.services import reports

    period = day_range(args)
    first, last = period.first, period.last
    if first is None or last is None:  # argparse requires both; said again for the types
        raise CliError(_("give the period with --from and --to"), status=2)
    output = None if args.output is None else output_file(args.output, REPORT_FILE)
    database = open_program(args.db)
    try:
        report = reports.program_report(database, first, last)
        document = None
        if output is not None and output.suffix.lower() == ".pdf":
            document = reports.program_report_document(database, report)
    finally:
        database.close()
    if output is not None and document is not None:
        from cpp_scheduler.cli.documents import write_pdf

        pages = write_pdf(document, output, args.paper)
        print(pdf_saved(output, pages))  # as the report window's Save as PDF says it
        return 0
    if output is not None:
        try:
            reports.write_report_xlsx(report, output)
        except OSError as error:
            raise FileWriteError(output, system_reason(error)) from None
        print(file_written(output))  # as the report window's Save as spreadsheet says it
        return 0
    if args.json:
        print_json(report.as_json())
    else:
        print(text(report))
    return 0
