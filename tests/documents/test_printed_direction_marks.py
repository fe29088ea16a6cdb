"""A title that turns its writing direction and never turns it back (U+202E, the
right-to-left override, as a partner's calendar file may bring it) turns itself alone on
paper: the run sheet drew the meeting's kind and times beside it backwards
("-ot-ecaF ,pohskrow reep-ot-reeP"). The title is imported by ``cpp-scheduler import``;
what the renderer lays out closes the override at the title's end, before anything else
of its cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_printed_pdfs import cli_command

from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.store import open_database

PARTNERS_CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//partner//x//EN\r\nBEGIN:VEVENT\r\n"
    "UID:rlo-1@partner.example\r\nDTSTAMP:20270101T000000Z\r\n"
    "DTSTART;TZID=Asia/Tokyo:20270218T100000\r\nDTEND;TZID=Asia/Tokyo:20270218T113000\r\n"
    "SUMMARY:Courtesy call \u202eKobe\r\nLOCATION:Kobe City Hall\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_title_turned_right_to_left_is_turned_back_at_its_end(
    demo_copy: Path, tmp_path: Path
) -> None:
    calendar = tmp_path / "partner.ics"
    calendar.write_text(PARTNERS_CALENDAR, encoding="utf-8", newline="")
    imported = cli_command("--db", str(demo_copy), "import", str(calendar))
    assert imported.returncode == 0, imported.stderr
    database = open_database(demo_copy)
    try:
        html = run_sheet_document(read_run_sheet(database, date(2027, 2, 18))).html()
    finally:
        database.close()

    assert "<b>Courtesy call \u202eKobe\u202c</b>" in html
    assert html.count("\u202e") == html.count("\u202c")


def test_a_balanced_override_is_left_whole_and_one_left_open_inside_an_isolate_is_closed() -> None:
    """A contact's name turned and turned back within itself stays so, whichever words
    it spans (it was closed after its first word, "Cohen haraS"); a PDF inside an isolate
    closes nothing opened outside it (UAX #9), so the override is still closed."""
    from cpp_scheduler.documents.markup import escape, lines, with_address_breaks

    contact = "\u202enehoC haraS\u202c <sarah@example.org>"
    assert with_address_breaks(contact).startswith("\u202enehoC haraS\u202c &lt;")
    assert lines("\u202eline one\nline two\u202c") == "\u202eline one<br>line two\u202c"
    nested = "\u202eWorkshop \u2066x\u202c\u2069 on water"
    assert escape(nested) == nested + "\u202c"
