"""A manager's search (and ``records --search``) finds a record by any words of its cells,
in any order, however a coordinator types them: in capitals or not, with full-width
letters from a Japanese keyboard, in hiragana for a name written in katakana, without
its accents; and a word no cell holds hides it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.services.record_tables import found, search_words, searchable

LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèàçñöüÉÖ"
    "あいうえおかがきくけこさしすせそたちつてとなにぬねのはばぱまみむめもやゆよらりるれろわをん"
    "アイウエオカガキクケコサシスセソタチツテトナニヌネノハバパマミムメモヤユヨラリルレロワヲン"
    "神戸市役所北九州横浜富山"
)
word = st.text(alphabet=LETTERS, min_size=1, max_size=12)
cell = st.lists(word, min_size=1, max_size=4).map(" ".join)
row = st.lists(cell, min_size=1, max_size=5)


def as_typed(text: str, how: str) -> str:
    """``text`` as a coordinator might type it."""
    if how == "capitals":
        return text.upper()
    if how == "full width":  # a Japanese keyboard's Latin letters and digits
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    if how == "hiragana":
        return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    if how == "katakana":
        return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    return text


HOW = st.sampled_from(["as shown", "capitals", "full width", "hiragana", "katakana"])


@given(row, st.data(), HOW)
def test_any_part_of_any_cell_finds_the_row_however_it_is_typed(
    cells: list[str], data: st.DataObject, how: str
) -> None:
    chosen = data.draw(st.sampled_from(cells))
    words = chosen.split()
    one = data.draw(st.sampled_from(words))
    start = data.draw(st.integers(0, len(one) - 1))
    end = data.draw(st.integers(start + 1, len(one)))

    assert found(searchable(cells), search_words(as_typed(one[start:end], how)))


@given(row, st.data())
def test_words_of_several_cells_find_the_row_in_any_order(
    cells: list[str], data: st.DataObject
) -> None:
    words = [data.draw(st.sampled_from(cell.split())) for cell in cells]
    shuffled = data.draw(st.permutations(words))

    assert found(searchable(cells), search_words("\u3000 ".join(shuffled)))


@given(row, word)
def test_a_word_no_cell_holds_hides_the_row(cells: list[str], missing: str) -> None:
    words = [cell.split()[0] for cell in cells]

    assert not found(searchable(cells), search_words(" ".join([*words, f"{missing}#"])))


def test_accents_and_voicing_marks_are_not_asked_for() -> None:
    assert found(searchable(["Évora", "コウベ"]), search_words("evora こうへ"))
    assert search_words("  ") == ()
    assert found(searchable(["anything"]), search_words(""))
