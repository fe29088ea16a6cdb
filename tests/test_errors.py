"""Messages quote input on one line, whatever the input holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.errors import _shown, printable


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_a_quoted_text_shows_each_character_as_escaping_shows_it(text: str, limit: int) -> None:
    # The shortcut for text with nothing to escape gives what escaping each character
    # would; a title of a million plain characters costs no more than one of sixty.
    shortened = len(text) > limit
    head = text[: limit - 1] if shortened else text
    expected = "".join(_shown(character) for character in head) + ("…" if shortened else "")
    assert printable(text, limit) == expected
    assert "\n" not in printable(text, limit)
    assert "\u2028" not in printable(text, limit)
