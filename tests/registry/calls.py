"""The registry itself: for every public hub/ function taking an `actor`, who may call it,
the arguments it is called with on the world, and the audit entries it writes (or, for a
read, what each role sees)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session

import hub
from db.models import Invoice, ProgrammeItem, SignInFailure, Site, User
from hub.admin.transfer import KINDS
from hub.tenants.directory import DirectoryFilter
from tests.conftest import PASSWORD
from tests.registry.world import (EDITORS, EVERYONE, LEASE_END, LEASE_START, MANAGER, MONDAY, TODAY,
                                  TUESDAY)


# --- the registry ---------------------------------------------------------------------------

Build = Callable[[Session, dict], dict]


@dataclass(frozen=True)
class Write:
    roles: tuple[str, ...]                    # who may
    call: Build                               # the arguments, from the world (and a session)
    audit: tuple[tuple[str, str], ...]        # (action, table) logged, in order
    engine: bool = False                      # takes the engine instead of a session


@dataclass(frozen=True)
class Read:
    roles: tuple[str, ...]                    # who may call it at all; others get Forbidden
    call: Build
    shows: Callable[[str, object, dict], None] = lambda role, result, w: None
    engine: bool = False


def _kind(name):
    return KINDS[name]


PARTNER_CSV = b"name,kind,country\nLantern Trading,b2b_buyer,CN\n"


def _free_a_seat(session: Session, w: dict) -> dict:
    item = session.get(ProgrammeItem, w["wheel"])
    item.capacity = 3            # a seat frees up with Carlo still waiting
    session.flush()
    return {"item": item}


def _set(session: Session, model, row_id: int, **values) -> None:
    row = session.get(model, row_id)
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()


def _failed_sign_ins(session: Session, username: str, count: int) -> None:
    """`count` failed sign-ins with `username` from one address: a pause to lift."""
    session.add_all(SignInFailure(username=username, address="203.0.113.7")
                    for _ in range(count))
    session.flush()


def _overdue(session: Session, w: dict) -> dict:
    """An invoice of February 2025 left unpaid (written directly, so the call under test logs
    only its own entries): the world's payer has something overdue on 10 March 2025."""
    session.add(Invoice(site_id=w["site"], payer_id=w["payer"], number="T-2025-0099", year=2025,
                        seq=99, month=datetime(2025, 2, 1).date(),
                        issued_on=datetime(2025, 2, 1).date(), due_on=datetime(2025, 3, 3).date(),
                        net=100, vat=22, total=122))
    session.flush()
    return dict(payer_id=w["payer"], today=datetime(2025, 3, 10).date())


def _empty_site(session: Session, *, archived: bool = False) -> Site:
    """A second site holding nothing (the world's own has a running lease)."""
    site = Site(code="E", name="Empty Hub", city="Siena",
                archived_at=datetime.now(UTC) if archived else None)
    session.add(site)
    session.flush()
    return site


WRITES: dict[str, Write] = {
    # occupancy (manager only: rents, spaces, leases, bookings)
    "hub.occupancy.spaces.add_space": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], code="L9", name="Lab 9", kind="laboratory", area_m2=12, capacity=1,
        monthly_rent="90", leasable=True), (("create", "spaces"),)),
    "hub.occupancy.spaces.edit_space": Write(MANAGER, lambda s, w: dict(
        space_id=w["L2"], version=None, code="L2", name="Lab two", kind="laboratory",
        area_m2=11, capacity=1, monthly_rent="210", leasable=True), (("update", "spaces"),)),
    "hub.sites.set_opening_hours": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], version=None, opens_at=time(7), closes_at=time(21),
        weekdays=[0, 1, 2, 3, 4, 5]), (("update", "sites"),)),
    "hub.sites.add_site": Write(MANAGER, lambda s, w: dict(
        code="ON", name="Officine Nora", city="Florence", country="IT", total_area_m2=420),
        (("create", "sites"),)),
    "hub.sites.edit_site": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], version=None, code="T", name="Test Hub", city="Firenze",
        country="IT", total_area_m2=500, address="Via Tornabuoni 1"), (("update", "sites"),)),
    "hub.sites.archive_site": Write(MANAGER, lambda s, w: dict(
        site_id=_empty_site(s).id, version=None), (("archive", "sites"),)),
    "hub.sites.restore_site": Write(MANAGER, lambda s, w: dict(
        site_id=_empty_site(s, archived=True).id, version=None), (("restore", "sites"),)),
    "hub.occupancy.leases.lease_space": Write(MANAGER, lambda s, w: dict(
        space_id=w["L2"], tenant_id=w["aiko"], starts_on=TODAY, ends_on=None,
        monthly_rent="200"), (("create", "leases"),)),
    "hub.occupancy.leases.edit_lease": Write(MANAGER, lambda s, w: dict(
        lease_id=w["lease"], version=None, starts_on=LEASE_START, ends_on=LEASE_END,
        monthly_rent="150"), (("update", "leases"),)),
    "hub.occupancy.leases.change_rent": Write(MANAGER, lambda s, w: dict(
        lease_id=w["lease"], version=None, from_day=LEASE_START + timedelta(days=40),
        monthly_rent="150"), (("rent_change", "leases"), ("create", "leases"))),
    "hub.billing.invoices.bill_month": Write(MANAGER, lambda s, w: dict(
        month="2025-02", issued_on=datetime(2025, 2, 1).date()), (("issue", "invoices"),)),
    "hub.billing.invoices.credit_note": Write(MANAGER, lambda s, w: dict(
        invoice_id=w["invoice"], reason="Rent waived", issued_on=datetime(2025, 1, 20).date()),
        (("issue", "invoices"), ("release", "payments"))),
    "hub.billing.charges.add_charge": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], kind="consumables", amount="12.50", day=TODAY,
        description="Clay, 25 kg", tenant_id=w["giulia"]), (("create", "charges"),)),
    "hub.billing.charges.remove_charge": Write(MANAGER, lambda s, w: dict(
        charge_id=w["charge"]), (("delete", "charges"),)),
    "hub.billing.payments.record_payment": Write(MANAGER, lambda s, w: dict(
        payer_id=w["payer"], received_on=TODAY, amount="10", method="cash"),
        (("create", "payments"),)),
    "hub.billing.payments.return_payment": Write(MANAGER, lambda s, w: dict(
        payment_id=w["payment"], version=None, returned_on=TODAY,
        reason="MD06: refund requested by the debtor"), (("return", "payments"),)),
    "hub.billing.payers.edit_payer": Write(MANAGER, lambda s, w: dict(
        payer_id=w["payer"], version=None, name="Giulia Neri Ceramiche", email=None,
        language="en", terms_days="15"), (("update", "payers"),)),
    "hub.billing.arrears.send_reminder": Write(MANAGER, _overdue, (("create", "reminders"),)),
    "hub.occupancy.leases.end_lease_early": Write(MANAGER, lambda s, w: dict(
        lease_id=w["lease"], version=None, ends_on=TODAY + timedelta(days=30)),
        (("end_early", "leases"),)),
    "hub.occupancy.leases.renew_lease": Write(MANAGER, lambda s, w: dict(
        lease_id=w["lease"], version=None, until=LEASE_END + timedelta(days=365)),
        (("create", "leases"),)),
    "hub.occupancy.leases.move_tenant": Write(MANAGER, lambda s, w: dict(
        lease_id=w["lease"], version=None, to_space_id=w["L2"], on=TODAY + timedelta(days=30)),
        (("move_out", "leases"), ("create", "leases"))),
    "hub.occupancy.bookings.book": Write(MANAGER, lambda s, w: dict(
        space_id=w["POT"], day=MONDAY, start=time(14), end=time(15), tenant_id=w["aiko"]),
        (("create", "bookings"),)),
    # An import's cancelled booking, over the world's own booking: it holds no place.
    "hub.occupancy.bookings.keep_cancelled_booking": Write(MANAGER, lambda s, w: dict(
        space_id=w["POT"], day=MONDAY, start=time(10), end=time(12), tenant_id=w["aiko"]),
        (("create", "bookings"),)),
    "hub.occupancy.bookings.cancel_booking": Write(MANAGER, lambda s, w: dict(
        booking_id=w["booking"], version=None), (("cancel", "bookings"),)),
    # tenants (the manager's) and listings, notes (manager and communication)
    "hub.tenants.roster.add_tenant": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], name="Sara Bini", sector="jewellery", origin_country="IT",
        joined_on=TODAY), (("create", "tenants"),)),
    "hub.tenants.roster.edit_tenant": Write(MANAGER, lambda s, w: dict(
        tenant_id=w["aiko"], version=None, business="Tanaka Studio"), (("update", "tenants"),)),
    "hub.tenants.roster.retire_tenant": Write(MANAGER, lambda s, w: dict(
        tenant_id=w["giulia"], version=None, left_on=TODAY),
        (("end_early", "leases"), ("cancel", "bookings"), ("update", "tenant_listings"),
         ("retire", "tenants"))),
    "hub.tenants.roster.edit_staff_notes": Write(EDITORS, lambda s, w: dict(
        tenant_id=w["giulia"], version=None, notes="Kiln on Fridays"), (("update", "tenants"),)),
    "hub.tenants.listings.edit_listing": Write(EDITORS, lambda s, w: dict(
        tenant_id=w["giulia"], version=None, bio="Porcelain now.", published=True),
        (("update", "tenant_listings"),)),
    # programme and enrolments (manager and communication)
    "hub.programme.items.add_item": Write(EDITORS, lambda s, w: dict(
        site_id=w["site"], kind="workshop", title="Raku", sector="ceramics", capacity=8,
        price="90"), (("create", "programme_items"),)),
    "hub.programme.items.edit_item": Write(EDITORS, lambda s, w: dict(
        item_id=w["glaze"], version=None, title="Glazes"), (("update", "programme_items"),)),
    "hub.programme.items.add_instructor": Write(EDITORS, lambda s, w: dict(name="Marta Bini"),
                                          (("create", "instructors"),)),
    "hub.programme.items.edit_instructor": Write(EDITORS, lambda s, w: dict(
        instructor_id=w["outsider"], version=None, email="paolo@example.org"),
        (("update", "instructors"),)),
    "hub.programme.items.add_session": Write(EDITORS, lambda s, w: dict(
        item_id=w["glaze"], day=TUESDAY, start=time(9), end=time(12), space_id=w["POT"]),
        (("create", "programme_sessions"),)),
    # An import's session of a cancelled item (the draft made by mistake, cancelled here).
    "hub.programme.items.keep_session": Write(MANAGER, lambda s, w: (
        _set(s, ProgrammeItem, w["mistake"], status="cancelled") or dict(
            item_id=w["mistake"], day=TUESDAY, start=time(9), end=time(12),
            space_id=w["POT"])), (("create", "programme_sessions"),)),
    "hub.programme.items.add_weekly_series": Write(EDITORS, lambda s, w: dict(
        item_id=w["glaze"], first_day=TUESDAY, weeks=2, start=time(9), end=time(12),
        space_id=w["POT"]), (("create", "programme_sessions"),) * 2),
    # Moved onto an hour it already holds: a session never clashes with itself.
    "hub.programme.items.edit_session": Write(EDITORS, lambda s, w: dict(
        session_id=w["session"], version=None, day=TUESDAY, start=time(17), end=time(20),
        space_id=w["POT"], instructor_id=w["outsider"]), (("update", "programme_sessions"),)),
    "hub.programme.items.remove_session": Write(EDITORS, lambda s, w: dict(
        session_id=w["session"], version=None), (("delete", "programme_sessions"),)),
    "hub.programme.drafts.delete_draft": Write(EDITORS, lambda s, w: dict(
        item_id=w["mistake"], version=None), (("delete", "programme_items"),)),
    "hub.programme.enrolments.enrol": Write(EDITORS, lambda s, w: dict(
        item_id=w["glaze"], participant_name="Dario Esposito"), (("create", "enrolments"),)),
    "hub.programme.enrolments.restore_enrolment": Write(MANAGER, lambda s, w: dict(
        item_id=w["glaze"], participant_name="Dario Esposito", status="attended"),
        (("create", "enrolments"), ("attendance", "enrolments"))),
    "hub.programme.seats.fill_from_waitlist": Write(EDITORS, _free_a_seat,
                                               (("promote", "enrolments"),)),
    "hub.programme.enrolments.cancel_enrolment": Write(EDITORS, lambda s, w: dict(
        enrolment_id=w["anna"], version=None), (("cancel", "enrolments"),
                                                ("promote", "enrolments"))),
    "hub.programme.enrolments.mark_attendance": Write(EDITORS, lambda s, w: dict(
        item_id=w["wheel"], attended=[w["anna"]]), (("attendance", "enrolments"),)),
    "hub.programme.enrolments.move_enrolment": Write(EDITORS, lambda s, w: dict(
        enrolment_id=w["anna"], version=None, to_item_id=w["glaze"]),
        (("cancel", "enrolments"), ("promote", "enrolments"), ("create", "enrolments"))),
    # partners (manager and communication; deleting a partner is the manager's)
    "hub.partners.organisations.add_partner": Write(EDITORS, lambda s, w: dict(
        name="Lantern Trading", kind="b2b_buyer", country="CN", city="Shanghai"),
        (("create", "partners"),)),
    "hub.partners.organisations.edit_partner": Write(EDITORS, lambda s, w: dict(
        partner_id=w["artex"], version=None, city="Prato"), (("update", "partners"),)),
    "hub.partners.organisations.delete_partner": Write(MANAGER, lambda s, w: dict(
        partner_id=w["artex"], version=None), (("delete", "partners"),)),
    "hub.partners.organisations.add_contact": Write(EDITORS, lambda s, w: dict(
        partner_id=w["artex"], name="Marco Pini", email="marco@artex.example.org"),
        (("create", "partner_contacts"),)),
    "hub.partners.organisations.edit_contact": Write(EDITORS, lambda s, w: dict(
        contact_id=w["contact"], version=None, role="Director"),
        (("update", "partner_contacts"),)),
    "hub.partners.organisations.delete_contact": Write(EDITORS, lambda s, w: dict(
        contact_id=w["contact"], version=None), (("delete", "partner_contacts"),)),
    "hub.partners.interactions.log_interaction": Write(EDITORS, lambda s, w: dict(
        partner_id=w["artex"], day=TODAY, kind="call", summary="Called about the fair"),
        (("create", "interactions"),)),
    "hub.partners.interactions.edit_interaction": Write(EDITORS, lambda s, w: dict(
        interaction_id=w["interaction"], version=None, summary="Met at the fair"),
        (("update", "interactions"),)),
    "hub.partners.interactions.mark_follow_up_done": Write(EDITORS, lambda s, w: dict(
        interaction_id=w["interaction"], version=None), (("follow_up_done", "interactions"),)),
    "hub.partners.interactions.delete_interaction": Write(EDITORS, lambda s, w: dict(
        interaction_id=w["interaction"], version=None), (("delete", "interactions"),)),
    "hub.partners.links.link_tenant": Write(EDITORS, lambda s, w: dict(
        partner_id=w["artex"], tenant_id=w["aiko"], kind="sells_work"),
        (("create", "partner_tenant_links"),)),
    "hub.partners.links.link_item": Write(EDITORS, lambda s, w: dict(
        partner_id=w["artex"], item_id=w["glaze"], role="funder"),
        (("create", "partner_item_links"),)),
    "hub.partners.links.edit_tenant_link": Write(EDITORS, lambda s, w: dict(
        link_id=w["tenant_link"], version=None, kind="sells_work", notes="Shows her bowls"),
        (("update", "partner_tenant_links"),)),
    "hub.partners.links.edit_item_link": Write(EDITORS, lambda s, w: dict(
        link_id=w["item_link"], version=None, role="funder"),
        (("update", "partner_item_links"),)),
    "hub.partners.links.unlink": Write(EDITORS, lambda s, w: dict(
        link_kind="tenant", link_id=w["tenant_link"], version=None),
        (("delete", "partner_tenant_links"),)),
    # the building: communication reports issues; the manager keeps them and plans works
    "hub.building.issues.report_issue": Write(EDITORS, lambda s, w: dict(
        site_id=w["site"], space_id=w["POT"], title="Kiln door sticks", priority="high"),
        (("create", "building_issues"),)),
    "hub.building.issues.edit_issue": Write(MANAGER, lambda s, w: dict(
        issue_id=w["issue"], version=None, title="Damp", priority="urgent", space_id=w["L3"],
        contractor="Edilizia Bruni", cost_estimate="4000"), (("update", "building_issues"),)),
    "hub.building.issues.move_issue": Write(MANAGER, lambda s, w: dict(
        issue_id=w["issue"], version=None, status="planned"), (("planned", "building_issues"),)),
    # Over the world's Monday booking of POT: confirmed, it is cancelled first.
    "hub.occupancy.works.plan_works": Write(MANAGER, lambda s, w: dict(
        site_id=w["site"], space_ids=[w["POT"]], title="Kiln service", starts_on=MONDAY,
        ends_on=MONDAY, confirm=True), (("cancel", "bookings"), ("create", "works_periods"))),
    "hub.occupancy.works.edit_works": Write(MANAGER, lambda s, w: dict(
        works_id=w["works"], version=None, space_ids=[w["L3"]], title="Restoration",
        starts_on=TODAY + timedelta(days=400), ends_on=TODAY + timedelta(days=420)),
        (("update", "works_periods"),)),
    "hub.occupancy.works.cancel_works": Write(MANAGER, lambda s, w: dict(
        works_id=w["works"], version=None), (("cancel", "works_periods"),)),
    # administration (manager only)
    "hub.admin.users.add_user": Write(MANAGER, lambda s, w: dict(
        username="nina", role="viewer", name="Nina Galli", email="nina@example.org",
        password=PASSWORD), (("create", "users"),)),
    "hub.admin.users.set_role": Write(MANAGER, lambda s, w: dict(username="olga", role="communication"),
                                (("update", "users"),)),
    "hub.admin.users.deactivate": Write(MANAGER, lambda s, w: dict(username="olga"),
                                  (("deactivate", "users"),)),
    "hub.admin.users.reactivate": Write(MANAGER, lambda s, w: (
        _set(s, User, w["olga"], active=False) or dict(username="olga")),
        (("reactivate", "users"),)),
    "hub.admin.users.unlock": Write(MANAGER, lambda s, w: (
        _failed_sign_ins(s, "olga", 5) or dict(username="olga")),
        (("unlock", "users"),)),
    "hub.admin.users.reset_password": Write(MANAGER, lambda s, w: dict(
        username="olga", password="Another-Horse-43"), (("reset_password", "users"),)),
    # each user's own setting: every role, for themselves only
    "hub.admin.users.set_language": Write(EVERYONE, lambda s, w: dict(language="it"),
                                          (("update", "users"),)),
    "hub.admin.transfer.run.import_file": Write(MANAGER, lambda s, w: dict(
        kind=_kind("partners"), data=PARTNER_CSV, file_name="partners.csv"),
        (("create", "partners"),)),
    "hub.admin.transfer.run.check_file": Write(MANAGER, lambda s, w: dict(
        kind=_kind("partners"), data=PARTNER_CSV, file_name="partners.csv"), ()),  # a preview
    "hub.admin.privacy.erase": Write(MANAGER, lambda s, w: dict(kind="contact", person_id=w["contact"]),
                               (("erase", "partner_contacts"),)),
    "hub.admin.privacy.personal_record": Write(MANAGER, lambda s, w: dict(
        kind="tenant", person_id=w["giulia"]), (("privacy_export", "tenants"),)),
    "hub.admin.privacy.personal_json": Write(MANAGER, lambda s, w: dict(
        kind="contact", person_id=w["contact"]), (("privacy_export", "partner_contacts"),)),
    "hub.admin.backup.backup_bytes": Write(MANAGER, lambda s, w: {}, (("backup", "database"),),
                                     engine=True),
    "hub.admin.backup.write_backup": Write(MANAGER, lambda s, w: dict(
        path=Path(tempfile.mkdtemp()) / "backup.zip", portable=True),
        (("backup", "database"),), engine=True),
}


def _no_contacts_for_a_viewer(role, rows, w):
    emails = [row.email for row in rows]
    assert ("giulia@example.org" in emails) == (role != "viewer"), (role, emails)
    assert all(row.phone is None for row in rows) == (role == "viewer")


def _profile_by_role(role, shown, w):
    tenant = shown.tenant
    assert (tenant.email, tenant.phone, tenant.notes) == (
        (None, None, None) if role == "viewer"
        else ("giulia@example.org", "+39 055 111 222", "Prefers mornings"))
    assert [stay.monthly_rent for stay in shown.stays] == (
        [100] if role == "manager" else [None])


def _partner_export_by_role(role, rows, w):
    artex = next(row for row in rows if row["name"] == "Artex")
    if role == "viewer":
        assert "notes" not in artex and "contacts" not in artex
    else:
        assert artex["notes"] == "Board meets in March"
        assert "lucia@artex.example.org" in artex["contacts"]


def _held_by_giulia(role, held, w):
    assert held == {"tenants": 1, "tenant_listings": 1, "leases": 1, "bookings": 1,
                    "partner_tenant_links": 1}


def _paid_up(account):
    """January 2025's 122.00, paid by a debit on 5 January."""
    assert (account.balance, account.credit, str(account.last_paid_on), account.last_paid) == (
        0, 0, "2025-01-05", 122)


def _contacts_by_role(role, people, w):
    assert [person.name for person in people] == ([] if role == "viewer" else ["Lucia Bassi"])


def _outsiders_by_role(role, events, w):
    session = next(event for event in events if event.kind == "session")
    assert session.who == ("Guest" if role == "viewer" else "Paolo Conti")


def _issues_by_role(role, rows, w):
    issue, = rows
    assert issue.reported_by == (None if role == "viewer" else "Carla Verdi")
    assert issue.title == "Damp on the north wall"


def _works_by_role(role, rows, w):
    works, = rows
    assert (works.spaces, works.title) == ("L3", "Restoration")
    assert works.notes == (None if role == "viewer" else "Scaffolding from the courtyard")


READS: dict[str, Read] = {
    "hub.building.issues.issue_rows": Read(EVERYONE, lambda s, w: dict(site_id=w["site"]),
                                           _issues_by_role),
    "hub.occupancy.works.works_rows": Read(EVERYONE, lambda s, w: dict(site_id=w["site"]),
                                          _works_by_role),
    "hub.calendar.events.events_between": Read(EVERYONE, lambda s, w: dict(
        site_id=w["site"], first=MONDAY, last=TUESDAY), _outsiders_by_role),
    "hub.calendar.ics.calendar_ics": Read(EDITORS, lambda s, w: dict(
        site_id=w["site"], first=MONDAY, last=TUESDAY)),
    "hub.admin.audit.audit_entries": Read(MANAGER, lambda s, w: {}),
    "hub.admin.audit.audit_choices": Read(MANAGER, lambda s, w: {}),
    "hub.admin.privacy.people": Read(MANAGER, lambda s, w: {}),
    "hub.admin.privacy.held_counts": Read(MANAGER, lambda s, w: dict(
        kind="tenant", person_id=w["giulia"]), _held_by_giulia),
    "hub.admin.transfer.run.export_file": Read(MANAGER, lambda s, w: dict(
        kind=_kind("tenants"), file_format="csv")),
    "hub.tenants.directory.directory": Read(EVERYONE, lambda s, w: dict(
        chosen=DirectoryFilter(), today=TODAY), _no_contacts_for_a_viewer),
    "hub.tenants.directory.profile": Read(EVERYONE, lambda s, w: dict(tenant_id=w["giulia"]),
                                  _profile_by_role),
    "hub.partners.directory.export_rows": Read(EVERYONE, lambda s, w: {},
                                              _partner_export_by_role),
    "hub.partners.organisations.contacts_of": Read(EVERYONE, lambda s, w: dict(partner_id=w["artex"]),
                                     _contacts_by_role),
    # Billing's figures that name payers: a manager's only (the sums are no one's secret).
    "hub.billing.figures.late_payers": Read(MANAGER, lambda s, w: dict(
        site_id=w["site"], today=datetime(2025, 3, 1).date())),
    "hub.billing.figures.aging_by_payer": Read(MANAGER, lambda s, w: dict(
        site_id=None, today=datetime(2025, 3, 1).date())),
    "hub.billing.figures.accounts": Read(MANAGER, lambda s, w: {}),
    "hub.billing.figures.account_of_tenant": Read(MANAGER, lambda s, w: dict(
        tenant_id=w["giulia"]), lambda role, account, w: _paid_up(account)),
}

# Restoring needs an empty database: its roles are checked here, the restore and its audit
# entry in tests/admin/test_backup.py.
ROLES_ONLY = {"hub.admin.backup.restore_bytes": (MANAGER, dict(data=b"", file_name="none.db")),
              "hub.admin.backup.restore": (MANAGER, dict(path=Path("none.db")))}

# Vocabulary every layer may use, and steps only the hub's own writes call (after their
# role check): never called by a screen.
VOCABULARY = {"hub.roles.require_role", "hub.roles.sees_contacts", "hub.roles.sees_rents",
              # the screens' gates, held to the writes by tests/registry/test_gates.py
              "hub.roles.keeps_sites", "hub.roles.keeps_spaces", "hub.roles.keeps_tenants",
              "hub.roles.plans_issues", "hub.roles.reports_issues", "hub.roles.edits_listings", "hub.roles.imports_data",
              "hub.roles.bills"}
STEPS = {"hub.records.record", "hub.records.record_event", "hub.records.save_changes",
         # billing's steps, taken by its writes after their role check
         "hub.billing.payers.payer_of_tenant", "hub.billing.payers.payer_of_person",
         "hub.billing.payers.payer_of_partner", "hub.billing.payers.billable_payer",
         "hub.billing.charges.month_charges", "hub.billing.invoices.issue_invoice",
         "hub.billing.invoices.refunds", "hub.billing.payments.apply_credit",
         "hub.billing.payments.release",
         *(f"hub.admin.transfer.{kind}.import_row" for kind in KINDS),
         "hub.admin.transfer.payments.import_row"}


def functions_with_an_actor() -> dict[str, Callable]:
    found = {}
    for module_info in pkgutil.walk_packages(hub.__path__, "hub."):
        module = importlib.import_module(module_info.name)
        for name, function in vars(module).items():
            if (inspect.isfunction(function) and function.__module__ == module.__name__
                    and not name.startswith("_") and "__mutmut_" not in name  # mutation testing
                    and "actor" in inspect.signature(function).parameters):
                found[f"{module.__name__}.{name}"] = function
    return found


FUNCTIONS = functions_with_an_actor()


def resolve(qualified: str) -> Callable:
    return FUNCTIONS[qualified]
