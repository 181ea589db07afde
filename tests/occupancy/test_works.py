"""Spaces out of use (hub/occupancy/closures.py): which works close which space on which days,
the sentence a refusal gives, and the list the hub calendar reads."""
from datetime import date

from db.engine import reading
from hub.occupancy import closures
from tests.worlds import close_for_works as close


def test_closure_counts_both_ends_of_the_works_and_ignores_cancelled_ones(base):
    works_id = close(base, ["L1", "L2"], date(2027, 1, 10), date(2027, 2, 28))
    close(base, ["L3"], date(2027, 1, 1), date(2027, 12, 31), cancelled=True)
    with reading() as session:
        def closed(code, first, last):
            found = closures.closure_of(session, space_id=base[code], first=first, last=last)
            return found and found.id
        assert closed("L1", date(2027, 1, 1), date(2027, 1, 9)) is None     # the day before
        assert closed("L1", date(2027, 1, 1), date(2027, 1, 10)) == works_id  # the first day
        assert closed("L2", date(2027, 2, 28), date(2027, 3, 5)) == works_id  # the last day
        assert closed("L2", date(2027, 3, 1), date(2027, 3, 5)) is None     # the day after
        assert closed("L1", date(2026, 1, 1), None) == works_id              # open-ended ask
        assert closed("L3", date(2027, 6, 1), date(2027, 6, 1)) is None     # cancelled
        assert closed("L4", date(2027, 1, 1), date(2027, 12, 31)) is None   # not in the works


def test_the_refusal_names_the_space_the_works_and_the_days(base):
    close(base, ["L1"], date(2027, 1, 10), date(2027, 2, 28), title="Restoration")
    with reading() as session:
        found = closures.closure_of(session, space_id=base["L1"], first=date(2027, 2, 1))
        assert closures.closed_message("L07", found) == (
            "L07 is closed for restoration from 10 Jan 2027 to 28 Feb 2027")
        found.title = "UV lamp replacement"      # an acronym keeps its capitals
        assert closures.closed_message("L1", found).startswith("L1 is closed for UV lamp")


def test_works_between_lists_one_row_per_space_and_works_in_the_period(base):
    first = close(base, ["L2", "L1"], date(2027, 1, 10), date(2027, 2, 28), title="Roof repair")
    second = close(base, ["POT"], date(2027, 3, 1), date(2027, 3, 3), title="Kiln service")
    close(base, ["L3"], date(2027, 1, 1), date(2027, 1, 31), cancelled=True)
    with reading() as session:
        spans = closures.works_between(session, site_id=base["site"], first=date(2027, 2, 1),
                                    last=date(2027, 3, 1))
        everywhere = closures.works_between(session, site_id=None, first=date(2027, 2, 1),
                                         last=date(2027, 3, 1))
        before = closures.works_between(session, site_id=base["site"], first=date(2026, 1, 1),
                                     last=date(2027, 1, 9))
    assert [(s.works_id, s.space_code, s.title, s.starts_on, s.ends_on) for s in spans] == [
        (first, "L1", "Roof repair", date(2027, 1, 10), date(2027, 2, 28)),
        (first, "L2", "Roof repair", date(2027, 1, 10), date(2027, 2, 28)),
        (second, "POT", "Kiln service", date(2027, 3, 1), date(2027, 3, 3))]
    assert spans[0].space_id == base["L1"] and spans[0].site_id == base["site"]
    assert spans[0].issue_id is None
    assert everywhere == spans
    assert before == []


def test_closed_until_gives_the_last_day_of_the_works_running_that_day(base):
    close(base, ["L1"], date(2027, 1, 10), date(2027, 2, 28))
    close(base, ["L1"], date(2027, 2, 1), date(2027, 3, 15))
    with reading() as session:
        until = closures.closed_until(session, space_ids=[base["L1"], base["L2"]],
                                   day=date(2027, 2, 10))
        later = closures.closed_until(session, space_ids=[base["L1"]], day=date(2027, 3, 16))
    assert until == {base["L1"]: date(2027, 3, 15)}
    assert later == {}
