"""The calendar arithmetic the figures share (hub/dates.py), worked out by hand."""
from datetime import date

from hub.dates import a_year_from, month_end, week_starts


def test_week_starts_are_the_mondays_of_the_weeks_up_to_the_last_one_oldest_first():
    # Thursday 3 December 2026: its week starts on Monday 30 November.
    assert week_starts(date(2026, 12, 3), 3) == [date(2026, 11, 16), date(2026, 11, 23),
                                                 date(2026, 11, 30)]
    assert week_starts(date(2026, 11, 30), 1) == [date(2026, 11, 30)]    # a Monday itself
    assert week_starts(date(2027, 1, 3), 2) == [date(2026, 12, 21), date(2026, 12, 28)]


def test_month_end_knows_the_length_of_every_month():
    assert [month_end(date(2028, m, 1)).day for m in range(1, 13)] == [
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert month_end(date(2027, 2, 1)) == date(2027, 2, 28)


def test_a_lease_of_a_year_ends_the_day_before_its_anniversary():
    assert a_year_from(date(2027, 1, 1)) == date(2027, 12, 31)
    assert a_year_from(date(2027, 3, 15)) == date(2028, 3, 14)
    assert a_year_from(date(2027, 3, 1)) == date(2028, 2, 29)      # across a 29 February
    assert a_year_from(date(2028, 2, 29)) == date(2029, 2, 28)
    assert a_year_from(date(2027, 12, 31)) == date(2028, 12, 30)
