"""What deleting a record does, in words: the sentences of the window's question before
a deletion, which ``events deletion`` and ``records KIND --deletion`` print too.

Each sentence says one fact :func:`~cpp_scheduler.services.removal.to_delete` read: the
records the deletion changes and what each loses, the participants it leaves due an
update, the records it deletes with it, a series' meetings, the invitations still
standing that it takes out of the ledger. Where a sentence points to the way to tell
participants, ``send_updates`` names it as the reader finds it: the window's menu, or
the command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _, ngettext, pgettext

if TYPE_CHECKING:  # the words load with the window, the store when a deletion is read
    from cpp_scheduler.services.removal import Changed, ToDelete

CHANGED_NAMED_AT_MOST = (5, 3)
"""The changed records of one kind that are named where a deletion changes records of
one kind, and where of several; the rest are counted, so the question fits a laptop's
screen."""

ALONG_NAMED_AT_MOST = 8
"""The records taken along by a deletion that are named; the rest are counted."""

TITLE_LENGTH = 120
"""A title's longest form in these sentences: longer ones are shortened."""


def _title(title: str) -> str:
    return _("'{title}'").format(title=printable(title, TITLE_LENGTH))


def losing_text(changed: Changed, named: int) -> str:
    """One kind of record a deletion changes, counted, the first ``named`` named:
    "7 events lose their venue: 'Kobe DRR workshop', …"."""
    names = _(", ").join(_title(title) for title in changed.titles[:named])
    more = changed.count - min(len(changed.titles), named)
    if more > 0:
        # People are counted apart from things where the language does (ほか3人, ほか3件).
        and_more = (
            pgettext("people", "{names} and {count} more")
            if changed.kind == "participant"
            else _("{names} and {count} more")
        )
        names = and_more.format(names=names, count=more)
    sentence = _LOSING.get(changed.kind, _LOSING["record"])
    return sentence(changed.count).format(count=changed.count, kind=_(changed.loses), titles=names)


_LOSING: dict[str, Callable[[int], str]] = {
    "event": lambda count: ngettext(
        "{count} event loses its {kind}: {titles}.",
        "{count} events lose their {kind}: {titles}.",
        count,
    ),
    "participant": lambda count: ngettext(
        "{count} participant loses their {kind}: {titles}.",
        "{count} participants lose their {kind}: {titles}.",
        count,
    ),
    "venue": lambda count: ngettext(
        "{count} venue loses its {kind}: {titles}.",
        "{count} venues lose their {kind}: {titles}.",
        count,
    ),
    "partner city": lambda count: ngettext(
        "{count} partner city loses its {kind}: {titles}.",
        "{count} partner cities lose their {kind}: {titles}.",
        count,
    ),
    "knowledge product": lambda count: ngettext(
        "{count} knowledge product loses its {kind}: {titles}.",
        "{count} knowledge products lose their {kind}: {titles}.",
        count,
    ),
    "record": lambda count: ngettext(
        "{count} record loses its {kind}: {titles}.",
        "{count} records lose their {kind}: {titles}.",
        count,
    ),
}
"""What is said of each kind of record a deletion changes, for one record and for
several: the records lose what they held of the deleted one."""


def changes_text(found: ToDelete, send_updates: str) -> str:
    """The records a deletion changes besides those it deletes, a line for each kind,
    and the participants it leaves due an update: empty when it changes none."""
    alone, several = CHANGED_NAMED_AT_MOST
    named = alone if len(found.changed) == 1 else several
    lines = [losing_text(changed, named) for changed in found.changed]
    if found.updates_due:
        lines.append(
            ngettext(
                "{count} participant was sent one of these events and will be due an "
                "update ({send_updates}).",
                "{count} participants were sent these events and will be due an update "
                "({send_updates}).",
                found.updates_due,
            ).format(count=found.updates_due, send_updates=send_updates)
        )
    return "\n".join(lines)


def along_text(found: ToDelete) -> str:
    """The records a deletion deletes with it (a conference's sessions, a delegation's
    study tours), the first named and the rest counted, in the language's own plural
    (one record holds, several hold); empty when there are none."""
    along = found.along
    if not along:
        return ""
    records = _(", ").join(
        _("the {kind} '{title}'").format(
            kind=_(record.kind), title=printable(record.title, TITLE_LENGTH)
        )
        for record in along[:ALONG_NAMED_AT_MOST]
    )
    if len(along) > ALONG_NAMED_AT_MOST:
        records = _("{names} and {count} more").format(
            names=records, count=len(along) - ALONG_NAMED_AT_MOST
        )
    return ngettext(
        "Deleting it also deletes {records}, with all it holds.",
        "Deleting it also deletes {count} records: {records}, with all they hold.",
        len(along),
    ).format(records=records, count=len(along))


def unchecked_legs_text(found: ToDelete) -> str:
    """The study tours' legs whose journey the deleted route alone gives, which the
    conflict check then cannot judge (``This leg cannot be checked``), the first named
    and the rest counted; empty for any other deletion."""
    count = found.unchecked_leg_count
    if not count:
        return ""
    legs = _("; ").join(found.unchecked_legs)
    if count > len(found.unchecked_legs):
        legs = _("{names} and {count} more").format(
            names=legs, count=count - len(found.unchecked_legs)
        )
    return ngettext(
        "The conflict check then cannot judge the tour leg whose journey it gives: {legs}.",
        "The conflict check then cannot judge the {count} tour legs whose journey it "
        "gives: {legs}.",
        count,
    ).format(count=count, legs=legs)


def series_text(found: ToDelete) -> str:
    """What deleting a series does to its meetings, as the engine counts them: all of
    them go; empty for anything but a series."""
    count = found.series_meetings
    if not count:
        return ""
    title = printable(found.title, TITLE_LENGTH)
    if count == 1:
        return _(
            "'{title}' is a series with {count} meeting left: deleting it deletes that meeting."
        ).format(title=title, count=count)
    return ngettext(
        "'{title}' is a series: deleting it deletes all its {count} meeting.",
        "'{title}' is a series: deleting it deletes all its {count} meetings.",
        count,
    ).format(title=title, count=count)


def invited_text(found: ToDelete) -> str:
    """The participants an event's invitations still stand for (its own, or its
    sessions'), which deleting it tells nothing; empty when none stands."""
    count = found.standing.participants
    if not count:
        return ""
    return ngettext(
        "Invitations to '{title}' still stand for {count} participant.",
        "Invitations to '{title}' still stand for {count} participants.",
        count,
    ).format(title=printable(found.title, TITLE_LENGTH), count=count)


def not_told_text(found: ToDelete, send_updates: str) -> str:
    """What deleting a participant leaves behind: the events the ledger says they were
    sent and never told are off, which stay in their calendar, since a deletion tells
    nobody and takes the ledger with it; empty when every invitation was called off."""
    count = found.standing.events
    if not count:
        return ""
    sentence = ngettext(
        "'{name}' was sent {count} event and has not been told it is off: deleting "
        "this participant tells them nothing, so it stays in their calendar. Take them "
        "off the event and send updates first ({send_updates}).",
        "'{name}' was sent {count} events and has not been told they are off: deleting "
        "this participant tells them nothing, so they stay in their calendar. Take them "
        "off these events and send updates first ({send_updates}).",
        count,
    )
    return sentence.format(
        name=printable(found.title, TITLE_LENGTH), count=count, send_updates=send_updates
    )


def consequences(found: ToDelete, send_updates: str) -> list[str]:
    """What a deletion does besides deleting the record, a paragraph each: the records it
    changes (with the participants it leaves due an update), then those it deletes with
    it, then the tour legs it leaves unjudged; none where it only deletes."""
    return [
        text
        for text in (
            changes_text(found, send_updates),
            along_text(found),
            unchecked_legs_text(found),
        )
        if text
    ]
