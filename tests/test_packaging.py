"""What a user installs: a wheel that carries its data, and a core free of Qt.

The wheel is built from this checkout and installed with ``pip install --target`` into
an empty folder; a Python started outside the repository, with no editable install in
sight, must open a new database and find the reference data the wheel carries.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_FOLDERS = {
    "resources": "cpp_scheduler/resources",
    "ui": "cpp_scheduler/ui",
    "docs": "cpp_scheduler/docs",
}

pytestmark = pytest.mark.slow


def _shipped_files(folder: str) -> dict[str, bytes]:
    """Every file of a top-level data folder, as the wheel should name it."""
    root = REPO_ROOT / folder
    return {
        f"{SHIPPED_FOLDERS[folder]}/{path.relative_to(root).as_posix()}": path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--no-index",
            "-w",
            str(target),
            str(REPO_ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (built,) = target.glob("cpp_scheduler-*.whl")
    return built


@pytest.mark.parametrize("folder", sorted(SHIPPED_FOLDERS))
def test_the_wheel_carries_every_shipped_file(wheel: Path, folder: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        expected = _shipped_files(folder)
        missing = sorted(set(expected) - names)
        assert missing == [], f"left out of the wheel: {missing}"
        for name, content in expected.items():
            assert archive.read(name) == content, f"{name} differs in the wheel"
    if folder == "resources":
        assert any(name.endswith("partner_cities.json") for name in expected)


def test_the_wheel_carries_the_migrations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    migrations = "cpp_scheduler/store/migrations"
    assert {f"{migrations}/env.py", f"{migrations}/script.py.mako"} <= names
    assert any(n.startswith(f"{migrations}/versions/0001_") for n in names)


def test_the_wheel_carries_the_compiled_translations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalogue = "cpp_scheduler/locale/ja/LC_MESSAGES/cpp_scheduler.mo"
        assert catalogue in names
        assert archive.read(catalogue) == (REPO_ROOT / catalogue).read_bytes()
    assert "cpp_scheduler/resources/translations/cpp_scheduler_ja.qm" in names
    assert "cpp_scheduler/locale/ja/countries.json" in names  # ペルー, ケニア
    assert "cpp_scheduler/locale/en/countries.json" in names  # Samoa, United Kingdom


def _dependency_paths() -> list[str]:
    """Where the venv keeps the dependencies (PySide6, SQLAlchemy ...), not the project."""
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    return sorted(paths)


def test_an_installed_wheel_opens_a_database_with_its_reference_data(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(installed),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = textwrap.dedent(f"""
        import cpp_scheduler
        from pathlib import Path
        from sqlalchemy import select
        from cpp_scheduler.model import PartnerCity
        from cpp_scheduler.resources import form_path, resource_path
        from cpp_scheduler.store import open_database

        installed = Path({str(installed)!r}).resolve()
        assert Path(cpp_scheduler.__file__).resolve().is_relative_to(installed), \\
            cpp_scheduler.__file__
        assert resource_path("data").resolve().is_relative_to(installed)
        assert form_path("README.md").resolve().is_relative_to(installed)
        store = open_database("program.sqlite")
        with store.session() as session:
            print(",".join(session.scalars(select(PartnerCity.name).order_by(PartnerCity.name))))
        store.close()
        print(cpp_scheduler.__version__)
    """)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "CPP_SCHEDULER_DB", "PYTHONHOME")
    }
    environment["PYTHONPATH"] = os.pathsep.join([str(installed), *_dependency_paths()])
    done = subprocess.run(
        # -S: no site-packages processing, so the editable install of the checkout
        # (a .pth file) cannot stand in for the wheel.
        [sys.executable, "-S", "-c", script],
        cwd=elsewhere,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    cities, version = done.stdout.split()
    assert cities == "Kitakyushu,Kobe,Toyama,Yokohama"
    assert version == _wheel_version(wheel)
    assert (elsewhere / "program.sqlite").is_file()


def _wheel_version(wheel: Path) -> str:
    """The version the wheel's metadata declares (read by the build from the package)."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        for line in archive.read(metadata).decode().splitlines():
            if line.startswith("Version: "):
                return line.removeprefix("Version: ")
    raise AssertionError(f"{wheel.name} declares no version")


def _core_modules() -> list[str]:
    """Every module of the package outside the GUI (and outside Alembic's scripts)."""
    package = REPO_ROOT / "cpp_scheduler"
    modules = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(REPO_ROOT).with_suffix("")
        parts = relative.parts
        if "gui" in parts[1:2] or parts[-1] in ("__main__", "env") or "versions" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(parts))
    return modules


def test_the_core_imports_no_qt() -> None:
    modules = _core_modules()
    assert "cpp_scheduler.store.database" in modules
    assert "cpp_scheduler.cli" in modules
    script = textwrap.dedent(f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"Qt imported by the core: {done.stdout}"


def test_every_name_the_model_offers_can_be_imported() -> None:
    """The model package loads its entities on first use; each name it lists must come."""
    import cpp_scheduler.model as model

    for name in model.__all__:
        assert getattr(model, name) is not None, name
    with pytest.raises(AttributeError):
        model.NoSuchEntity  # noqa: B018
