"""Compile the Qt Designer forms in ui/ into cpp_scheduler/gui/forms/ui_<name>.py.

Run from the repository root after editing a form:

    python tools/build_forms.py            # rebuild every form
    python tools/build_forms.py --check    # exit 1 and name the stale forms, change nothing

The compiled modules are committed, so that running the program needs no build step, and
each carries a first line saying which form it comes from. tests/gui/dialogs checks that
none is stale.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "cpp_scheduler" / "gui" / "forms"
COMMAND = "python tools/build_forms.py"

# uic's own banner names its version and the path it was given; both vary between
# machines, so it is replaced by a stable line.
_BANNER = re.compile(r"\A# -\*- coding: utf-8 -\*-\n+#{10,}\n(?:##.*\n)*#{10,}\n", re.MULTILINE)


class FormBuildError(RuntimeError):
    """uic is missing or refused a form."""


def header(ui_name: str) -> str:
    return f"# Generated from ui/{ui_name} by tools/build_forms.py; do not edit.\n"


def compiled_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def uic_executable() -> str:
    """pyside6-uic of the running interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "pyside6-uic"
    if beside.exists():
        return str(beside)
    found = shutil.which("pyside6-uic")
    if found is None:
        raise FormBuildError("pyside6-uic is not installed; install PySide6 in this environment")
    return found


def compile_form(ui_file: Path) -> str:
    """The Python source of one form, with the generated-file header."""
    result = subprocess.run(
        [uic_executable(), "--no-autoconnection", str(ui_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise FormBuildError(f"uic refused {ui_file.name}: {result.stderr.strip()}")
    source, replaced = _BANNER.subn("", result.stdout, count=1)
    if not replaced:
        raise FormBuildError(f"uic wrote an unexpected banner for {ui_file.name}")
    return header(ui_file.name) + "\nfrom typing import Any\n" + _typed(source.lstrip("\n"))


# uic writes untyped methods; typed ones let the dialogs that call them be checked
# strictly. The widget is Any: a form's code calls the methods of its own widget class.
_METHOD = re.compile(r"^    def (setupUi|retranslateUi)\(self, (\w+)\):$", re.MULTILINE)


def _typed(source: str) -> str:
    return _METHOD.sub(r"    def \1(self, \2: Any) -> None:", source)


def forms(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(ui_dir.glob("*.ui"))


def build(ui_dir: Path = UI_DIR, out_dir: Path = FORMS_DIR) -> list[Path]:
    """Compile every form of ``ui_dir`` into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ui_file in forms(ui_dir):
        target = out_dir / compiled_name(ui_file)
        source = compile_form(ui_file)
        if not target.exists() or target.read_text(encoding="utf-8") != source:
            target.write_text(source, encoding="utf-8", newline="\n")
        written.append(target)
    return written


def stale_forms(ui_dir: Path = UI_DIR, out_dir: Path = FORMS_DIR) -> list[str]:
    """Names of the forms whose compiled module is missing or differs from the form."""
    stale = []
    for ui_file in forms(ui_dir):
        target = out_dir / compiled_name(ui_file)
        if not target.exists() or target.read_text(encoding="utf-8") != compile_form(ui_file):
            stale.append(ui_file.name)
    return stale


def orphan_modules(ui_dir: Path = UI_DIR, out_dir: Path = FORMS_DIR) -> list[str]:
    """Compiled modules left behind by a form that was deleted or renamed."""
    expected = {compiled_name(ui_file) for ui_file in forms(ui_dir)}
    return sorted(path.name for path in out_dir.glob("ui_*.py") if path.name not in expected)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale forms, write nothing")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_forms()
            for name in stale:
                print(f"stale: ui/{name} (run {COMMAND})")
            for name in orphan_modules():
                print(f"orphan: cpp_scheduler/gui/forms/{name} has no form in ui/")
            return 1 if stale or orphan_modules() else 0
        for path in build():
            print(f"compiled {path.relative_to(ROOT)}")
        # The translations are compiled with the forms: one build step for the window.
        from build_translations import build as build_translations

        for path in build_translations():
            print(f"compiled {path.relative_to(ROOT)}")
        for name in orphan_modules():
            print(f"note: cpp_scheduler/gui/forms/{name} has no form in ui/; delete it")
    except FormBuildError as error:
        print(f"build_forms: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
