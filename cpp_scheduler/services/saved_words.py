"""What a save says it wrote, one sentence each, which the window's status line shows and
the command prints alike: a calendar file or the report's workbook written (``export
ics``, ``report -o FILE.xlsx`` and Export calendar, the report window's Save as
spreadsheet), the agenda exported (``export csv|xlsx agenda`` and Export agenda), a
document or the report saved as a PDF (``print … -o``, ``report -o`` and the
Print dialog and report window's Save as PDF), the whole program exported (``program
export`` and File > Export program), a program file imported (``program import`` and
File > Import program file) and the demo loaded (``demo`` and File > Load the demo
program). Each counts in the language's own plural
(:func:`~cpp_scheduler.i18n.ngettext`) and names its file as every line naming a file
does (:func:`~cpp_scheduler.errors.shown_path`), so the two cannot say the same save
apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from cpp_scheduler.errors import shown_path
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.services.counted import counts, plural

if TYPE_CHECKING:
    from cpp_scheduler.programfile import ImportReport
    from cpp_scheduler.services.demo import DemoSummary

NAMED_CHANGES = 8
"""How many records of a kind a program file's import names before it only counts them."""


def file_written(path: Path | str) -> str:
    """``Wrote kobe.ics``: a file written whole, a calendar file or a workbook, said a
    line each where a save writes several (a calendar and its cancellations)."""
    return _("Wrote {file}").format(file=shown_path(path))


def agenda_written(path: Path | str, meetings: int) -> str:
    """``Wrote 28 meetings to agenda.csv``: an agenda's spreadsheet written, one row a
    meeting."""
    return ngettext(
        "Wrote {count} meeting to {file}", "Wrote {count} meetings to {file}", meetings
    ).format(count=f"{meetings:,}", file=shown_path(path))


def pdf_saved(path: Path | str, pages: int) -> str:
    """``Saved programme.pdf: 3 pages``: a printed document or the report saved as a
    PDF of so many pages."""
    return ngettext("Saved {file}: {count} page", "Saved {file}: {count} pages", pages).format(
        file=shown_path(path), count=f"{pages:,}"
    )


def program_exported(database: str, path: Path | str, records: Mapping[str, int]) -> str:
    """``Exported the program of program.sqlite to plan.json: 4 partner cities, 24
    events.``: the program file written from ``database`` (its name), with how many
    records of each section (``records``: by section, as
    :class:`~cpp_scheduler.programfile.exporter.ProgramFileSummary` counts them) it
    holds, the sections with none left out."""
    from cpp_scheduler.programfile.layout import SECTIONS

    names = {kind.section: kind.record_kind for kind in SECTIONS}
    described = counts((names[section], count) for section, count in records.items())
    return _("Exported the program of {database} to {file}: {records}.").format(
        database=shown_path(database),
        file=shown_path(path),
        records=described or _("no records"),
    )


def program_imported(report: ImportReport, database: str) -> list[str]:
    """What a program file's import did to ``database`` (its name), a headline and then
    what it created, updated and removed: ``Imported plan.json into program.sqlite: 89
    created, 0 updated, 0 removed, 35 unchanged.``; a file already there whole, ``plan.json
    is already in program.sqlite: nothing to change (124 records the same).``; a dry run,
    what it would do. ``program import`` prints every line, and the window's status bar
    says the headline once the calendar shows the program imported."""
    file, target = shown_path(report.path), shown_path(database)
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
        ),
        *import_details(report),
    ]
    return lines


def import_counts(report: ImportReport) -> str:
    """``1 created, 2 updated, 0 removed, 123 unchanged.``: the counts of
    :func:`program_imported`'s headline alone, which the window's question before an
    import puts above :func:`import_details`."""
    return _(
        "{created} created, {updated} updated, {removed} removed, {unchanged} unchanged."
    ).format(
        created=report.created,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
    )


def import_details(report: ImportReport) -> list[str]:
    """What an import creates (counted), creates again of what this database deleted,
    updates and removes (named, the first :data:`NAMED_CHANGES` of each kind), a line
    each, indented as ``program import`` prints them under its headline."""
    lines: list[str] = []
    # Those created again are named below, not counted here too.
    created = counts((kind.kind, len(kind.created) - len(kind.recreated)) for kind in report.kinds)
    if created:
        lines.append("  " + _("created: {records}").format(records=created))
    for what, label in (
        ("recreated", N_("created again, deleted in this database before: {records}")),
        ("updated", N_("updated: {records}")),
        ("removed", N_("removed: {records}")),
    ):
        for kind in report.kinds:
            names: tuple[str, ...] = getattr(kind, what)
            if not names:
                continue
            shown = _("; ").join(names[:NAMED_CHANGES])
            more = len(names) - NAMED_CHANGES
            if more > 0:
                shown += _("; and {count} more").format(count=more)
            lines.append("  " + _(label).format(records=shown))
    return lines


def demo_loaded(summary: DemoSummary, database: str) -> list[str]:
    """What loading the demo into ``database`` (its name) did: ``Loaded the demo program
    into program.sqlite: created 8 venues, ….``, with the records it kept where some were
    there; where it was all there, ``The demo program is already in program.sqlite:
    nothing to add (89 records kept as they are).`` ``demo`` prints them, and the
    window's status bar says them once the calendar shows the demo."""
    target = shown_path(database)
    if not summary.total_created:
        return [
            ngettext(
                "The demo program is already in {database}: nothing to add "
                "({count} record kept as it is).",
                "The demo program is already in {database}: nothing to add "
                "({count} records kept as they are).",
                summary.total_kept,
            ).format(database=target, count=summary.total_kept)
        ]
    lines = [
        _("Loaded the demo program into {database}: created {counts}.").format(
            database=target, counts=counts(summary.created.items())
        )
    ]
    if summary.total_kept:
        lines.append(
            ngettext(
                "Kept {count} record that was already there.",
                "Kept {count} records that were already there.",
                summary.total_kept,
            ).format(count=summary.total_kept)
        )
    return lines
