"""``cpp-scheduler program export|import``: the whole program as a JSON file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cpp_scheduler.cli.output import counts, plural
from cpp_scheduler.programfile import ImportReport, apply_document, export_program, read_document
from cpp_scheduler.programfile.layout import SECTIONS
from cpp_scheduler.store import open_database

#: How many records of a kind the import report names before it only counts them.
NAMED_CHANGES = 8


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "program",
        parents=[common],
        help="export or import the whole program as a JSON file",
        description="Write or read the whole program (cities, themes, venues, delegations, "
        "participants, events, study tours, knowledge products) as a versioned JSON file "
        "(see docs/program-file.md).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write the program to FILE",
        description="Write the whole program to FILE.json, keys and records sorted, so that "
        "an unchanged program always gives the same file.",
    )
    export.add_argument(
        "file",
        type=Path,
        metavar="FILE.json",
        help="the file to write (replaced as a whole if it exists)",
    )
    export.set_defaults(run=run_export)
    import_ = actions.add_parser(
        "import",
        parents=[common],
        help="read a program file into the database",
        description="Check FILE.json completely, then write it in one transaction, or nothing. "
        "Records are matched by id, so importing the same file twice changes nothing.",
    )
    import_.add_argument("file", type=Path, metavar="FILE.json", help="the program file to read")
    import_.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and report what would change, without writing",
    )
    import_.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    database = open_database(args.db)
    try:
        summary = export_program(database, args.file)
    finally:
        database.close()
    names = {kind.section: kind.record_kind for kind in SECTIONS}
    described = counts((names[section], n) for section, n in summary.counts.items())
    print(
        f"Exported the program of {database.name} to {summary.path}: {described or 'no records'}."
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    # The file is read and checked first: a refused file creates no database. A new
    # database takes its reference data from the file, so that exporting it again gives
    # the file back; an existing one is matched record by record.
    document = read_document(args.file)
    database = open_database(args.db, seed=False)
    try:
        report = apply_document(database, document, args.file, dry_run=args.dry_run)
    finally:
        database.close()
    for line in report_lines(report, database.name):
        print(line)
    return 0


def report_lines(report: ImportReport, target: str) -> list[str]:
    """The import's report: a headline, then what was created, updated and removed."""
    file = report.path
    if not report.changed and not report.unchanged:
        return [f"{file} holds no records: nothing to change in {target}."]
    if not report.changed:
        return [
            f"{file} is already in {target}: nothing to change "
            f"({plural('record', report.unchanged)} the same)."
        ]
    verb = "Would import" if report.dry_run else "Imported"
    lines = [
        f"{verb} {file} into {target}: {report.created} created, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged."
        + (" Nothing was written (dry run)." if report.dry_run else "")
    ]
    created = counts((kind.kind, len(kind.created)) for kind in report.kinds)
    if created:
        lines.append(f"  created: {created}")
    for what in ("updated", "removed"):
        for kind in report.kinds:
            names: tuple[str, ...] = getattr(kind, what)
            if not names:
                continue
            shown = "; ".join(names[:NAMED_CHANGES])
            more = len(names) - NAMED_CHANGES
            lines.append(f"  {what}: {shown}" + (f"; and {more} more" if more > 0 else ""))
    return lines
