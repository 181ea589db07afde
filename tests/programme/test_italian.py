"""The programme's refusals read in the reader's language, the field's name too: Italian
under speaking("it"), English as before under speaking("en"). The sentences are written out
(an expectation computed with _() would pass without any Italian in the catalog)."""
from datetime import time

import pytest

from hub.errors import Invalid
from hub.i18n import speaking
from hub.programme import items
from hub.programme.enrolments import enrol
from tests.worlds import add, write

ITEM = {"kind": "course", "title": "Raku", "sector": "ceramics", "format": "in_situ",
        "capacity": 12, "price": "0", "status": "draft"}


def refusal(language, action, *arguments, **keywords) -> str:
    """What a person reading `language` is shown: "<field>: <sentence>"."""
    with speaking(language):
        with pytest.raises(Invalid) as refused:
            action(*arguments, **keywords)
        return str(refused.value)


@pytest.mark.parametrize("language, expected", [
    ("it", "posti: i posti devono essere un numero intero"),
    ("en", "capacity: capacity must be a whole number of places")])
def test_a_capacity_that_is_no_number_is_refused_in_the_readers_language(language, expected):
    assert refusal(language, items.check_item, ITEM | {"capacity": "many"}) == expected


@pytest.mark.parametrize("language, expected", [
    ("it", "destinatari: il campo «destinatari» supera i 120 caratteri"),
    ("en", "target_group: target group is longer than 120 characters")])
def test_a_field_name_is_translated_before_and_inside_the_sentence(language, expected):
    assert refusal(language, items.check_item, ITEM | {"target_group": "x" * 121}) == expected


@pytest.mark.parametrize("language, expected", [
    ("it", "docente: il docente tiene già “Wheel throwing for beginners” (18:00–21:00) il "
           "2 giu 2026"),
    ("en", "instructor: the instructor already teaches “Wheel throwing for beginners” "
           "(18:00–21:00) on 2 Jun 2026")])
def test_an_instructor_clash_is_refused_in_the_readers_language(plan, language, expected):
    add(plan, start=time(18), end=time(21), instructor="teacher")
    assert refusal(language, add, plan, item_key="glaze", space="L2", start=time(20),
                   end=time(22), instructor="teacher") == expected


@pytest.mark.parametrize("language, expected", [
    ("it", "attività: «Glazes and firing» è annullata: nessuno può iscriversi"),
    ("en", "item: “Glazes and firing” is cancelled: nobody can enrol")])
def test_enrolling_into_a_cancelled_item_is_refused_in_the_readers_language(plan, language,
                                                                            expected):
    write(items.edit_item, actor=plan["manager"], item_id=plan["glaze"], version=None,
          status="cancelled")
    assert refusal(language, write, enrol, actor=plan["manager"], item_id=plan["glaze"],
                   participant_name="Anna") == expected
