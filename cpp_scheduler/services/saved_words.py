"""What a save says it wrote, one sentence each, which the window's status line shows and
the command prints alike: the agenda exported (``export csv|xlsx agenda`` and Export
agenda), a document or the report saved as a PDF (``print … -o``, ``report -o`` and the
Print dialog and report window's Save as PDF), the whole program exported (``program
export`` and File > Export program). Each counts in the language's own plural
(:func:`~cpp_scheduler.i18n.ngettext`) and names its file as every line naming a file
does (:func:`~cpp_scheduler.errors.shown_path`), so the two cannot say the same save
apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cpp_scheduler.errors import shown_path
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.services.counted import counts


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
