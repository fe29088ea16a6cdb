"""The ledger of invitations sent (who was told what about which event, and how), the
messages the server refused for good, and the answers that came back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from cpp_scheduler.i18n import N_
from cpp_scheduler.model.base import Base, Record, UTCDateTime, utc_now


class SentMessage(Record, Base):
    """One message a server (or the outbox folder) accepted for one recipient.

    ``digest`` is the hash of the calendar that recipient got (its DTSTAMP left out), so
    sending again finds who already holds the program's current version of the event and
    sends only to the others; ``sequence`` is the event's SEQUENCE in that calendar.
    """

    __tablename__ = "sent_messages"
    __table_args__ = (Index("ix_sent_messages_event_participant", "event_id", "participant_id"),)
    record_kind = N_("sent message")
    latest_last: ClassVar[tuple[str, ...]] = ("sent_at", "sequence", "created_at", "id")
    """The order of the messages to one recipient about one event, the latest last (see
    :func:`ledger_order`): by when each was sent; of two sent at one instant (a batch
    and its update, as rows kept to the second hold them), the later version of the
    event, whose SEQUENCE only rises; then when its row was made, and its id, so that
    no two rows tie."""

    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    """REQUEST or CANCEL."""
    digest: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    transport: Mapped[str] = mapped_column(String(16))
    """``smtp`` or ``outbox``."""
    message_id: Mapped[str] = mapped_column(String(255))
    told: Mapped[str] = mapped_column(Text, default="", server_default="")
    """What the message said of the event, as JSON (``services/changes.py``): the
    change report compares it with the program now; empty in rows of older versions."""
    recipient_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    """The address the message went to. Once a coordinator corrects a mistyped address,
    the person has been told nothing at the new one, and the change report says so;
    empty in rows of older versions (the address unknown)."""
    delegation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    """The delegation the recipient was a member of when it was sent (None: of none),
    kept as it was, with no link: the change report reads whose way a batch went
    (a delegation's members, the people of no delegation) whatever becomes of the
    delegation or the person after."""


REFUSAL_TEXT_LENGTH = 200
"""How much of a server's refusal is kept: its code and status, and the words of a
reply a real server gives, never a page of it."""


class RefusedMessage(Record, Base):
    """A message the server refused for good (a 5xx: no such user, the message
    rejected) for one recipient and event, kept so the change report can say so days
    later. Kept apart from :class:`SentMessage`: a refusal tells nobody anything, and
    every reader of the ledger (what was told, what to send again, what a reply answers)
    reads that table alone. The latest refusal of a recipient and event stands until a
    message to them about it is sent: the report then reads it as history."""

    __tablename__ = "refused_messages"
    __table_args__ = (Index("ix_refused_messages_event_participant", "event_id", "participant_id"),)
    record_kind = N_("refused message")
    named_by = "recipient_email"
    latest_last: ClassVar[tuple[str, ...]] = ("refused_at", "created_at", "id")
    """The order of the refusals of one recipient and event, the latest last (see
    :func:`ledger_order`): by when each was refused, then when its row was made, and
    its id, so that no two rows tie."""

    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    recipient_email: Mapped[str] = mapped_column(String(254))
    """The address the server refused: once it is corrected, the report says so."""
    reply_code: Mapped[int] = mapped_column(Integer)
    """The server's code (550, 554)."""
    reply_text: Mapped[str] = mapped_column(String(REFUSAL_TEXT_LENGTH))
    """The server's words after the code (``5.1.1 no such user``), on one line, control
    characters shown escaped, shortened to :data:`REFUSAL_TEXT_LENGTH`."""
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    delegation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    """The recipient's delegation when it was refused, as :class:`SentMessage` keeps it."""


def ledger_order(
    kind: type[SentMessage] | type[RefusedMessage], *, latest_first: bool = False
) -> list[ColumnElement[Any]]:
    """The ``ORDER BY`` of ``kind``'s rows, the latest last (``latest_first``: first):
    the one order in which every reader of the ledger finds one recipient's latest
    message about an event (or latest refusal), in SQL. :func:`ledger_key` is the same
    order over rows already read (a deletion's snapshot, which the database no longer
    holds), so that the question before a deletion and the refusal of taking back a
    record read the same message as the latest."""
    columns = [kind.__table__.c[name] for name in kind.latest_last]
    return [column.desc() for column in columns] if latest_first else list(columns)


def ledger_key(
    kind: type[SentMessage] | type[RefusedMessage], row: Mapping[str, Any]
) -> tuple[Any, ...]:
    """Where the row ``row`` (its columns by name) stands in :func:`ledger_order`: of
    two rows of one recipient and event, the one with the greater key is the later."""
    return tuple(row[name] for name in kind.latest_last)


class Reply(Record, Base):
    """A participant's answer to an invitation (iTIP REPLY): to the whole event, or with
    ``recurrence_id`` to one meeting of a series, as the version answered names it (the
    start its rule gave it then); the replies service finds that meeting where it is now,
    after the series moved."""

    __tablename__ = "replies"
    __table_args__ = (Index("ix_replies_event_participant", "event_id", "participant_id"),)
    record_kind = N_("reply")

    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    recurrence_id: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(String(16))
    """ACCEPTED, TENTATIVE, DECLINED or DELEGATED (the reply's PARTSTAT)."""
    delegated_to: Mapped[str | None] = mapped_column(Text)
    """For a DELEGATED answer, the addresses the person passed the invitation to (the
    reply's DELEGATED-TO, RFC 5546 section 4.2.5), one a line; None for any other: the
    coordinator learns whom to expect instead, and whom to invite."""
    replied_at: Mapped[datetime] = mapped_column(UTCDateTime)
    """The reply's DTSTAMP: of two answers to one version, the later replaces the
    earlier, never the reverse."""
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """The version of the event answered (the reply's SEQUENCE). Once the person has been
    sent a later version (a new time, place or status), the answer stands for what they
    have been told is no longer so, and counts as none until they answer again (RFC 5546
    section 2.1.5)."""
