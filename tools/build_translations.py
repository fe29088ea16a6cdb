"""Gather the program's texts for translators and compile their translations.

Run from the repository root:

    python tools/build_translations.py --update   # gather new texts into the sources
    python tools/build_translations.py            # compile the sources (also build_forms.py)
    python tools/build_translations.py --check    # exit 1 and name stale files

Two catalogues, one per layer:

- the core's gettext catalogue: Babel gathers every ``_()``, ``N_()``, ``NP_()``,
  ``ngettext()`` and ``pgettext()`` outside ``cpp_scheduler/gui/`` into
  ``cpp_scheduler/locale/cpp_scheduler.pot``, merges
  it into each ``cpp_scheduler/locale/<lang>/LC_MESSAGES/cpp_scheduler.po`` and compiles
  that into the ``.mo`` beside it;
- the window's Qt catalogue: ``pyside6-lupdate`` gathers ``tr()`` and ``translate()`` of
  ``cpp_scheduler/gui/`` and the forms of ``ui/`` into
  ``resources/translations/cpp_scheduler_<lang>.ts``, compiled by ``pyside6-lrelease``
  into the ``.qm`` beside it.

- the names of the countries: Babel's CLDR data names each country of pytz's catalogue
  in each language, English included (ペルー, ケニア; Samoa and United Kingdom, where the
  time-zone database says "Samoa (western)" and "Britain (UK)"), in
  ``cpp_scheduler/locale/<lang>/countries.json``, which the program reads instead of
  loading Babel's locale data while a dialog opens.

The compiled files are committed, as the compiled forms are, so running the program
needs no build step; ``tests/test_i18n.py`` and ``tests/gui/test_translations.py`` fail
when one differs from what its source compiles to.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "cpp_scheduler"
LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "cpp_scheduler"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
QT_DIR = ROOT / "resources" / "translations"
UI_DIR = ROOT / "ui"
GUI_DIR = PACKAGE_DIR / "gui"
#: The languages translated into; English is the language the texts are written in.
LANGUAGES = ("ja",)
#: The languages whose country names are taken from CLDR: English too.
COUNTRY_LANGUAGES = ("en", *LANGUAGES)
COMMAND = "python tools/build_translations.py"

_KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
# The window's texts are Qt's; the compiled forms are gathered from their .ui files.
_METHODS = [("gui/**", "ignore"), ("locale/**", "ignore"), ("**.py", "python")]


class TranslationBuildError(RuntimeError):
    """A Qt translation tool is missing or refused a file."""


# -- the core's gettext catalogue ---------------------------------------------------------


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def core_template() -> Catalog:
    """Every message of the core, with where it is written."""
    catalog = Catalog(
        project="CPP Scheduler",
        domain=DOMAIN,
        fuzzy=False,
        copyright_holder="CPP Scheduler developers",
        version="",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR), method_map=_METHODS, keywords=_KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        location = (f"cpp_scheduler/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # Without line numbers: a catalogue changes when a text does, not when code moves.
    catalog.fuzzy = False
    write_po(buffer, catalog, width=100, sort_output=False, include_lineno=False)
    return buffer.getvalue()


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def compile_catalogue(po_file: Path) -> bytes:
    """The ``.mo`` a ``.po`` compiles to; fuzzy translations are left out, as msgfmt does."""
    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(po_file), use_fuzzy=False)
    return buffer.getvalue()


def _texts(catalog: Catalog) -> list[tuple[object, object, object]]:
    return [
        (message.id, message.context, sorted({path for path, _ in message.locations}))
        for message in catalog
    ]


def update_core() -> list[Path]:
    """Gather the core's messages into the template and merge them into each language."""
    template = core_template()
    if TEMPLATE.exists():  # unchanged texts keep their date: no change without a cause
        previous = read_catalogue(TEMPLATE)
        if _texts(previous) == _texts(template):
            template.creation_date = previous.creation_date
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template))
    written = [TEMPLATE]
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read_catalogue(path)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(
                locale=language,
                project="CPP Scheduler",
                domain=DOMAIN,
                copyright_holder="CPP Scheduler developers",
            )
            catalog.update(template, no_fuzzy_matching=True)
        path.write_bytes(_po_bytes(catalog))
        written.append(path)
    return written


# -- the window's Qt catalogue ------------------------------------------------------------


def ts_path(language: str) -> Path:
    return QT_DIR / f"{DOMAIN}_{language}.ts"


def qm_path(language: str) -> Path:
    return ts_path(language).with_suffix(".qm")


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise TranslationBuildError(f"{name} is not installed; install PySide6 here")
    return found


def _run(arguments: list[str]) -> None:
    result = subprocess.run(arguments, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise TranslationBuildError(f"{Path(arguments[0]).name} failed: {result.stderr.strip()}")


def qt_sources() -> list[Path]:
    """The files the window's texts are written in: its modules and the forms."""
    modules = [path for path in sorted(GUI_DIR.rglob("*.py")) if "forms" not in path.parts]
    return [*modules, *sorted(UI_DIR.glob("*.ui"))]


def update_qt() -> list[Path]:
    """Gather the window's texts into each language's ``.ts``, keeping its translations."""
    QT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        target = ts_path(language)
        sources = [str(path.relative_to(ROOT)) for path in qt_sources()]
        _run(
            [
                _tool("pyside6-lupdate"),
                *sources,
                "-locations",
                "none",
                "-no-obsolete",
                "-target-language",
                language,
                "-ts",
                str(target.relative_to(ROOT)),
            ]
        )
        written.append(target)
    return written


def compile_qt(ts_file: Path) -> bytes:
    """The ``.qm`` a ``.ts`` compiles to."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "compiled.qm"
        _run([_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(target)])
        return target.read_bytes()


# -- both ---------------------------------------------------------------------------------


def compiled_pairs() -> list[tuple[Path, Path]]:
    """Each translation source with the compiled file beside it."""
    pairs = []
    for language in LANGUAGES:
        pairs.append((po_path(language), mo_path(language)))
        pairs.append((ts_path(language), qm_path(language)))
    return pairs


def compile_source(source: Path) -> bytes:
    return compile_catalogue(source) if source.suffix == ".po" else compile_qt(source)


def countries_path(language: str) -> Path:
    return LOCALE_DIR / language / "countries.json"


def country_names(language: str) -> bytes:
    """The file of ``language``'s country names: CLDR's name (Babel) of every country of
    pytz's catalogue, by ISO 3166 code."""
    import pytz
    from babel import Locale

    names = Locale(language).territories
    chosen = {code: names[code] for code in sorted(pytz.country_names) if code in names}
    return (json.dumps(chosen, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def build() -> list[Path]:
    """Compile every translation source present; returns the files written or kept."""
    written = []
    for language in COUNTRY_LANGUAGES:
        target, names = countries_path(language), country_names(language)
        if not target.exists() or target.read_bytes() != names:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(names)
        written.append(target)
    for source, target in compiled_pairs():
        if not source.exists():
            continue
        compiled = compile_source(source)
        if not target.exists() or target.read_bytes() != compiled:
            target.write_bytes(compiled)
        written.append(target)
    return written


def stale() -> list[str]:
    """The compiled files missing or differing from what their source compiles to."""
    found = [
        str(countries_path(language).relative_to(ROOT))
        for language in COUNTRY_LANGUAGES
        if not countries_path(language).exists()
        or countries_path(language).read_bytes() != country_names(language)
    ]
    for source, target in compiled_pairs():
        if source.exists() and (
            not target.exists() or target.read_bytes() != compile_source(source)
        ):
            found.append(str(target.relative_to(ROOT)))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--update", action="store_true", help="gather texts, then compile")
    group.add_argument("--check", action="store_true", help="report stale files, write nothing")
    args = parser.parse_args(argv)
    try:
        if args.check:
            names = stale()
            for name in names:
                print(f"stale: {name} (run {COMMAND})")
            return 1 if names else 0
        if args.update:
            for path in [*update_core(), *update_qt()]:
                print(f"updated {path.relative_to(ROOT)}")
        for path in build():
            print(f"compiled {path.relative_to(ROOT)}")
    except TranslationBuildError as error:
        print(f"build_translations: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
