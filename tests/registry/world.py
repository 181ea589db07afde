"""The small world the write registry runs every write against: one site, its spaces, tenants,
leases, a programme, partners and users of each role."""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlmodel import Session

from db.models import Site
from hub.admin import users
from hub.billing import charges as billing_charges
from hub.billing import invoices, payments
from hub.building import issues as building_issues
from hub.occupancy import works as building_works
from hub.occupancy import bookings, leases, spaces
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import enrolments
from hub.programme import items
from hub.tenants import listings
from hub.tenants import roster
from tests.conftest import PASSWORD

TODAY = date.today()
MONDAY = TODAY + timedelta(days=7 - TODAY.weekday() + 7)   # a Monday one to two weeks ahead
TUESDAY = MONDAY + timedelta(days=1)
LEASE_START, LEASE_END = date(2025, 1, 1), TODAY + timedelta(days=200)
EDITORS = ("manager", "communication")
MANAGER = ("manager",)
EVERYONE = ("manager", "communication", "viewer")
STALE_VERSION = 1_000_000


# --- the world ------------------------------------------------------------------------------

def build_world(session: Session) -> dict[str, int]:
    """One of everything, made through the hub as a manager would."""
    boss = users.add_user(session, actor=users.COMMAND_LINE, username="boss", role="manager",
                          name="Bea Boss", email="boss@example.org", password=PASSWORD)
    carla = users.add_user(session, actor=boss, username="carla", role="communication",
                           name="Carla Verdi", email="carla@example.org", password=PASSWORD)
    vera = users.add_user(session, actor=boss, username="vera", role="viewer",
                          name="Vera Neri", email="vera@example.org", password=PASSWORD)
    olga = users.add_user(session, actor=boss, username="olga", role="viewer",
                          name="Olga Rossi", email="olga@example.org", password=PASSWORD)
    site = Site(code="T", name="Test Hub", city="Florence", total_area_m2=500)
    session.add(site)
    session.flush()
    w = {"boss": boss.id, "carla": carla.id, "vera": vera.id, "olga": olga.id, "site": site.id}

    def space(code, **values):
        return spaces.add_space(session, actor=boss, site_id=site.id, code=code,
                                name=f"Space {code}", capacity=values.pop("capacity", 1),
                                area_m2=values.pop("area_m2", 10), **values).id
    w["L1"] = space("L1", kind="laboratory", monthly_rent="100", leasable=True)
    w["L2"] = space("L2", kind="laboratory", monthly_rent="200", leasable=True)
    w["POT"] = space("POT", kind="workshop", capacity=2, hourly_rate="15", bookable=True,
                     area_m2=60)

    def tenant(name, **values):
        values = {"sector": "ceramics", "origin_country": "IT", **values}
        return roster.add_tenant(session, actor=boss, site_id=site.id, name=name, **values).id
    w["giulia"] = tenant("Giulia Neri", joined_on=date(2016, 3, 1), email="giulia@example.org",
                         phone="+39 055 111 222")
    w["aiko"] = tenant("Aiko Tanaka", joined_on=date(2020, 1, 1), origin_country="JP")
    roster.edit_staff_notes(session, actor=boss, tenant_id=w["giulia"], version=None,
                             notes="Prefers mornings")
    w["listing"] = listings.edit_listing(session, actor=boss, tenant_id=w["giulia"], version=None,
                                         bio="Thrown stoneware.", published=True).id
    w["lease"] = leases.lease_space(session, actor=boss, space_id=w["L1"], tenant_id=w["giulia"],
                                    starts_on=LEASE_START, ends_on=LEASE_END,
                                    monthly_rent="100").id
    w["booking"] = bookings.book(session, actor=boss, space_id=w["POT"], day=MONDAY,
                                 start=time(10), end=time(12), tenant_id=w["giulia"]).id
    w["outsider"] = items.add_instructor(session, actor=boss, name="Paolo Conti").id

    def item(title, capacity):
        return items.add_item(session, actor=boss, site_id=site.id, kind="course",
                                  title=title, sector="ceramics", capacity=capacity,
                                  price="120").id
    w["wheel"], w["glaze"] = item("Wheel throwing", 2), item("Glazes and firing", 10)
    w["mistake"] = item("Made by mistake", 8)           # a draft nobody enrolled in
    w["session"] = items.add_session(session, actor=boss, item_id=w["wheel"], day=TUESDAY,
                                         start=time(18), end=time(21), space_id=w["POT"],
                                         instructor_id=w["outsider"]).id
    for key, name in (("anna", "Anna Bruni"), ("bea", "Bea Conti"), ("carlo", "Carlo Dini")):
        w[key] = enrolments.enrol(session, actor=boss, item_id=w["wheel"],
                                  participant_name=name).id    # Carlo waits
    w["artex"] = organisations.add_partner(session, actor=boss, name="Artex",
                                      kind="trade_association", country="IT", city="Firenze",
                                      status="active", since=date(2016, 1, 10),
                                      notes="Board meets in March").id
    w["contact"] = organisations.add_contact(session, actor=boss, partner_id=w["artex"],
                                        name="Lucia Bassi", email="lucia@artex.example.org").id
    w["interaction"] = interactions.log_interaction(
        session, actor=boss, partner_id=w["artex"], day=TODAY - timedelta(days=3), kind="call",
        summary="Talked about the spring fair", follow_up_on=TODAY + timedelta(days=5)).id
    w["tenant_link"] = partner_links.link_tenant(session, actor=boss, partner_id=w["artex"],
                                                 tenant_id=w["giulia"], kind="mentors").id
    w["item_link"] = partner_links.link_item(session, actor=boss, partner_id=w["artex"],
                                             item_id=w["wheel"], role="co_organiser").id
    w["L3"] = space("L3", kind="laboratory", monthly_rent="300", leasable=True)
    w["issue"] = building_issues.report_issue(session, actor=carla, site_id=site.id,
                                              space_id=w["L3"], title="Damp on the north wall").id
    w["works"] = building_works.plan_works(
        session, actor=boss, site_id=site.id, space_ids=[w["L3"]], title="Restoration",
        starts_on=TODAY + timedelta(days=400), ends_on=TODAY + timedelta(days=410),
        issue_id=w["issue"], notes="Scaffolding from the courtyard").works.id
    # Billing: January 2025's rent (100 + 22 % VAT), paid in full by a debit.
    run = invoices.bill_month(session, actor=boss, month="2025-01", site_id=site.id,
                              issued_on=date(2025, 1, 1))
    w["invoice"] = invoices.invoice_by_number(session, run.invoices[0]).id
    w["payer"] = invoices.invoice_by_number(session, run.invoices[0]).payer_id
    w["payment"] = payments.record_payment(
        session, actor=boss, payer_id=w["payer"], received_on=date(2025, 1, 5), amount="122",
        method="direct_debit", reference="SDD-T-2025-01").id
    w["charge"] = billing_charges.add_charge(
        session, actor=boss, site_id=site.id, kind="damage", amount="40", day=TODAY,
        description="Broken shelf", payer_id=w["payer"]).id
    return w
