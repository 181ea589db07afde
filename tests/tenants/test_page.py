"""The Tenants screen through AppTest, per role."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Booking, Lease, Tenant
from hub.tenants import listings
from tests.apptest import open_page, said, shown, signed_in_app, text_of
from tests.tenants.test_rules import new_tenant, XSS
from tests.worlds import book, lease, write
from ui.format import as_text, day_text


@pytest.fixture
def people(base):  # noqa: F811
    marta = new_tenant(base, consent_on=date(2024, 1, 1), female_led=True)
    write(listings.edit_listing, actor=base["manager"], tenant_id=marta.id, version=1,
          bio=f"Stoneware. {XSS}", published=True)
    base["marta"] = marta.id
    return base


def tenants_page(username):
    return open_page(signed_in_app(username), "tenants")


def open_tab(at, label):
    """Only the open tab is drawn: open one as a click on it would."""
    at.session_state["tenants_tab"] = label
    return at.run()


def choose(at, key, label):
    box = at.selectbox(key=key)
    return box.select_index(next(i for i, option in enumerate(box.options) if label in option)).run()


def frames_text(at) -> str:
    return " ".join(frame.value.to_csv() for frame in at.dataframe)


def downloads(at) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def test_manager_sees_directory_with_contacts_exports_and_the_add_form(people):
    at = tenants_page("boss")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Directory", "Profile", "Public listings", "Indicators"]
    table = at.dataframe[0].value
    assert list(table["Name"]) == ["Aiko Tanaka", "Giulia Neri", "Marta Rossi"]
    assert "marta@example.org" in frames_text(at)
    assert {"Directory (CSV)", "Directory (XLSX)"} <= set(downloads(at))
    assert "Add tenant" in [button.label for button in at.button]
    at = open_tab(at, "Public listings")
    assert {"Website (JSON)", "Website (CSV)"} <= set(downloads(at))
    at = open_tab(at, "Indicators")
    assert not at.exception and len(at.get("vega_lite_chart")) == 4


def test_viewer_never_receives_an_email_or_a_phone(people):
    at = tenants_page("vera")
    assert not at.exception
    seen = text_of(at) + frames_text(at)
    at = choose(open_tab(at, "Profile"), "tenants_profile", "Marta Rossi")
    assert not at.exception
    seen += text_of(at) + frames_text(at)
    assert "Marta Rossi" in seen
    for secret in ("marta@example.org", "123456", "Email", "Phone", "female-led"):
        assert secret not in seen
    assert "Add tenant" not in [b.label for b in at.button]
    at = open_tab(at, "Public listings")
    seen += text_of(at) + frames_text(at)
    assert "Save listing" not in [b.label for b in at.button]
    assert "marta@example.org" not in seen
    assert "Target groups" not in [m.label for m in at.multiselect]


def test_search_filters_the_directory(people):
    at = tenants_page("carla")
    at.text_input(key="tenants_filter_search").input("rossi").run()
    assert list(at.dataframe[0].value["Name"]) == ["Marta Rossi"]


def test_html_in_a_bio_is_shown_as_text_in_the_profile(people):
    at = choose(open_tab(tenants_page("carla"), "Profile"), "tenants_profile", "Marta Rossi")
    assert not at.exception
    bios = [m.value for m in at.markdown if "Stoneware" in m.value]
    assert bios and all(as_text("<img src=x onerror=alert(1)>") in bio for bio in bios)


def test_communication_previews_then_saves_a_listing(people):
    at = choose(open_tab(tenants_page("carla"), "Public listings"), "tenants_listing_of", "Giulia Neri")
    giulia = people["giulia"]
    at.text_area(key=f"tenants_bio_{giulia}").input("Maiolica *by hand*.")
    at.checkbox(key=f"tenants_published_{giulia}").check()
    at = next(b for b in at.button if b.label == "Preview").click().run()
    assert not at.exception
    assert any("Maiolica *by hand*" in m.value for m in at.markdown)
    assert any("draft, not saved" in m.value for m in at.markdown)
    with reading() as session:
        assert listings.listing_of(session, giulia) is None
    at = next(b for b in at.button if b.label == "Save listing").click().run()
    assert not at.exception and not at.error
    with reading() as session:
        saved = listings.listing_of(session, giulia)
    assert saved.bio == "Maiolica *by hand*." and saved.published and saved.updated_by == "carla"


def test_a_bad_listing_shows_the_rule_and_saves_nothing(people):
    at = choose(open_tab(tenants_page("carla"), "Public listings"), "tenants_listing_of", "Giulia Neri")
    giulia = people["giulia"]
    at.text_input(key=f"tenants_instagram_{giulia}").input("not a handle!")
    at = next(b for b in at.button if b.label == "Save listing").click().run()
    assert "instagram: instagram 'not a handle!' is not a handle" in shown(at.error[0].value)
    with reading() as session:
        assert listings.listing_of(session, giulia) is None


def test_manager_adds_a_tenant_and_a_duplicate_is_warned(people):
    at = tenants_page("boss")
    at.text_input(key="tenants_add_name").input("Marta Rossi")
    at.text_input(key="tenants_add_business").input("Rossi Ceramiche")
    at = next(b for b in at.button if b.label == "Add tenant").click().run()
    assert "already a tenant" in at.error[0].value
    at.text_input(key="tenants_add_name").input("Ugo Bianchi")
    at.text_input(key="tenants_add_email").input("ugo@")
    at = next(b for b in at.button if b.label == "Add tenant").click().run()
    assert shown(at.error[0].value).startswith("email:")
    at.text_input(key="tenants_add_email").input("ugo@example.org")
    at = next(b for b in at.button if b.label == "Add tenant").click().run()
    assert not at.error and "Ugo Bianchi" in list(at.dataframe[0].value["Name"])


# --- retiring a tenant is confirmed in a dialog -------------------------------------------

LEAVING = date.today() + timedelta(days=20)


def open_day(day: date) -> date:
    return day + timedelta(days=1) if day.weekday() == 6 else day


@pytest.fixture
def leaving(people):
    """Giulia holds L2 with no end, has two bookings after LEAVING and a published listing."""
    lease(people, space="L2", starts_on=date(2025, 1, 1))
    for days in (2, 5):
        book(people, day=open_day(LEAVING + timedelta(days=days)))
    write(listings.edit_listing, actor=people["manager"], tenant_id=people["giulia"],
          version=None, bio="Maiolica.", published=True)
    return people


def giulia_now(base) -> tuple:
    """Everything retiring would change, and how many times it was logged."""
    with reading() as session:
        return (session.get(Tenant, base["giulia"]).left_on,
                [lease_row.ends_on for lease_row in session.exec(select(Lease))],
                sorted(booking.status for booking in session.exec(select(Booking))),
                listings.listing_of(session, base["giulia"]).published,
                len(session.exec(select(AuditEntry).where(AuditEntry.action == "retire")).all()))


def retire_asked(base):
    at = choose(open_tab(tenants_page("boss"), "Profile"), "tenants_profile", "Giulia Neri")
    at.date_input(key=f"tenants_retire_day_{base['giulia']}").set_value(LEAVING)
    return next(b for b in at.button if b.label == "Retire tenant").click().run()


def test_retiring_asks_first_naming_the_lease_bookings_and_listing(leaving):
    before = giulia_now(leaving)
    at = retire_asked(leaving)
    assert not at.exception
    assert [t.value for t in at.text] == [
        f"Retire Giulia Neri on {day_text(LEAVING)} — the lease of L2 ends that day, 2 later "
        "bookings are cancelled, and their public listing comes off the website. Their "
        "history stays."]
    assert {"Retire", "Cancel"} <= {b.label for b in at.button}
    assert giulia_now(leaving) == before == (None, [None], ["booked", "booked"], True, 0)


def test_cancelling_the_retirement_writes_nothing(leaving):
    before = giulia_now(leaving)
    at = retire_asked(leaving)
    at = at.button(key="tenants_retire_cancel").click().run()
    assert not at.exception and not at.text
    assert giulia_now(leaving) == before


def test_confirming_retires_once_and_says_so(leaving):
    at = retire_asked(leaving)
    at = at.button(key="tenants_retire_confirm").click().run()
    assert not at.exception and not at.error
    assert said(at) == [f"Giulia Neri retired on {day_text(LEAVING)}"]
    assert not at.text                                  # the dialog closed
    after = (LEAVING, [LEAVING], ["cancelled", "cancelled"], False, 1)
    assert giulia_now(leaving) == after
    at.run()
    assert giulia_now(leaving) == after
