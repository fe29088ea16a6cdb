"""Text colours readable at the sizes the views paint them: at least 4.5:1 against what
is behind them (WCAG 2.1, level AA, for text under 18 pt): the grey of a venue's Japanese
name in the Venues view, and the text of a tentative block on its tint."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from cpp_scheduler.gui import style
from cpp_scheduler.model import EventKind, EventStatus

AA = 4.5
#: What a block is painted on: the day's white, a weekend's grey, today's tint.
BACKGROUNDS = ("#ffffff", style.WEEKEND, style.TODAY_TINT)


def luminance(colour: QColor) -> float:
    """The relative luminance of an opaque colour (WCAG 2.1)."""

    def channel(value: int) -> float:
        linear = value / 255
        return linear / 12.92 if linear <= 0.04045 else ((linear + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """``colour``, translucent or not, as it shows painted over ``background``."""
    alpha = colour.alphaF()
    return QColor(
        round(colour.red() * alpha + background.red() * (1 - alpha)),
        round(colour.green() * alpha + background.green() * (1 - alpha)),
        round(colour.blue() * alpha + background.blue() * (1 - alpha)),
    )


def test_the_formula_gives_the_known_ratios() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_muted_text_reads_on_white() -> None:
    """The venue's Japanese name under its name, in a small font, on the white labels."""
    assert contrast(QColor(style.MUTED_TEXT), QColor("#ffffff")) >= AA


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("kind", list(EventKind))
def test_a_tentative_blocks_text_reads_on_its_tint(kind: EventKind, background: str) -> None:
    fill, _border, text = style.event_colours(kind, EventStatus.TENTATIVE)
    assert contrast(text, over(fill, QColor(background))) >= AA


def test_a_tentative_block_keeps_its_kinds_hue() -> None:
    """Darker, not another colour: a kind stays recognisable by its hue."""
    for kind in EventKind:
        _fill, border, text = style.event_colours(kind, EventStatus.TENTATIVE)
        assert abs(text.hslHue() - border.hslHue()) <= 2
