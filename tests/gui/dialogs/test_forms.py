"""The Designer forms: compiled modules up to date, proper layouts, labelled fields."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _build_forms() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_forms", ROOT / "tools" / "build_forms.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_forms = _build_forms()
FORMS = build_forms.forms()


def test_there_is_a_form_for_every_editor() -> None:
    names = {path.stem for path in FORMS}
    assert names >= {
        "event_dialog",
        "delegation_dialog",
        "participant_dialog",
        "venue_dialog",
        "partner_city_dialog",
        "theme_dialog",
        "knowledge_product_dialog",
        "travel_time_dialog",
    }


def test_compiled_forms_match_their_ui_files(tmp_path: Path) -> None:
    fresh = build_forms.build(build_forms.UI_DIR, tmp_path)
    stale = []
    for compiled in fresh:
        committed = build_forms.FORMS_DIR / compiled.name
        if not committed.exists() or committed.read_text("utf-8") != compiled.read_text("utf-8"):
            stale.append(f"ui/{compiled.stem.removeprefix('ui_')}.ui")
    assert not stale, (
        f"compiled forms out of date for {', '.join(stale)}: run "
        f"'{build_forms.COMMAND}' and commit cpp_scheduler/gui/forms/"
    )
    assert not build_forms.orphan_modules(), "compiled forms whose .ui file is gone"


def test_compiled_forms_say_they_are_generated() -> None:
    for form in FORMS:
        compiled = build_forms.FORMS_DIR / build_forms.compiled_name(form)
        first_line = compiled.read_text("utf-8").splitlines()[0]
        assert first_line == (
            f"# Generated from ui/{form.name} by tools/build_forms.py; do not edit."
        )


@pytest.mark.parametrize("form", FORMS, ids=lambda path: path.stem)
def test_forms_use_layouts_and_buddies(form: Path) -> None:
    tree = ElementTree.parse(form)
    top = tree.getroot().find("widget")
    assert top is not None
    assert top.find("layout") is not None, "the dialog has no layout"
    geometry = [
        w.get("name")
        for w in tree.iter("widget")
        if w.find("property[@name='geometry']") is not None
    ]
    assert not geometry, f"absolute geometry in {form.name}: {geometry}"
    for label in tree.iter("widget"):
        if label.get("class") != "QLabel":
            continue
        text = label.findtext("property[@name='text']/string") or ""
        if "&" in text:
            buddy = label.findtext("property[@name='buddy']/cstring")
            assert buddy, f"{form.name}: label {text!r} has a shortcut but no buddy"
    assert tree.getroot().find("tabstops") is not None, f"{form.name} sets no tab order"
