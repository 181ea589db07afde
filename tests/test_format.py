"""Values on screen in both languages, written by Babel: money, dates, numbers, shares, lists,
plurals, country names; and country input in either language."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub import checks
from hub.errors import Invalid
from hub.i18n import speaking
from hub.words import label
import ui.format

WHEN = datetime(2026, 12, 2, 17, 5, tzinfo=UTC)   # 18:05 in Florence


@pytest.mark.parametrize("language, money, negative, day, moment, month", [
    ("it", "€ 1.250,00", "-€ 3,50", "2 dic 2026", "2 dic 2026, 18:05", "dic 2026"),
    ("en", "€1,250.00", "-€3.50", "2 Dec 2026", "2 Dec 2026, 18:05", "Dec 2026"),
])
def test_money_and_dates(language, money, negative, day, moment, month):
    with speaking(language):
        assert ui.format.money(Decimal("1250")) == money
        assert ui.format.money(-3.5) == negative
        assert ui.format.day_text(date(2026, 12, 2)) == day
        assert ui.format.moment_text(WHEN) == moment
        assert ui.format.month(date(2026, 12, 20)) == month
        assert ui.format.money(None) == ui.format.day_text(None) == "—"
        assert ui.format.moment_text(None) == "—"


@pytest.mark.parametrize("language, thousands, decimal, share, rows, one, listed", [
    ("it", "12.345", "3,5", "79%", "1.200 persone iscritte", "1 persona iscritta",
     "Prato, Siena e Lucca"),
    ("en", "12,345", "3.5", "79%", "1,200 people enrolled", "1 person enrolled",
     "Prato, Siena and Lucca"),
])
def test_numbers_shares_plurals_and_lists(language, thousands, decimal, share, rows, one,
                                          listed):
    with speaking(language):
        assert ui.format.number(12345) == thousands
        assert ui.format.number(3.5, decimals=1) == decimal
        assert ui.format.percent(0.79) == share
        assert ui.format.percent(None) == ui.format.percent(float("nan")) == "—"
        # the words of Courses' move-participant message (ui/programme/forms.py)
        assert ui.format.counted(1200, "person enrolled", "people enrolled") == rows
        assert ui.format.counted(1, "person enrolled", "people enrolled") == one
        assert ui.format.listed(["Prato", "Siena", "Lucca"]) == listed
        assert ui.format.listed([]) == ""


@pytest.mark.parametrize("language, germany, first, last", [
    ("it", "Germania", "Albania", "Vietnam"),
    ("en", "Germany", "Albania", "Vietnam"),
])
def test_country_names_come_from_babel_in_the_readers_language(language, germany, first,
                                                               last):
    with speaking(language):
        assert ui.format.country_name("DE") == germany
        codes = ui.format.countries()
        names = [ui.format.country_name(code) for code in codes]
        assert names == sorted(names, key=str.casefold)
        assert (names[0], names[-1]) == (first, last)
        assert ui.format.country_name("XX") == "XX"     # not a country Babel knows: the code


def test_country_names_sort_by_the_readers_language():
    """Germany is "Germania" in Italian: it sorts after Francia, and Spain (Spagna) moves."""
    with speaking("it"):
        order = ui.format.countries()
        assert order.index("DE") > order.index("FR") and order.index("ES") > order.index("DE")
    with speaking("en"):
        assert ui.format.countries().index("ES") < ui.format.countries().index("TR")


@pytest.mark.parametrize("typed", ["DE", "de", "Germany", "germania", " Germania "])
def test_a_country_is_given_by_code_or_by_its_english_or_italian_name(typed):
    assert checks.country(typed) == "DE"


def test_a_country_not_in_the_list_is_refused_in_the_readers_language():
    with speaking("it"):
        with pytest.raises(Invalid) as refusal:
            checks.country("Atlantide")
        assert str(refusal.value) == ("paese: il campo «paese» vale 'Atlantide', che non è "
                                      "nell'elenco dei paesi (usa un codice ISO come IT o un "
                                      "nome come Italia)")
    with speaking("en"):
        with pytest.raises(Invalid) as refusal:
            checks.country("Atlantis")
        assert str(refusal.value) == ("country: country 'Atlantis' is not in the list of "
                                      "countries (use an ISO code like IT, or a name like Italy)")


@pytest.mark.parametrize("vocabulary, code, italian, english", [
    ("space kind", "workshop", "officina", "workshop"),
    ("programme kind", "workshop", "workshop", "workshop"),
    ("space kind", "conference_room", "sala conferenze", "conference room"),
    ("enrolment status", "waitlisted", "in lista d'attesa", "waitlisted"),
    ("role", "manager", "project manager", "project manager"),
    ("region", "rest of Italy", "resto d'Italia", "rest of Italy"),
    ("sector", "jewellery", "oreficeria", "jewellery"),
])
def test_stored_words_read_by_vocabulary(vocabulary, code, italian, english):
    with speaking("it"):
        assert label(vocabulary, code) == italian
    with speaking("en"):
        assert label(vocabulary, code) == english


def test_a_stored_word_outside_its_vocabulary_is_shown_as_stored():
    with speaking("it"):
        assert label("sector", "basketry") == "basketry"
        assert label("sector", None) == ""


@pytest.mark.parametrize("language, decimal, thousands, december, monday", [
    ("it", ",", ".", "dic", "lun"), ("en", ".", ",", "Dec", "Mon")])
def test_charts_get_the_readers_number_and_date_locale(language, decimal, thousands, december,
                                                       monday):
    """Vega formats axis numbers and dates itself: the theme hands it the reader's locale."""
    import altair as alt
    import pandas as pd

    from ui.charts import vega  # noqa: F401 (registers and enables the theme)
    chart = alt.Chart(pd.DataFrame({"n": [1250]})).mark_bar().encode(x="n:Q")
    with speaking(language):
        locale = chart.to_dict()["config"]["locale"]
    assert (locale["number"]["decimal"], locale["number"]["thousands"]) == (decimal, thousands)
    assert locale["time"]["shortMonths"][11] == december
    assert locale["time"]["shortDays"][1] == monday      # d3 counts from Sunday
