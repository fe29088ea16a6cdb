"""The changes this program committed itself, so a listener can tell them from others'.

A window hears every commit to its database, its own included: SQLite's data version
moves for any connection's commit, and PostgreSQL announces every change on one channel.
A notice names an author, and the same coordinator may be signed in on two machines, so
the name cannot say whose commit it was. Each :class:`~cpp_scheduler.store.Database`
therefore says which commits were its own:

- on PostgreSQL, each announcement carries the handle's :attr:`WrittenHere.token`, even
  one too large to name its records;
- on SQLite, where the listener reads the history rows written since it last looked,
  the handle keeps the (table, id, version) of each record its sessions committed, while
  someone listens, and the listener takes them back out as it reads them.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable

WRITTEN_HERE = "written_here"
"""The key of a session's ``info`` that holds its database's :class:`WrittenHere`."""

Key = tuple[str, str, int]
"""A record's table, id and the version a commit left it at."""

KEPT_AT_MOST = 200_000
"""Keys kept unheard at most (a commit announced only as "many", which names no record,
is never taken back out); the oldest go first, and are then heard as anyone's."""


class WrittenHere:
    """The versions this program's own commits left, kept while a listener listens."""

    def __init__(self) -> None:
        self.token = uuid.uuid4().hex
        """Names this handle's commits in the announcements other handles hear."""
        self._lock = threading.Lock()
        self._keys: dict[Key, None] = {}
        self._listeners = 0

    def listen(self) -> None:
        """Start keeping the versions committed from now on."""
        with self._lock:
            self._listeners += 1

    def stop_listening(self) -> None:
        with self._lock:
            self._listeners = max(0, self._listeners - 1)
            if not self._listeners:
                self._keys.clear()

    def add(self, keys: Iterable[Key]) -> None:
        """Note the versions a commit leaves (just before it commits: see
        :meth:`discard`)."""
        with self._lock:
            if not self._listeners:
                return
            self._keys.update(dict.fromkeys(keys))
            while len(self._keys) > KEPT_AT_MOST:
                del self._keys[next(iter(self._keys))]

    def discard(self, keys: Iterable[Key]) -> None:
        """Forget versions noted for a commit that failed."""
        with self._lock:
            for key in keys:
                self._keys.pop(key, None)

    def take(self, key: Key) -> bool:
        """Whether this program committed ``key``; heard once, it is forgotten."""
        with self._lock:
            return self._keys.pop(key, False) is None
