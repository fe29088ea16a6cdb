"""The window in Japanese: catalogues up to date and complete, chosen in Preferences."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QDate, QLocale, QSettings, Qt
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.forms.ui_theme_dialog import Ui_ThemeDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.preferences import PreferencesDialog
from cpp_scheduler.store import Database

ROOT = Path(__file__).resolve().parents[2]


def _build_translations() -> ModuleType:
    path = ROOT / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_translations = _build_translations()
TS = build_translations.ts_path("ja")
# Qt's placeholders (%1, %n) and Python's ({name}); an accelerator (&File) is not one.
_PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{\w*\}")


@pytest.fixture
def japanese(qapp: object) -> Iterator[None]:
    translations.install(i18n.JAPANESE)
    yield
    translations.install(i18n.ENGLISH)


def messages(ts_file: Path) -> list[tuple[str, str, ElementTree.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source", ""), translation))
    return found


def test_compiled_qt_catalogue_matches_its_source() -> None:
    compiled = build_translations.qm_path("ja")
    assert compiled.exists(), f"no {compiled.name}: run '{build_translations.COMMAND}'"
    assert compiled.read_bytes() == build_translations.compile_qt(TS), (
        f"{compiled.name} is older than {TS.name}: run '{build_translations.COMMAND}' and commit"
    )


def test_the_ts_holds_every_text_the_window_marks(tmp_path: Path) -> None:
    fresh = tmp_path / TS.name
    shutil.copyfile(TS, fresh)
    sources = [str(path) for path in build_translations.qt_sources()]
    build_translations._run(
        [
            build_translations._tool("pyside6-lupdate"),
            *sources,
            "-locations",
            "none",
            "-ts",
            str(fresh),
        ]
    )
    held = {(context, source) for context, source, _ in messages(TS)}
    marked = {(context, source) for context, source, _ in messages(fresh)}
    missing = sorted(marked - held)
    assert not missing, (
        f"texts missing from {TS.name}: {missing[:5]}; run "
        f"'{build_translations.COMMAND} --update' and translate them"
    )


def test_every_window_text_has_a_japanese_translation_keeping_its_placeholders() -> None:
    untranslated, changed = [], []
    for context, source, element in messages(TS):
        text = element.text or ""
        if element.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            untranslated.append(f"{context}: {source}")
        elif sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
            changed.append(f"{context}: {source!r} -> {text!r}")
    assert not untranslated, f"no Japanese for {len(untranslated)}: {untranslated[:5]}"
    assert not changed, f"placeholders dropped or changed: {changed[:5]}"


@pytest.mark.usefixtures("japanese")
def test_a_form_reads_in_japanese_with_qts_own_buttons(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = Ui_ThemeDialog()
    form.setupUi(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(type(form.nameLabel)))
    assert "名" in labels
    box = QMessageBox(QMessageBox.Icon.Warning, "x", "y", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "キャンセル"
    assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Sunday  # as Japanese calendars print


@pytest.mark.usefixtures("japanese")
def test_the_menus_speak_japanese(sqlite_database: Database, qtbot: QtBot) -> None:
    window = MainWindow(sqlite_database)
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:3] == ["ファイル(&F)", "編集(&E)", "表示(&V)"]
    assert window.findChild(type(window.menuBar().actions()[0]), "new_event").text() == "新規"
    first, _last = window.current_view.period()
    assert first.weekday() == 6  # the week starts on Sunday, as Japanese calendars print it
    assert window.current_view.title().startswith(f"{first.year}年{first.month}月{first.day}日")


def test_preferences_store_the_language_for_the_next_start(qtbot: QtBot) -> None:
    settings = options.open_settings()
    assert translations.stored_choice(settings) == translations.SYSTEM
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(row) for row in range(dialog.language.count())]
    assert names[1:] == ["English", "日本語"]
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    again = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "TDLC", "CPP Scheduler"
    )
    assert translations.stored_choice(again) == "ja"


def test_an_unknown_stored_language_follows_the_system() -> None:
    settings = options.open_settings()
    settings.setValue(options.LANGUAGE, "klingon")
    assert translations.stored_choice(settings) == translations.SYSTEM


@pytest.mark.parametrize(
    ("system", "language", "shown", "short"),
    [
        ("ja_JP", "en", "Mon 18 Oct 2027", "2027/10/18"),  # a Tokyo laptop, in English
        ("en_GB", "en", "Mon 18 Oct 2027", "18/10/2027"),  # a British one keeps its order
        ("ja_JP", "ja", "月 18 10月 2027", "2027/10/18"),
        ("de_DE", "ja", "月 18 10月 2027", "2027/10/18"),  # Japanese on any system
    ],
)
def test_a_date_field_writes_its_days_and_months_in_the_windows_language(
    qtbot: QtBot, system: str, language: str, shown: str, short: str
) -> None:
    """The window's date fields (the event dialog's ``ddd d MMM yyyy``) follow the
    window's language; an English window keeps the system's region for the order."""
    before = QLocale()
    QLocale.setDefault(translations.window_locale(language, QLocale(system)))
    try:
        field = QDateEdit(QDate(2027, 10, 18))
        qtbot.addWidget(field)
        field.setDisplayFormat("ddd d MMM yyyy")
        assert field.text() == shown
        assert QLocale().toString(QDate(2027, 10, 18), QLocale.FormatType.ShortFormat) == short
    finally:
        QLocale.setDefault(before)
