"""The cells of a table the command line prints, read as a terminal lays them out: a
column starts where the rule under the headings starts one, or without a rule where a
heading starts after the two spaces between columns, counted in terminal columns (a
Japanese character takes two), so an empty cell or a cell with a space in it stays
where it is."""

from __future__ import annotations

from cpp_scheduler.cli import columns


def table_rows(printed: str) -> tuple[list[str], list[list[str]]]:
    """The headings and the rows of the first table in ``printed`` (the lines under its
    headings, and their rule if any, up to the first empty line), each cell stripped."""
    heading, *rest = printed.splitlines()
    if rest and set(rest[0]) == {"-", " "}:
        rule, *rest = rest
        starts = [0] + [n for n in range(1, len(rule)) if rule[n] == "-" and rule[n - 1] == " "]
    else:
        starts = _heading_starts(heading)
    body: list[str] = []
    for line in rest:
        if not line.strip():
            break
        body.append(line)
    return _cut(heading, starts), [_cut(line, starts) for line in body]


def _heading_starts(heading: str) -> list[int]:
    starts, column, spaces = [0], 0, 0
    for character in heading:
        if character != " " and spaces >= 2:
            starts.append(column)
        spaces = spaces + 1 if character == " " else 0
        column += columns.width(character)
    return starts


def _cut(line: str, starts: list[int]) -> list[str]:
    cells = [""] * len(starts)
    column = 0
    for character in line:
        number = sum(1 for start in starts if start <= column) - 1
        cells[number] += character
        column += columns.width(character)
    return [cell.strip() for cell in cells]
