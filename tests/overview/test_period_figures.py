"""Overview figures (hub/overview/figures.py): live from the tables, against the same period last
year, per site or for the whole network; and the offline stakeholder report."""
from datetime import date
from decimal import Decimal


from db.engine import writing
from db.models import Enrolment, Partner, ProgrammeItem, Site, Tenant
from hub.overview import figures
from tests.worlds import lease

PERIOD = figures.Period(date(2025, 1, 1), date(2025, 12, 31))


def add(*rows):
    with writing() as session, session.begin():
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def item(site, starts_on, kind="course", status="published", capacity=10):
    return ProgrammeItem(site_id=site, kind=kind, title=f"{kind} {starts_on}", sector="ceramics",
                         capacity=capacity, price=Decimal(0), status=status,
                         starts_on=starts_on, ends_on=starts_on)


def test_snapshot_counts_the_period_and_compares_with_the_year_before(base):
    site = base["site"]
    lease(base, space="L1", starts_on=date(2025, 3, 1))                      # 1 of 5 units in 2025
    other = add(Site(code="X", name="Elsewhere", city="Siena"))[0]
    course, _, _, _, _ = add(item(site, date(2025, 4, 1)), item(site, date(2025, 5, 1), kind="event"),
                             item(site, date(2025, 6, 1), status="draft"),   # drafts never count
                             item(site, date(2024, 6, 1)), item(other, date(2025, 6, 1)))
    add(*[Enrolment(item_id=course, participant_name=f"P{n}", status=status)
          for n, status in enumerate(["enrolled", "attended", "waitlisted", "cancelled"])])
    add(Partner(name="Artex", kind="institution", country="IT", region="Tuscany", status="active",
                since=date(2016, 1, 1)),
        Partner(name="Tokyo Crafts", kind="b2b_buyer", country="JP", region="rest of world",
                status="active", since=date(2025, 2, 1)),
        Partner(name="Maybe", kind="media", country="FR", region="rest of Europe", status="prospect"))
    def snapshot_for(site_id, period):
        with writing() as session:
            return figures.snapshot(session, site_id=site_id, period=period, today=date(2026, 6, 1))
    now = snapshot_for(site, PERIOD)
    before = snapshot_for(site, PERIOD.year_before())
    assert (now.unit_rate, before.unit_rate) == (0.2, 0.0)
    assert (now.residents, now.visitors) == (2, 0)
    assert (now.items, now.participants, before.items) == (2, 2, 1)
    assert (now.partners, now.countries, before.partners) == (2, 2, 1)
    network = snapshot_for(None, PERIOD)
    assert network.items == 3


def test_evidence_runs_totals_from_2016(base):
    site = base["site"]
    add(item(site, date(2016, 5, 1)), item(site, date(2018, 5, 1), kind="seminar"),
        item(site, date(2018, 6, 1), kind="workshop"),
        Tenant(site_id=site, name="Late", sector="glass", origin_country="FR", joined_on=date(2019, 1, 1)))
    with writing() as session:
        totals = {row.year: row for row in figures.evidence(session, site_id=site, until=2020)}
    assert [totals[y].courses for y in (2016, 2017, 2018, 2020)] == [1, 1, 2, 2]
    assert totals[2018].events == 1 and totals[2016].events == 0
    assert (totals[2016].tenants, totals[2019].tenants) == (2, 3)


def test_the_report_is_self_contained_and_escapes_text():
    import altair as alt
    import pandas as pd
    from ui.overview.report import report_html
    chart = alt.Chart(pd.DataFrame({"year": [2016, 2017], "n": [1, 3]})).mark_bar().encode(x="year:O", y="n:Q")
    page = report_html(title="Bottega <script>alert(1)</script>", subtitle="2025",
                       kpis=[("Unit occupancy", "80%", "+5 pts on last year")], charts=[chart],
                       notes=["n"], made_on=date(2026, 11, 21))
    assert "<svg" in page and "&lt;script&gt;" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page


def test_the_overview_periods_hold_on_any_day_including_the_29th_of_february():
    leap = figures.periods(date(2028, 2, 29))
    assert leap["This year so far"] == figures.Period(date(2028, 1, 1), date(2028, 2, 29))
    assert leap["Last 12 months"] == figures.Period(date(2027, 3, 1), date(2028, 2, 29))
    assert leap["Last 12 months"].year_before() == figures.Period(date(2026, 3, 1),
                                                                     date(2027, 2, 28))
    ordinary = figures.periods(date(2026, 12, 2))
    assert ordinary["Last 12 months"] == figures.Period(date(2025, 12, 3), date(2026, 12, 2))
    years = [name for name in ordinary if name.startswith("Year")]
    assert years[0] == "Year 2025" and years[-1] == "Year 2016" and len(years) == 10
    assert [name for name in figures.periods(date(2016, 5, 1)) if name.startswith("Year")] == []
