"""Records counted in words, as the command line and the window count them alike: ``1
venue``, ``4 partner cities``; in Japanese ``会場 1件``. What ``program export`` and the
File menu's export say they wrote, and what ``demo`` says it loaded, count with these."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cpp_scheduler.i18n import _, ngettext

# Each kind of record a command counts, singular and plural in the program's language.
_COUNTED: dict[str, Callable[[int], str]] = {
    "thematic area": lambda n: ngettext("{count} thematic area", "{count} thematic areas", n),
    "partner city": lambda n: ngettext("{count} partner city", "{count} partner cities", n),
    "venue": lambda n: ngettext("{count} venue", "{count} venues", n),
    "travel time": lambda n: ngettext("{count} travel time", "{count} travel times", n),
    "knowledge product": lambda n: ngettext(
        "{count} knowledge product", "{count} knowledge products", n
    ),
    "event": lambda n: ngettext("{count} event", "{count} events", n),
    "changed occurrence": lambda n: ngettext(
        "{count} changed occurrence", "{count} changed occurrences", n
    ),
    "study tour": lambda n: ngettext("{count} study tour", "{count} study tours", n),
    "tour day": lambda n: ngettext("{count} tour day", "{count} tour days", n),
    "travel leg": lambda n: ngettext("{count} travel leg", "{count} travel legs", n),
    "hotel night": lambda n: ngettext("{count} hotel night", "{count} hotel nights", n),
    "delegation": lambda n: ngettext("{count} delegation", "{count} delegations", n),
    "participant": lambda n: ngettext("{count} participant", "{count} participants", n),
    "record": lambda n: ngettext("{count} record", "{count} records", n),
    "change": lambda n: ngettext("{count} change", "{count} changes", n),
}


def plural(noun: str, count: int) -> str:
    """``1 venue``, ``4 partner cities``, ``5 tour days``; in Japanese, ``会場 1件``: a kind
    of record by its name (:attr:`~cpp_scheduler.programfile.layout.Kind.record_kind`)."""
    counted = _COUNTED.get(noun)
    if counted is not None:
        return counted(count).format(count=count)
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def counts(pairs: Iterable[tuple[str, int]]) -> str:
    """``4 partner cities, 24 events``; the kinds with none are left out."""
    return _(", ").join(plural(noun, count) for noun, count in pairs if count)
