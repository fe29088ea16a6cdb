"""The language the program speaks: English or Japanese, through gettext.

The core's messages (the rules' problems, errors, conflict explanations, the command
line's output) are written in English inside ``_()`` and looked up in the catalogue of
the chosen language, ``cpp_scheduler/locale/<lang>/LC_MESSAGES/cpp_scheduler.mo``,
compiled from its ``.po`` by ``tools/build_forms.py`` (Babel extracts and compiles;
``tests/test_i18n.py`` fails when a compiled catalogue is stale). The window translates
its own texts with Qt (``gui/translations.py``); both follow the language chosen here, so
the core stays free of Qt.

``_()`` looks the message up when it is called, never when a module is imported: a text
defined at import time is marked with ``N_()`` and translated where it is shown.
"""

from __future__ import annotations

import gettext
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TypeVar

DOMAIN = "cpp_scheduler"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

ENGLISH = "en"
JAPANESE = "ja"
#: The languages the program speaks, the one its texts are written in first.
LANGUAGES: tuple[str, ...] = (ENGLISH, JAPANESE)
#: Each language named in itself, as the language chooser lists it.
LANGUAGE_NAMES: Mapping[str, str] = {ENGLISH: "English", JAPANESE: "日本語"}

# The variables a POSIX system names the language of messages in, strongest first (the
# order gettext itself reads them).
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH
_spoken_here: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "spoken_here", default=None
)
"""The language :func:`in_every_language` speaks for a moment, in its thread alone."""


def supported(code: str | None) -> str | None:
    """The program's language for a locale name (``ja_JP.UTF-8``, ``en-GB``, ``ja``),
    or None when it speaks none of it."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].casefold()
    return base if base in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for, as gettext reads it; English when it asks for
    none the program speaks (``C``, ``POSIX`` or a language without a catalogue)."""
    variables = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = variables.get(name, "")
        if not value:
            continue
        for candidate in value.split(":"):  # LANGUAGE lists several, by preference
            found = supported(candidate)
            if found is not None:
                return found
        if name != "LANGUAGE":
            return ENGLISH  # the first variable set decides, as for gettext
    return ENGLISH


def use_language(code: str | None) -> str:
    """Speak ``code`` from now on (None or an unknown code: the system's language);
    returns the language chosen."""
    global _translation, _language
    language = supported(code) or system_language()
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language
    return language


def language() -> str:
    """The language the program speaks now (in this thread)."""
    return _language_now()


def _language_now() -> str:
    spoken = _spoken_here.get()
    return _language if spoken is None else spoken[0]


def _messages() -> gettext.NullTranslations:
    spoken = _spoken_here.get()
    return _translation if spoken is None else spoken[1]


Worded = TypeVar("Worded")
"""What ``in_every_language`` words: a text, or several."""


def in_every_language(text: Callable[[], Worded]) -> dict[str, Worded]:
    """``text()`` as the program words it in each of its languages, by language: for a
    text stored once in every language, each reader then reading it in theirs (how a
    history entry names its record; ``text()`` may word many at once, as a list). Each
    language is spoken in turn in this thread alone (a context variable), whatever the
    rest of the program speaks meanwhile."""
    found = {}
    for spoken in _every_language():
        token = _spoken_here.set(spoken)
        try:
            found[spoken[0]] = text()
        finally:
            _spoken_here.reset(token)
    return found


@cache
def _every_language() -> tuple[tuple[str, gettext.NullTranslations], ...]:
    """Each language the program speaks, with its messages: looked up once."""
    return tuple((code, catalogue(code)) for code in LANGUAGES)


def _(message: str) -> str:
    """``message`` in the language chosen."""
    spoken = _spoken_here.get()
    return (_translation if spoken is None else spoken[1]).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the language chosen."""
    return _messages().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language chosen, where one English word has two meanings:
    ``context`` tells them apart for the translator ("From" a period, "From" a country)."""
    return _messages().pgettext(context, message)


@cache
def catalogue(code: str) -> gettext.NullTranslations:
    """The messages of one language, apart from the language the program speaks: what
    the program writes for a participant is in the participant's language (their
    calendar file, their invitation), whatever the coordinator reads."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for the marker
    """Mark ``message`` for the catalogue without translating it now (module constants);
    the code that shows it calls ``_()`` on it."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - as N_
    """Mark ``message`` with its ``context`` (see :func:`pgettext`) for the catalogue
    without translating it now; the code that shows it calls ``pgettext(*marked)``."""
    return context, message


def catalogue_path(code: str) -> Path:
    """The compiled catalogue of one language."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


# -- names in order --------------------------------------------------------------------
# A list of cities, venues or themes is put in order by the names' readings. Records that
# have a Japanese name also have an English (romanised) one, which follows the reading:
# Kitakyushu, Kobe, Toyama, Yokohama, where the kanji's code points give 北 富 横 神.
# A name written only in Japanese is ordered by its kana (katakana read as hiragana, so
# カワサキ comes between いちかわ and こうべ, the gojūon order); kanji carry no reading
# the program could know without a dictionary, so such a name comes after the others.

_LATIN, _KANA, _OTHER = 0, 1, 2


def _as_hiragana(character: str) -> str:
    return chr(ord(character) - 0x60) if "ァ" <= character <= "ヶ" else character


def _folded(text: str) -> str:
    """Any case, full-width and half-width forms alike, katakana read as hiragana."""
    return "".join(map(_as_hiragana, unicodedata.normalize("NFKC", text).casefold()))


def _unmarked(text: str) -> str:
    """Without accents and kana voicing marks: é as e, が as か."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_text(text: str) -> str:
    """``text`` as a search compares it, as names are ordered (:func:`reading_key`):
    "evora" finds Évora, "ｋｏｂｅ" and "KOBE" find Kobe, "こうべ" finds コウベ.

    ASCII text has no other form, accent or kana to read otherwise: its lower case at
    once (the lists of thousands of people a search looks in are mostly ASCII)."""
    if text.isascii():
        return text.lower()
    return _unmarked(_folded(text))


def reading_key(name: str) -> tuple[int, str, str]:
    """What a list of names is sorted by so that a reader of either language finds a
    name where they look for it: romanised names alphabetically (any case, accents and
    full-width letters read as plain letters), then kana names in gojūon order (が with
    か), then the rest."""
    text = _folded(name)
    plain = _unmarked(text)
    first = plain.lstrip()[:1]
    if not first or first.isascii():
        group = _LATIN
    elif "ぁ" <= first <= "ゖ" or first == "ー":
        group = _KANA
    else:
        group = _OTHER
    return group, plain, text


NameOrder = tuple[tuple[int, str, str], str]
"""Where a record with an English and a Japanese name comes in a list (:func:`name_order`)."""


def name_order(name: str, name_ja: str = "") -> NameOrder:
    """The order of a record with an English and a Japanese name: by the English
    (romanised) one's reading, or the Japanese one's when it has no English name."""
    return reading_key(name or name_ja), name_ja


def shown_name(name: str, name_ja: str | None) -> str:
    """The name a list shows: the Japanese one in Japanese when the record has one.

    Lists stay in the order of the English (romanised) names, which follows the names'
    readings (:func:`name_order`); the code points of kanji follow no
    reading a Japanese reader would know.
    """
    return name_ja if name_ja and _language_now() == JAPANESE else name


# -- dates, as each language writes them ---------------------------------------------------
# Japanese dates are written in the Gregorian calendar (no era) with the weekday in
# brackets, as in 2027年2月15日(月); English ones as the program always wrote them.

_JAPANESE_WEEKDAYS = "月火水木金土日"

_ENGLISH_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENGLISH_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def in_english(moment: date, pattern: str) -> str:
    """``moment`` as strftime's ``pattern`` writes it, its days and months (``%a``,
    ``%A``, ``%b``, ``%B``) named in English whatever the system's locale.

    strftime names them in the C library's locale, which the window's toolkit sets to
    the system's: on a Japanese laptop it writes 火 for Tue, so the English window and
    the invitations it sends would say "火 05  1月" where the command line says
    "Tue 05 Jan". The names come from here; strftime writes only numbers.
    """
    day = _ENGLISH_DAY_NAMES[moment.weekday()]
    month = _ENGLISH_MONTH_NAMES[moment.month - 1]
    named = (
        pattern.replace("%A", day)
        .replace("%a", day[:3])
        .replace("%B", month)
        .replace("%b", month[:3])
    )
    return moment.strftime(named) if "%" in named else named


def time_text(moment: datetime) -> str:
    """14:00: the time of day, as strftime's ``%H:%M`` writes it (several times faster)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def weekday_name(weekday: int) -> str:
    """Monday, 月曜日: a weekday as ``date.weekday()`` numbers it (0 Monday)."""
    if _language_now() == JAPANESE:
        return f"{_JAPANESE_WEEKDAYS[weekday]}曜日"
    return _ENGLISH_DAY_NAMES[weekday]


def weekday_short_name(weekday: int) -> str:
    """Mon, 月: a weekday as a label short of room names it."""
    if _language_now() == JAPANESE:
        return _JAPANESE_WEEKDAYS[weekday]
    return _ENGLISH_DAY_NAMES[weekday][:3]


def _english_short_day(day: date) -> str:
    """Mon 15 Feb: ``in_english(day, "%a %d %b")``, as often as a program's days need."""
    weekday, month = _ENGLISH_DAY_NAMES[day.weekday()], _ENGLISH_MONTH_NAMES[day.month - 1]
    return f"{weekday[:3]} {day.day:02d} {month[:3]}"


def _japanese_weekday(day: date) -> str:
    return f"({_JAPANESE_WEEKDAYS[day.weekday()]})"


def day_text(day: date, language: str | None = None) -> str:
    """A day with its weekday and year: Mon 15 Feb 2027, 2027年2月15日(月); in
    ``language``, else the program's."""
    if (language or _language_now()) == JAPANESE:
        return f"{day.year}年{day.month}月{day.day}日{_japanese_weekday(day)}"
    return f"{_english_short_day(day)} {day.year}"


def short_day_text(day: date) -> str:
    """A day with its weekday, without the year: Mon 15 Feb, 2月15日(月)."""
    if _language_now() == JAPANESE:
        return f"{day.month}月{day.day}日{_japanese_weekday(day)}"
    return _english_short_day(day)


def day_month_text(day: date) -> str:
    """A day and month: 15 Feb, 2月15日."""
    if _language_now() == JAPANESE:
        return f"{day.month}月{day.day}日"
    return in_english(day, "%d %b")


def day_month_year_text(day: date) -> str:
    """A day, month and year without the weekday: 15 Feb 2027, 2027年2月15日."""
    if _language_now() == JAPANESE:
        return f"{day.year}年{day.month}月{day.day}日"
    return in_english(day, "%d %b %Y")


def day_time_text(moment: datetime) -> str:
    """A wall-clock time with its day: Mon 15 Feb 14:00, 2月15日(月) 14:00."""
    return f"{short_day_text(moment)} {time_text(moment)}"


def weekday_text(day: date) -> str:
    """A day by its weekday alone, as it stands before a time: Thu, (木)."""
    if _language_now() == JAPANESE:
        return _japanese_weekday(day)
    return _ENGLISH_DAY_NAMES[day.weekday()][:3]


def weekday_time_text(moment: datetime) -> str:
    """A wall-clock time with its weekday: Thu 13:34, (木) 13:34."""
    return f"{weekday_text(moment)} {time_text(moment)}"


# -- the week and the calendar's headings ------------------------------------------------
# A Japanese calendar starts its week on Sunday (日), an English one here on Monday.

_ENGLISH_WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def first_weekday() -> int:
    """The day a week starts on, as ``date.weekday()`` numbers it (0 Monday, 6 Sunday)."""
    return 6 if _language_now() == JAPANESE else 0


def days_into_week(day: date) -> int:
    """How many days ``day`` is after the first day of its week."""
    return (day.weekday() - first_weekday()) % 7


def weekday_heading(day: date) -> str:
    """The short weekday over a day's column: MON, 月."""
    if _language_now() == JAPANESE:
        return _JAPANESE_WEEKDAYS[day.weekday()]
    return _ENGLISH_WEEKDAYS[day.weekday()]


def weekday_headings() -> tuple[str, ...]:
    """The seven weekday headings in the order of the week."""
    start = first_weekday()
    if _language_now() == JAPANESE:
        return tuple(_JAPANESE_WEEKDAYS[(start + n) % 7] for n in range(7))
    return tuple(_ENGLISH_WEEKDAYS[(start + n) % 7] for n in range(7))


def long_day_text(day: date) -> str:
    """A day named in full: Monday 15 February 2027, 2027年2月15日(月)."""
    if _language_now() == JAPANESE:
        return day_text(day)
    return in_english(day, "%A %d %B %Y")


def day_and_month_name(day: date) -> str:
    """A day of a month named in full: 15 February, 2月15日."""
    if _language_now() == JAPANESE:
        return day_month_text(day)
    return f"{day.day} {_ENGLISH_MONTH_NAMES[day.month - 1]}"


def month_year_text(day: date) -> str:
    """A month: February 2027, 2027年2月."""
    if _language_now() == JAPANESE:
        return f"{day.year}年{day.month}月"
    return in_english(day, "%B %Y")


def period_text(first: date, last: date) -> str:
    """The days a view shows: 15–21 February 2027, 2027年2月15日～21日; one day alone as
    a day is written (18 Jan 2027, 2027年1月18日)."""
    if first == last:
        return day_month_year_text(first)
    if _language_now() == JAPANESE:
        if first.year != last.year:
            return f"{day_month_year_text(first)}～{day_month_year_text(last)}"
        if first.month != last.month:
            return f"{day_month_year_text(first)}～{day_month_text(last)}"
        return f"{day_month_year_text(first)}～{last.day}日"
    if first.month == last.month and first.year == last.year:
        return f"{first:%d}–{in_english(last, '%d %B %Y')}"
    if first.year == last.year:
        return f"{in_english(first, '%d %b')} – {in_english(last, '%d %b %Y')}"
    return f"{in_english(first, '%d %b %Y')} – {in_english(last, '%d %b %Y')}"


def period_day_text(first: date, last: date) -> str:
    """The days of a period with their weekdays, the year once, as :func:`period_text`
    writes them: Mon 08 – Fri 12 Mar 2027, 2027年3月8日(月)～12日(金); one day alone
    as :func:`day_text` writes it."""
    if first == last:
        return day_text(first)
    if _language_now() == JAPANESE:
        if first.year != last.year:
            return f"{day_text(first)}～{day_text(last)}"
        if first.month != last.month:
            return f"{day_text(first)}～{short_day_text(last)}"
        return f"{day_text(first)}～{last.day}日{_japanese_weekday(last)}"
    if first.year != last.year:
        return f"{day_text(first)} – {day_text(last)}"
    if first.month != last.month:
        return f"{_english_short_day(first)} – {day_text(last)}"
    weekday = _ENGLISH_DAY_NAMES[first.weekday()][:3]
    return f"{weekday} {first.day:02d} – {day_text(last)}"


def days_text(count: int) -> str:
    """A number of days in the language's own plural: 1 day, 5 days; 5日間."""
    return ngettext("{count} day", "{count} days", count).format(count=count)


def list_text(names: Iterable[str]) -> str:
    """Names one after another as the language lists them: Kobe, Toyama; 神戸市、富山市."""
    return _(", ").join(names)
