"""The Partners screen through AppTest, per role, on the hand-built network of
tests/worlds.py (network_world: Artex in Florence, a buyer in Shanghai, one tenant)."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import (AuditEntry, Contact, Interaction, Partner, PartnerItemLink,
                       PartnerTenantLink, Site)
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import items
from tests.apptest import open_page, signed_in_app, text_of
from tests.worlds import new_partner, write

TODAY = date.today()


@pytest.fixture
def known(network):  # noqa: F811
    """Contacts, a logged interaction with an overdue follow-up, and a tenant link."""
    write(organisations.add_contact, actor=network["manager"], partner_id=network["buyer"],
          name="Li Wei", role="Buyer", email="li.wei@example.com", phone="+86 21 5555 0101")
    write(interactions.log_interaction, actor=network["manager"], partner_id=network["buyer"],
          day=TODAY - timedelta(days=20), kind="trade_fair", summary="Met at the Canton Fair",
          follow_up_on=TODAY - timedelta(days=3))
    write(partner_links.link_tenant, actor=network["manager"], partner_id=network["buyer"],
          tenant_id=network["tenant"], kind="sells_work")
    return network


def partners_page(username):
    return open_page(signed_in_app(username), "partners")


def pick(at, name):
    """Choose a partner: the picker's values are their ids."""
    with reading() as session:
        partner_id = session.exec(select(Partner.id).where(Partner.name == name)).one()
    return at.selectbox(key="partners_pick").select(partner_id).run()


def tab_labels(at):
    return [tab.label for tab in at.tabs]


def shown_everything(at) -> str:
    frames = " ".join(frame.value.to_csv() for frame in at.dataframe)
    return text_of(at) + frames


def test_manager_sees_directory_contacts_follow_ups_and_every_form(known):
    at = partners_page("boss")
    assert not at.exception
    assert tab_labels(at) == ["Directory", "Follow-ups", "Figures", "World", "Network",
                              "Add partner"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Partners shown"] == "2" and metrics["Follow-ups due"] == "1"
    assert metrics["Countries reached"] == "2"
    directory = at.dataframe[0].value
    assert list(directory["Name"]) == ["Artex", "Lantern Trading"]
    assert "Met at the Canton Fair" in at.dataframe[1].value.to_csv()   # the due list
    at = pick(at, "Lantern Trading")
    assert not at.exception
    everything = shown_everything(at)
    assert "li.wei@example.com" in everything and "Li Wei" in everything
    assert "Giulia Neri" in everything
    buttons = [b.label for b in at.button]
    assert {"Log interaction", "Save partner", "Add contact", "Delete partner",
            "Mark done"} <= set(buttons)
    assert len(at.get("vega_lite_chart")) >= 4


def test_communication_edits_but_has_no_delete(known):
    at = pick(partners_page("carla"), "Lantern Trading")
    assert not at.exception
    buttons = [b.label for b in at.button]
    assert "Log interaction" in buttons and "Delete partner" not in buttons
    assert "li.wei@example.com" in shown_everything(at)


def test_a_viewer_sees_no_contact_data_and_no_forms(known):
    at = partners_page("vera")
    assert not at.exception
    assert tab_labels(at) == ["Directory", "Figures", "World", "Network"]
    at = pick(at, "Lantern Trading")
    assert not at.exception
    everything = shown_everything(at)
    assert "Lantern Trading" in everything and "Giulia Neri" in everything
    for secret in ("Li Wei", "li.wei", "5555", "Met at the Canton Fair"):
        assert secret not in everything
    assert not [b for b in at.button if b.label in ("Log interaction", "Save partner",
                                                    "Add contact", "Delete partner")]


def test_filters_narrow_the_directory(known):
    at = partners_page("vera")
    at.selectbox(key="partners_region").select("China").run()
    assert list(at.dataframe[0].value["Name"]) == ["Lantern Trading"]
    assert {m.label: m.value for m in at.metric}["Partners shown"] == "1"


def test_logging_an_interaction_with_a_follow_up_puts_it_in_the_due_list(known):
    at = pick(partners_page("carla"), "Artex")
    form_key = f"partners_{known['artex']}_log"
    summary = next(t for t in at.text_area if t.label == "Summary")
    summary.input("Called about the spring fair")
    follow = next(d for d in at.date_input if d.label == "Follow-up on (optional)")
    follow.set_value(TODAY)
    next(b for b in at.button if b.label == "Log interaction").click()
    at.run()
    assert not at.exception, form_key
    with reading() as session:
        logged = session.exec(select(Interaction).where(
            Interaction.summary == "Called about the spring fair")).one()
    assert logged.follow_up_on == TODAY and logged.owner_id == known["communication"].id
    due = at.dataframe[1].value
    assert "Called about the spring fair" in due.to_csv()


def test_bad_website_shows_the_rule_and_writes_nothing(known):
    at = partners_page("boss")
    name = next(t for t in at.text_input if t.label == "Name" and t.value == "")
    name.input("Museo Novecento")
    next(t for t in at.text_input if t.label == "Website" and t.value == "").input("not a url")
    next(b for b in at.button if b.label == "Add partner").click()
    at.run()
    assert not at.exception
    assert any("website" in e.value and "not a web address" in e.value for e in at.error)
    with reading() as session:
        assert session.exec(select(Partner).where(Partner.name == "Museo Novecento")).first() \
            is None


def test_a_duplicate_name_is_warned_before_saving(known):
    at = partners_page("boss")
    next(t for t in at.text_input if t.label == "Name" and t.value == "").input("artex")
    next(b for b in at.button if b.label == "Add partner").click()
    at.run()
    assert any("already exists" in w.value for w in at.warning)
    with reading() as session:
        assert len(session.exec(select(Partner)).all()) == 2


# --- correcting and deleting what the screen shows ------------------------------------------

def rows_of(model) -> int:
    with reading() as session:
        return len(session.exec(select(model)).all())


def click(at, label):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def dialog_text(at) -> list[str]:
    return [t.value for t in at.text]


def toasts(at) -> list[str]:
    """What the page said of a save, as shown: below its form, or in a toast when the form is
    gone with what it deleted; Markdown escapes (ui.format.as_text) taken out."""
    return [t.value.replace("\\", "") for t in [*at.success, *at.toast]]


def the_interaction() -> Interaction:
    with reading() as session:
        return session.exec(select(Interaction)).one()


def chosen_interaction(at, known):
    """Lantern Trading's detail with its one interaction chosen for a change."""
    logged = the_interaction()
    at = pick(at, "Lantern Trading")
    at.selectbox(key=f"partners_{known['buyer']}_interactions_pick").select(logged.id).run()
    return at, f"partners_{known['buyer']}_interactions_{logged.id}"


def test_an_interaction_is_corrected_on_the_page(known):
    at, form = chosen_interaction(partners_page("carla"), known)
    assert not at.exception
    assert at.text_area(key=f"{form}_summary").value == "Met at the Canton Fair"
    at.text_area(key=f"{form}_summary").input("Met at the Canton Fair, stand 12")
    at.selectbox(key=f"{form}_kind").select("meeting")
    at = click(at, "Save interaction")
    assert not at.exception
    stored = the_interaction()
    assert (stored.summary, stored.kind) == ("Met at the Canton Fair, stand 12", "meeting")
    assert stored.follow_up_on == TODAY - timedelta(days=3)      # the fields left alone
    assert "Interaction saved." in toasts(at)
    assert "Met at the Canton Fair, stand 12" in at.dataframe[2].value.to_csv()


def test_deleting_an_interaction_asks_first_and_cancel_writes_nothing(known):
    at, _ = chosen_interaction(partners_page("carla"), known)
    at = click(at, "Delete interaction")
    assert not at.exception
    assert dialog_text(at)[0].startswith("Delete the trade fair of ")
    assert "with Lantern Trading: Met at the Canton Fair" in dialog_text(at)[0]
    assert "goes with it" in dialog_text(at)[0]          # its open follow-up
    assert rows_of(Interaction) == 1
    at.button(key="partners_delete_interaction_cancel").click().run()
    assert not at.exception
    assert rows_of(Interaction) == 1 and dialog_text(at) == []
    at = click(at, "Delete interaction")
    at.button(key="partners_delete_interaction_confirm").click().run()
    assert not at.exception
    assert rows_of(Interaction) == 0
    assert "Interaction deleted." in toasts(at)
    with reading() as session:
        assert session.exec(select(AuditEntry).where(AuditEntry.entity == "interactions",
                                                     AuditEntry.action == "delete")).one()


def test_a_tenant_link_is_changed_and_removed_only_once_confirmed(known):
    with reading() as session:
        link = session.exec(select(PartnerTenantLink)).one()
    at = pick(partners_page("carla"), "Lantern Trading")
    at.selectbox(key=f"partners_{known['buyer']}_links_change_pick").select(
        ("tenant", link.id)).run()
    form = f"partners_{known['buyer']}_links_change_tenant_{link.id}"
    at.selectbox(key=f"{form}_kind").select("exhibits")
    at.text_area(key=f"{form}_notes").input("Her bowls in the Shanghai showroom")
    at = click(at, "Save link")
    assert not at.exception
    with reading() as session:
        stored = session.get(PartnerTenantLink, link.id)
    assert (stored.kind, stored.notes) == ("exhibits", "Her bowls in the Shanghai showroom")
    assert "Link to Giulia Neri saved." in toasts(at)

    at = click(at, "Remove link")
    assert dialog_text(at)[0] == ("Remove the link of Lantern Trading to Giulia Neri "
                                  "(tenant, exhibits).")
    at.button(key="partners_remove_link_cancel").click().run()
    assert rows_of(PartnerTenantLink) == 1
    at = click(at, "Remove link")
    at.button(key="partners_remove_link_confirm").click().run()
    assert not at.exception
    assert rows_of(PartnerTenantLink) == 0
    assert "Link to Giulia Neri removed." in toasts(at)


def test_an_item_link_role_is_changed_on_the_page(known):
    with reading() as session:
        site_id = session.exec(select(Site.id)).one()
    item = write(items.add_item, actor=known["manager"], site_id=site_id, kind="course",
                 title="Wheel throwing", sector="ceramics", capacity=8, price="90")
    made = write(partner_links.link_item, actor=known["manager"], partner_id=known["artex"],
                 item_id=item.id, role="co_organiser")
    at = pick(partners_page("carla"), "Artex")
    at.selectbox(key=f"partners_{known['artex']}_links_change_pick").select(
        ("item", made.id)).run()
    at.selectbox(key=f"partners_{known['artex']}_links_change_item_{made.id}_role").select(
        "funder")
    at = click(at, "Save link")
    assert not at.exception
    with reading() as session:
        assert session.get(PartnerItemLink, made.id).role == "funder"


def test_removing_a_contact_asks_first(known):
    at = pick(partners_page("carla"), "Lantern Trading")
    at = click(at, "Remove contact")
    assert dialog_text(at)[0] == "Remove Li Wei from the contacts of Lantern Trading."
    at.button(key="partners_remove_contact_cancel").click().run()
    assert rows_of(Contact) == 1
    at = click(at, "Remove contact")
    at.button(key="partners_remove_contact_confirm").click().run()
    assert not at.exception
    assert rows_of(Contact) == 0 and "Contact Li Wei removed." in toasts(at)


def test_deleting_a_partner_names_what_goes_with_it_and_cancel_keeps_it(known):
    at = pick(partners_page("boss"), "Lantern Trading")
    at = click(at, "Delete partner")
    assert not at.exception
    assert dialog_text(at)[0] == ("Delete Lantern Trading — 1 contact, 1 interaction and "
                                  "1 link go with it.")
    at.button(key="partners_delete_partner_cancel").click().run()
    assert rows_of(Partner) == 2 and rows_of(Interaction) == 1
    assert dialog_text(at) == []
    at = click(at, "Delete partner")
    at.button(key="partners_delete_partner_confirm").click().run()
    assert not at.exception
    with reading() as session:
        assert [p.name for p in session.exec(select(Partner))] == ["Artex"]
    assert rows_of(Interaction) == 0 and rows_of(Contact) == 0
    assert "Partner Lantern Trading deleted." in toasts(at)
    assert list(at.dataframe[0].value["Name"]) == ["Artex"]
    assert at.selectbox(key="partners_pick").value is None


def test_since_and_last_interaction_are_blank_when_there_is_none(known):
    new_partner(known, name="Museo Novecento", kind="institution", city="Firenze")
    at = partners_page("vera")
    assert not at.exception
    directory = at.dataframe[0].value.set_index("Name")
    assert directory.loc["Museo Novecento", "Since"] == ""
    assert directory.loc["Museo Novecento", "Last interaction"] == ""
    assert directory.loc["Artex", "Since"] == "2016-01-10"
    assert directory.loc["Lantern Trading", "Last interaction"] == str(TODAY - timedelta(days=20))
