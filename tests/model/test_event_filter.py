"""The filter's one rule, asked of one meeting (the week's blocks, the agenda spreadsheet)
or of a whole program at once (the window's table): both give the same meetings."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.model import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import EventFilter, Person, is_delegations

CITIES = ["kobe", "kitakyushu", "lima"]
THEMES = ["water", "disaster risk", "heritage"]
DELEGATIONS = ["peru", "chile"]
PEOPLE = ["ana", "ravi", "keiko"]


@dataclass(frozen=True)
class Meeting:
    kind: EventKind
    mode: EventMode
    status: EventStatus
    city_id: str | None
    theme_ids: frozenset[str]
    delegation_ids: frozenset[str]
    words: str
    participant_ids: frozenset[str] = frozenset()
    organiser_id: str | None = None


meetings = st.builds(
    Meeting,
    kind=st.sampled_from(EventKind),
    mode=st.sampled_from(EventMode),
    status=st.sampled_from(EventStatus),
    city_id=st.sampled_from([None, *CITIES]),
    theme_ids=st.frozensets(st.sampled_from(THEMES)),
    delegation_ids=st.frozensets(st.sampled_from(DELEGATIONS)),
    words=st.sampled_from(["kobe drr workshop", "lima water exchange 12", "exchange 120", ""]),
    participant_ids=st.frozensets(st.sampled_from(PEOPLE)),
    organiser_id=st.sampled_from([None, *PEOPLE]),
)
filters = st.builds(
    EventFilter,
    city_id=st.sampled_from([None, *CITIES]),
    theme_id=st.sampled_from([None, *THEMES]),
    kind=st.sampled_from([None, *EventKind]),
    mode=st.sampled_from([None, *EventMode]),
    status=st.sampled_from([None, *EventStatus]),
    delegation_id=st.sampled_from([None, *DELEGATIONS]),
    delegation_members=st.frozensets(st.sampled_from(PEOPLE)),
    participant=st.sampled_from(
        [None, *(Person(person, delegation) for person in PEOPLE for delegation in (None, "peru"))]
    ),
    text=st.sampled_from(["", "  ", "Exchange 12", "KOBE", "water lima", "nowhere"]),
)


@given(event_filter=filters, program=st.lists(meetings, max_size=30))
def test_a_whole_program_passes_as_its_meetings_pass_one_by_one(
    event_filter: EventFilter, program: list[Meeting]
) -> None:
    texts = [meeting.words for meeting in program]
    one_by_one = [
        number
        for number, meeting in enumerate(program)
        if event_filter.accepts(meeting, partial(str, meeting.words))
    ]
    assert event_filter.passing(program, lambda: texts) == one_by_one


def test_a_text_passes_the_meetings_holding_each_of_its_words_in_any_case() -> None:
    program = [
        Meeting(
            EventKind.WORKSHOP,
            EventMode.VIRTUAL,
            EventStatus.CONFIRMED,
            "kobe",
            frozenset(),
            frozenset(),
            words,
        )
        for words in ("kobe drr workshop", "lima water exchange 12", "exchange 120")
    ]
    texts = [meeting.words for meeting in program]
    assert EventFilter(text="Exchange 12").passing(program, lambda: texts) == [1, 2]
    assert EventFilter(text="12 LIMA").passing(program, lambda: texts) == [1]
    assert EventFilter(kind=EventKind.CONFERENCE).passing(program, lambda: texts) == []
    assert EventFilter().passing(program, lambda: texts) == [0, 1, 2]


def test_the_words_are_asked_only_for_a_text() -> None:
    def no_words() -> list[str]:
        raise AssertionError("asked for the words without a text to look for")

    program = [
        Meeting(
            EventKind.WORKSHOP,
            EventMode.VIRTUAL,
            EventStatus.CONFIRMED,
            None,
            frozenset(),
            frozenset(),
            "",
        )
    ]
    assert EventFilter(mode=EventMode.VIRTUAL).passing(program, no_words) == [0]


def test_a_filter_that_has_judged_meetings_still_copies_and_pickles() -> None:
    event_filter = EventFilter(kind=EventKind.WORKSHOP, text="kobe")
    program = [
        Meeting(
            EventKind.WORKSHOP,
            EventMode.VIRTUAL,
            EventStatus.CONFIRMED,
            None,
            frozenset(),
            frozenset(),
            "kobe drr workshop",
        )
    ]
    assert event_filter.passing(program, lambda: ["kobe drr workshop"]) == [0]
    for again in (pickle.loads(pickle.dumps(event_filter)), copy.deepcopy(event_filter)):
        assert again == event_filter
        assert again.passing(program, lambda: ["kobe drr workshop"]) == [0]


def attended(
    delegations: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
    organiser: str | None = None,
) -> Meeting:
    """A virtual workshop for ``delegations``, naming ``people``, run by ``organiser``."""
    return Meeting(
        EventKind.WORKSHOP,
        EventMode.VIRTUAL,
        EventStatus.CONFIRMED,
        None,
        frozenset(),
        delegations,
        "",
        people,
        organiser,
    )


def test_a_participants_meetings_name_them_are_theirs_to_organise_or_their_delegations() -> None:
    """Ana of the Peru delegation: a meeting naming her, one she organises, and one for
    Peru (a session naming no delegation is for its conference's: the calendar's rows
    and the agenda give it Peru's as its delegations) are hers; a meeting naming
    another, or for Chile, is not; Ravi, of no delegation, has only what names him."""
    program = [
        attended(people=frozenset({"ana"})),
        attended(organiser="ana"),
        attended(delegations=frozenset({"peru"})),
        attended(people=frozenset({"ravi"}), delegations=frozenset({"chile"})),
        attended(organiser="keiko"),
        attended(),
    ]
    ana = EventFilter(participant=Person("ana", "peru"))
    ravi = EventFilter(participant=Person("ravi"))

    assert ana.passing(program, list) == [0, 1, 2]
    assert ravi.passing(program, list) == [3]
    assert ana.asks_who_attends
    assert EventFilter(delegation_id="peru").asks_who_attends
    assert not EventFilter(kind=EventKind.WORKSHOP).asks_who_attends


def test_a_delegations_meetings_are_those_it_attends_and_those_naming_a_member() -> None:
    """Peru's meetings: one naming Peru (or a session of its conference: the rows give
    it Peru's), and one naming Ana, of Peru, alone, as Peru's schedule lists them."""
    program = [
        attended(delegations=frozenset({"peru"})),
        attended(people=frozenset({"ana"})),
        attended(delegations=frozenset({"chile"}), people=frozenset({"ravi"})),
        attended(),
    ]
    peru = EventFilter(delegation_id="peru", delegation_members=frozenset({"ana", "keiko"}))

    assert peru.passing(program, list) == [0, 1]
    assert EventFilter(delegation_id="peru").passing(program, list) == [0]
    assert is_delegations("peru", {"chile"}, {"keiko"}, frozenset({"keiko"}))
    assert not is_delegations("peru", {"chile"}, {"ravi"}, frozenset({"keiko"}))
    # Kept with the delegation: the week first painted at start-up holds Ana's talk.
    assert peru.as_settings() == {"delegation_id": "peru", "delegation_members": "ana keiko"}
    assert EventFilter.from_settings(peru.as_settings()) == peru


def test_a_participant_chosen_is_kept_in_the_settings_with_their_delegation() -> None:
    chosen = EventFilter(participant=Person("ana", "peru"), kind=EventKind.SITE_VISIT)
    saved = chosen.as_settings()

    assert saved == {
        "kind": "site_visit",
        "participant_id": "ana",
        "participant_delegation_id": "peru",
    }
    assert EventFilter.from_settings(saved) == chosen
    alone = EventFilter(participant=Person("ravi"))
    assert EventFilter.from_settings(alone.as_settings()) == alone
    assert not alone.is_empty
