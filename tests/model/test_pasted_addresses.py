"""Addresses pasted from a mail client with what surrounds them there: angle brackets,
a separating comma or semicolon, a ``mailto:``. Such an address once passed the rules and
went into To and ATTENDEE as written (``mailto:<ana.quispe@vivienda.gob.pe>``), which no
calendar matches with the participant: they got no Accept or Decline. The rules refuse
every character an address cannot hold unquoted, in one line that says what to do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.model import Participant
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database


def refusal(email: str, characters: str) -> str:
    return (
        f"'{email}' is not an email address: write one address alone, without "
        f"{characters} (expected name@example.org)."
    )


@pytest.mark.parametrize(
    ("email", "characters"),
    [
        ("<ana.quispe@vivienda.gob.pe>", "< >"),
        ("ana.quispe@vivienda.gob.pe>", ">"),
        ("ana.quispe@vivienda.gob.pe;", ";"),
        ("ana.quispe@vivienda.gob.pe,", ","),
        ("bruno.salas,ana.quispe@vivienda.gob.pe", ","),
        ("mailto:ana.quispe@vivienda.gob.pe", ":"),
        ('"ana.quispe"@vivienda.gob.pe', '"'),
        ("ana.quispe@vivienda.gob.pe(Lima)", "( )"),
        ("ana.quispe@[vivienda.gob.pe]", "[ ]"),
    ],
)
def test_an_address_pasted_with_what_surrounds_it_is_refused(email: str, characters: str) -> None:
    found = {p.field: p.message for p in Participant(name="Ana Quispe", email=email).problems()}
    assert found == {"email": refusal(email, characters)}


@pytest.mark.parametrize(
    "email",
    ["ana.quispe@vivienda.gob.pe", "o'brien@example.org", "ana+cpp@vivienda.gob.pe"],
)
def test_an_address_as_written_is_taken(email: str) -> None:
    assert not Participant(name="Ana Quispe", email=email).problems()


def test_a_program_file_with_a_pasted_address_is_refused_in_one_line(
    sqlite_template: Path, tmp_path: Path
) -> None:
    shutil.copyfile(sqlite_template, tmp_path / "source.sqlite")
    shutil.copyfile(sqlite_template, tmp_path / "target.sqlite")
    source = open_database(tmp_path / "source.sqlite")
    load_demo(source)
    export_program(source, tmp_path / "demo.json")
    source.close()
    document = json.loads((tmp_path / "demo.json").read_text())
    person = document["participants"][0]
    pasted = f"<{person['email']}>"
    person["email"] = pasted
    path = tmp_path / "pasted.json"
    path.write_text(json.dumps(document))
    target = open_database(tmp_path / "target.sqlite")
    try:
        with pytest.raises(ProgramFileError) as caught:
            import_program(target, path)
    finally:
        target.close()
    assert str(caught.value) == (
        f"pasted.json: participant '{person['name']}' (id {person['id']}): "
        f"email: {refusal(pasted, '< >')}"
    )
