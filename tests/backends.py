"""The database backends a test may run on, for fixtures that run a test on each."""

from __future__ import annotations

from pathlib import Path

import pytest

EACH_BACKEND = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
"""The parameters of a fixture that runs its tests once per backend."""


def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database location for the backend ``request.param`` names: a SQLite file path,
    or a new, empty PostgreSQL database (the ``postgres_url`` fixture)."""
    if request.param == "sqlite":
        return str(tmp_path / "program.sqlite")
    url: str = request.getfixturevalue("postgres_url")
    return url
