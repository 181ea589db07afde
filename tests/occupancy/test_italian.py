"""Occupancy's refusals read in the reader's language: the field name and the sentence, in
Italian under speaking("it") and as before in English (literal sentences: an expectation
built with _() would pass without any Italian)."""
from datetime import date, time

import pytest

from hub.errors import Invalid
from hub.i18n import speaking
from tests.worlds import book, lease

SUNDAY = date(2026, 6, 7)


def refusal(action, **arguments) -> str:
    with pytest.raises(Invalid) as refused:
        action(**arguments)
    return str(refused.value)


@pytest.mark.parametrize("language, sentence", [
    ("it", "inizio: lo spazio L1 è già affittato dal 1 mar 2026 al 31 dic 2026"),
    ("en", "start: space L1 is already leased from 1 Mar 2026 to 31 Dec 2026"),
])
def test_an_overlapping_lease_is_refused_in_the_readers_language(base, language, sentence):
    lease(base, starts_on=date(2026, 3, 1), ends_on=date(2026, 12, 31))
    with speaking(language):
        assert refusal(lease, base=base, tenant="aiko", starts_on=date(2026, 12, 31),
                       ends_on=date(2027, 6, 30)) == sentence


@pytest.mark.parametrize("language, sentence", [
    ("it", "inizio: POT è al completo alle 11:00–11:30 del 1 giu 2026: 2 posti su 2 già "
           "prenotati, 0 liberi"),
    ("en", "start: POT is full at 11:00–11:30 on 1 Jun 2026: 2 of 2 places already booked, "
           "0 free"),
])
def test_a_full_space_is_refused_in_the_readers_language(base, language, sentence):
    book(base, places=2, start=time(10), end=time(12))
    with speaking(language):
        assert refusal(book, base=base, start=time(11), end=time(11, 30)) == sentence


@pytest.mark.parametrize("language, sentence", [
    ("it", "giorno: la sede Test Hub è chiusa di domenica (orari: lun–sab 08:00–20:00)"),
    ("en", "day: Test Hub is closed on Sundays (open Mon–Sat 08:00–20:00)"),
])
def test_a_closed_day_names_the_weekday_in_the_readers_language(base, language, sentence):
    with speaking(language):
        assert refusal(book, base=base, day=SUNDAY) == sentence
