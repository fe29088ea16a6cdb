"""A printed document writes every range of times with the one dash of print (``–``),
as its own column of times does: a delegation reads "17:00–18:30" beside its home
clock's "13:45–15:15", and the programme it holds in the same hand says "10:45–12:15",
as the run sheet does. (The run sheet's conflicts quote the engine's own line, which
every medium gives alike.)"""

from __future__ import annotations

import re

import pytest
from test_documents_agree import text_of

from cpp_scheduler import i18n
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.model import Event
from cpp_scheduler.services.demo import CONFERENCE, DELEGATIONS
from cpp_scheduler.store import Database

HYPHENED = re.compile(r"\d{2}:\d{2} ?-\u200b? ?(?:\S+ )?\d{1,2}[:月]")
"""A range of times written with the keyboard's hyphen (the end may name its day)."""

EN_DASHED = re.compile(r"\d{2}:\d{2}–\u200b?\d{2}:\d{2}")


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_every_printed_range_of_times_takes_the_dash_of_print(
    own_demo: Database, language: str
) -> None:
    with own_demo.session() as session:
        from sqlalchemy import select

        conference = session.scalars(select(Event.uid).where(Event.title == CONFERENCE)).one()
    i18n.use_language(language)
    documents = {
        "programme": programme_document(read_programme(own_demo, conference)).html(),
    }
    for delegation in DELEGATIONS:
        itinerary = read_itinerary(own_demo, delegation["name"])
        documents[delegation["name"]] = itinerary_document(itinerary).html()

    for name, page in documents.items():
        text = text_of(page)
        assert EN_DASHED.search(text), name
        assert not HYPHENED.search(text), f"{name}: {HYPHENED.search(text)}"
    at_home = [text_of(page) for page in documents.values() if "Kathmandu" in page]
    assert any(re.search(r"\d{2}:\d{2}–\d{2}:\d{2} \+0545", text) for text in at_home)
