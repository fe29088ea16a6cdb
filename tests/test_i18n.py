"""The core's messages in the chosen language, from catalogues kept up to date."""

from __future__ import annotations

import importlib.util
import locale
import string
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n
from cpp_scheduler.model import Delegation, Event, PartnerCity, StudyTour, TourDay, validation

ROOT = Path(__file__).resolve().parents[1]


def _build_translations() -> ModuleType:
    path = ROOT / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_translations = _build_translations()


def test_compiled_catalogues_match_their_sources() -> None:
    assert not build_translations.stale(), (
        f"compiled translations out of date: run '{build_translations.COMMAND}' and commit"
    )


def test_the_catalogue_holds_every_message_the_core_marks() -> None:
    marked = {message.id for message in build_translations.core_template() if message.id}
    for language in build_translations.LANGUAGES:
        catalogue = build_translations.read_catalogue(build_translations.po_path(language))
        held = {message.id for message in catalogue if message.id}
        missing = sorted(str(message) for message in marked - held)
        assert not missing, (
            f"texts missing from the {language} catalogue: {missing[:5]}; run "
            f"'{build_translations.COMMAND} --update' and translate them"
        )


def test_the_core_is_gathered_without_the_window() -> None:
    locations = {
        path for message in build_translations.core_template() for path, _ in message.locations
    }
    assert locations
    assert not any(path.startswith("cpp_scheduler/gui/") for path in locations)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANGUAGE": "fr:ja:en", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "ja_JP.eucJP"}, "ja"),
    ],
)
def test_the_system_language_is_read_as_gettext_reads_it(
    environment: dict[str, str], expected: str
) -> None:
    assert i18n.system_language(environment) == expected


def test_an_unknown_language_falls_back_to_the_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    try:
        assert i18n.use_language("fr") == "ja"
        assert i18n.use_language(None) == "ja"
        assert i18n.use_language("en") == "en"
    finally:
        i18n.use_language(i18n.ENGLISH)


def test_english_is_the_text_as_written() -> None:
    i18n.use_language(i18n.ENGLISH)
    problem = validation.zone_problem("zone", None)
    assert problem is not None
    assert problem.message == "Choose a time zone."


@pytest.mark.usefixtures("japanese")
def test_a_rule_speaks_japanese_with_its_values_in_place() -> None:
    problem = validation.email_problem("email", "nobody")
    assert problem is not None
    assert "'nobody'" in problem.message
    assert "メール" in problem.message


@pytest.mark.usefixtures("japanese")
def test_japanese_dates_have_no_era_and_a_japanese_weekday() -> None:
    assert i18n.day_text(date(2027, 2, 15)) == "2027年2月15日(月)"
    assert i18n.short_day_text(date(2027, 2, 21)) == "2月21日(日)"
    assert i18n.day_time_text(datetime(2027, 2, 15, 9, 5)) == "2月15日(月) 09:05"


def test_english_dates_read_as_before() -> None:
    i18n.use_language(i18n.ENGLISH)
    assert i18n.day_text(date(2027, 2, 15)) == "Mon 15 Feb 2027"
    assert i18n.day_month_year_text(date(2027, 2, 15)) == "15 Feb 2027"


def placeholders(text: str) -> list[str]:
    """The named fields of a ``str.format`` text, in sorted order, repeats kept."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_every_message_has_a_japanese_translation_keeping_its_placeholders() -> None:
    catalogue = build_translations.read_catalogue(build_translations.po_path("ja"))
    untranslated, changed = [], []
    for message in catalogue:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        translations = [message.string] if isinstance(message.string, str) else message.string
        if message.fuzzy or not all(translations):
            untranslated.append(sources[0])
            continue
        for translation in translations:
            if placeholders(translation) != placeholders(sources[-1]):
                changed.append(f"{sources[-1]!r} -> {translation!r}")
    assert not untranslated, f"no Japanese for {len(untranslated)}: {untranslated[:5]}"
    assert not changed, f"placeholders dropped or changed: {changed[:5]}"


@pytest.mark.usefixtures("japanese")
def test_a_conflict_kind_is_named_in_japanese() -> None:
    from cpp_scheduler.scheduling.conflicts import ConflictKind

    assert ConflictKind.VENUE_DOUBLE_BOOKED.label == "会場の二重予約"


@pytest.mark.usefixtures("japanese")
def test_a_japanese_week_starts_on_sunday_and_reads_in_japanese() -> None:
    assert i18n.first_weekday() == 6
    assert i18n.days_into_week(date(2027, 2, 14)) == 0  # a Sunday
    assert i18n.weekday_headings()[:2] == ("日", "月")
    assert i18n.period_text(date(2027, 2, 14), date(2027, 2, 20)) == "2027年2月14日～20日"
    assert i18n.period_text(date(2027, 2, 28), date(2027, 3, 6)) == "2027年2月28日～3月6日"
    assert i18n.month_year_text(date(2027, 2, 1)) == "2027年2月"


def test_an_english_week_starts_on_monday_as_before() -> None:
    i18n.use_language(i18n.ENGLISH)
    assert i18n.days_into_week(date(2027, 2, 15)) == 0  # a Monday
    assert i18n.weekday_headings()[0] == "MON"
    assert i18n.period_text(date(2027, 2, 15), date(2027, 2, 21)) == "15–21 February 2027"
    assert i18n.long_day_text(date(2027, 2, 15)) == "Monday 15 February 2027"


def test_names_are_put_in_order_by_their_readings() -> None:
    cities = [
        ("Toyama", "富山市"),
        ("Yokohama", "横浜市"),
        ("Kobe", "神戸市"),
        ("Kitakyushu", "北九州市"),
    ]
    ordered = sorted(cities, key=lambda city: i18n.name_order(*city))
    assert [japanese for _, japanese in ordered] == ["北九州市", "神戸市", "富山市", "横浜市"]
    assert sorted(japanese for _, japanese in cities) != ["北九州市", "神戸市", "富山市", "横浜市"]
    # Romanised names first whatever their case, accents or width; kana in gojūon order,
    # katakana read as hiragana and half-width as full; kanji alone last.
    names = [
        "よこはま",
        "神戸",
        "こうべ",
        "ｲﾁｶﾜ",
        "Ōita",
        "kawasaki",
        "Ｔｏｙａｍａ",
        "がまごおり",
        "カワサキ",
    ]
    assert sorted(names, key=i18n.reading_key) == [
        "kawasaki",
        "Ōita",
        "Ｔｏｙａｍａ",
        "ｲﾁｶﾜ",
        "がまごおり",
        "カワサキ",
        "こうべ",
        "よこはま",
        "神戸",
    ]


def test_a_message_names_a_record_by_its_kind_in_the_programs_language(japanese: None) -> None:
    assert Event(title="Kobe resilience day").label() == "イベント 'Kobe resilience day'"
    assert Delegation(name="Lima").label() == "代表団 'Lima'"
    assert StudyTour(title="Peru study tour").label() == "視察研修 'Peru study tour'"
    assert TourDay(day=date(2027, 3, 8)).label() == "視察研修の日 2027年3月8日(月)"
    # By its Japanese name where it has one, as the window's lists show it.
    kobe = PartnerCity(name="Kobe", name_ja="神戸市")
    assert kobe.label() == "連携都市 '神戸市'"
    assert PartnerCity(name="Sendai").label() == "連携都市 'Sendai'"
    i18n.use_language(i18n.ENGLISH)
    assert kobe.label() == "partner city 'Kobe'"
    assert Event(title="Kobe resilience day").label() == "event 'Kobe resilience day'"
    assert TourDay(day=date(2027, 3, 8)).label() == "tour day Mon 08 Mar 2027"


def test_a_label_kept_in_every_language_words_each_its_own_way() -> None:
    """A history entry names its record in both languages at once, dates included,
    while the program goes on speaking the one chosen."""
    assert i18n.in_every_language(TourDay(day=date(2027, 3, 8)).label) == {
        "en": "tour day Mon 08 Mar 2027",
        "ja": "視察研修の日 2027年3月8日(月)",
    }
    assert i18n.language() == i18n.ENGLISH
    assert i18n._("event") == "event"


def test_speaking_another_language_in_one_thread_leaves_the_others_theirs() -> None:
    """A save on the window's worker words its history in Japanese for a moment; the
    window, on its own thread, goes on in English meanwhile."""
    import threading

    inside, outside = threading.Event(), threading.Event()
    heard: dict[str, str] = {}

    def worded() -> str:
        if i18n.language() == i18n.JAPANESE:
            inside.set()
            outside.wait(timeout=10)
        return i18n._("event")

    def worker() -> None:
        heard.update(i18n.in_every_language(worded))

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(timeout=10)
    heard["window"] = i18n._("event")
    assert i18n.day_text(date(2027, 3, 8)) == "Mon 08 Mar 2027"
    outside.set()
    thread.join(timeout=10)
    assert heard == {"en": "event", "ja": "イベント", "window": "event"}


def test_english_dates_name_days_in_english_on_a_japanese_system(
    japanese_system_locale: str,
) -> None:
    """The English window on a Tokyo laptop says Tue where strftime says 火."""
    tuesday = datetime(2027, 1, 5, 9, 5)
    assert f"{tuesday:%a}" == "火", f"{japanese_system_locale} names Tuesday 火 in strftime"
    i18n.use_language(i18n.ENGLISH)
    assert i18n.day_text(tuesday) == "Tue 05 Jan 2027"
    assert i18n.short_day_text(tuesday) == "Tue 05 Jan"
    assert i18n.day_time_text(tuesday) == "Tue 05 Jan 09:05"
    assert i18n.weekday_time_text(tuesday) == "Tue 09:05"
    assert i18n.day_month_text(tuesday) == "05 Jan"
    assert i18n.long_day_text(tuesday) == "Tuesday 05 January 2027"
    assert i18n.day_and_month_name(tuesday) == "5 January"
    assert i18n.month_year_text(tuesday) == "January 2027"
    assert i18n.period_text(date(2027, 1, 30), date(2027, 2, 5)) == "30 Jan – 05 Feb 2027"
    assert [i18n.weekday_short_name(day) for day in range(7)] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]  # fmt: skip
    assert i18n.weekday_name(1) == "Tuesday"


@settings(max_examples=200, deadline=None)
@given(day=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_english_names_are_those_of_the_c_locale(day: datetime) -> None:
    """Named by the program instead of strftime, the English texts read as before."""
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, "C")
    try:
        _english_names_are_those_of_the_c_locale(day)
    finally:
        locale.setlocale(locale.LC_TIME, before)


def _english_names_are_those_of_the_c_locale(day: datetime) -> None:
    for pattern in ("%a %d %b %Y", "%A %d %B %Y", "%d %b %H:%M", "%B %Y", "%a"):
        assert i18n.in_english(day, pattern) == day.strftime(pattern)
    assert i18n.short_day_text(day) == day.strftime("%a %d %b")
    assert i18n.day_text(day) == day.strftime("%a %d %b %Y")
    assert i18n.day_time_text(day) == day.strftime("%a %d %b %H:%M")


def test_japanese_weekday_names(japanese: None) -> None:
    assert i18n.weekday_name(6) == "日曜日"
    assert i18n.weekday_short_name(0) == "月"


@pytest.mark.parametrize(
    ("language", "first", "last", "days", "with_weekdays"),
    [
        (
            "ja",
            date(2027, 3, 8),
            date(2027, 3, 12),
            "2027年3月8日～12日",
            "2027年3月8日(月)～12日(金)",
        ),
        (
            "ja",
            date(2027, 3, 29),
            date(2027, 4, 2),
            "2027年3月29日～4月2日",
            "2027年3月29日(月)～4月2日(金)",
        ),
        (
            "ja",
            date(2027, 12, 30),
            date(2028, 1, 3),
            "2027年12月30日～2028年1月3日",
            "2027年12月30日(木)～2028年1月3日(月)",
        ),
        ("ja", date(2027, 3, 8), date(2027, 3, 8), "2027年3月8日", "2027年3月8日(月)"),
        ("en", date(2027, 3, 8), date(2027, 3, 12), "08–12 March 2027", "Mon 08 – Fri 12 Mar 2027"),
        (
            "en",
            date(2027, 3, 29),
            date(2027, 4, 2),
            "29 Mar – 02 Apr 2027",
            "Mon 29 Mar – Fri 02 Apr 2027",
        ),
        (
            "en",
            date(2027, 12, 30),
            date(2028, 1, 3),
            "30 Dec 2027 – 03 Jan 2028",
            "Thu 30 Dec 2027 – Mon 03 Jan 2028",
        ),
        ("en", date(2027, 3, 8), date(2027, 3, 8), "08 Mar 2027", "Mon 08 Mar 2027"),
    ],
)
def test_a_period_writes_its_year_once_with_or_without_weekdays(
    language: str, first: date, last: date, days: str, with_weekdays: str
) -> None:
    i18n.use_language(language)
    try:
        assert i18n.period_text(first, last) == days
        assert i18n.period_day_text(first, last) == with_weekdays
    finally:
        i18n.use_language(i18n.ENGLISH)


def test_names_are_listed_as_each_language_lists_them() -> None:
    names = ["Kobe", "Toyama", "Yokohama"]
    assert i18n.list_text(names) == "Kobe, Toyama, Yokohama"
    assert i18n.list_text([]) == ""
    i18n.use_language(i18n.JAPANESE)
    try:
        assert i18n.list_text(["神戸市", "富山市"]) == "神戸市、富山市"
    finally:
        i18n.use_language(i18n.ENGLISH)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_is_searched_as_every_text_is(text: str) -> None:
    """The quick way with ASCII text gives what the whole reading gives."""
    assert i18n.search_text(text) == i18n._unmarked(i18n._folded(text))
