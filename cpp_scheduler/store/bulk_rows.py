"""Inserting many rows of one table with the driver's ``executemany`` and one statement.

SQLAlchemy's ``execute(insert(table), rows)`` re-reads every row's keys against the
compiled statement and converts each value through a generic path; for tens of thousands
of rows (an import's events, their history entries) that handling costs more than the
database's own work. Here the statement is compiled once for the rows' columns and each
value goes through its column type's own bind processor, the very conversion SQLAlchemy
applies, so the rows stored are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any] | None


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows``, which all have the same keys (columns of ``table``), in the
    connection's transaction."""
    if not rows:
        return
    columns = tuple(rows[0])
    if len(columns) == 1:
        (only,) = columns
        insert_tuples(connection, table, columns, [(row[only],) for row in rows])
    else:
        insert_tuples(connection, table, columns, list(map(itemgetter(*columns), rows)))


def insert_tuples(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Insert ``rows``, each the values of ``columns`` in that order (no dictionary per
    row for tens of thousands of rows).

    Each column's values go through its bind processor column by column, and the rows
    are put together again in the order the statement takes its parameters.
    """
    if not rows:
        return
    given = dict(zip(columns, zip(*rows, strict=True), strict=True))
    empty = [key for key, values in given.items() if _left_empty(table, key, values)]
    if empty and len(empty) < len(columns):
        for key in empty:
            del given[key]
        columns = tuple(given)
        rows = list(zip(*given.values(), strict=True))
    statement, order, processors = _prepared(table, columns, connection.dialect)
    if statement.positional and order == columns and not any(processors.values()):
        connection.exec_driver_sql(statement.sql, list(rows))
        return
    converted = {
        key: given[key] if process is None else _converted(process, given[key])
        for key, process in processors.items()
    }
    values: list[Any]
    if statement.positional:
        values = list(zip(*(converted[key] for key in order), strict=True))
    else:
        rows_of = zip(*converted.values(), strict=True)
        values = [dict(zip(columns, row, strict=True)) for row in rows_of]
    connection.exec_driver_sql(statement.sql, values)


def _left_empty(table: Table, key: str, values: Sequence[Any]) -> bool:
    """Whether the column ``key`` is None in every row and, having no default, may be left
    out of the INSERT: the database then stores NULL without being handed a parameter
    for each row (SQLite's driver takes a slow path for each None it binds)."""
    column = table.c[key]
    return (
        column.server_default is None
        and column.default is None
        and all(value is None for value in values)
    )


def _converted(process: Callable[[Any], Any], values: Sequence[Any]) -> Sequence[Any]:
    """``values`` through ``process``; a column whose rows all hold the same value (the
    moment of an import in each of its records) is converted once."""
    first = values[0]
    if all(value is first for value in values):
        return [process(first)] * len(values)
    return list(map(process, values))


class _Statement:
    def __init__(self, sql: str, positional: bool) -> None:
        self.sql = sql
        self.positional = positional


@lru_cache(maxsize=256)
def _prepared(
    table: Table, columns: tuple[str, ...], dialect: Dialect
) -> tuple[_Statement, tuple[str, ...], dict[str, Processor]]:
    """The INSERT for ``columns`` compiled for ``dialect``, the order its parameters
    take, and each column's bind processor (None where the driver takes the value)."""
    compiled = insert(table).values({name: None for name in columns}).compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if compiled.positional else columns
    processors: dict[str, Processor] = {
        name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
    }
    return _Statement(str(compiled), bool(compiled.positional)), order, processors
