"""``cpp-scheduler program export|import``: the whole program as a JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cpp_scheduler.cli.errors import output_file
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.files import PROGRAM_FILE
from cpp_scheduler.i18n import _
from cpp_scheduler.programfile import apply_document, export_program, read_document
from cpp_scheduler.programfile.importer import preview_into_new_database
from cpp_scheduler.services.saved_words import program_exported, program_imported
from cpp_scheduler.store import database_exists, open_database, resolve_url
from cpp_scheduler.store.database import describe


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
    output = output_file(args.file, PROGRAM_FILE)
    database = open_program(args.db)
    try:
        summary = export_program(database, output)
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
    # The window's status bar says the first line once the program imported shows.
    for line in program_imported(report, target):
        print(line)
    return 0
