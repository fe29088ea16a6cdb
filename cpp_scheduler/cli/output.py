"""Small helpers for what commands print: plural nouns and counts in words."""

from __future__ import annotations

from collections.abc import Iterable


def plural(noun: str, count: int) -> str:
    """``1 venue``, ``4 partner cities``, ``5 tour days``."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def counts(pairs: Iterable[tuple[str, int]]) -> str:
    """``4 partner cities, 24 events``; the kinds with none are left out."""
    return ", ".join(plural(noun, count) for noun, count in pairs if count)
