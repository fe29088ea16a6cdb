"""Help inside the program: the guide opens from the menu and follows its links, and the
shortcut list is the window's own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.help import (
    GUIDE,
    HelpWindow,
    ShortcutsDialog,
    joined_soft_breaks,
    link_target,
)
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.resources import doc_path


def test_every_document_of_the_guide_ships_and_reads(qtbot: QtBot) -> None:
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    for row, (name, title) in enumerate(GUIDE):
        assert doc_path(name).is_file(), name
        help_window.contents.setCurrentRow(row)
        assert help_window.document == name
        text = help_window.browser.toPlainText()
        assert len(text) > 500, f"{title} is nearly empty"


def test_the_guide_opens_from_the_help_menu_and_follows_its_links(
    window: MainWindow, qtbot: QtBot
) -> None:
    action = next(a for a in window.help_menu.actions() if a.objectName() == "user_guide")
    assert action.shortcut().toString()  # F1, or the platform's help key
    action.trigger()
    guide = window.show_help()
    qtbot.waitExposed(guide)
    assert isinstance(guide, HelpWindow)
    assert "Getting started" in guide.browser.toPlainText()
    guide.browser.anchorClicked.emit(QUrl("calendar-updates.md"))
    assert guide.document == "calendar-updates.md"
    assert "METHOD" in guide.browser.toPlainText()
    assert window.show_help("scheduling.md") is guide  # one guide, reused


def test_the_shortcut_list_is_the_windows_own(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    table = dialog.table
    rows = {table.item(row, 1).text(): table.item(row, 0).text() for row in range(table.rowCount())}
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Week"] == "Ctrl+2"
    assert "User guide" in rows


@pytest.fixture
def japanese_window(qapp: object) -> Iterator[None]:
    translations.install(i18n.JAPANESE)
    yield
    translations.install(i18n.ENGLISH)


@pytest.mark.usefixtures("japanese_window")
def test_the_japanese_guide_reads_without_a_space_where_its_lines_were_wrapped(
    qtbot: QtBot,
) -> None:
    """The Japanese pages are wrapped at 88 columns; a reader sees no break, and no space
    in the middle of a sentence where the file breaks its line."""
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.show_document("team.md")
    team = help_window.browser.toPlainText()
    assert "システムのユーザー名です" in team
    assert "システムの ユーザー名" not in team
    # A code block keeps its lines and its spaces.
    assert "admin roles            # print the SQL\n" in team
    help_window.show_document("user-guide.md")
    guide = help_window.browser.toPlainText()
    assert "このガイドでは、コーディネーター" in guide
    # A list item's wrapped line joins its item; the list keeps its items.
    assert "連携都市・テーマ・種類・形式・状態・代表団・参加者によるフィルター" in guide
    items = [line for line in guide.splitlines() if line.startswith(("サイドバー", "カレンダー（"))]
    assert [item.split(":")[0] for item in items] == ["サイドバー（左）", "カレンダー（中央）"]
    # A link's text at a line's end or start joins as its words do.
    assert "現地時刻・候補日時・競合、カレンダーファイルと更新" in guide
    assert "プログラムファイル）をご覧ください" in guide
    # Beside a Latin word or a digit, the break stays the space it was.
    assert "共有フォルダーの 1 つの SQLite ファイル" in team


def test_soft_breaks_between_wide_characters_are_joined_and_others_kept() -> None:
    text = "\n".join(
        [
            "# 見出し",
            "本文の一行目は",
            "二行目に続きます。English",
            "stays spaced.",
            "",
            "- 項目の一行目は",
            "  二行目に続きます",
            "- 次の項目",
            "",
            "```",
            "コードは",
            "そのまま",
            "```",
            "| 表 |",
            "| 行 |",
        ]
    )
    assert joined_soft_breaks(text).split("\n") == [
        "# 見出し",
        "本文の一行目は二行目に続きます。English",
        "stays spaced.",
        "",
        "- 項目の一行目は二行目に続きます",
        "- 次の項目",
        "",
        "```",
        "コードは",
        "そのまま",
        "```",
        "| 表 |",
        "| 行 |",
    ]


def test_the_team_pages_commands_wrap_at_the_windows_edge(qtbot: QtBot) -> None:
    """On a laptop the setup commands of "Working as a team" wrap as the paragraphs do,
    with no sideways scroll bar, and still read as one line each."""
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.resize(900, 600)
    help_window.show()
    qtbot.waitExposed(help_window)
    help_window.show_document("team.md")
    qtbot.wait(50)
    assert help_window.browser.horizontalScrollBar().maximum() == 0
    lines = help_window.browser.toPlainText().splitlines()
    assert any(line.startswith("cpp-scheduler --db") and "admin grant" in line for line in lines)


_LINK = re.compile(r"\]\(([^()\s]+)\)")


def _outline(markdown: str) -> list[str]:
    """The levels of a page's headings, in order (a code block's ``#`` lines left out)."""
    levels: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            levels.append(line.split(" ", 1)[0])
    return levels


def test_every_page_of_the_guide_has_its_japanese_translation() -> None:
    """In Japanese, Help shows every page of the guide in Japanese, none in English under
    the line that says it is not translated yet; each translation keeps the English
    page's headings and every one of its links (docs/glossary.md)."""
    for name, _title in GUIDE:
        translation = doc_path(f"ja/{name}")
        assert translation.is_file(), f"{name} has no Japanese translation in docs/ja/"
        english = doc_path(name).read_text(encoding="utf-8")
        japanese = translation.read_text(encoding="utf-8")
        assert _outline(japanese) == _outline(english), name
        assert Counter(_LINK.findall(japanese)) == Counter(_LINK.findall(english)), name


@pytest.mark.usefixtures("japanese_window")
def test_a_link_to_a_file_beside_a_page_opens_that_file_in_either_language() -> None:
    """The program file's page links its JSON Schema, which ships beside the English page
    only: the Japanese page's link opens that file too, and its links to the other pages
    open their Japanese translations."""
    schema = link_target("program-file.md", QUrl("program-file.schema.json"))
    assert schema.toLocalFile() == str(doc_path("program-file.schema.json"))
    assert doc_path("program-file.schema.json").is_file()
    other_page = link_target("program-file.md", QUrl("scheduling.md#conflicts"))
    assert other_page.toLocalFile() == str(doc_path("ja/scheduling.md"))
    assert other_page.fragment() == "conflicts"
    translations.install(i18n.ENGLISH)
    schema = link_target("program-file.md", QUrl("program-file.schema.json"))
    assert schema.toLocalFile() == str(doc_path("program-file.schema.json"))
