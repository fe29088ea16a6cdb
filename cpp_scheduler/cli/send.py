"""``cpp-scheduler send invitations|updates|test``: one email per participant and event,
with the calendar Outlook, Gmail, Apple Mail and Thunderbird show as an invitation;
updates tell only those whose events changed since their last message, and say what
changed; ``test`` sends the short message that proves the mail settings, as the Mail
settings window's "Send a test message" does.

Through an SMTP server (``--smtp``, or the mail settings the window writes) or into an
outbox folder of ``.eml`` files (``--outbox``). The ledger in the database notes each
message sent, so running the command again sends only what is missing. Whom the server
refused for good is left out, and named with the refusal, until their address is
corrected; ``--retry-refused`` sends to them all the same.

``--from`` (or the mail settings' sender) is asked for only when the batch holds events
that name no organiser, as the plan says (:attr:`invitations.InvitationPlan.unsigned`):
a send refuses before its first message, a dry run lists the rest and names them.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType
from typing import Any

from cpp_scheduler.cli.columns import one_line
from cpp_scheduler.cli.errors import CliError, typed_argument
from cpp_scheduler.cli.export import _organizer
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.mail.messages import Invitation
from cpp_scheduler.mail.settings import read_mail_settings
from cpp_scheduler.mail.transports import (
    HIGHEST_PORT,
    KEYRING_SERVICE,
    LoginNeededError,
    OutboxTransport,
    Security,
    SmtpSettings,
    SmtpTransport,
    Transport,
)
from cpp_scheduler.services import batch_outcome, invitations, mail_setup
from cpp_scheduler.services.batch_outcome import Said
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.store import Database


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    send = subparsers.add_parser(
        "send",
        parents=[common],
        help=_("send invitations by email"),
        description=_("Send each participant the invitations they have not been sent yet."),
    )
    kinds = send.add_subparsers(dest="kind", metavar="KIND", required=True)
    invite = kinds.add_parser(
        "invitations",
        parents=[common],
        help=_("invite each participant of an event, a delegation or a study tour"),
        description=_(
            "One email per participant and event; what the ledger shows was "
            "sent already is not sent again."
        ),
    )
    _add_options(invite, required=True)
    invite.set_defaults(run=run)
    updates = kinds.add_parser(
        "updates",
        parents=[common],
        help=_("tell each participant what changed since their last message"),
        description=_(
            "An update for each event that changed since a participant was "
            "last told, a cancellation for each event cancelled or each participant removed, "
            "an invitation for each participant added (see 'cpp-scheduler changes'). Without "
            "--event, --delegation or --tour: the whole program."
        ),
    )
    _add_options(updates, required=False)
    updates.set_defaults(run=run_updates)
    trial = kinds.add_parser(
        "test",
        parents=[common],
        help=_("send the short message that proves the mail settings"),
        description=_(
            "Send a short test message through the mail server of the mail settings (or "
            "the one given), from their sender (or --from), as the Mail settings window's "
            "'Send a test message' does; the program's database is not read."
        ),
    )
    trial.add_argument("--to", required=True, metavar="EMAIL", help=_("where it goes"))
    _add_server_options(trial)
    trial.add_argument("--from", dest="sender", metavar="'NAME <EMAIL>'", help=_("who sends it"))
    trial.set_defaults(run=run_test)


def _add_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    which = parser.add_mutually_exclusive_group(required=required)
    which.add_argument("--event", metavar="UID", help=_("the event's UID"))
    which.add_argument("--delegation", metavar="NAME", help=_("the delegation's members"))
    which.add_argument("--tour", metavar="ID|TITLE", help=_("a study tour, to its delegation"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("list who would get what; send nothing")
    )
    parser.add_argument("--outbox", metavar="DIR", help=_("write .eml files there"))
    _add_server_options(parser)
    parser.add_argument(
        "--from",
        dest="sender",
        metavar="'NAME <EMAIL>'",
        help=_("who sends for events that name no organiser"),
    )
    parser.add_argument("--rate", type=int, metavar="N", help=_("at most N messages a minute"))
    parser.add_argument(
        "--retry-refused",
        action="store_true",
        help=_(
            "send also to the addresses the server refused for good and that were not "
            "corrected since (left out otherwise)"
        ),
    )


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    """The mail server, where the mail settings' is not the one meant."""
    parser.add_argument("--smtp", metavar="HOST:PORT", help=_("the mail server"))
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_true", help=_("upgrade with STARTTLS"))
    security.add_argument("--tls", action="store_true", help=_("TLS from the first byte"))
    security.add_argument(
        "--plain", action="store_true", help=_("no TLS: a relay on this machine only")
    )
    parser.add_argument(
        "--user", metavar="USER", help=_("log in as USER (password from the system keyring)")
    )


def scope_of(args: argparse.Namespace) -> EventScope | DelegationScope | TourScope | None:
    """The scope the options name; None for the whole program."""
    if args.event:
        return EventScope(args.event)
    if args.delegation:
        return DelegationScope(args.delegation)
    if getattr(args, "tour", None):
        return TourScope(args.tour)
    return None


def _smtp_settings(args: argparse.Namespace, configured: SmtpSettings | None) -> SmtpSettings:
    if not args.smtp:
        if configured is None:
            raise CliError(
                _(
                    "say where the mail goes: --outbox DIR or --smtp HOST:PORT "
                    "(or set the server in the mail settings)"
                ),
                status=2,
            )
        return configured
    host, _colon, port = args.smtp.rpartition(":")
    # isdigit() alone takes "²", which int() refuses.
    if not host or not (port.isascii() and port.isdigit()):
        raise CliError(
            _("--smtp '{server}' must be HOST:PORT").format(server=printable(args.smtp)), status=2
        )
    if len(port.lstrip("0")) > len(str(HIGHEST_PORT)):  # int() refuses beyond 4,300 digits
        too_long = _("port {port} is not a port (1 to 65535)").format(port=printable(port))
        raise CliError(f"--smtp: {too_long}", status=2)
    security = Security.TLS if args.tls else Security.NONE if args.plain else Security.STARTTLS
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]  # an IPv6 address, bracketed to set it apart from its port
    settings = SmtpSettings(host, int(port), security, args.user or "")
    problem = settings.problem()
    if problem is not None:
        raise CliError(f"--smtp: {problem}", status=2)
    return settings


class _Sending:
    """What both kinds of sending share: the sender, the transport, the rate."""

    def __init__(self, args: argparse.Namespace) -> None:
        settings = read_mail_settings()
        if args.rate is not None and args.rate <= 0:
            raise CliError(_("--rate must be more than 0"), status=2)
        self.sender = _organizer(args.sender, "--from") or settings.sender
        """Who signs for events that name no organiser; None when nobody was given."""
        self.rate = args.rate or settings.rate_per_minute
        self.transport: Transport | None = None
        self.smtp: SmtpSettings | None = None
        """The server the batch goes through; None for an outbox or a dry run."""
        if not args.dry_run:
            if args.outbox:
                self.transport = OutboxTransport(typed_argument(args.outbox))
            else:
                self.smtp = _smtp_settings(args, settings.smtp)
                self.transport = SmtpTransport(self.smtp)

    def send(
        self,
        database: Database,
        messages: tuple[Invitation, ...],
        unsigned: tuple[invitations.Unsigned, ...],
    ) -> invitations.BatchReport:
        """Send the batch, or nothing at all while some of its events wait for a sender:
        a batch sent in part would leave those events' participants untold."""
        assert self.transport is not None
        try:
            if unsigned:
                shown = ", ".join(quoted(event.uid) for event in unsigned[:3])
                more = ", …" if len(unsigned) > 3 else ""
                raise CliError(
                    ngettext(
                        "give --from 'Name <email>': {count} event names no organiser: {events}",
                        "give --from 'Name <email>': {count} events name no organiser: {events}",
                        len(unsigned),
                    ).format(count=len(unsigned), events=shown + more),
                    status=2,
                )
            transport = self.transport
            reaching = (
                (lambda: not transport.connected) if isinstance(transport, SmtpTransport) else None
            )
            with _ctrl_c_ends_the_batch(reaching) as asked:
                return invitations.send_batch(
                    database, messages, self.transport, rate_per_minute=self.rate, cancelled=asked
                )
        finally:
            self.transport.close()


@contextmanager
def _ctrl_c_ends_the_batch(
    reaching: Callable[[], bool] | None = None,
) -> Iterator[Callable[[], bool]]:
    """While a batch is sent, Ctrl-C ends it once the message on the wire has gone, so
    the command says what went and what is left (the ledger has each message sent);
    while the server is still being reached (``reaching``: its greeting, the login),
    with no message on the wire, and at a second Ctrl-C, it stops at once, and the
    command still says what went."""
    asked = threading.Event()
    previous = signal.getsignal(signal.SIGINT)

    def first(_signal: int, _frame: FrameType | None) -> None:
        asked.set()
        signal.signal(signal.SIGINT, previous)
        if reaching is not None and reaching():
            raise KeyboardInterrupt
        print(
            _("stopping once the message under way has gone; Ctrl-C again stops at once"),
            file=sys.stderr,
        )

    signal.signal(signal.SIGINT, first)
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _note_unsigned(unsigned: tuple[invitations.Unsigned, ...]) -> None:
    """Say which events a dry run could not sign, how many messages wait on each (as the
    Send dialog says it), and how to sign them here."""
    for note in invitations.unsigned_notes(unsigned):
        print(one_line(_("note: {text}").format(text=note)), file=sys.stderr)
    if unsigned:
        print(
            _(
                "note: give --from 'Name <email>' to sign them, or an organiser to each of "
                "these events"
            ),
            file=sys.stderr,
        )


def _note_not_invited(not_invited: tuple[invitations.NotInvited, ...]) -> None:
    """Say which cancelled events send no cancellation to some of their recipients, as
    the Send dialog says it."""
    for note in invitations.not_invited_notes(not_invited):
        print(one_line(_("note: {text}").format(text=note)), file=sys.stderr)


def _note_held_back(held: tuple[invitations.HeldBack, ...]) -> None:
    """Say who is left out because the server refused their address, with the
    refusal as the change report words it, and how to send to them all the same."""
    for note in invitations.held_back_notes(held):
        print(note, file=sys.stderr)
    if held:
        print(
            _("note: {note}, or give --retry-refused to try again").format(
                note=invitations.held_back_note(held)
            ),
            file=sys.stderr,
        )


def _note_unsendable(messages: tuple[Invitation, ...]) -> None:
    """For a dry run: each address no message can carry, once with how many messages
    about which events and why, as the Send dialog's preview says it (a send refuses
    them alone)."""
    for note in invitations.unsendable_notes(messages):
        print(one_line(_("note: {text}").format(text=note)), file=sys.stderr)


LOGIN_HINT = N_(
    "{outcome}: give the user the server knows you by with --user, its password in the "
    "system keyring (Tools > Mail settings saves it there)"
)
"""What the command adds where the server asks for a login no user was given for."""

_HINTS = {
    Said.CHANGED: N_("{outcome}; run again to send what is due now"),
    Said.STOPPED: N_("{outcome}; run again to send the rest"),
    Said.CANCELLED: N_("{outcome}; run again to send the rest"),
    Said.LOGIN_NEEDED: LOGIN_HINT,
}
"""What the command adds to a line of a batch's outcome: what to do next here."""


def print_outcome(
    report: invitations.BatchReport,
    plan: invitations.InvitationPlan | invitations.UpdatePlan,
    smtp: SmtpSettings | None,
) -> int:
    """Say what the batch did in the sentences the Send dialog's outcome says
    (:mod:`cpp_scheduler.services.batch_outcome`): how many went on the standard
    output, who was refused or put off, what was no longer due and why it stopped on
    the error output, each with this command's hint; and give the exit status, 1 when
    anything was not sent that should have been."""
    print(batch_outcome.sent_line(report, plan))
    for line in batch_outcome.outcome_lines(report):
        if line.said is Said.LOGIN_REFUSED and smtp is not None:
            said = _(
                "{outcome}: correct the password the system keyring keeps for {user} "
                "(service {service}; Tools > Mail settings saves it there), or log in as "
                "another user with --user"
            ).format(
                outcome=line.text,
                user=quoted(smtp.user),
                service=f"{KEYRING_SERVICE}:{smtp.host}",
            )
        else:
            hint = _HINTS.get(Said.STOPPED if line.said is Said.LOGIN_REFUSED else line.said)
            said = _(hint).format(outcome=line.text) if hint else line.text
        print(said, file=sys.stderr)
    if report.cancelled:
        return 130  # as an interrupted command ends
    failed = report.stopped_by or report.refused or report.deferred
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    sending = _Sending(args)
    scope = scope_of(args)
    assert scope is not None
    database = open_program(args.db)
    try:
        plan = invitations.plan_invitations(
            database, scope, sending.sender, retry_refused=args.retry_refused
        )
        if sending.transport is None:
            _note_unsendable(plan.to_send)
            names = invitations.event_names((inv.event_uid, inv.title) for inv in plan.to_send)
            for invitation in plan.to_send:
                if not invitation.unsendable:
                    print(
                        one_line(
                            _("would send {method} {event} to {email}").format(
                                method=invitation.method.value,
                                event=names[invitation.event_uid],
                                email=invitation.recipient_email,
                            )
                        )
                    )
            print(plan.summary)
            _note_unsigned(plan.unsigned)
            _note_not_invited(plan.not_invited)
            _note_held_back(plan.refused)
            return 0
        _note_not_invited(plan.not_invited)
        _note_held_back(plan.refused)
        report = sending.send(database, plan.to_send, plan.unsigned)
    finally:
        database.close()
    return print_outcome(report, plan, sending.smtp)


def run_updates(args: argparse.Namespace) -> int:
    sending = _Sending(args)
    database = open_program(args.db)
    try:
        plan = invitations.plan_updates(
            database, scope_of(args), sending.sender, retry_refused=args.retry_refused
        )
        if sending.transport is None:
            _note_unsendable(plan.to_send)
            listed = plan.sendable_changes
            names = invitations.event_names((c.event_uid, c.title) for c in plan.changes)
            for change in listed:
                print(
                    one_line(  # a title renamed to one holding a line break stays one line
                        _("would send {method} {event} to {email} ({kind}: {details})").format(
                            method=change.method,
                            event=names[change.event_uid],
                            email=change.email,
                            kind=change.kind.label,
                            details="; ".join(change.details),
                        )
                    )
                )
            print(plan.summary)
            _note_unsigned(plan.unsigned)
            _note_held_back(plan.refused)
            return 0
        _note_held_back(plan.refused)
        report = sending.send(database, plan.to_send, plan.unsigned)
    finally:
        database.close()
    return print_outcome(report, plan, sending.smtp)


def run_test(args: argparse.Namespace) -> int:
    settings = read_mail_settings()
    if not args.smtp and settings.smtp is None:
        raise CliError(
            _("say which mail server: --smtp HOST:PORT (or set it in the mail settings)"),
            status=2,
        )
    sender = _organizer(args.sender, "--from") or settings.sender
    chosen = replace(settings, smtp=_smtp_settings(args, settings.smtp), sender=sender)
    try:
        print(mail_setup.send_test_message(chosen, args.to))
    except LoginNeededError as needed:
        raise CliError(_(LOGIN_HINT).format(outcome=needed)) from None
    return 0
