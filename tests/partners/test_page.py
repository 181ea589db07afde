"""The Partners screen through AppTest, per role, on the hand-built network of
tests/test_partners.py (Artex in Florence, a buyer in Shanghai, one tenant)."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import Interaction, Partner
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations as partners
from tests.apptest import open_page, signed_in_app, text_of
from tests.worlds import write

TODAY = date.today()


@pytest.fixture
def known(network):  # noqa: F811
    """Contacts, a logged interaction with an overdue follow-up, and a tenant link."""
    write(partners.add_contact, actor=network["manager"], partner_id=network["buyer"],
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
    """Choose a partner: the picker's values are (id, label) pairs."""
    with reading() as session:
        partner_id = session.exec(select(Partner.id).where(Partner.name == name)).one()
    box = at.selectbox(key="partners_pick")
    return box.select((partner_id, next(o for o in box.options if o.startswith(name)))).run()


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
