"""What every printed document is made of: sections of HTML, a running header, and the
stamp that tells two printouts of a changing program apart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.markup import STYLESHEET, escape
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _

ShouldStop = Callable[[], bool]
"""Asked between the sections of a long document (and between its pages when it is
drawn): true when the person waiting for it has cancelled."""


class CancelledError(SchedulerError):
    """The document was cancelled before it was complete; nothing was written."""


def stop_if_asked(should_stop: ShouldStop | None) -> None:
    """Give up making a document when its reader has cancelled it."""
    if should_stop is not None and should_stop():
        raise CancelledError("Cancelled: nothing was saved.")


@dataclass(frozen=True, slots=True)
class ChangeStamp:
    """How far the program had got when a document was made.

    ``counter`` is the program's change counter (:mod:`cpp_scheduler.documents.stamp`);
    ``as_of`` is the last time anything in it was saved or deleted (UTC).
    """

    as_of: datetime | None
    counter: int

    @property
    def text(self) -> str:
        """``As of Mon 08 Mar 2027 14:05 (Tokyo), change 412``."""
        if self.as_of is None:
            return _("As of an empty program, change {counter}").format(counter=self.counter)
        local = timezones.to_local(self.as_of, timezones.TOKYO)
        return _("As of {when} (Tokyo), change {counter}").format(
            when=f"{i18n.day_text(local)} {local:%H:%M}", counter=self.counter
        )


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of a document: a cover, one day, a timetable.

    ``keep_together``: start it on a new page rather than split it, where it fits on
    one. ``new_page``: always start it on a new page. ``continued``: what the header
    of a page that goes on with it says (a day too long for a page: "Monday 15
    February 2027 (continued)"), so no page leaves its reader to guess its day.
    """

    html: str
    keep_together: bool = True
    new_page: bool = False
    continued: str = ""


def continued_day(day: date) -> str:
    """ "Monday 15 February 2027 (continued)": the header of a page that goes on with a
    day begun on an earlier page."""
    return _("{day} (continued)").format(day=i18n.long_day_text(day))


@dataclass(frozen=True, slots=True)
class PrintDocument:
    """A document ready to render: the renderer draws ``header`` at the top of every
    page, and the page number with the stamp at the foot."""

    title: str
    header: str
    stamp: ChangeStamp
    sections: tuple[Section, ...]
    stylesheet: str = STYLESHEET

    @property
    def footer(self) -> str:
        return self.stamp.text

    def html(self) -> str:
        """The whole document as one HTML page (for a browser, or to read in a test)."""
        body = "\n".join(
            f'<div class="section{" keep" if s.keep_together else ""}'
            f'{" newpage" if s.new_page else ""}">{s.html}</div>'
            for s in self.sections
        )
        return (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title><style>{self.stylesheet}</style></head>"
            f'<body><p class="running">{escape(self.header)}</p>\n{body}\n'
            f'<p class="running">{escape(self.footer)}</p></body></html>\n'
        )
