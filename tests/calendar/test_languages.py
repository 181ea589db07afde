"""The calendar in the reader's language: the .ics file's own words (kinds, lease markers, the
calendar's name) and the refusal of a file with no site, in Italian and in English."""
import icalendar
import pytest

from hub.calendar.ics import calendar_ics
from hub.errors import Invalid
from hub.i18n import speaking
from tests.calendar.conftest import MONDAY, SUNDAY
from tests.worlds import read


def summaries_and_descriptions(week) -> tuple[set[str], set[str], str]:
    data = read(calendar_ics, actor=week["manager"], first=MONDAY, last=SUNDAY,
                site_id=week["site"])
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    return ({str(e["summary"]) for e in events},
            {str(e["description"]) for e in events if "description" in e},
            str(calendar["x-wr-calname"]))


def test_the_calendar_file_speaks_italian_or_english(week):
    with speaking("it"):
        summaries, descriptions, name = summaries_and_descriptions(week)
    assert "L2 · Inizia l'affitto di L2 per Aiko Tanaka" in summaries
    assert "Prenotazione · Giulia Neri" in descriptions and name == "Calendario di Test Hub"
    with speaking("en"):
        summaries, descriptions, name = summaries_and_descriptions(week)
    assert "L2 · Aiko Tanaka's lease of L2 starts" in summaries
    assert "Booking · Giulia Neri" in descriptions and name == "Test Hub calendar"


def test_a_file_with_no_site_is_refused_in_both_languages(week):
    for language, sentence in (
            ("it", "sede: scegli una sede o uno spazio per il file di calendario"),
            ("en", "site: choose a site or a room for the calendar file")):
        with speaking(language):
            with pytest.raises(Invalid) as refused:
                read(calendar_ics, actor=week["manager"], first=MONDAY, last=SUNDAY)
            assert str(refused.value) == sentence   # the field is named when shown
