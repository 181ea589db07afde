"""Tenants › Indicators worked out by hand (hub/tenants/figures.py): who is a current tenant
on a day (the joining and the leaving day both count), origins and their shares, residency
per year, target groups among consenting tenants, the average stay. Every expected number is
written in the test, with the arithmetic beside it.

The tenants under test work at their own site S, so the hub's two tenants at site T (Giulia
and Aiko: ceramics, Italy, resident since 1 March 2016) only show where all sites count."""
from datetime import date

import pytest

from db.engine import reading
from hub.tenants import figures
from hub.tenants import roster
from tests.worlds import write

DAY = date(2026, 6, 15)


def tenant(base, name, *, sector="ceramics", country="IT", residency="resident",
           joined=date(2020, 1, 1), left=None, consent=None, **flags):
    return write(roster.add_tenant, actor=base["manager"], site_id=base["S"], name=name,
                 sector=sector, origin_country=country, residency=residency, joined_on=joined,
                 left_on=left, consent_on=consent, **flags)


@pytest.fixture
def people(second_site):
    """Around 15 June 2026, at site S."""
    base = second_site
    tenant(base, "Anna", country="IT", joined=DAY)                        # joins that day
    tenant(base, "Bea", country="FR", residency="visiting", left=DAY)      # leaves that day
    tenant(base, "Carl", sector="glass", country="DE", joined=date(2026, 6, 16))   # day after
    tenant(base, "Dai", sector="glass", country="CN", residency="visiting",
           left=date(2026, 6, 14))                                       # left the day before
    tenant(base, "Emi", sector="glass", country="JP")
    tenant(base, "Fay", sector="textile", country="US", joined=date(2024, 6, 15))
    return base


def read(action, base, day, site="S"):
    with reading() as session:
        return action(session, site_id=base[site] if site else None, today=day)


# --- current tenants: the joining and the leaving day -------------------------------------

def test_sectors_count_the_tenants_present_on_the_day_largest_first(people):
    # 15 June: Anna and Bea (ceramics), Emi (glass), Fay (textile); ties by name
    assert read(figures.by_sector, people, DAY) == [
        ("ceramics", 2), ("glass", 1), ("textile", 1)]
    # 16 June: Bea has gone, Carl has come: Carl and Emi (glass), Anna, Fay
    assert read(figures.by_sector, people, date(2026, 6, 16)) == [
        ("glass", 2), ("ceramics", 1), ("textile", 1)]
    # 14 June: Anna not yet, Dai still here: Bea (ceramics), Dai and Emi (glass), Fay
    assert read(figures.by_sector, people, date(2026, 6, 14)) == [
        ("glass", 2), ("ceramics", 1), ("textile", 1)]


def test_origins_group_italy_rest_of_europe_and_outside_europe(people):
    # Anna (IT), Bea (FR), Emi (JP), Fay (US); not Dai (CN, gone) nor Carl (DE, not yet)
    assert read(figures.by_origin, people, DAY) == [
        ("Italy", 1), ("rest of Europe", 1), ("outside Europe", 2)]
    assert read(figures.by_origin, people, DAY, site=None) == [     # + Giulia and Aiko
        ("Italy", 3), ("rest of Europe", 1), ("outside Europe", 2)]
    assert read(figures.by_origin, people, DAY, site="site") == [
        ("Italy", 2), ("rest of Europe", 0), ("outside Europe", 0)]


def test_countries_are_the_distinct_origins_of_the_tenants_present(people):
    assert read(figures.countries, people, DAY) == ["FR", "IT", "JP", "US"]
    assert read(figures.countries, people, date(2026, 6, 16)) == ["DE", "IT", "JP", "US"]
    assert read(figures.countries, people, DAY, site="site") == ["IT"]   # two tenants, once


def test_the_indicator_summary_shares_and_this_years_residency(people):
    summary = read(figures.tenant_figures, people, DAY)
    assert summary.current == 4 and summary.countries == 4
    # 1 of 4 Italian is 0.25 (not the 0.75 from abroad); 2 of 4 from outside Europe
    assert summary.origins == [("Italy", 1, 0.25), ("rest of Europe", 1, 0.25),
                               ("outside Europe", 2, 0.5)]
    # present at some point in 2026 up to 15 June: Anna, Emi, Fay resident; Bea and Dai
    # visiting (Dai until 14 June); Carl only joins tomorrow
    assert summary.this_year == {"resident": 3, "visiting": 2}


def test_a_site_without_tenants_has_empty_figures_not_errors(second_site):
    summary = read(figures.tenant_figures, second_site, DAY)
    assert summary.current == 0 and summary.countries == 0 and summary.sectors == []
    assert summary.origins == [("Italy", 0, 0.0), ("rest of Europe", 0, 0.0),
                               ("outside Europe", 0, 0.0)]
    assert summary.average_stay_years is None and summary.groups.share(0) is None


# --- residency per year ---------------------------------------------------------------------

def test_residency_per_year_counts_every_year_a_tenant_was_present(second_site):
    base = second_site
    tenant(base, "Rosa", joined=date(2014, 5, 1), left=date(2017, 12, 31))    # 2016-2017
    tenant(base, "Sara", joined=date(2018, 1, 1))                             # 2018 on
    tenant(base, "Vic", residency="visiting", joined=date(2019, 12, 31),
           left=date(2020, 1, 1))                                             # 2019, 2020
    tenant(base, "Ugo", residency="visiting", joined=date(2012, 1, 1),
           left=date(2015, 12, 31))                                           # before 2016
    tenant(base, "Tom", joined=date(2020, 1, 1), left=date(2023, 12, 31))     # 2020, 2021
    tenant(base, "Zoe", joined=date(2021, 9, 1))              # joins after "today": not yet
    assert read(figures.residency_by_year, base, date(2021, 6, 30)) == [
        (2016, "resident", 1), (2016, "visiting", 0),     # Rosa
        (2017, "resident", 1), (2017, "visiting", 0),     # Rosa until 31 December
        (2018, "resident", 1), (2018, "visiting", 0),     # Sara
        (2019, "resident", 1), (2019, "visiting", 1),     # Sara; Vic from 31 December
        (2020, "resident", 2), (2020, "visiting", 1),     # Sara, Tom; Vic until 1 January
        (2021, "resident", 2), (2021, "visiting", 0)]     # Sara, Tom; not Zoe


# --- target groups among consenting tenants -------------------------------------------------

def test_target_group_shares_are_of_the_consenting_tenants_present(second_site):
    base = second_site
    consent = date(2026, 1, 10)
    tenant(base, "Gaia", consent=consent, young_entrepreneur=True, female_led=True)
    tenant(base, "Hana", consent=consent, female_led=True, startup=False)
    tenant(base, "Ines", consent=consent, startup=True)
    tenant(base, "Jo", consent=consent)                     # consented, no flag set
    tenant(base, "Lia")                                     # no consent: not in the shares
    tenant(base, "Mia", consent=consent, left=date(2026, 6, 14), young_entrepreneur=True,
           female_led=True, startup=True)                  # left the day before
    tenant(base, "Nora", consent=consent, joined=date(2026, 6, 16), young_entrepreneur=True)
    groups = read(figures.target_groups, base, DAY)
    assert (groups.consenting, groups.young, groups.female_led, groups.startup) == (4, 1, 2, 1)
    assert groups.share(groups.young) == 0.25          # 1 of 4, not the 3 of 4 who are not
    assert groups.share(groups.female_led) == 0.5      # 2 of 4
    before = read(figures.target_groups, base, date(2026, 6, 14))   # Mia's leaving day
    assert (before.consenting, before.young, before.female_led, before.startup) == (5, 2, 3, 2)
    assert before.share(before.startup) == 0.4         # 2 of 5
    nobody = read(figures.target_groups, base, DAY, site="site")    # Giulia, Aiko: no consent
    assert (nobody.consenting, nobody.share(nobody.young)) == (0, None)


# --- the average stay -----------------------------------------------------------------------

def test_the_average_stay_runs_from_joining_to_leaving_day_or_today(second_site):
    base = second_site
    today = date(2026, 6, 30)
    tenant(base, "Ada", joined=date(2024, 6, 30))                         # 365 + 365 = 730 days
    tenant(base, "Bo", joined=date(2020, 1, 1), left=date(2021, 1, 1))    # 2020 is leap: 366
    tenant(base, "Cy", joined=date(2026, 7, 1))                           # not yet: left out
    tenant(base, "Eva", joined=today)                                     # joined today: 0
    # (730 + 366 + 0) / 3 = 365.33 days = 1.000228 years of 365.25 days
    assert read(figures.average_tenancy_years, base, today) == pytest.approx(1.000228, abs=1e-6)
    assert read(figures.average_tenancy_years, base, date(2016, 1, 1)) is None   # nobody yet


def test_a_stay_so_far_stops_at_today_even_with_a_leaving_day_ahead(second_site):
    base = second_site
    today = date(2026, 6, 30)
    tenant(base, "Ada", joined=date(2024, 6, 30))                         # 730 days
    tenant(base, "Di", joined=date(2026, 1, 1), left=date(2026, 12, 31))  # so far: 180 days
    # 1 January to 30 June 2026: 31 + 28 + 31 + 30 + 31 + 29 = 180 days (not the 364 to come)
    # (730 + 180) / 2 = 455 days = 1.245722 years
    assert read(figures.average_tenancy_years, base, today) == pytest.approx(1.245722, abs=1e-6)
    # a year on, Di has left: Ada 1095 days, Di 364: (1095 + 364) / 2 = 729.5 days
    later = date(2027, 6, 30)
    assert read(figures.average_tenancy_years, base, later) == pytest.approx(1.997262, abs=1e-6)
