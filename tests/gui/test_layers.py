"""The window reads and writes the program only through the services.

Every module of ``cpp_scheduler/gui`` (the compiled forms aside) is read as Python
source: none may import SQLAlchemy or the store, nor build a query (``select(``) or open a
session or a transaction (``.session(``, ``.transaction(``, ``.one_transaction(``). A
query written in the window is a second home for a question the CLI answers elsewhere,
and one that runs on the GUI thread.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cpp_scheduler.gui

GUI = Path(cpp_scheduler.gui.__file__).parent

FORBIDDEN_MODULES = ("sqlalchemy", "cpp_scheduler.store")
FORBIDDEN_METHODS = {"session", "transaction", "one_transaction"}


def _modules() -> list[str]:
    return sorted(
        path.relative_to(GUI).as_posix()
        for path in GUI.rglob("*.py")
        if "forms" not in path.relative_to(GUI).parts
    )


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in FORBIDDEN_MODULES)


def offences(source: str) -> list[str]:
    """Where ``source`` reaches past the services: one line per import or call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {alias.name}"
                for alias in node.names
                if _forbidden(alias.name)
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and _forbidden(node.module):
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id == "select":
                found.append(f"line {node.lineno}: select(...)")
            elif isinstance(function, ast.Attribute) and function.attr in FORBIDDEN_METHODS:
                found.append(f"line {node.lineno}: .{function.attr}(...)")
    return found


def test_the_scan_finds_each_kind_of_offence() -> None:
    source = """
from typing import TYPE_CHECKING
import sqlalchemy.orm
from cpp_scheduler.store import Database
if TYPE_CHECKING:
    from cpp_scheduler.store.session import StoreSession
rows = select(Event)
with database.session() as session: pass
with database.transaction() as session: pass
view.selectionModel().select(index)
self._select(data)
"""
    assert offences(source) == [
        "line 3: import sqlalchemy.orm",
        "line 4: from cpp_scheduler.store import ...",
        "line 6: from cpp_scheduler.store.session import ...",
        "line 7: select(...)",
        "line 8: .session(...)",
        "line 9: .transaction(...)",
    ]


@pytest.mark.parametrize("module", _modules())
def test_the_window_goes_through_the_services(module: str) -> None:
    found = offences((GUI / module).read_text(encoding="utf-8"))
    assert not found, f"{module} reaches past the services: " + "; ".join(found)
