"""A stored field as a coordinator names it, in the program's language.

The history and the merge speak of fields by the keys the services keep (``venue_id``,
``theme_ids``, ``start_utc``); this is the one place that turns a key into "Venue",
"Themes", "Start" (会場, テーマ, 開始), so that ``cpp-scheduler history``, the History
panel and the merge dialog name a field alike. A key without a name of its own reads as
its words, so a field added later is still shown, in English, until it gets one.

Each name carries the context "field name": one English word names other things
elsewhere in the catalogue ("Name" of a person in the agenda, "From" a home country in
an itinerary), and a field's name may need words of its own.
"""

from __future__ import annotations

from cpp_scheduler.i18n import NP_, pgettext

LABELS: dict[str, tuple[str, str]] = {
    "title": NP_("field name", "Title"),
    "kind": NP_("field name", "Kind"),
    "mode": NP_("field name", "Mode"),
    "status": NP_("field name", "Status"),
    "start_utc": NP_("field name", "Start"),
    "end_utc": NP_("field name", "End"),
    "all_day": NP_("field name", "All day"),
    "zone": NP_("field name", "Time zone"),
    "venue_id": NP_("field name", "Venue"),
    "city_id": NP_("field name", "Partner city"),
    "host_city_id": NP_("field name", "Host city"),
    "description": NP_("field name", "Description"),
    "notes": NP_("field name", "Notes"),
    "video_link": NP_("field name", "Video link"),
    "recurrence_rule": NP_("field name", "Repeats"),
    "organiser_id": NP_("field name", "Organiser"),
    "theme_ids": NP_("field name", "Themes"),
    "delegation_ids": NP_("field name", "Delegations"),
    "participant_ids": NP_("field name", "Participants"),
    # A list of links as the history keeps it: by its relationship's name.
    "themes": NP_("field name", "Themes"),
    "delegations": NP_("field name", "Delegations"),
    "participants": NP_("field name", "Participants"),
    "cities": NP_("field name", "Partner cities"),
    "events": NP_("field name", "Events"),
    # A conference's sessions, each filed under it by a save of its own.
    "sessions": NP_("field name", "Sessions"),
    "tour_day_id": NP_("field name", "Tour day"),
    "name": NP_("field name", "Name"),
    "name_ja": NP_("field name", "Name in Japanese"),
    "email": NP_("field name", "Email"),
    "role": NP_("field name", "Role"),
    "organisation": NP_("field name", "Organisation"),
    "language": NP_("field name", "Language"),
    "delegation_id": NP_("field name", "Delegation"),
    "country": NP_("field name", "Country"),
    "home_city": NP_("field name", "Home city"),
    "arrival": NP_("field name", "Arrival"),
    "departure": NP_("field name", "Departure"),
    "start_date": NP_("field name", "First day"),
    "end_date": NP_("field name", "Last day"),
    "hotel": NP_("field name", "Hotel"),
    "address": NP_("field name", "Address"),
    "capacity": NP_("field name", "Capacity"),
    "prefecture": NP_("field name", "Prefecture"),
    "work_start": NP_("field name", "Working day starts"),
    "work_end": NP_("field name", "Working day ends"),
    "origin": NP_("field name", "From"),
    "destination": NP_("field name", "To"),
    "minutes": NP_("field name", "Journey (minutes)"),
}
"""Each stored key's name, marked for the catalogue and translated where it is shown."""


def field_name(key: str) -> str:
    """The field ``key`` as a coordinator names it: "Venue" for ``venue_id``, "Themes"
    for ``theme_ids``, in the program's language."""
    label = LABELS.get(key)
    if label is not None:
        return pgettext(*label)
    words = key.removesuffix("_utc")
    if words.endswith("_ids"):
        words = words.removesuffix("_ids") + "s"
    words = words.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]
