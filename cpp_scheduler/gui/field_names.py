"""A stored field as a coordinator names it, in the window's language.

The merge dialog and the History panel speak of fields by the keys the services give
(``venue_id``, ``theme_ids``, ``start_utc``); this is the one place that turns a key into
"Venue", "Themes", "Start" (会場, テーマ, 開始). A key without a label of its own reads as
its words, so a field added later is still shown, in English, until it gets one.
"""

from __future__ import annotations

from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate

CONTEXT = "FieldNames"

LABELS: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("FieldNames", "Title"),
    "kind": QT_TRANSLATE_NOOP("FieldNames", "Kind"),
    "mode": QT_TRANSLATE_NOOP("FieldNames", "Mode"),
    "status": QT_TRANSLATE_NOOP("FieldNames", "Status"),
    "start_utc": QT_TRANSLATE_NOOP("FieldNames", "Start"),
    "end_utc": QT_TRANSLATE_NOOP("FieldNames", "End"),
    "all_day": QT_TRANSLATE_NOOP("FieldNames", "All day"),
    "zone": QT_TRANSLATE_NOOP("FieldNames", "Time zone"),
    "venue_id": QT_TRANSLATE_NOOP("FieldNames", "Venue"),
    "city_id": QT_TRANSLATE_NOOP("FieldNames", "Partner city"),
    "host_city_id": QT_TRANSLATE_NOOP("FieldNames", "Host city"),
    "description": QT_TRANSLATE_NOOP("FieldNames", "Description"),
    "notes": QT_TRANSLATE_NOOP("FieldNames", "Notes"),
    "video_link": QT_TRANSLATE_NOOP("FieldNames", "Video link"),
    "recurrence_rule": QT_TRANSLATE_NOOP("FieldNames", "Repeats"),
    "organiser_id": QT_TRANSLATE_NOOP("FieldNames", "Organiser"),
    "theme_ids": QT_TRANSLATE_NOOP("FieldNames", "Themes"),
    "delegation_ids": QT_TRANSLATE_NOOP("FieldNames", "Delegations"),
    "participant_ids": QT_TRANSLATE_NOOP("FieldNames", "Participants"),
    # A list of links as the history keeps it: by its relationship's name.
    "themes": QT_TRANSLATE_NOOP("FieldNames", "Themes"),
    "delegations": QT_TRANSLATE_NOOP("FieldNames", "Delegations"),
    "participants": QT_TRANSLATE_NOOP("FieldNames", "Participants"),
    "cities": QT_TRANSLATE_NOOP("FieldNames", "Partner cities"),
    "events": QT_TRANSLATE_NOOP("FieldNames", "Events"),
    "tour_day_id": QT_TRANSLATE_NOOP("FieldNames", "Tour day"),
    "name": QT_TRANSLATE_NOOP("FieldNames", "Name"),
    "name_ja": QT_TRANSLATE_NOOP("FieldNames", "Name in Japanese"),
    "email": QT_TRANSLATE_NOOP("FieldNames", "Email"),
    "role": QT_TRANSLATE_NOOP("FieldNames", "Role"),
    "organisation": QT_TRANSLATE_NOOP("FieldNames", "Organisation"),
    "language": QT_TRANSLATE_NOOP("FieldNames", "Language"),
    "delegation_id": QT_TRANSLATE_NOOP("FieldNames", "Delegation"),
    "country": QT_TRANSLATE_NOOP("FieldNames", "Country"),
    "home_city": QT_TRANSLATE_NOOP("FieldNames", "Home city"),
    "arrival": QT_TRANSLATE_NOOP("FieldNames", "Arrival"),
    "departure": QT_TRANSLATE_NOOP("FieldNames", "Departure"),
    "start_date": QT_TRANSLATE_NOOP("FieldNames", "First day"),
    "end_date": QT_TRANSLATE_NOOP("FieldNames", "Last day"),
    "hotel": QT_TRANSLATE_NOOP("FieldNames", "Hotel"),
    "address": QT_TRANSLATE_NOOP("FieldNames", "Address"),
    "capacity": QT_TRANSLATE_NOOP("FieldNames", "Capacity"),
    "prefecture": QT_TRANSLATE_NOOP("FieldNames", "Prefecture"),
    "work_start": QT_TRANSLATE_NOOP("FieldNames", "Working day starts"),
    "work_end": QT_TRANSLATE_NOOP("FieldNames", "Working day ends"),
    "origin": QT_TRANSLATE_NOOP("FieldNames", "From"),
    "destination": QT_TRANSLATE_NOOP("FieldNames", "To"),
    "minutes": QT_TRANSLATE_NOOP("FieldNames", "Journey (minutes)"),
}


def field_name(key: str) -> str:
    """The field ``key`` as a coordinator names it: "Venue" for ``venue_id``, "Themes"
    for ``theme_ids``, in the window's language."""
    label = LABELS.get(key)
    if label is not None:
        return translate(CONTEXT, label)
    words = key.removesuffix("_utc")
    if words.endswith("_ids"):
        words = words.removesuffix("_ids") + "s"
    words = words.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]
