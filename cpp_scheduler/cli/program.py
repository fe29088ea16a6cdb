"""``cpp-scheduler program export|import``: the whole program as a JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import shown_path
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.programfile import ImportReport, apply_document, export_program, read_document
from cpp_scheduler.programfile.importer import preview_into_new_database
from cpp_scheduler.services.counted import counts, plural
from cpp_scheduler.services.saved_words import program_exported
from cpp_scheduler.store import database_exists, open_database, resolve_url
from cpp_scheduler.store.database import describe

#: How many records of a kind the import report names before it only counts them.
NAMED_CHANGES = 8


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "program",
        parents=[common],
        help=_("export or import the whole program as a JSON file"),
        description=_(
            "Write or read the whole program (cities, themes, venues, delegations, "
            "participants, events, study tours, knowledge products) as a versioned JSON file "
            "(see docs/program-file.md)."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help=_("write the program to FILE"),
        description=_(
            "Write the whole program to FILE.json, keys and records sorted, so that "
            "an unchanged program always gives the same file."
        ),
    )
    export.add_argument(
        "file",
        type=Path,
        metavar="FILE.json",
        help=_("the file to write (replaced as a whole if it exists)"),
    )
    export.set_defaults(run=run_export)
    import_ = actions.add_parser(
        "import",
        parents=[common],
        help=_("read a program file into the database"),
        description=_(
            "Check FILE.json completely, then write it in one transaction, or nothing. "
            "Records are matched by id, so importing the same file twice changes nothing."
        ),
    )
    import_.add_argument("file", type=Path, metavar="FILE.json", help=_("the program file to read"))
    import_.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check the file and report what would change, without writing"),
    )
    import_.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        summary = export_program(database, args.file)
    finally:
        database.close()
    # In the words File > Export program says it in the window's status bar.
    print(program_exported(database.name, summary.path, summary.counts))
    return 0


def run_import(args: argparse.Namespace) -> int:
    # The file is read and checked first: a refused file creates no database. A new
    # database takes its reference data from the file, so that exporting it again gives
    # the file back; an existing one is matched record by record. A dry run never
    # creates a database: against one that does not exist yet, every record is new.
    document = read_document(args.file)
    if args.dry_run and not database_exists(args.db):
        report = preview_into_new_database(document, args.file)
        target = describe(resolve_url(args.db))
    else:
        database = open_database(args.db, seed=False)
        try:
            report = apply_document(database, document, args.file, dry_run=args.dry_run)
        finally:
            database.close()
        target = database.name
    for line in report_lines(report, target):
        print(line)
    return 0


def report_lines(report: ImportReport, target: str) -> list[str]:
    """The import's report: a headline, then what was created, updated and removed."""
    file = shown_path(report.path)
    if not report.changed and not report.unchanged:
        return [
            _("{file} holds no records: nothing to change in {database}.").format(
                file=file, database=target
            )
        ]
    if not report.changed:
        return [
            _("{file} is already in {database}: nothing to change ({records} the same).").format(
                file=file, database=target, records=plural("record", report.unchanged)
            )
        ]
    headline = (
        _(
            "Would import {file} into {database}: {created} created, {updated} updated, "
            "{removed} removed, {unchanged} unchanged. Nothing was written (dry run)."
        )
        if report.dry_run
        else _(
            "Imported {file} into {database}: {created} created, {updated} updated, "
            "{removed} removed, {unchanged} unchanged."
        )
    )
    lines = [
        headline.format(
            file=file,
            database=target,
            created=report.created,
            updated=report.updated,
            removed=report.removed,
            unchanged=report.unchanged,
        )
    ]
    created = counts((kind.kind, len(kind.created)) for kind in report.kinds)
    if created:
        lines.append("  " + _("created: {records}").format(records=created))
    for what, label in (
        ("updated", N_("updated: {records}")),
        ("removed", N_("removed: {records}")),
    ):
        for kind in report.kinds:
            names: tuple[str, ...] = getattr(kind, what)
            if not names:
                continue
            shown = "; ".join(names[:NAMED_CHANGES])
            more = len(names) - NAMED_CHANGES
            if more > 0:
                shown += _("; and {count} more").format(count=more)
            lines.append("  " + _(label).format(records=shown))
    return lines
