"""Text as a calendar file carries it: TEXT values, names in parameters, and URIs.

Whatever a coordinator types (or a file brought in) may hold line breaks, control
characters, commas, semicolons, backslashes and quotes. A calendar file has one line per
property, so each of these must be written so that every reader sees the same text and
no reader sees a property or a component that the program did not write:

* **TEXT values** (RFC 5545 section 3.3.11: SUMMARY, DESCRIPTION, LOCATION, CATEGORIES,
  NAME, X-WR-CALNAME, ...): ``\\``, ``;`` and ``,`` are escaped with a backslash and
  every line break (CR, LF or CRLF, and the vertical tab and form feed that word
  processors use as line breaks) is written as ``\\n``. Other control characters, which
  no TEXT value may hold and which strict readers refuse with the whole file, are left
  out; the tab stays. icalendar's own escaping is not used: it turns a typed ``\\N``
  into a line break, and it writes NAME and X-WR-CALNAME without any escaping.
* **Names in parameters** (CN of ATTENDEE and ORGANIZER; RFC 5545 section 3.2): a
  parameter value cannot hold a double quote or a line break at all, and readers
  disagree on the RFC 6868 caret escapes that icalendar writes for them (vobject shows
  ``^'`` where icalendar and ical.js show a quote). So the name is cleaned into text that
  needs no escape: straight double quotes become typographic ones (“ before a word, ”
  after it), a caret becomes ``ˆ`` (U+02C6), a backslash becomes ``＼`` (U+FF3C,
  icalendar reads ``\\,`` ``\\;`` ``\\:`` ``\\\\`` inside parameters as escapes), line
  breaks and tabs become spaces and other control characters are left out.
* **URIs** (URL, CONFERENCE, SOURCE, mailto addresses): RFC 3986 gives spaces and
  control characters no place in a URI; the program refuses them when a video link is
  entered, and any that remain in older data are percent-encoded here, so the file stays
  valid and the link keeps its place.
"""

from __future__ import annotations

import re

import icalendar

_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c]")
"""Line breaks as typed on any system, and the vertical tab and form feed that word
processors put for a manual line or page break."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
"""C0 control characters other than the tab and the line breaks above, and DEL: no
TEXT value may hold them (RFC 5545 section 3.3.11, TSAFE-CHAR)."""
_NOT_PLAIN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""Any character the two patterns above replace or leave out: most text has none."""
_NOT_ESCAPED = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\\;,]")
"""Any character :func:`escape_text` changes."""
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}
_OPENING_QUOTE = re.compile(r'(?:^|(?<=[\s(\[{<“‘«]))"')
_URI_UNSAFE = re.compile(r"[\x00-\x20\x7f\x80-\x9f\u2028\u2029]")


def plain_text(value: str) -> str:
    """The text a TEXT value can carry: each line break as LF, other control characters
    left out (the tab stays)."""
    if not _NOT_PLAIN.search(value):
        return value
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", value))


def escape_text(value: str) -> str:
    """The RFC 5545 TEXT form of ``value``: one line, whatever it holds. The backslash
    is escaped first, so the escapes added after it are left as they are."""
    if not _NOT_ESCAPED.search(value):
        return value
    text = plain_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def unescape_text(value: str) -> str:
    """The text of an RFC 5545 TEXT value, read left to right (``\\\\n`` is a backslash
    and an n, not a line break); an escape the RFC does not define is kept as written."""
    return _ESCAPED.sub(lambda match: _UNESCAPED.get(match[1], match[0]), value)


class Text(icalendar.vText):
    """A TEXT value that icalendar writes with :func:`escape_text`."""

    def to_ical(self) -> bytes:
        return escape_text(str(self)).encode("utf-8")


def categories(names: list[str]) -> icalendar.vCategory:
    """A CATEGORIES value whose names are each escaped as TEXT (a comma inside a name
    stays inside it)."""
    value = icalendar.vCategory(names)
    value.cats = [Text(name) for name in names]
    return value


def one_line(value: str) -> str:
    """The text on one line: each line break a space, other control characters left out."""
    if not _NOT_PLAIN.search(value):
        return value
    return _CONTROL.sub("", _LINE_BREAK.sub(" ", value))


def parameter_text(value: str) -> str:
    """A name as a parameter value that every reader shows the same (see the module's
    documentation for each substitution)."""
    text = one_line(value).replace("\t", " ")
    text = text.replace("^", "\u02c6").replace("\\", "\uff3c")
    text = _OPENING_QUOTE.sub("“", text)
    return text.replace('"', "”")


def uri_text(value: str) -> str:
    """A URI with spaces and control characters percent-encoded (RFC 3986 section 2.1)."""
    return _URI_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), value
    )


def mail_form(email: str) -> str:
    """An address as the mail goes to it: a domain beyond ASCII in its IDNA form
    (``hanako@例え.jp`` is ``hanako@xn--r8jz45g.jp``), as the message's headers and the
    SMTP envelope carry it; anything else as it is (an address that cannot be mailed
    is refused when it is sent)."""
    local, at, domain = email.rpartition("@")
    if not at or domain.isascii():
        return email
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return email


def calendar_address(email: str, name: str | None = None) -> icalendar.vCalAddress:
    """A mailto address with its name (CN) cleaned for every reader; its domain as the
    mail goes to it (:func:`mail_form`), so that the ATTENDEE a reply names is the
    address the invitation was sent to."""
    address = icalendar.vCalAddress(f"mailto:{uri_text(mail_form(email))}")
    shown = parameter_text(name) if name else ""
    if shown:
        address.params["CN"] = shown
    return address


__all__ = [
    "Text",
    "calendar_address",
    "categories",
    "escape_text",
    "mail_form",
    "one_line",
    "parameter_text",
    "plain_text",
    "unescape_text",
    "uri_text",
]
