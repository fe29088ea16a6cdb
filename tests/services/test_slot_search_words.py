"""What the slot finder says of the times it suggests is counted in the language's own
plural, by the core (one ``ngettext``), whatever the count."""

from __future__ import annotations

import pytest

from cpp_scheduler.services.slot_search import suggestions_found


def test_one_suggestion_is_said_in_the_singular_and_more_in_the_plural() -> None:
    assert suggestions_found(1, "create the event") == (
        "1 suggestion; double-click it, or an hour in the grid, to create the event."
    )
    assert suggestions_found(12, "create the series") == (
        "12 suggestions; double-click one, or an hour in the grid, to create the series."
    )
    assert suggestions_found(1_200, "use it for the event").startswith("1,200 suggestions; ")


@pytest.mark.usefixtures("japanese")
@pytest.mark.parametrize("count", [1, 5])
def test_japanese_counts_suggestions_in_one_form(count: int) -> None:
    assert suggestions_found(count, "予定を作成します") == (
        f"候補{count}件。候補またはグリッドの時間をダブルクリックすると予定を作成します。"
    )
