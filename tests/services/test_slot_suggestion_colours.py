"""A suggestion of the slot finder is coloured as the grid colours its worst-off
attendee's hour: a holiday as a holiday, a night as a night."""

from __future__ import annotations

from datetime import date, timedelta

from cpp_scheduler.scheduling.inputs import Attendee, AttendeeKind
from cpp_scheduler.scheduling.slots import SlotRequest, find_slots
from cpp_scheduler.services.slot_grid import HourState, suggestion_state

LIMA = Attendee("lima", "Lima housing ministry", AttendeeKind.DELEGATION, "America/Lima", "PE")
KOBE = Attendee("kobe", "Kobe city", AttendeeKind.DELEGATION, "Asia/Tokyo", "JP")
HOUR = timedelta(hours=1)


def test_a_slot_in_working_hours_on_a_holiday_is_coloured_as_the_holiday() -> None:
    """28 July 2027 is Peru's Independence Day, a Wednesday: Lima's working hours that
    day cost the holiday's points (4), more than acceptable hours (2), fewer than a
    night (6); the suggestion reads as the holiday, not as a night."""
    day = date(2027, 7, 28)
    [best] = find_slots(SlotRequest((LIMA,), HOUR, day, day, zone="America/Lima"), count=1)
    [fit] = best.fits
    assert fit.day_off == "Independence Day"
    assert suggestion_state(best) is HourState.DAY_OFF


def test_a_slot_is_coloured_by_whoever_it_suits_least() -> None:
    """Kobe and Lima on an ordinary Tuesday: the best hour is Lima's evening or Kobe's
    early morning, never everyone's working day; the colour is the worse of the two."""
    day = date(2027, 1, 12)
    slots = find_slots(SlotRequest((KOBE, LIMA), HOUR, day, day), count=5)
    assert slots
    for slot in slots:
        worst = max(slot.fits, key=lambda fit: fit.inconvenience)
        assert worst.day_off is None
        assert suggestion_state(slot) is HourState(worst.part.value)
        assert suggestion_state(slot) is not HourState.WORKING
