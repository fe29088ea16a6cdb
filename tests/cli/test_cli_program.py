"""``cpp-scheduler program export|import`` and the bad files it must refuse cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.programfile import dumps, program_document
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A database holding the demo, shared by the tests that must leave it unchanged."""
    path = tmp_path_factory.mktemp("cli-program") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    database.close()
    return path


@pytest.fixture(scope="module")
def exported(demo_db: Path) -> dict[str, Any]:
    assert main(["--db", str(demo_db), "program", "export", str(demo_db.with_suffix(".json"))]) == 0
    document: dict[str, Any] = json.loads(demo_db.with_suffix(".json").read_text("utf-8"))
    return document


def _snapshot(path: Path) -> str:
    database = open_database(path)
    try:
        with database.session() as session:
            return dumps(program_document(session))
    finally:
        database.close()


def _refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> str:
    """Import ``content`` and return the one line of stderr, checking nothing changed."""
    before = _snapshot(demo_db)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    capsys.readouterr()
    status = main(["--db", str(demo_db), "program", "import", str(bad)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("cpp-scheduler: bad.json: ")
    assert _snapshot(demo_db) == before
    return lines[0]


def test_export_prints_what_it_wrote(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.json"
    assert main(["program", "export", str(target), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert f"to {target}: 17 thematic areas, 4 partner cities, 11 venues" in out
    assert "24 events, 5 knowledge products." in out
    assert json.loads(target.read_text("utf-8"))["format"] == "cpp-scheduler-program"


def test_import_into_a_new_database_then_again(
    exported: dict[str, Any],
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = demo_db.with_suffix(".json")
    target = tmp_path / "new.sqlite"
    assert main(["--db", str(target), "program", "import", str(file), "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert dry.startswith(f"Would import {file} into {target}: ")
    assert "Nothing was written (dry run)." in dry
    assert main(["--db", str(target), "program", "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Imported {file} into {target}: ")
    assert "created: 17 thematic areas, 4 partner cities" in out
    assert main(["--db", str(target), "program", "import", str(file)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert _snapshot(target) == dumps(exported)


def test_a_dry_run_into_a_database_that_does_not_exist_creates_none(
    exported: dict[str, Any], demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every record would be created, as the real import then says; no file is made."""
    file = demo_db.with_suffix(".json")
    target = tmp_path / "new.sqlite"
    assert main(["--db", str(target), "program", "import", str(file), "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert list(tmp_path.iterdir()) == []
    assert dry[0] == (
        f"Would import {file} into {target}: 124 created, 0 updated, 0 removed, 0 unchanged. "
        "Nothing was written (dry run)."
    )
    assert main(["--db", str(target), "program", "import", str(file)]) == 0
    done = capsys.readouterr().out.splitlines()
    assert done[1:] == dry[1:]


def test_a_file_that_is_not_json(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(
        demo_db, tmp_path, capsys, '{"format": "cpp-scheduler-program",\n  "version": 1,,\n}'
    )
    assert "is not JSON: line 2, column 16" in line


def test_a_file_of_another_format(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(demo_db, tmp_path, capsys, '{"format": "ics-export", "version": 1}')
    assert 'is not a CPP Scheduler program file (its format is "ics-export")' in line


def test_a_file_of_a_newer_version(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: dict[str, Any]
) -> None:
    line = _refused(demo_db, tmp_path, capsys, json.dumps({**exported, "version": 2}))
    assert "is a program file of version 2; this CPP Scheduler reads version 1" in line


def test_a_value_the_schema_refuses(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: dict[str, Any]
) -> None:
    document = json.loads(json.dumps(exported))
    event = document["events"][3]
    event["start"] = "2027-02-15 09:00"
    line = _refused(demo_db, tmp_path, capsys, json.dumps(document))
    assert f"event '{event['title']}' (id {event['id']})" in line
    assert 'start: "2027-02-15 09:00" is not an instant in UTC' in line


def test_a_reference_to_a_missing_record(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: dict[str, Any]
) -> None:
    document = json.loads(json.dumps(exported))
    event = document["events"][5]
    event["venue"] = "3e1d7c55-0000-4000-8000-000000000000"
    line = _refused(demo_db, tmp_path, capsys, json.dumps(document))
    assert f"event '{event['title']}' (id {event['id']})" in line
    assert (
        "venue refers to venue 3e1d7c55-0000-4000-8000-000000000000, which is neither "
        "in the file nor in the database"
    ) in line


def test_a_record_that_breaks_a_domain_rule(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: dict[str, Any]
) -> None:
    document = json.loads(json.dumps(exported))
    event = document["events"][-1]
    event["end"] = event["start"]
    line = _refused(demo_db, tmp_path, capsys, json.dumps(document))
    assert f"event '{event['title']}' (id {event['id']})" in line
    assert "end: The event must end after it starts." in line


def test_a_delegation_in_a_zone_of_another_country(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: dict[str, Any],
) -> None:
    document = json.loads(json.dumps(exported))
    delegation = next(d for d in document["delegations"] if d["country"] == "NP")
    delegation["zone"] = "Asia/Kolkata"
    line = _refused(demo_db, tmp_path, capsys, json.dumps(document))
    assert f"delegation '{delegation['name']}'" in line
    assert "zone: Asia/Kolkata is not a time zone of Nepal" in line


def test_a_missing_file(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--db", str(demo_db), "program", "import", str(tmp_path / "gone.json")])
    assert status == 1
    assert capsys.readouterr().err == "cpp-scheduler: gone.json: no such file\n"


def test_the_report_names_what_an_import_would_change(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: dict[str, Any],
) -> None:
    document = json.loads(json.dumps(exported))
    tour = document["study_tours"][0]
    tour["nights"] = tour["nights"][:-1]
    event = document["events"][0]
    event["status"] = "cancelled"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    before = _snapshot(demo_db)

    assert main(["--db", str(demo_db), "program", "import", str(edited), "--dry-run"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"Would import {edited} into {demo_db}: 0 created, 2 updated, "
        "1 removed, 121 unchanged. Nothing was written (dry run)."
    )
    assert f"  updated: event '{event['title']}' (id {event['id']})" in lines
    assert f"  updated: study tour '{tour['title']}' (id {tour['id']})" in lines
    assert any(line.startswith("  removed: hotel night 'Kokura Station Hotel'") for line in lines)
    assert _snapshot(demo_db) == before


@pytest.mark.parametrize(
    ("language", "named"),
    [
        ("en", "travel time 'Kobe–Kitakyushu by rail'"),
        ("ja", "移動時間「Kobe–Kitakyushu（鉄道）」"),
    ],
)
def test_the_report_names_a_travel_time_by_its_route_as_its_editor_and_undo_steps_do(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: dict[str, Any],
    language: str,
    named: str,
) -> None:
    """Not by the file's keys joined ("Kobe-Kitakyushu-rail"), a name the program gives
    it nowhere else, with the mode untranslated in Japanese: by ``route_name``, as the
    travel-time editor, its undo steps and the question before deleting it name it."""
    document = json.loads(json.dumps(exported))
    route = next(
        journey
        for journey in document["travel_times"]
        if (journey["origin"], journey["destination"], journey["mode"])
        == ("Kobe", "Kitakyushu", "rail")
    )
    route["minutes"] += 10
    edited = tmp_path / "slower.json"
    edited.write_text(json.dumps(document), encoding="utf-8")

    arguments = ["--db", str(demo_db), "--lang", language, "program", "import", str(edited)]
    assert main([*arguments, "--dry-run"]) == 0

    updated = capsys.readouterr().out.splitlines()[1]
    assert updated.endswith(
        f"{named}（id {route['id']}）" if language == "ja" else f"{named} (id {route['id']})"
    )
