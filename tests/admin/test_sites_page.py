"""Admin › Sites through AppTest: a manager adds a site and corrects it in the browser; a bad
field is named and nothing is written; archiving asks first — Cancel writes nothing,
confirming archives — and is refused, with the counts, while a lease runs."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import select

from db.engine import reading
from db.models import Site
from hub.occupancy import leases
from tests.apptest import open_page, said, signed_in_app, text_of
from tests.worlds import write
from ui.format import as_text


def sites_tab():
    return open_page(signed_in_app("boss"), "admin")


def sites():
    with reading() as session:
        return {site.code: site for site in session.exec(select(Site))}


def form_button(at, label):
    return next(button for button in at.button if button.label == label)


def fill_new_site(at, **values):
    fields = {"Code": "ON", "Name": "Officine Nora", "City": "Florence",
              "Time zone": "Europe/Rome"} | values
    for label, value in fields.items():
        next(box for box in at.text_input if box.label == label).input(value)
    next(box for box in at.number_input if box.label == "Total area m²").set_value(420.0)


def test_a_manager_adds_a_site_then_corrects_it(base):
    at = sites_tab()
    table = at.dataframe[0].value
    assert list(table["Code"]) == ["T"] and list(table["State"]) == ["in use"]
    fill_new_site(at, Address="Via dei Serragli 104")
    form_button(at, "Add site").click()
    at.run()
    assert not at.exception and not at.error
    nora = sites()["ON"]
    assert (nora.name, nora.total_area_m2, nora.address) == ("Officine Nora", 420.0,
                                                             "Via dei Serragli 104")
    assert "Site ON added" in str(said(at))
    assert sorted(at.dataframe[0].value["Code"]) == ["ON", "T"]
    at.selectbox(key="admin_site_pick").select_index(1)   # by name: Officine Nora first
    at.run()
    next(box for box in at.text_input if box.label == "City").input("Firenze")
    form_button(at, "Save site").click()
    at.run()
    assert not at.error and sites()["ON"].city == "Firenze"


def test_a_bad_site_is_refused_naming_the_field_and_nothing_is_written(base):
    at = sites_tab()
    fill_new_site(at, **{"Time zone": "Europe/Firenze"})
    form_button(at, "Add site").click()
    at.run()
    assert not at.exception
    assert [error.value for error in at.error] == [as_text(
        "time zone: time zone 'Europe/Firenze' is unknown (use a name like Europe/Rome)")]
    assert set(sites()) == {"T"}


def archive_pick(at):
    """The archive form's site box (a new one after each save of the form)."""
    return next(box for box in at.selectbox if box.key.startswith("admin_archive_pick"))


def archive_asked(at, index=0):
    archive_pick(at).select_index(index)   # in a form: sent on submit
    form_button(at, "Archive…").click()
    return at.run()


def test_archiving_asks_first_cancel_writes_nothing_and_confirming_archives(second_site):
    at = archive_asked(sites_tab())        # Second Hub comes first by name
    assert "Archive Second Hub (S) — it leaves the pickers" in text_of(at)
    assert "• 0 space(s), 0 tenant(s), 0 lease(s) and 0 programme item(s) are kept" in text_of(at)
    assert sites()["S"].archived_at is None     # asking wrote nothing
    at.button(key="admin_archive_site_cancel").click()
    at.run()
    assert sites()["S"].archived_at is None
    assert not [b for b in at.button if b.key == "admin_archive_site_confirm"]
    at = archive_asked(at)
    at.button(key="admin_archive_site_confirm").click()
    at.run()
    assert not at.exception
    assert sites()["S"].archived_at is not None
    assert "Second Hub archived." in str(said(at))
    assert list(at.dataframe[0].value["State"])[-1].startswith("archived")
    # and back: restore needs no question
    archive_pick(at).select_index(1)   # in use first, then archived
    form_button(at, "Restore").click()
    at.run()
    assert sites()["S"].archived_at is None


def test_archiving_a_site_with_a_running_lease_is_refused_with_the_count(base):
    write(leases.lease_space, actor=base["manager"], space_id=base["L1"], tenant_id=base["giulia"],
          starts_on=date(2020, 1, 1), ends_on=None, monthly_rent="100")
    at = archive_asked(sites_tab())
    assert not at.exception
    assert [error.value for error in at.error] == [
        "Test Hub still has 1 running lease; end, cancel or move them before archiving it."]
    assert not [b for b in at.button if b.key == "admin_archive_site_confirm"]
    assert sites()["T"].archived_at is None


def budget_box(at):
    return next(box for box in at.number_input if box.label == "Yearly building budget (€)")


def test_a_manager_sets_a_sites_yearly_building_budget_and_the_table_shows_it(base):
    at = sites_tab()
    assert list(at.dataframe[0].value["Building budget / year"]) == ["—"]
    assert "Building screen compares" in budget_box(at).help
    fill_new_site(at)
    budget_box(at).set_value(40000.0)
    form_button(at, "Add site").click()
    at.run()
    assert not at.exception and not at.error
    assert sites()["ON"].building_budget == Decimal("40000.00")
    table = at.dataframe[0].value
    assert dict(zip(table["Code"], table["Building budget / year"])) == {"ON": "€40,000.00",
                                                                         "T": "—"}
    at.selectbox(key="admin_site_pick").select_index(1)   # Officine Nora
    at.run()
    assert budget_box(at).value == 40000.0
    budget_box(at).set_value(42500.5)
    form_button(at, "Save site").click()
    at.run()
    assert not at.exception and not at.error
    assert sites()["ON"].building_budget == Decimal("42500.50")
    assert "€42,500.50" in list(at.dataframe[0].value["Building budget / year"])
