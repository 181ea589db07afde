"""Overview figures worked out by hand (hub/overview/figures.py): the periods offered,
the day a snapshot is taken, what falls inside a period (both ends included), running totals
since 2016, partners by region, the INNOCRAFTS shares, the hub summary, follow-ups due.
Every expected number is written in the test, with the arithmetic beside it.

The base world (`base`): site T, leasable L1-L4 (10/20/30/40 m²) and B1 (5 m²) = 5 units, 105 m²;
the pottery POT (bookable only); Giulia and Aiko, Italian residents since 1 March 2016."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from db.engine import reading, writing
from db.models import Enrolment, Partner, ProgrammeItem, Space
from hub.occupancy import spaces
from hub.overview import figures as overview_figures
from hub.partners import interactions
from hub.partners import organisations
from hub.tenants import roster
from tests.worlds import lease, read, write

Period = overview_figures.Period
YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))
YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 6, 15)          # 2026 is still running on this day


def insert(*rows):
    with writing() as session, session.begin():
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def item(site, starts_on, kind="course", status="published"):
    return ProgrammeItem(site_id=site, kind=kind, title=f"{kind} {starts_on}", sector="ceramics",
                         capacity=10, price=Decimal(0), status=status, starts_on=starts_on,
                         ends_on=starts_on)


def seated(item_id, *statuses):
    insert(*[Enrolment(item_id=item_id, participant_name=f"P{n}", status=status)
             for n, status in enumerate(statuses)])


def tenant(base, name, country="IT", *, site="site", residency="resident",
           joined=date(2020, 1, 1), left=None, **more):
    return write(roster.add_tenant, actor=base["manager"], site_id=base[site], name=name,
                 sector="ceramics", origin_country=country, residency=residency,
                 joined_on=joined, left_on=left, **more)


def partner(base, name, country, city=None, status="active", since=None):
    return write(organisations.add_partner, actor=base["manager"], name=name, kind="institution",
                 country=country, city=city, status=status, since=since)


def snapshot(base, period, today=TODAY, site="site"):
    return read(overview_figures.snapshot, site_id=base[site] if site else None, period=period,
                today=today)


# --- periods --------------------------------------------------------------------------------

def test_periods_on_new_years_day():
    offered = overview_figures.periods(date(2026, 1, 1))
    assert offered["This year so far"] == Period(date(2026, 1, 1), date(2026, 1, 1))
    assert offered["Last 12 months"] == Period(date(2025, 1, 2), date(2026, 1, 1))
    years = [name for name in offered if name.startswith("Year")]
    assert (years[0], years[-1], len(years)) == ("Year 2025", "Year 2016", 10)  # 2025…2016
    assert offered["Year 2025"] == YEAR_2025


def test_the_last_12_months_around_a_leap_day():
    # the day after 28 February 2028 is the 29th
    assert overview_figures.periods(date(2029, 2, 28))["Last 12 months"] == \
        Period(date(2028, 2, 29), date(2029, 2, 28))
    # 1 March 2028: from 2 March 2027, 366 days because they hold 29 February
    after_leap = overview_figures.periods(date(2028, 3, 1))["Last 12 months"]
    assert after_leap == Period(date(2027, 3, 2), date(2028, 3, 1))
    assert (after_leap.end - after_leap.start).days + 1 == 366
    assert after_leap.year_before() == Period(date(2026, 3, 2), date(2027, 3, 1))


def test_a_snapshot_is_taken_on_the_last_day_or_today_while_the_period_runs():
    assert YEAR_2026.day_for(TODAY) == date(2026, 6, 15)
    assert YEAR_2026.day_for(date(2026, 12, 31)) == date(2026, 12, 31)
    assert YEAR_2026.day_for(date(2027, 1, 1)) == date(2026, 12, 31)
    assert YEAR_2025.day_for(TODAY) == date(2025, 12, 31)


# --- the snapshot ---------------------------------------------------------------------------

def test_programme_items_on_the_first_and_last_day_of_february_are_in(base):
    site = base["site"]
    _, first, last, _, _, _, done = insert(
        item(site, date(2026, 1, 31)),                         # the day before: out
        item(site, date(2026, 2, 1)), item(site, date(2026, 2, 28)),
        item(site, date(2026, 3, 1)),                          # the day after: out
        item(site, date(2026, 2, 10), status="draft"),
        item(site, date(2026, 2, 11), status="cancelled"),
        item(site, date(2026, 2, 12), kind="workshop", status="done"))
    seated(first, "enrolled", "enrolled", "attended", "waitlisted", "cancelled")   # 3 seated
    seated(last, "enrolled")
    seated(done, "attended", "attended")
    february = snapshot(base, Period(date(2026, 2, 1), date(2026, 2, 28)))
    assert (february.items, february.participants) == (3, 6)          # 3 + 1 + 2 seated
    leap = Period(date(2028, 2, 1), date(2028, 2, 29))
    insert(item(site, date(2028, 2, 29)), item(site, date(2028, 3, 1)))
    assert snapshot(base, leap, today=date(2028, 6, 1)).items == 1      # the 29th is in


def test_tenants_are_counted_on_the_snapshot_day_leaving_day_included(base):
    tenant(base, "Ola", residency="visiting", joined=date(2025, 1, 1), left=TODAY)
    tenant(base, "Pia", residency="visiting", joined=date(2026, 6, 16))
    tenant(base, "Quin", joined=date(2024, 1, 1), left=date(2026, 6, 14))
    tenant(base, "Rui", joined=TODAY)
    tenant(base, "Sol", residency="visiting", joined=date(2025, 3, 1), left=date(2025, 12, 31))
    now = snapshot(base, YEAR_2026)                # on 15 June 2026
    assert (now.residents, now.visitors) == (3, 1)     # Giulia, Aiko, Rui; Ola
    last_year = snapshot(base, YEAR_2025)          # on 31 December 2025
    assert (last_year.residents, last_year.visitors) == (3, 2)   # Giulia, Aiko, Quin; Ola, Sol


def test_occupancy_is_taken_on_the_snapshot_day(base):
    lease(base, space="L1", starts_on=date(2026, 1, 1), ends_on=TODAY)        # last day
    lease(base, space="L2", starts_on=date(2026, 6, 16))                      # not yet
    lease(base, space="L3", starts_on=date(2025, 6, 1), ends_on=date(2025, 12, 31))
    lease(base, space="L4", tenant="aiko", starts_on=date(2026, 1, 1))
    now = snapshot(base, YEAR_2026)
    assert now.unit_rate == pytest.approx(0.4)                          # L1, L4: 2 of 5
    assert now.area_rate == pytest.approx(0.476190, abs=1e-6)           # 10 + 40 of 105
    last_year = snapshot(base, YEAR_2025)
    assert last_year.unit_rate == pytest.approx(0.2)                    # L3 on its last day
    assert last_year.area_rate == pytest.approx(0.285714, abs=1e-6)     # 30 / 105


def test_active_partners_are_those_that_had_joined_by_the_day(base):
    partner(base, "Artex", "IT", "Firenze", since=date(2025, 12, 31))     # joined that day
    partner(base, "Lantern", "CN", "Shanghai", since=date(2026, 1, 1))    # the day after
    partner(base, "Atelier", "FR", "Paris")                               # no date: counted
    partner(base, "Maybe", "US", status="prospect", since=date(2020, 1, 1))
    partner(base, "Quiet", "JP", status="dormant", since=date(2019, 1, 1))
    last_year = snapshot(base, YEAR_2025)
    assert (last_year.partners, last_year.countries) == (2, 2)      # Artex, Atelier: IT, FR
    now = snapshot(base, YEAR_2026)
    assert (now.partners, now.countries) == (3, 3)                  # + Lantern: CN


# --- evidence since 2016 --------------------------------------------------------------------

def test_evidence_runs_totals_of_items_people_and_tenants(second_site):
    base = second_site
    t, s = base["site"], base["S"]
    _, workshop, _, event, *_ = insert(
        item(t, date(2016, 1, 1)),                                  # course
        item(t, date(2017, 12, 31), kind="workshop", status="done"),  # a course kind
        item(t, date(2017, 6, 1), kind="seminar"),                   # an event kind
        item(t, date(2018, 1, 1), kind="event"),
        item(t, date(2018, 5, 1), kind="exhibition", status="draft"),
        item(t, date(2019, 3, 1), kind="meeting", status="cancelled"),
        item(s, date(2018, 2, 1)))                                   # the other site
    seated(workshop, "attended", "attended")
    seated(event, "enrolled", "enrolled", "enrolled", "waitlisted")
    tenant(base, "Uma", joined=date(2015, 10, 1))      # before 2016: counted in 2016
    tenant(base, "Vin", joined=date(2018, 12, 31))
    tenant(base, "Wes", joined=date(2019, 1, 1))
    tenant(base, "Xia", site="S", joined=date(2017, 3, 1))
    totals = read(overview_figures.evidence, site_id=t, until=2019)
    # (year, courses, events, participants, tenants), running
    assert [(r.year, r.courses, r.events, r.participants, r.tenants) for r in totals] == [
        (2016, 1, 0, 0, 3),          # Giulia, Aiko (March 2016), Uma
        (2017, 2, 1, 2, 3),          # + workshop, seminar, 2 attended
        (2018, 2, 2, 5, 4),          # + event and its 3 seated; Vin on 31 December
        (2019, 2, 2, 5, 5)]          # Wes on 1 January; the draft and cancelled never
    everywhere = read(overview_figures.evidence, site_id=None, until=2018)
    assert [(r.year, r.courses, r.tenants) for r in everywhere] == [
        (2016, 1, 3), (2017, 2, 4), (2018, 3, 5)]                    # + Xia, + S's course


def test_partners_by_region_add_up_year_by_year(base):
    partner(base, "Artex", "IT", "Firenze", since=date(2014, 3, 1))       # before 2016
    partner(base, "Roma Arte", "IT", "Roma", since=date(2017, 12, 31))
    partner(base, "Lantern", "CN", "Shanghai", since=date(2018, 1, 1))
    insert(Partner(name="Maker NY", kind="gallery_retailer", country="US", region="USA",
                   status="active", created_at=datetime(2017, 5, 5, 12, tzinfo=UTC)))  # no since
    rows = read(overview_figures.partners_by_region_cumulative, until=2018)
    assert rows == [
        (2016, "Tuscany", 1), (2017, "Tuscany", 1), (2018, "Tuscany", 1),
        (2016, "rest of Italy", 0), (2017, "rest of Italy", 1), (2018, "rest of Italy", 1),
        (2016, "rest of Europe", 0), (2017, "rest of Europe", 0), (2018, "rest of Europe", 0),
        (2016, "China", 0), (2017, "China", 0), (2018, "China", 1),
        (2016, "USA", 0), (2017, "USA", 1), (2018, "USA", 1),
        (2016, "rest of world", 0), (2017, "rest of world", 0), (2018, "rest of world", 0)]


# --- INNOCRAFTS -----------------------------------------------------------------------------

def test_innocrafts_shares_from_abroad_are_not_inverted(second_site):
    base = second_site
    consent = date(2026, 1, 10)
    tenant(base, "Zia", consent_on=consent, young_entrepreneur=True)
    tenant(base, "Wen", "CN", consent_on=consent, female_led=True)
    tenant(base, "Xu", "JP", left=date(2026, 6, 14))                    # gone the day before
    partner(base, "Artex", "IT", "Firenze")
    partner(base, "Milano Design", "IT", "Milano")
    partner(base, "Roma Arte", "IT", "Roma")
    partner(base, "Lantern", "CN", "Shanghai")
    figures = read(overview_figures.innocrafts, site_id=base["site"], on=TODAY)
    # tenants: Giulia, Aiko, Zia (IT) and Wen (CN): 1 of 4 from abroad
    assert figures.tenants_from_abroad == 0.25
    # partners: 3 Italian, 1 Chinese: 1 of 4 abroad; 2 countries
    assert (figures.partners_abroad, figures.partner_countries) == (0.25, 2)
    groups = figures.groups                                             # Zia and Wen consent
    assert (groups.consenting, groups.share(groups.young), groups.share(groups.female_led)) \
        == (2, 0.5, 0.5)
    empty = read(overview_figures.innocrafts, site_id=base["S"], on=TODAY)
    assert (empty.tenants_from_abroad, empty.groups.consenting) == (None, 0)


# --- the hub summary and follow-ups ---------------------------------------------------------

def test_the_hub_summary_counts_active_spaces_and_tenants_present(second_site):
    base = second_site
    manager = base["manager"]
    common = dict(capacity=1, floor=None, equipment=None, daily_rate=None, active=True)
    write(spaces.add_space, actor=manager, site_id=base["S"], code="S1", name="Lab S1",
          kind="laboratory", area_m2=50, monthly_rent="500", hourly_rate=None, leasable=True,
          bookable=False, **common)
    write(spaces.add_space, actor=manager, site_id=base["S"], code="SR", name="Room",
          kind="conference_room", area_m2=40, monthly_rent=None, hourly_rate="20",
          leasable=False, bookable=True, **common)
    gone = write(spaces.add_space, actor=manager, site_id=base["site"], code="L9", name="Lab 9",
                 kind="laboratory", area_m2=70, monthly_rent="700", hourly_rate=None,
                 leasable=True, bookable=False, **common)
    with reading() as session:
        space = session.get(Space, gone.id)
    write(spaces.edit_space, actor=manager, space_id=space.id, version=space.version,
          **({field: getattr(space, field) for field in spaces.SPACE_FIELDS} | {"active": False}))
    tenant(base, "Ada", "FR", site="S", joined=TODAY)
    tenant(base, "Ben", "DE", site="S", left=date(2026, 6, 14))
    tenant(base, "Cat", "JP", joined=date(2026, 6, 16))
    summary = read(overview_figures.hub_summary, on=TODAY)
    # spaces: T's L1-L4, B1, POT + S1, SR = 8 (not L9); leasable: L1-L4, B1, S1 = 6,
    # 10 + 20 + 30 + 40 + 5 + 50 = 155 m²; tenants: Giulia, Aiko, Ada (IT, FR)
    assert summary == overview_figures.HubSummary(sites=2, spaces=8, leasable_spaces=6,
                                            leasable_area_m2=155, active_tenants=3,
                                            countries=2)


def test_follow_ups_are_due_on_their_day_and_after_until_done(base):
    artex = partner(base, "Artex", "IT", "Firenze").id

    def log(follow_up_on):
        return write(interactions.log_interaction, actor=base["communication"], partner_id=artex,
                     day=date(2026, 1, 10), kind="meeting", summary="Spring fair",
                     follow_up_on=follow_up_on)
    log(date(2026, 3, 1))
    log(date(2026, 3, 2))
    log(None)
    done = log(date(2026, 2, 20))
    write(interactions.mark_follow_up_done, actor=base["communication"],
          interaction_id=done.id, version=done.version)
    due = [read(overview_figures.follow_ups_due, today=day)
           for day in (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2))]
    assert due == [0, 1, 2]            # the done one on 20 February never counts
