"""A batch's outcome in words: what a batch of invitations or updates did, each fact
worded once, which the Send dialog's outcome shows and ``cpp-scheduler send`` prints.

How many of the batch went (:func:`sent_line`), then a line for each address the server
refused or put off (once per address and answer, with how many messages about which
events and the server's own words), for the messages no longer due when the batch went
(sent meanwhile by another batch, or no longer what the program says), for a cancel,
and for why the batch stopped (:func:`outcome_lines`). Each sentence is written as the
command prints it, its label in small letters (``refused: …``), as the command's other
lines begin; the window starts the line with a capital and ends it as its sentences
end, and says nothing else.

What to do next differs by where one reads it: run the command again or press Send;
mend a refused password in the system keyring or with ``--user``, or in Tools > Mail
settings. So each line carries its kind (:class:`Said`), and each medium adds its own
hint to the kinds that take one, after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.services.invitations import (
    BatchReport,
    DropReason,
    InvitationPlan,
    Refusal,
    UpdatePlan,
    events_listed,
    grouped,
)


class Said(Enum):
    """What a line of a batch's outcome tells, for the hint a medium adds to it."""

    REFUSED = "refused"
    """The server refused an address for good: its messages are not sent."""
    DEFERRED = "deferred"
    """The server asked to try an address later: its messages go with the next batch."""
    SENT_MEANWHILE = "sent meanwhile"
    """Messages another batch sent since this one was planned."""
    CHANGED = "changed"
    """Messages the program no longer means: it changed since the batch was planned."""
    CANCELLED = "cancelled"
    """The coordinator cancelled the batch: the rest is not sent."""
    STOPPED = "stopped"
    """A failure of the server's session or the outbox stopped the batch."""
    LOGIN_REFUSED = "login refused"
    """The server refused the login: the password, not a new try, mends it."""
    LOGIN_NEEDED = "login needed"
    """The server takes mail only after a login, and no user was given: a user, not a
    new try, mends it."""


@dataclass(frozen=True, slots=True)
class OutcomeLine:
    """One fact of a batch's outcome, in the program's language."""

    said: Said
    text: str


def sent_line(report: BatchReport, plan: InvitationPlan | UpdatePlan) -> str:
    """``sent 4 of 6 (2 had been sent already)``: how many of the messages the batch
    was planned with went (for updates, ``sent 2 of 3 updates``), the line the window's
    outcome and the command both open with."""
    count = len(plan.to_send)
    if isinstance(plan, UpdatePlan):
        return ngettext(
            "sent {sent} of {count} update", "sent {sent} of {count} updates", count
        ).format(sent=len(report.sent), count=count)
    return _("sent {sent} of {count} ({already} had been sent already)").format(
        sent=len(report.sent), count=count, already=plan.already_sent
    )


def _refusals(refusals: list[Refusal], said: Said) -> list[OutcomeLine]:
    """One line per address and answer, however many of its messages: how many, about
    which events, and the server's words."""
    lines = []
    for group in grouped(refusals):
        if said is Said.DEFERRED:
            text = ngettext(
                "not sent yet (the server asked to try later): {email}: {count} message "
                "about {events}: {reason}",
                "not sent yet (the server asked to try later): {email}: {count} messages "
                "about {events}: {reason}",
                group.count,
            )
        else:
            text = ngettext(
                "refused: {email}: {count} message about {events}: {reason}",
                "refused: {email}: {count} messages about {events}: {reason}",
                group.count,
            )
        words = text.format(
            email=group.email,
            count=group.count,
            events=events_listed(group.events),
            reason=group.reason,
        )
        lines.append(OutcomeLine(said, words))
    return lines


def outcome_lines(report: BatchReport) -> list[OutcomeLine]:
    """What a batch did besides sending, a line each, in the order both media say it:
    the addresses refused, those put off, the messages sent meanwhile by another batch,
    those the program no longer means, a cancel, and why it stopped."""
    lines = _refusals(report.refused, Said.REFUSED)
    lines.extend(_refusals(report.deferred, Said.DEFERRED))
    meanwhile = report.dropped_for(DropReason.SENT_MEANWHILE)
    if meanwhile:
        lines.append(
            OutcomeLine(
                Said.SENT_MEANWHILE,
                ngettext(
                    "not sent again: {count} message had been sent meanwhile by another batch",
                    "not sent again: {count} messages had been sent meanwhile by another batch",
                    meanwhile,
                ).format(count=meanwhile),
            )
        )
    changed = report.dropped_for(DropReason.CHANGED)
    if changed:
        lines.append(
            OutcomeLine(
                Said.CHANGED,
                ngettext(
                    "not sent: {count} message no longer says what the program says (it "
                    "changed since the batch was planned)",
                    "not sent: {count} messages no longer say what the program says (it "
                    "changed since the batch was planned)",
                    changed,
                ).format(count=changed),
            )
        )
    if report.cancelled:
        lines.append(OutcomeLine(Said.CANCELLED, _("cancelled: the rest was not sent")))
    if report.stopped_by:
        lines.append(
            OutcomeLine(
                Said.LOGIN_REFUSED
                if report.login_refused
                else Said.LOGIN_NEEDED
                if report.login_needed
                else Said.STOPPED,
                _("stopped: {reason}").format(reason=report.stopped_by),
            )
        )
    return lines


def sending(count: int) -> str:
    """``Sending 6 messages…``: what the Send dialog says while a batch of ``count``
    messages goes, in the language's own plural."""
    return ngettext("Sending {count} message…", "Sending {count} messages…", count).format(
        count=f"{count:,}"
    )
