"""The Building rules' refusals read in the reader's language: the field name and the
sentence in Italian under speaking("it"), as they always were in English."""
from datetime import date

import pytest

from hub.building import issues

from hub.occupancy import works
from hub.errors import Invalid
from hub.i18n import speaking
from tests.worlds import write

START, END = date(2027, 1, 11), date(2027, 1, 17)


def refusal(base, **values) -> str:
    arguments = dict(site_id=base["site"], space_ids=[base["POT"]], title="Kiln service",
                     starts_on=START, ends_on=END) | values
    with pytest.raises(Invalid) as error:
        write(works.plan_works, actor=base["manager"], **arguments)
    return str(error.value)


def test_works_without_a_space_are_refused_in_italian_and_in_english(base):
    with speaking("it"):
        assert refusal(base, space_ids=[]) == (
            "spazi: scegli almeno uno spazio che i lavori mettono fuori uso")
    with speaking("en"):
        assert refusal(base, space_ids=[]) == (
            "spaces: choose at least one space the works take out of use")


def test_a_works_period_ending_before_it_starts_is_refused_in_both_languages(base):
    with speaking("it"):
        assert refusal(base, ends_on=date(2027, 1, 10)) == (
            "fine: la data di fine è precedente a quella di inizio")
    with speaking("en"):
        assert refusal(base, ends_on=date(2027, 1, 10)) == "end: end date is before start date"


def test_an_issue_reported_for_tomorrow_is_refused_in_both_languages(base):
    def report_tomorrow() -> str:
        with pytest.raises(Invalid) as error:
            write(issues.report_issue, actor=base["communication"], site_id=base["site"],
                  title="Leak", reported_on=date.fromordinal(date.today().toordinal() + 1))
        return str(error.value)
    with speaking("it"):
        assert report_tomorrow() == ("data della segnalazione: una segnalazione non può avere "
                                     "una data futura")
    with speaking("en"):
        assert report_tomorrow() == ("reported on: an issue cannot be reported on a day still "
                                     "to come")
