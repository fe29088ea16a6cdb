"""The PDFs ``cpp-scheduler print`` writes, read back with pypdf: what a coordinator
holds in their hands, page by page."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pypdf
import pytest
from pdftext import page_texts, squeezed
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.cli import asked_language, main
from cpp_scheduler.gui import translations
from cpp_scheduler.model import Event
from cpp_scheduler.services.demo import (
    CONFERENCE,
    PERU,
    TOUR_EVENTS,
    TOUR_LEGS,
    TOUR_NIGHTS,
)
from cpp_scheduler.store import open_database

REPO = Path(__file__).resolve().parents[2]
A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def print_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``cpp-scheduler print ...`` as :func:`cli_command` runs it."""
    return cli_command("print", *arguments)


def printed_pages(program: Path, output: Path, *arguments: str) -> list[str]:
    """``cpp-scheduler print ARGUMENTS --db PROGRAM -o OUTPUT``, which must succeed, and
    each page of the PDF it wrote as a reader sees it."""
    done = print_command(*arguments, "--db", str(program), "-o", str(output))
    assert done.returncode == 0, done.stderr
    return page_texts(output)


def cli_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``cpp-scheduler ...`` run by its entry point in this process, its output and
    status as a terminal gets them: the Qt application it lays pages out with is the
    test's, speaking the language the command asks for while it runs (as the command's
    own does). The tests that start it in a process of its own, without a display,
    use :func:`cli_process`."""
    language = asked_language(arguments) or i18n.ENGLISH
    environment = dict(os.environ)  # --author sets the author for the process
    out, err = io.StringIO(), io.StringIO()
    QApplication.instance() or QApplication(["cpp-scheduler"])
    translations.install(language)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                status = main(list(arguments))
            except SystemExit as exit_:  # argparse refusing the arguments
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        translations.install(i18n.ENGLISH)
        os.environ.clear()
        os.environ.update(environment)
    return subprocess.CompletedProcess(arguments, status, out.getvalue(), err.getvalue())


def cli_process(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``cpp-scheduler ...`` in a process of its own, without a display: the command
    starts the Qt application it lays pages out with itself."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment.pop("QT_QPA_PLATFORM", None)
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def page_size(path: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_the_itinerary_pdf_holds_the_whole_tour_in_order(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """As a coordinator runs it: in a process of its own, without a display."""
    output = tmp_path / "itinerary.pdf"
    done = cli_process(
        "print", "itinerary", "--db", str(demo_sqlite_path), "--delegation", PERU, "-o", str(output)
    )
    assert done.returncode == 0, done.stderr
    pages = page_texts(output)
    assert done.stdout.strip() == f"Saved {output}: {len(pages)} pages"
    assert page_size(output) == A4_POINTS
    text = " ".join(pages)
    positions = [text.index(title) for *_rest, title, _themes in TOUR_EVENTS]
    assert positions == sorted(positions), "the tour's events in the order they happen"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert re.search(r"As of \w{3} \d{2} \w{3} \d{4} \d{2}:\d{2} \(Tokyo\), change \d+", page)
        assert "Itinerary — " + PERU in page
    # The Kobe workshop's venue, in English and in Japanese for the driver.
    assert "6-5-1 Kano-cho, Chuo-ku, Kobe, Hyogo 650-8570" in text
    assert "〒650-8570兵庫県神戸市中央区加納町6-5-1" in squeezed(text)
    assert "神戸市役所" in squeezed(text)
    for _day, origin, destination, _mode, departure, arrival, _notes in TOUR_LEGS:
        assert f"Departs {departure} from {origin}, arrives {arrival} in {destination}" in text
    for _day, hotel, locality, address in TOUR_NIGHTS:
        english, japanese = address.splitlines()
        assert f"Hotel tonight: {hotel}, {locality}" in text
        assert english in text
        assert squeezed(japanese) in squeezed(text)
    assert "Videolink:https://meet.example.org/tdlc/peru-briefing" in squeezed(text)
    assert "At home (Lima): Tue 23 Feb 18:30–19:30" in text
    assert embedded_fonts(output) >= {"DejaVuSans", "NotoSansCJKjp-Regular"}


def embedded_fonts(path: Path) -> set[str]:
    """The fonts whose glyphs the PDF carries (a font file in its descriptor)."""
    found = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and any(
                    key in descriptor.get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    found.add(str(font["/BaseFont"]).lstrip("/").split("+")[-1])
    return found


def test_a_day_is_not_split_across_pages_when_it_fits_on_one(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """As a coordinator runs it: in a process of its own, without a display."""
    output = tmp_path / "itinerary.pdf"
    done = cli_process(
        "print", "itinerary", "--db", str(demo_sqlite_path), "--delegation", PERU, "-o", str(output)
    )
    assert done.returncode == 0, done.stderr
    pages = page_texts(output)
    for heading, last_line in [
        ("Wednesday 10 March 2027", "Hotel tonight: Kobe Harborland Hotel"),
        ("Thursday 11 March 2027", "Hotel tonight: Kokura Station Hotel"),
        ("Friday 12 March 2027", "Study tour wrap-up"),
    ]:
        holding = [n for n, page in enumerate(pages) if heading in page]
        assert len(holding) == 1
        assert last_line in pages[holding[0]], f"{heading} ends on the page it starts on"


def test_the_programme_pdf_on_letter_paper_has_the_parallel_sessions(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = open_database(demo_sqlite_path)
    with database.session() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == CONFERENCE))
    database.close()
    assert uid is not None
    output = tmp_path / "programme.pdf"
    done = print_command(
        "programme",
        "--db",
        str(demo_sqlite_path),
        "--event",
        uid,
        "-o",
        str(output),
        "--paper",
        "letter",
    )
    assert done.returncode == 0, done.stderr
    assert page_size(output) == LETTER_POINTS
    pages = page_texts(output)
    timetable = next(page for page in pages if "Monday 15 February 2027 Time" in page)
    assert "TDLC Meeting Room A TDLC Meeting Room B" in timetable
    row = timetable.index("10:45")
    left = timetable.index("Compact city and transit")
    right = timetable.index("Capturing land value")
    assert row < left < right, "the parallel sessions share the 10:45 row, room A first"
    listing = " ".join(pages[pages.index(timetable) + 1 :])
    assert "Presenters Isabel Ortega, Inter-American Development Bank, Asia Office" in listing


def test_the_run_sheet_pdf_has_the_days_conflicts(demo_sqlite_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "day.pdf"
    done = print_command(
        "day", "--db", str(demo_sqlite_path), "--date", "2027-02-15", "-o", str(output)
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(page_texts(output))
    assert "Run sheet — Monday 15 February 2027" in text
    assert "Conflicts of the day" in text
    assert "Night-time session" in text
    assert "Living with earthquakes: Kobe after 1995 is at night for Peru" in text
    assert "Videoconference studio" in text
    mode = stat.S_IMODE(output.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["day.pdf"], "no temporary file left"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["itinerary", "--delegation", "Atlantis"], "No delegation is called 'Atlantis'"),
        (["programme", "--event", "nope"], "No event has the UID or id 'nope'."),
        (
            ["day", "--date", "2027-02-30"],
            "--date '2027-02-30' is not a date; write it as YYYY-MM-DD (such as 2027-02-15)",
        ),
        (
            ["day", "--date", "9999-12-31"],
            "--date 9999-12-31 is outside the days the program plans for (1900-01-01 to "
            "2199-12-31)",
        ),
    ],
)
def test_a_bad_name_uid_or_date_is_one_line(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    output = tmp_path / "out.pdf"
    status = main(["print", *arguments, "--db", str(demo_sqlite_path), "-o", str(output)])
    error = capsys.readouterr().err
    assert status != 0
    assert error.count("\n") == 1
    assert message in error
    assert not output.exists()


def test_a_missing_folder_is_one_line(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "nowhere" / "out.pdf"
    status = main(
        ["print", "day", "--db", str(demo_sqlite_path), "--date", "2027-02-15", "-o", str(output)]
    )
    assert status == 1
    assert capsys.readouterr().err == (
        f"cpp-scheduler: '{output}' cannot be written: "
        f"the folder '{output.parent}' does not exist\n"
    )


def test_the_programme_and_the_run_sheet_print_in_japanese(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = open_database(demo_sqlite_path)
    with database.session() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == CONFERENCE))
    database.close()
    assert uid is not None
    programme, day = tmp_path / "programme.pdf", tmp_path / "day.pdf"
    db = ("--db", str(demo_sqlite_path), "--lang", "ja")
    # In a process of its own, which starts Qt speaking Japanese (its page numbers).
    done = cli_process("print", "programme", *db, "--event", uid, "-o", str(programme))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{programme} を保存しました: 4ページ\n"
    pages = [squeezed(page) for page in page_texts(programme)]
    timetable = next(page for page in pages if "2027年2月15日(月)時刻" in page)
    assert "TDLC会議室ATDLC会議室B" in timetable
    assert timetable.index("10:45") < timetable.index("Compactcityandtransit")
    assert "登壇者" in "".join(pages)
    assert embedded_fonts(programme) >= {"NotoSansCJKjp-Regular"}
    done = print_command("day", *db, "--date", "2027-02-15", "-o", str(day))
    assert done.returncode == 0, done.stderr
    text = "".join(squeezed(page) for page in page_texts(day))
    assert "進行表—2027年2月15日(月)" in text
    assert "この日の競合" in text
    assert "夜間のセッション" in text
    assert "Conflictsoftheday" not in text
