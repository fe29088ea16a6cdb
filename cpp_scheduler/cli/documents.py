"""``cpp-scheduler print itinerary|programme|day``: the printed documents, as PDF files.

The content is built by :mod:`cpp_scheduler.documents` like everything else on the
command line; only laying it out on pages needs Qt, so the renderer of the window
(``cpp_scheduler.gui.printing``) is imported when a PDF is asked for, on Qt's offscreen
platform where no display is set, and never by the rest of the command line.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from cpp_scheduler.cli.dates import parse_day
from cpp_scheduler.cli.errors import output_file
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.documents.content import PrintDocument
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.files import PDF_FILE
from cpp_scheduler.i18n import _
from cpp_scheduler.services.saved_words import pdf_saved


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "print",
        parents=[common],
        help=_(
            "write a delegation's itinerary, a conference's programme or a day's run sheet as a PDF"
        ),
        description=_(
            "Write one of the documents people hold in their hands as a PDF: a "
            "delegation's itinerary, a conference's programme, or the run sheet of a day in "
            "Japan. Each page names the program's state ('as of' its last change, and its "
            "change counter), so two printouts can be told apart."
        ),
    )
    kinds = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    paper = argparse.ArgumentParser(add_help=False)
    paper.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help=_("the PDF file to write")
    )
    paper.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help=_("paper size (default: a4)")
    )
    itinerary = kinds.add_parser(
        "itinerary",
        parents=[common, paper],
        help=_("a delegation's itinerary"),
        description=_(
            "A delegation's itinerary: a cover with its dates in Japan and whom "
            "to call at TDLC, then each day with its meetings, venues in English and Japanese, "
            "travel legs, hotel, video links as text and QR code."
        ),
    )
    itinerary.add_argument(
        "--delegation", required=True, metavar="NAME", help=_("the delegation's name (any case)")
    )
    itinerary.set_defaults(run=run_itinerary)
    programme = kinds.add_parser(
        "programme",
        parents=[common, paper],
        help=_("a conference's programme"),
        description=_(
            "A conference's programme: a timetable per day with a column per "
            "room, then each session with its themes, speakers and delegations."
        ),
    )
    programme.add_argument("--event", required=True, metavar="UID", help=_("the conference's UID"))
    programme.set_defaults(run=run_programme)
    day = kinds.add_parser(
        "day",
        parents=[common, paper],
        help=_("the run sheet of a day"),
        description=_(
            "Everything on one date in Japan, at every venue, in time order, with "
            "rooms, attendees, interpretation, equipment, contacts, the study tours' "
            "travel legs under way that day and that day's conflicts."
        ),
    )
    day.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("the date in Japan"))
    day.set_defaults(run=run_day)


def run_itinerary(args: argparse.Namespace) -> int:
    return _print(
        args, lambda database: itinerary_document(read_itinerary(database, args.delegation))
    )


def run_programme(args: argparse.Namespace) -> int:
    return _print(args, lambda database: programme_document(read_programme(database, args.event)))


def run_day(args: argparse.Namespace) -> int:
    day = parse_day("--date", args.date)
    assert day is not None  # the option is required
    return _print(args, lambda database: run_sheet_document(read_run_sheet(database, day)))


def _print(args: argparse.Namespace, build: Any) -> int:
    output = output_file(args.output, PDF_FILE)
    database = open_program(args.db)
    try:
        document: PrintDocument = build(database)
    finally:
        database.close()
    pages = write_pdf(document, output, args.paper)
    print(pdf_saved(output, pages))  # as the Print dialog's Save as PDF says it
    return 0


def write_pdf(document: PrintDocument, output: Path, paper: str) -> int:
    """Render ``document`` with the window's renderer, starting Qt without a window."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from cpp_scheduler import i18n
    from cpp_scheduler.gui import printing, translations

    if QGuiApplication.instance() is None:
        application = QGuiApplication(["cpp-scheduler"])
        try:
            if i18n.language() != i18n.ENGLISH:  # the page numbers are Qt's texts
                translations.install(i18n.language())
            return printing.write_pdf(document, output, paper)
        finally:
            del application
    return printing.write_pdf(document, output, paper)
