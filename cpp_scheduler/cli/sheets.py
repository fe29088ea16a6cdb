"""``cpp-scheduler export xlsx|csv agenda|delegations|tour``: the program's tables for a
spreadsheet.

``agenda`` takes the window's filters (``--kind``, ``--mode``, ``--status``, ``--city``,
``--theme``, ``--delegation``, ``--search``; ``--in-venues`` as the Venues view shows
the calendar, its meetings held in a venue), a period (``--from``/``--to``, whole days in
Tokyo, or in the zone ``--days-in`` names, as the window's days on that clock) and the
zones to show times in (``--zone``, repeated; Tokyo by default; UTC is always added). An
XLSX file holds one sheet per table; a CSV file holds one table, so ``delegations`` writes
its members beside it (``FILE-members.csv``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpp_scheduler import timezones
from cpp_scheduler.cli.dates import add_day_options, day_range
from cpp_scheduler.cli.errors import CliError, output_file
from cpp_scheduler.cli.filters import add_filter_options, event_filter_of
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import printable, system_reason
from cpp_scheduler.files import CSV_FILE, WORKBOOK_FILE, FileWriteError
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.services.saved_words import agenda_written, file_written

if TYPE_CHECKING:
    from cpp_scheduler.reports.tables import Table

TABLES = ("agenda", "delegations", "tour")
FILE_NAMES: dict[str, tuple[str, ...]] = {"delegations": ("delegations", "members")}
"""What names a table's CSV files beside the first (``FILE-members.csv``), the same in
every language: a file name is no sentence, and a script that reads it must find it
whichever language wrote it. The tables' titles, which name the sheets, are translated."""


def register_formats(formats: Any, common: argparse.ArgumentParser) -> None:
    """Add ``xlsx`` and ``csv`` beside the other formats of ``cpp-scheduler export``."""
    for name, what in (
        ("xlsx", N_("an Excel workbook: one sheet per table, typed cells")),
        ("csv", N_("CSV for Excel: UTF-8 with a byte-order mark, ISO dates")),
    ):
        parser = formats.add_parser(
            name,
            parents=[common],
            help=_("the agenda, the delegations or a study tour as {what}").format(what=_(what)),
            description=_("Write a table of the program as {what}.").format(what=_(what)),
        )
        parser.add_argument("table", choices=TABLES, help=_("which table to write"))
        add_day_options(parser, _("of the agenda (whole days in Tokyo)"), days_in=True)
        add_filter_options(parser)
        parser.add_argument(
            "--in-venues",
            action="store_true",
            help=_("with agenda: as the Venues view shows them, only the meetings held in a venue"),
        )
        parser.add_argument(
            "--zone",
            action="append",
            metavar="ZONE",
            help=_("show times in this IANA zone too (repeat for more; default Asia/Tokyo)"),
        )
        parser.add_argument("--tour", metavar="NAME", help=_("the study tour (for 'tour')"))
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help=_("the file to write")
        )
        parser.set_defaults(run=run, sheet_format=name)


def _zones(args: argparse.Namespace) -> list[str]:
    zones: list[str] = args.zone or [timezones.TOKYO]
    for zone in zones:
        if not timezones.is_zone(zone):
            raise CliError(
                _(
                    "--zone '{zone}' is not a time zone; give an IANA name such as "
                    "America/Lima or Asia/Kathmandu"
                ).format(zone=printable(zone)),
                status=2,
            )
    return zones


def _tables(args: argparse.Namespace) -> list[Table]:
    from cpp_scheduler.services import reports

    if args.table == "tour" and not args.tour:
        raise CliError(_("'tour' needs --tour NAME"), status=2)
    period = day_range(args)
    zones = _zones(args)
    database = open_program(args.db)
    try:
        if args.table == "delegations":
            return reports.delegations(database)
        if args.table == "tour":
            return [reports.tour_days(database, args.tour)]
        chosen = event_filter_of(database, args)
        return [
            reports.agenda(
                database,
                chosen,
                period.first,
                period.last,
                zones,
                period.zone,
                in_venues=args.in_venues,
            )
        ]
    finally:
        database.close()


def _write_csv_files(kind: str, tables: list[Table], output: Path) -> list[Path]:
    """One CSV file per table, the first at ``output``, each next one beside it named
    by :data:`FILE_NAMES` (``csv_paths`` names them as it names any table); all of them
    written, or none."""
    from cpp_scheduler.reports.csvfile import csv_paths, write_csv_together
    from cpp_scheduler.reports.tables import Table

    names = FILE_NAMES.get(kind, ())
    named = [
        Table(names[number], found.columns) if number < len(names) else found
        for number, found in enumerate(tables)
    ]
    return write_csv_together(list(zip(tables, csv_paths(output, named), strict=True)))


def run(args: argparse.Namespace) -> int:
    # The writers load openpyxl: only for the commands that write a spreadsheet.
    from cpp_scheduler.reports.xlsx import write_xlsx

    output = output_file(args.output, WORKBOOK_FILE if args.sheet_format == "xlsx" else CSV_FILE)
    tables = _tables(args)
    try:
        if args.sheet_format == "xlsx":
            written = [write_xlsx(tables, output)]
        else:
            written = _write_csv_files(args.table, tables, output)
    except OSError as error:
        raise FileWriteError(output, system_reason(error)) from None
    rows = sum(len(table.rows) for table in tables)
    if args.table == "agenda":
        # One table, a meeting a row: in the words Export agenda says it in the window.
        [path] = written
        print(agenda_written(path, rows))
        return 0
    for path in written:
        print(file_written(path))
    print(
        _("{rows} in {tables}").format(
            rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
            tables=ngettext("{count} table", "{count} tables", len(tables)).format(
                count=len(tables)
            ),
        )
    )
    return 0
