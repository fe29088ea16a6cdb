"""The language a parity test compares the window and the command in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations


@contextmanager
def spoken(language: str) -> Iterator[str]:
    """The window and the core speak ``language`` inside the block, English again after
    it, passed or failed: :func:`translations.install` installs the window's catalogues
    and calls :func:`i18n.use_language` for the core, and the tests that follow in the
    same worker expect English of both.

    For a test that speaks the language for a part of itself only (the window's part,
    the command naming its own with ``--lang``); one that speaks it throughout takes the
    ``speaking`` fixture."""
    translations.install(language)
    try:
        assert i18n.language() == language, "the core speaks what the window speaks"
        yield language
    finally:
        translations.install(i18n.ENGLISH)
