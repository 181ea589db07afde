"""The Overview's periods and first steps in the reader's language, written out here (an
expectation computed with _() would pass without a translation)."""
from datetime import date

from hub.i18n import _, speaking
from hub.overview import figures
from hub.overview.first_steps import first_steps
from db.engine import reading


def test_period_names_read_in_italian_and_stay_english_keys():
    names = list(figures.periods(date(2026, 6, 30)))
    assert names[:3] == ["This year so far", "Last 12 months", "Year 2025"]   # widget values
    with speaking("it"):
        assert [figures.period_name(name) for name in names[:3]] == [
            "Quest'anno finora", "Ultimi 12 mesi", "Anno 2025"]
    with speaking("en"):
        assert [figures.period_name(name) for name in names[:3]] == names[:3]


def test_first_steps_read_in_italian(base):
    with reading() as session:
        steps = first_steps(session)
    with speaking("it"):
        assert [_(step.title) for step in steps[:3]] == [
            "Crea una sede", "Aggiungi i suoi spazi (con un modulo o importando un foglio di calcolo)",
            "Aggiungi gli artigiani"]
