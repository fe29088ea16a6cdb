"""Which meetings a filter lets through: the one rule behind the window's sidebar, the
agenda spreadsheet and ``cpp-scheduler export xlsx agenda``.

It needs only the vocabularies, so the window can hold it before the database layer is
loaded; what it filters is anything that says what a meeting is (a calendar row, a
report's meeting) and the words a search looks in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from typing import Any, Protocol

from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus


class Filtered(Protocol):
    """What a filter asks of a meeting."""

    @property
    def kind(self) -> EventKind: ...
    @property
    def mode(self) -> EventMode: ...
    @property
    def status(self) -> EventStatus: ...
    @property
    def city_id(self) -> str | None: ...
    @property
    def theme_ids(self) -> Collection[str]: ...
    @property
    def delegation_ids(self) -> Collection[str]: ...


@dataclass(frozen=True)
class EventFilter:
    """What the coordinator filters by: ``None`` or an empty text means "any"."""

    city_id: str | None = None
    theme_id: str | None = None
    kind: EventKind | None = None
    mode: EventMode | None = None
    status: EventStatus | None = None
    delegation_id: str | None = None
    text: str = ""

    def accepts(self, meeting: Filtered, search_text: Callable[[], str]) -> bool:
        """Whether ``meeting`` passes; ``search_text`` gives the casefolded words a text
        search looks in (titles, venues, cities, delegations, kinds), asked only when
        there is a text to look for."""
        if self.city_id is not None and meeting.city_id != self.city_id:
            return False
        if self.theme_id is not None and self.theme_id not in meeting.theme_ids:
            return False
        if self.kind is not None and meeting.kind is not self.kind:
            return False
        if self.mode is not None and meeting.mode is not self.mode:
            return False
        if self.status is not None and meeting.status is not self.status:
            return False
        if self.delegation_id is not None and self.delegation_id not in meeting.delegation_ids:
            return False
        if self.text:
            haystack = search_text()
            return all(word in haystack for word in self.text.casefold().split())
        return True

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()

    def as_settings(self) -> dict[str, str]:
        """The filter as the window's settings keep it: only what is set, as text."""
        saved: dict[str, str] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value:
                saved[item.name] = str(value.value if hasattr(value, "value") else value)
        return saved

    @classmethod
    def from_settings(cls, saved: dict[str, Any]) -> EventFilter:
        """The filter kept in settings; a value no longer known means "any"."""

        def enum(enum_cls: Any, value: Any) -> Any:
            try:
                return enum_cls(value) if value else None
            except ValueError:
                return None

        return cls(
            city_id=saved.get("city_id") or None,
            theme_id=saved.get("theme_id") or None,
            kind=enum(EventKind, saved.get("kind")),
            mode=enum(EventMode, saved.get("mode")),
            status=enum(EventStatus, saved.get("status")),
            delegation_id=saved.get("delegation_id") or None,
            text=str(saved.get("text") or ""),
        )
