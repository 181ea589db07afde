"""Tenant rules (hub/tenants/: roster, listings) and what each role gets from the directory,
profiles, exports and indicators (hub/tenants/directory.py, hub/tenants/figures.py)."""
from datetime import date, datetime, timedelta, UTC

import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Booking, Lease, Space, Tenant, TenantListing
from hub.errors import Forbidden, Invalid, Stale
from hub.markdown import as_text
from hub.occupancy import bookings, leases
from hub.tenants import directory, listings
from hub.tenants import figures as tenant_figures
from hub.tenants import roster
from tests.worlds import book, lease, stale, write

TODAY = date.today()
XSS = "<img src=x onerror=alert(1)>"


def new_tenant(base, **values):  # noqa: F811
    fields = dict(site_id=base["site"], name="Marta Rossi", business="Rossi Ceramiche",
                  sector="ceramics", origin_country="IT", residency="resident",
                  joined_on=date(2024, 1, 1), email="marta@example.org", phone="+39 055 123456")
    fields.update(values)
    return write(roster.add_tenant, actor=fields.pop("actor", base["manager"]), **fields)


def count(model) -> int:
    with reading() as session:
        return len(session.exec(select(model)).all())


# --- add / edit / retire --------------------------------------------------------------------

@pytest.mark.parametrize("values, field, rule", [
    ({"email": "marta.example.org"}, "email", "not a valid address"),
    ({"phone": "call me"}, "phone", "not a phone number"),
    ({"website": "not a site"}, "website", "not a web address"),
    ({"origin_country": "Atlantis"}, "origin country", "not in the list of countries"),
    ({"joined_on": date(2024, 5, 1), "left_on": date(2024, 4, 30)}, "left", "before the joining day"),
    ({"name": "  "}, "name", "name is required"),
    ({"sector": "alchemy"}, "sector", "unknown"),
])
def test_bad_tenant_input_names_the_field_and_writes_nothing(base, values, field, rule):
    before = count(Tenant)
    with pytest.raises(Invalid, match=rule) as refused:
        new_tenant(base, **values)
    assert refused.value.field == field
    assert count(Tenant) == before and count(TenantListing) == 0


def test_a_new_tenant_gets_an_unpublished_listing_and_an_audit_entry(base):
    tenant = new_tenant(base, website="rossi.example.org", origin_country="Italy")
    with reading() as session:
        stored = session.get(Tenant, tenant.id)
        listing = listings.listing_of(session, tenant.id)
        audit = session.exec(select(AuditEntry).where(AuditEntry.entity == "tenants")).all()
    assert stored.origin_country == "IT"
    assert listing.website == "https://rossi.example.org" and listing.published is False
    assert [entry.action for entry in audit] == ["create"]


def test_target_group_flags_need_a_consent_date(base):
    with pytest.raises(Invalid, match="need a recorded consent date") as refused:
        new_tenant(base, female_led=True)
    assert refused.value.field == "consent date" and count(Tenant) == 2
    tenant = new_tenant(base, consent_on=date(2024, 1, 1), female_led=True, young_entrepreneur=False)
    assert (tenant.female_led, tenant.young_entrepreneur, tenant.startup) == (True, False, None)
    with pytest.raises(Invalid, match="consent date"):
        write(roster.edit_tenant, actor=base["manager"], tenant_id=tenant.id,
              version=tenant.version, consent_on=None)
    with pytest.raises(Invalid, match="cannot be in the future"):
        new_tenant(base, name="Other", consent_on=TODAY + timedelta(days=1), startup=True)


def test_same_name_and_business_is_warned_unless_confirmed(base):
    new_tenant(base)
    with pytest.raises(Invalid, match="Marta Rossi of Rossi Ceramiche is already a tenant") as refused:
        new_tenant(base, name="marta rossi ", business="ROSSI ceramiche", email="m2@example.org")
    assert refused.value.field == "name" and count(Tenant) == 3
    new_tenant(base, allow_duplicate=True, email="m2@example.org")
    # same name, another business: a different person
    new_tenant(base, business="Rossi Gioielli", email="m3@example.org")
    assert count(Tenant) == 5


def test_the_same_name_and_email_are_the_same_person_whatever_the_business(base):
    new_tenant(base)
    for business, twin in (("Rossi Gioielli", False), ("Rossi Ceramiche", True)):
        with pytest.raises(Invalid) as refused:
            new_tenant(base, name="MARTA rossi", business=business, allow_duplicate=twin,
                       email=" Marta@Example.org ")
        assert (refused.value.field, refused.value.message) == (
            "email", "Marta Rossi (marta@example.org) is already a tenant, since 1 Jan 2024: "
                     "the same name and e-mail are the same person")
    assert count(Tenant) == 3
    other = new_tenant(base, name="Marta Bianchi", email="mb@example.org")
    with pytest.raises(Invalid, match="the same name and e-mail are the same person"):
        write(roster.edit_tenant, actor=base["manager"], tenant_id=other.id,
              version=other.version, name="Marta Rossi", email="marta@example.org")


def test_a_stale_edit_is_refused_and_the_first_edit_kept(base):
    tenant = new_tenant(base)
    write(roster.edit_tenant, actor=base["manager"], tenant_id=tenant.id, version=tenant.version,
          business="Rossi Ceramiche d'Arte")
    with pytest.raises(Stale, match=stale("Tenant Marta Rossi", by="Boss (boss)")):
        write(roster.edit_tenant, actor=base["manager"], tenant_id=tenant.id,
              version=tenant.version, sector="glass")
    with reading() as session:
        stored = session.get(Tenant, tenant.id)
    assert (stored.business, stored.sector) == ("Rossi Ceramiche d'Arte", "ceramics")


def test_communication_edits_listings_but_not_tenants_flags_rents_or_leases(base):
    tenant = new_tenant(base, consent_on=date(2024, 1, 1))
    carla = base["communication"]
    listing = write(listings.edit_listing, actor=carla, tenant_id=tenant.id,
                    version=1, bio="Hand-thrown stoneware.", published=True)
    assert listing.published and listing.updated_by == "carla"
    with pytest.raises(Forbidden):
        write(roster.edit_tenant, actor=carla, tenant_id=tenant.id, version=tenant.version,
              female_led=True)
    with pytest.raises(Forbidden):
        write(leases.lease_space, actor=carla, space_id=base["L1"], tenant_id=tenant.id,
              starts_on=TODAY, ends_on=None, monthly_rent="100")
    lease_row = lease(base)
    with pytest.raises(Forbidden):
        write(leases.edit_lease, actor=carla, lease_id=lease_row.id, version=lease_row.version,
              starts_on=lease_row.starts_on, ends_on=None, monthly_rent="1")
    with pytest.raises(Forbidden):
        write(listings.edit_listing, actor=base["viewer"], tenant_id=tenant.id,
              version=listing.version, bio="defaced")
    with reading() as session:
        assert session.get(Tenant, tenant.id).female_led is None
        assert session.get(Lease, lease_row.id).monthly_rent == 100


def test_retiring_ends_leases_cancels_later_bookings_and_keeps_history(base):
    lease(base, space="L2", starts_on=date(2025, 1, 1))
    write(listings.edit_listing, actor=base["manager"], tenant_id=base["giulia"], version=None,
          bio="Ceramics.", published=True)
    later = TODAY + timedelta(days=10)
    while later.weekday() == 6:
        later += timedelta(days=1)
    book(base, day=later)
    with reading() as session:
        giulia = session.get(Tenant, base["giulia"])
    write(roster.retire_tenant, actor=base["manager"], tenant_id=giulia.id,
          version=giulia.version, left_on=TODAY)
    with reading() as session:
        assert session.get(Tenant, giulia.id).left_on == TODAY
        assert session.exec(select(Lease)).one().ends_on == TODAY
        assert session.exec(select(Booking)).one().status == "cancelled"
        assert listings.listing_of(session, giulia.id).published is False
        assert listings.published_listings(session) == []


def open_day(day: date) -> date:
    """The day itself, or the Monday after when it is a Sunday (the hub is shut)."""
    return day + timedelta(days=1) if day.weekday() == 6 else day


def test_the_retirement_preview_names_what_retiring_then_changes(base):
    left_on = TODAY + timedelta(days=20)
    lease(base, space="L3", starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31))  # over
    lease(base, space="L2", starts_on=date(2025, 1, 1))                              # runs on
    lease(base, space="L4", tenant="aiko", starts_on=date(2025, 1, 1))               # not hers
    write(listings.edit_listing, actor=base["manager"], tenant_id=base["giulia"], version=None,
          bio="Ceramics.", published=True)
    before = book(base, day=open_day(TODAY + timedelta(days=3)))
    after = [book(base, day=open_day(left_on + timedelta(days=n))) for n in (2, 5)]
    gone = book(base, day=open_day(left_on + timedelta(days=9)))
    write(bookings.cancel_booking, actor=base["manager"], booking_id=gone.id, version=None)
    book(base, day=open_day(left_on + timedelta(days=9)), who="aiko")
    with reading() as session:
        shown = roster.retirement(session, tenant_id=base["giulia"], left_on=left_on)
        aiko = roster.retirement(session, tenant_id=base["aiko"], left_on=date(2024, 6, 1))
    assert shown == roster.Retirement(tenant="Giulia Neri", spaces=["L2"], bookings=2,
                                       unpublishes=True)
    assert aiko == roster.Retirement(tenant="Aiko Tanaka", spaces=["L4"], bookings=1,
                                         unpublishes=False)
    write(roster.retire_tenant, actor=base["manager"], tenant_id=base["giulia"], version=None,
          left_on=left_on)
    with reading() as session:
        cancelled = {row.id for row in session.exec(select(Booking).where(
            Booking.status == "cancelled"))}
        ending = {session.get(Space, row.space_id).code for row in session.exec(
            select(Lease).where(Lease.ends_on == left_on))}
    assert cancelled == {gone.id, *(booking.id for booking in after)} and before.id not in cancelled
    assert ending == {"L2"}
    with reading() as session, pytest.raises(Invalid, match="that tenant does not exist"):
        roster.retirement(session, tenant_id=999_999, left_on=left_on)


def test_a_leaving_day_before_a_running_lease_ends_is_refused_on_edit(base):
    lease(base, starts_on=date(2025, 1, 1), ends_on=TODAY + timedelta(days=100))
    with reading() as session:
        giulia = session.get(Tenant, base["giulia"])
    with pytest.raises(Invalid, match="holds a lease until") as refused:
        write(roster.edit_tenant, actor=base["manager"], tenant_id=giulia.id,
              version=giulia.version, left_on=TODAY)
    assert refused.value.field == "left"


# --- listings -------------------------------------------------------------------------------

def test_html_in_a_bio_stays_text_on_the_website_and_in_the_preview():
    bio = f"**Bold** maker. {XSS}\n\nSecond *paragraph* & more"
    shown = listings.bio_html(bio)
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert shown.startswith("<p><strong>Bold</strong> maker.") and "<em>paragraph</em> &amp; more" in shown
    markdown = listings.bio_markdown(bio)
    assert as_text(XSS) in markdown and "**Bold** maker" in markdown


@pytest.mark.parametrize("values, field, rule", [
    ({"bio": "x" * 1501}, "bio", "at most 1500"),
    ({"bio": "", "published": True}, "bio", "published listing needs a bio"),
    ({"instagram": "no spaces allowed"}, "instagram", "not a handle"),
    ({"photo_url": "http://example.org/me.jpg"}, "photo URL", "https"),
    ({"website": "javascript:alert(1)"}, "website", "not a web address"),
])
def test_bad_listing_input_is_refused(base, values, field, rule):
    with pytest.raises(Invalid, match=rule) as refused:
        write(listings.edit_listing, actor=base["communication"], tenant_id=base["giulia"],
              version=None, **values)
    assert refused.value.field == field and count(TenantListing) == 0


def test_only_published_listings_reach_the_website_and_without_private_fields(base):
    marta = new_tenant(base)
    write(listings.edit_listing, actor=base["communication"], tenant_id=marta.id, version=1,
          bio="Stoneware.", instagram="@rossi.ceramiche", keywords="Stoneware, kiln, stoneware",
          published=True)
    write(listings.edit_listing, actor=base["communication"], tenant_id=base["aiko"], version=None,
          bio="Not ready yet.", published=False)
    with reading() as session:
        published = listings.published_listings(session)
    assert [row["name"] for row in published] == ["Marta Rossi"]
    row = published[0]
    assert set(row) == set(listings.PUBLIC_FIELDS)
    assert row["instagram"] == "https://www.instagram.com/rossi.ceramiche/"
    assert row["keywords"] == ["stoneware", "kiln"]
    assert "marta@example.org" not in str(row) and "123456" not in str(row)


def test_listings_to_chase_are_those_without_bio_or_older_than_a_year(base):
    marta = new_tenant(base)                        # listing with no bio
    fresh = new_tenant(base, name="Fresh", business=None)
    write(listings.edit_listing, actor=base["manager"], tenant_id=fresh.id, version=1, bio="Up to date.")
    old = new_tenant(base, name="Old", business=None)
    write(listings.edit_listing, actor=base["manager"], tenant_id=old.id, version=1, bio="Written long ago.")
    with writing() as session, session.begin():
        listing = listings.listing_of(session, old.id)
        listing.updated_at = datetime.now(UTC) - timedelta(days=400)
    gone = new_tenant(base, name="Gone", business=None, joined_on=date(2020, 1, 1),
                      left_on=date(2021, 1, 1))
    with reading() as session:
        chase = {row.name: row.reason for row in
                 listings.listings_to_chase(session, site_id=base["site"], today=TODAY)}
    assert chase["Marta Rossi"] == "no bio" and chase["Old"] == "not updated for over 12 months"
    assert chase["Giulia Neri"] == "no bio"        # no listing row at all
    assert "Fresh" not in chase and gone.name not in chase and marta.id


# --- directory, profile, figures ------------------------------------------------------------

def test_directory_filters_and_contacts_only_for_staff(base):
    new_tenant(base, consent_on=date(2024, 1, 1), female_led=True)
    new_tenant(base, name="Ken Sato", business="Sato Urushi", origin_country="JP",
               residency="visiting", sector="wood")
    new_tenant(base, name="Former", business=None, joined_on=date(2019, 1, 1), left_on=date(2020, 1, 1))
    lease(base, space="L3", tenant="aiko", starts_on=date(2025, 1, 1))

    def names(user, **chosen):
        with reading() as session:
            rows = directory.directory(session, actor=base[user], today=TODAY,
                                       chosen=directory.DirectoryFilter(**chosen))
        return rows
    everyone = names("manager")
    assert [row.name for row in everyone] == ["Aiko Tanaka", "Giulia Neri", "Ken Sato", "Marta Rossi"]
    assert everyone[0].spaces == "L3" and everyone[3].email == "marta@example.org"
    assert [r.name for r in names("manager", search="URUSHI")] == ["Ken Sato"]
    assert [r.name for r in names("manager", countries=("JP",))] == ["Ken Sato"]
    assert [r.name for r in names("manager", residency="visiting")] == ["Ken Sato"]
    assert [r.name for r in names("manager", status="former")] == ["Former"]
    assert [r.name for r in names("manager", target_groups=("female-led",))] == ["Marta Rossi"]
    assert [r.name for r in names("manager", sort="since")][0] in ("Marta Rossi", "Ken Sato")
    viewer_rows = names("viewer")
    assert all(row.email is None and row.phone is None for row in viewer_rows)


def test_profile_hides_contacts_notes_and_flags_from_a_viewer_and_rents_from_communication(base):
    marta = new_tenant(base, consent_on=date(2024, 1, 1), startup=True)
    write(roster.edit_staff_notes, actor=base["communication"], tenant_id=marta.id,
          version=marta.version, notes="Wants a bigger lab")
    lease(base, space="L4", tenant="giulia", starts_on=date(2025, 1, 1), rent="400")
    with reading() as session:
        staff = directory.profile(session, actor=base["manager"], tenant_id=marta.id)
        seen = directory.profile(session, actor=base["viewer"], tenant_id=marta.id)
        comms = directory.profile(session, actor=base["communication"], tenant_id=base["giulia"])
        boss = directory.profile(session, actor=base["manager"], tenant_id=base["giulia"])
        stored = session.get(Tenant, marta.id)
    assert staff.tenant.email == "marta@example.org" and staff.tenant.notes == "Wants a bigger lab"
    assert (seen.tenant.email, seen.tenant.phone, seen.tenant.notes, seen.tenant.startup) == (None,) * 4
    assert stored.email == "marta@example.org"      # the copy was blanked, not the record
    assert comms.stays[0].monthly_rent is None and boss.stays[0].monthly_rent == 400
    assert boss.stays[0].space == "L4 Lab 4"


def test_period_figures_count_current_tenants_and_consenting_ones_for_target_groups(base):
    new_tenant(base, consent_on=date(2024, 1, 1), female_led=True, young_entrepreneur=True)
    new_tenant(base, name="B", business=None, consent_on=date(2024, 1, 1), female_led=False,
               origin_country="FR")
    new_tenant(base, name="C", business=None, origin_country="JP", residency="visiting",
               joined_on=date(2025, 6, 1))   # no consent: not counted in shares
    new_tenant(base, name="D", business=None, joined_on=date(2018, 1, 1), left_on=date(2019, 12, 31))
    site = base["site"]
    with reading() as session:
        origin = dict(tenant_figures.by_origin(session, site_id=site, today=TODAY))
        groups = tenant_figures.target_groups(session, site_id=site, today=TODAY)
        years = {(y, r): n for y, r, n in tenant_figures.residency_by_year(session, site_id=site, today=TODAY)}
        sectors = dict(tenant_figures.by_sector(session, site_id=site, today=TODAY))
        average = tenant_figures.average_tenancy_years(session, site_id=site, today=TODAY)
    assert origin == {"Italy": 3, "rest of Europe": 1, "outside Europe": 1}
    assert (groups.consenting, groups.female_led, groups.young, groups.startup) == (2, 1, 1, 0)
    assert groups.share(groups.female_led) == 0.5
    assert years[(2018, "resident")] == 3 and years[(2020, "resident")] == 2   # D left end 2019
    assert years[(2025, "visiting")] == 1 and years[(2024, "visiting")] == 0
    assert sectors == {"ceramics": 5}
    # D stayed 2 years less a day; the others from their joining day to today.
    expected_days = [(TODAY - date(2016, 3, 1)).days] * 2 + [(TODAY - date(2024, 1, 1)).days] * 2 \
        + [(TODAY - date(2025, 6, 1)).days, (date(2019, 12, 31) - date(2018, 1, 1)).days]
    assert average == pytest.approx(sum(expected_days) / len(expected_days) / 365.25, rel=1e-6)


def test_the_indicator_summary_gives_shares_countries_and_this_years_residency(base):
    new_tenant(base, name="B", business=None, origin_country="FR")
    new_tenant(base, name="C", business=None, origin_country="JP", residency="visiting",
               joined_on=date(2025, 6, 1))
    with reading() as session:
        figures = tenant_figures.tenant_figures(session, site_id=base["site"], today=TODAY)
    assert figures.current == 4 and figures.countries == 3
    assert figures.origins == [("Italy", 2, 0.5), ("rest of Europe", 1, 0.25), ("outside Europe", 1, 0.25)]
    assert figures.this_year == {"resident": 3, "visiting": 1}


def test_listing_editor_choices_are_the_sites_current_tenants_including_those_leaving_later(base):
    new_tenant(base, name="Leaving", business=None, left_on=TODAY + timedelta(days=30))
    new_tenant(base, name="Gone", business=None, joined_on=date(2020, 1, 1), left_on=date(2021, 1, 1))
    with reading() as session:
        here = [label for _, label in roster.tenant_choices(session, on=TODAY, site_id=base["site"])]
        elsewhere = roster.tenant_choices(session, on=TODAY, site_id=base["site"] + 99)
    assert here == ["Aiko Tanaka", "Giulia Neri", "Leaving"] and elsewhere == []
