"""What deleting a record would do, as the window's question before a deletion says it:
``cpp-scheduler events deletion UID`` and ``cpp-scheduler records KIND --deletion NAME``.

Both ask :func:`~cpp_scheduler.services.removal.to_delete`, the read the window's
question is worded from, say it in the question's sentences, and write nothing: the
records the deletion changes (and what each loses), those it deletes with it, the
participants it leaves due an update, the invitations still standing that it takes out
of the ledger, and a series' meetings.
"""

from __future__ import annotations

from typing import Any

from cpp_scheduler.cli import columns
from cpp_scheduler.cli.engine_formats import print_json
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model import Base
from cpp_scheduler.services import deletion_words
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
        "unchecked_legs": {"count": found.unchecked_leg_count, "first": list(found.unchecked_legs)},
    }


SEND_UPDATES = "cpp-scheduler send updates"
"""How a reader of the command's words tells participants of a change."""


def deletion_text(found: ToDelete, kind: str) -> str:
    """What deleting the record does, in the sentences of the window's question, a line
    each (:mod:`~cpp_scheduler.services.deletion_words`); "nothing else" where it only
    deletes."""
    lines = [_("Deleting the {kind} {title}:").format(kind=_(kind), title=quoted(found.title))]
    said = [
        deletion_words.series_text(found),
        deletion_words.invited_text(found) if kind == "event" else "",
        deletion_words.changes_text(found, SEND_UPDATES),
        deletion_words.along_text(found),
        deletion_words.unchecked_legs_text(found),
        deletion_words.not_told_text(found, SEND_UPDATES) if kind == "participant" else "",
    ]
    lines.extend(f"  {line}" for text in said if text for line in text.splitlines())
    if len(lines) == 1:
        lines.append(_("  nothing else: its links to other records go with it"))
    return "\n".join(columns.one_line(line) for line in lines)
