"""Help inside the program: the documents that ship with it, and the keyboard shortcuts.

The guide is the program's own Markdown documents (``docs/``, shipped in the wheel and
found through :func:`cpp_scheduler.resources.doc_path`), shown in a browser that follows
the links between them. In Japanese a document's translation in ``docs/ja/`` is shown
where there is one; a document not translated yet is shown in English under a line that
says so. The shortcuts are read from the window's actions, so the list
is always the one the window really has.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.resources import doc_path

#: The documents of the guide, in the order a new coordinator reads them.
GUIDE: tuple[tuple[str, str], ...] = (
    ("user-guide.md", QT_TRANSLATE_NOOP("Help", "Getting started")),
    ("coordinator-tools.md", QT_TRANSLATE_NOOP("Help", "The coordinator's tools")),
    ("scheduling.md", QT_TRANSLATE_NOOP("Help", "Local times, slots and conflicts")),
    ("calendar-updates.md", QT_TRANSLATE_NOOP("Help", "Calendar files and updates")),
    ("program-file.md", QT_TRANSLATE_NOOP("Help", "The program file")),
    ("team.md", QT_TRANSLATE_NOOP("Help", "Working as a team")),
)


_FENCE = re.compile(r" {0,3}(```|~~~)")


_LINK_END = re.compile(r"\]\([^()\s]*\)$")
_MARKS = "*_`[]"
"""Inline marks around the text a reader sees: emphasis, code, a link's brackets."""


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def _ends_wide(line: str) -> bool:
    """Whether the last character a reader sees of ``line`` is wide (a link's target
    and the marks around its text left out)."""
    shown = _LINK_END.sub("", line.rstrip(" ")).rstrip(_MARKS)
    return bool(shown) and _wide(shown[-1])


def _starts_wide(line: str) -> bool:
    shown = line.lstrip(" ").lstrip(_MARKS)
    return bool(shown) and _wide(shown[0])


def joined_soft_breaks(markdown: str) -> str:
    """``markdown`` with each line break inside a paragraph between two wide characters
    (kanji, kana, full-width punctuation) taken out.

    A Markdown renderer turns a soft line break into a space, as English needs, but
    Japanese sets no space between its words: a page wrapped at 88 columns would read
    「システムの ユーザー名です」. As CSS does for East Asian text, the break between two
    wide characters is dropped instead (a list item's next line joins it, its indent
    with it), the characters a reader sees (a link's text, not its target); a break
    beside a Latin letter or a digit stays a space. A line that starts
    a block of its own (a list item, a heading, a quotation, a table row) starts with an
    ASCII mark, so it is never joined; code blocks, table rows and headings are not
    joined to what follows them either.
    """
    kept: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and line.strip().startswith(fence):
                fence = ""
            kept.append(line)
            continue
        if opening:
            fence = opening.group(1)
            kept.append(line)
            continue
        previous = kept[-1] if kept else ""
        follows = line.lstrip()
        if (
            previous
            and follows
            and not previous.endswith("  ")  # a hard line break
            and _ends_wide(previous)
            and _starts_wide(follows)
            and not previous.lstrip().startswith(("#", "|"))
            and not previous.startswith("    ")  # an indented code block
        ):
            kept[-1] = previous + follows
        else:
            kept.append(line)
    return "\n".join(kept)


def guide_path(name: str) -> tuple[Path, bool]:
    """The document ``name`` in the window's language, and whether it is in it: its
    translation below ``docs/<language>/`` if there is one, else the English one."""
    language = i18n.language()
    if language != i18n.ENGLISH:
        translated = doc_path(f"{language}/{name}")
        if translated.is_file():
            return translated, True
        return doc_path(name), False
    return doc_path(name), True


def link_target(page: str, link: QUrl) -> QUrl:
    """Where a link of the guide's document ``page`` leads: a relative link is read beside
    the page as shown (``program-file.schema.json`` beside ``program-file.md``). A
    translated page keeps the English page's links, so a file its folder has no copy of
    is the one beside the English page."""
    if not link.isRelative():
        return link
    shown, _translated = guide_path(page)
    target = QUrl.fromLocalFile(str(shown)).resolved(link)
    if not Path(target.toLocalFile()).exists():
        target = QUrl.fromLocalFile(str(doc_path(page))).resolved(link)
    return target


class HelpWindow(QDialog):
    """The user guide: its documents at the left, the chosen one at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(translate("Help", "CPP Scheduler — User guide"))
        self.resize(980, 680)
        self.contents = QListWidget(self)
        self.contents.setObjectName("helpContents")
        self.contents.setMaximumWidth(260)
        for name, title in GUIDE:
            item = QListWidgetItem(translate("Help", title), self.contents)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.contents.currentRowChanged.connect(self._chosen)
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.contents.setCurrentRow(0)

    @property
    def document(self) -> str:
        """The file name of the document shown."""
        item = self.contents.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_document(self, name: str, fragment: str = "") -> None:
        """Show one of the guide's documents (by file name), at ``fragment`` if given."""
        names = [entry for entry, _title in GUIDE]
        if name in names and self.contents.currentRow() != names.index(name):
            self.contents.setCurrentRow(names.index(name))
        if fragment:
            self.browser.scrollToAnchor(fragment)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(GUIDE):
            return
        path, translated = guide_path(GUIDE[row][0])
        text = path.read_text(encoding="utf-8")
        if not translated:
            note = translate("Help", "This page is not translated yet; it is shown in English.")
            text = f"*{note}*\n\n{text}"
        self.browser.setMarkdown(joined_soft_breaks(text))
        wrap_code_blocks(self.browser.document())
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))

    def _follow(self, url: QUrl) -> None:
        """A link to another document of the guide opens it here; any other link opens
        in the system's browser (a file beside the page, such as the program file's
        schema, by its place on disk)."""
        target = link_target(self.document, url)
        name = Path(target.path()).name
        if target.isLocalFile() and name in {entry for entry, _title in GUIDE}:
            self.show_document(name, target.fragment())
            return
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(target)


def in_menu_order(actions: list[QAction], window: QWidget | None) -> list[QAction]:
    """``actions`` in the order ``window``'s menus show them, menu by menu and top to
    bottom (a submenu's where it opens); those on no menu follow, in the order given.

    Not in the order of their words: in Japanese that is the order of the kanji's code
    points, which reads as no order at all (docs/glossary.md)."""
    given = set(actions)
    ordered: dict[QAction, None] = {}

    def walk(entries: list[QAction]) -> None:
        for action in entries:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu.actions())
            elif action in given:
                ordered.setdefault(action)

    bar = window.menuWidget() if isinstance(window, QMainWindow) else None
    if isinstance(bar, QMenuBar):
        walk(bar.actions())
    for action in actions:
        ordered.setdefault(action)
    return list(ordered)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, in the menus' words (an
    action's name without its mnemonic and ellipsis: its icon text, which for Undo and
    Redo leaves out the step they would take now), in the order of ``actions`` (each
    row once)."""
    rows: dict[tuple[str, str], None] = {}
    for action in actions:
        keys = ", ".join(
            sequence.toString(QKeySequence.SequenceFormat.NativeText)
            for sequence in action.shortcuts()
        )
        if keys:
            rows.setdefault((keys, action.iconText()))
    return list(rows)


def wrap_code_blocks(document: QTextDocument) -> None:
    """Let the lines of the document's code blocks wrap at the window's edge, as its
    paragraphs do: a command of the team's setup would otherwise run off a laptop's
    window behind a sideways scroll bar. A wrapped command is still one line when it is
    copied."""
    block = document.begin()
    while block.isValid():
        if block.blockFormat().nonBreakableLines():
            cursor = QTextCursor(block)
            wrapping = block.blockFormat()
            wrapping.setNonBreakableLines(False)
            cursor.setBlockFormat(wrapping)
        block = block.next()


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, as its actions define them."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        self.resize(520, 560)
        rows = shortcut_rows(in_menu_order(actions, parent))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([translate("Help", "Keys"), translate("Help", "Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for number, (keys, text) in enumerate(rows):
            self.table.setItem(number, 0, QTableWidgetItem(keys))
            self.table.setItem(number, 1, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
