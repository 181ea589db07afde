"""Amounts and numbers are typed as the reader writes them — the screens show € 1.250,50 to
an Italian and €1,250.50 to an English reader — and plainly (1250.50) in both languages;
one that reads two ways (1.250: 1250 or 1.25?) is refused with what it could mean."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import Space
from hub import checks
from hub.admin import users
from hub.admin.transfer.values import number
from hub.errors import Invalid
from hub.i18n import speaking
from tests.apptest import signed_in_app, open_page
from ui.format import money as shown_money


@pytest.mark.parametrize("language, typed, amount", [
    ("it", "1.250,50", "1250.50"), ("it", "€ 1.250,50", "1250.50"), ("it", "1250,50", "1250.50"),
    ("it", "1250.50", "1250.50"), ("it", "1.000.000", "1000000.00"), ("it", "450", "450.00"),
    ("it", "0,5", "0.50"), ("it", "1,250", "1.25"),
    ("en", "1,250.50", "1250.50"), ("en", "€1,250.50", "1250.50"), ("en", "1250.50", "1250.50"),
    ("en", "1250,50", "1250.50"), ("en", "1,000,000", "1000000.00"), ("en", "1.250", "1.25"),
])
def test_an_amount_as_the_reader_writes_it_or_plainly(language, typed, amount):
    with speaking(language):
        assert checks.money(typed, "price") == Decimal(amount)


@pytest.mark.parametrize("language, amount", [("it", "1250.50"), ("en", "1250.50"),
                                              ("it", "0.05"), ("en", "99999999.99")])
def test_what_the_screen_shows_can_be_typed_back(language, amount):
    with speaking(language):
        shown = shown_money(Decimal(amount))
        assert checks.money(shown, "price") == Decimal(amount), shown


@pytest.mark.parametrize("language, typed, message", [
    ("it", "1.250", "«prezzo» '1.250' può essere 1,25 oppure 1250"),
    ("en", "1,250", "price '1,250' could be 1.25 or 1250: write the one you mean, without a "
                    "thousands separator"),
    ("en", "1.250,50", "price must be an amount in euros, like 450 or 450.50"),
    ("it", "1,250.50", "il campo «prezzo» deve essere un importo in euro, come 450 o 450,50"),
])
def test_an_amount_that_reads_two_ways_or_none_is_refused(language, typed, message):
    with speaking(language), pytest.raises(Invalid) as refused:
        checks.money(typed, "price")
    assert refused.value.field == "price" and refused.value.message.startswith(message)


def test_italian_ambiguity_reads_in_italian():
    with speaking("it"):
        with pytest.raises(Invalid) as refused:
            checks.money("1.250", "price")
        assert str(refused.value) == ("prezzo: «prezzo» '1.250' può essere 1,25 oppure 1250: "
                                  "scrivi quello che intendi, senza separatore delle migliaia")


@pytest.mark.parametrize("language, typed, value", [
    ("it", "1.250,5", 1250.5), ("it", "12,5", 12.5), ("it", "12.5", 12.5),
    ("en", "1,250.5", 1250.5), ("en", "12,5", 12.5), ("en", "12.5", 12.5)])
def test_an_import_reads_numbers_the_same_way(language, typed, value):
    with speaking(language):
        assert number(typed, "area_m2") == value
    with speaking(language), pytest.raises(Invalid, match="could be|può essere"):
        number("1.250" if language == "it" else "1,250", "area_m2")


def test_an_italian_manager_types_the_rent_as_the_screen_shows_it(base):
    with writing() as session, session.begin():
        users.set_language(session, actor=users.find_user(session, "boss"), language="it")
    at = open_page(signed_in_app("boss"), "occupancy")
    picker = next(box for box in at.selectbox if box.label == "Sede")
    at = picker.select(next(o for o in picker.options if "Test Hub" in o)).run()
    form = {field.label: field for field in at.text_input}
    form["Codice"].input("L9")
    form["Nome"].input("Laboratorio 9")
    form["Canone mensile €"].input("1.250,50")
    at = next(b for b in at.button if b.label == "Salva spazio").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        rent = session.exec(select(Space.monthly_rent).where(Space.code == "L9")).one()
    assert rent == Decimal("1250.50")
