"""What deleting a record would do, as the window's question before a deletion says it:
``cpp-scheduler events deletion UID`` and ``cpp-scheduler records KIND --deletion NAME``.

Both ask :func:`~cpp_scheduler.services.removal.to_delete`, the read the window's
question is worded from, and write nothing: the records the deletion changes (and what
each loses), those it deletes with it, the participants it leaves due an update, the
invitations still standing that it takes out of the ledger, and a series' meetings.
"""

from __future__ import annotations

from typing import Any

from cpp_scheduler.cli import columns
from cpp_scheduler.cli.engine_formats import print_json
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _, pgettext
from cpp_scheduler.model import Base
from cpp_scheduler.services.removal import ToDelete, to_delete
from cpp_scheduler.store import Database


def print_deletion(
    database: Database, model_cls: type[Base], record_id: str, *, as_json: bool
) -> None:
    """Print what deleting the record would do, in words or as JSON."""
    found = to_delete(database, model_cls, record_id)
    kind = str(model_cls.record_kind)
    if as_json:
        print_json(deletion_json(found, kind))
    else:
        print(deletion_text(found, kind))


def deletion_json(found: ToDelete, kind: str) -> dict[str, Any]:
    """The facts of a deletion, the kinds untranslated (as the program file names them)."""
    return {
        "kind": kind,
        "title": found.title,
        "version": found.version,
        "changes": [
            {
                "kind": changed.kind,
                "count": changed.count,
                "loses": changed.loses,
                "first": list(changed.titles),
            }
            for changed in found.changed
        ],
        "deletes_along": [{"kind": record.kind, "title": record.title} for record in found.along],
        "updates_due": found.updates_due,
        "standing_invitations": {
            "participants": found.standing.participants,
            "events": found.standing.events,
        },
        "series_meetings": found.series_meetings,
    }


def deletion_text(found: ToDelete, kind: str) -> str:
    """The facts of a deletion, a line each; "nothing else" where it only deletes."""
    lines = [_("Deleting the {kind} {title}:").format(kind=_(kind), title=quoted(found.title))]
    for changed in found.changed:
        people = changed.kind == "participant"  # counted as people where a language does
        names = ", ".join(quoted(title) for title in changed.titles)
        more = changed.count - len(changed.titles)
        if more > 0:
            and_more = (
                pgettext("people", "{names} and {count} more")
                if people
                else _("{names} and {count} more")
            )
            names = and_more.format(names=names, count=more)
        changes = (
            _("  changes {count} participant(s), each losing their {loses}: {names}")
            if people
            else _("  changes {count} × {kind}, each losing its {loses}: {names}")
        )
        lines.append(
            changes.format(
                count=changed.count, kind=_(changed.kind), loses=_(changed.loses), names=names
            )
        )
    if found.along:
        taken = ", ".join(f"{_(record.kind)} {quoted(record.title)}" for record in found.along)
        lines.append(_("  deletes with it: {records}").format(records=taken))
    if found.updates_due:
        lines.append(
            _("  leaves {count} participant(s) due an update (cpp-scheduler send updates)").format(
                count=found.updates_due
            )
        )
    if found.standing.events:
        lines.append(
            _(
                "  takes out of the ledger invitations still standing to {events} event(s), "
                "held by {participants} participant(s), who are told nothing"
            ).format(events=found.standing.events, participants=found.standing.participants)
        )
    if found.series_meetings:
        lines.append(
            _("  deletes all {count} meeting(s) of the series").format(count=found.series_meetings)
        )
    if len(lines) == 1:
        lines.append(_("  nothing else: its links to other records go with it"))
    return "\n".join(columns.one_line(line) for line in lines)
