"""A calendar file is decoded, counted and split a piece at a time, so that the window's
thread is never held for the whole of a large file: in pieces of any size the text read
is the one a single call gives, and an unreadable byte is named by its place in the file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.ical import importer
from cpp_scheduler.ical.errors import CalendarFileError

TEXTS = st.lists(st.sampled_from(["a", "é", "日本", "\r\n", "\n", "\r", " x"]), max_size=60).map(
    "".join
)


@given(text=TEXTS, piece=st.integers(1, 9), ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_lines_read_in_pieces_are_the_lines_of_the_whole(
    text: str, piece: int, ending: str
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importer, "_PIECE", piece)
        assert importer._split(text, ending) == text.split(ending)
        assert importer._count(text, ending) == text.count(ending)
        marked = "\ufeff" + text
        assert importer._decode(marked.encode(), "f.ics") == text


@given(text=TEXTS, piece=st.integers(1, 9), bad=st.sampled_from([b"\xff", b"\xe6\x97", b"\x80"]))
def test_an_unreadable_byte_is_named_by_its_place_in_the_file(
    text: str, piece: int, bad: bytes
) -> None:
    data = text.encode() + bad + b"BEGIN:VEVENT"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importer, "_PIECE", piece)
        with pytest.raises(CalendarFileError) as raised:
            importer._decode(data, "f.ics")
    assert f"byte {len(text.encode()) + 1} cannot be read" in str(raised.value)
