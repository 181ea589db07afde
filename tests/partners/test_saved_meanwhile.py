"""A partner record changed by someone else between reading and writing: the second save is
refused with the STALE sentence and writes nothing, the first is kept — contacts, partners,
interactions, links, and deleting an interaction."""
import re
from datetime import timedelta

import pytest

from db.engine import reading
from db.models import Contact, Interaction, PartnerItemLink, PartnerTenantLink
from hub.errors import Stale
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from tests.occupancy.test_refusals import on_postgres, saved_meanwhile
from tests.partners.test_refusals import contact, counts, partner_row, programme_item
from tests.worlds import SOMEONE_ELSE, TODAY, log, stale, version_of, write


def test_the_second_of_two_contact_edits_is_refused_and_the_first_kept(network):
    opened = contact(network)
    write(organisations.edit_contact, actor=network["manager"], contact_id=opened.id,
          version=opened.version, role="Director")
    with pytest.raises(Stale) as refusal:
        write(organisations.edit_contact, actor=network["communication"], contact_id=opened.id,
              version=opened.version, role="Secretary")
    assert re.fullmatch(stale("This contact"), str(refusal.value))
    with reading() as session:
        assert session.get(Contact, opened.id).role == "Director"


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_a_partner_change_meeting_another_save_at_the_write_is_refused(network, monkeypatch,
                                                                       change):
    artex, before = network["artex"], counts()
    saved_meanwhile(monkeypatch, organisations, notes="theirs")
    with pytest.raises(Stale) as refusal:
        if change == "edit":
            write(organisations.edit_partner, actor=network["manager"], partner_id=artex,
                  version=version_of(artex), notes="mine")
        else:
            write(organisations.delete_partner, actor=network["manager"], partner_id=artex,
                  version=version_of(artex))
    assert re.fullmatch(stale("Partner Artex", by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before
    assert partner_row(artex).notes == ("theirs" if on_postgres() else None)


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_a_contact_change_meeting_another_save_at_the_write_is_refused(network, monkeypatch,
                                                                       change):
    opened, before = contact(network), counts()
    saved_meanwhile(monkeypatch, organisations, role="theirs")
    with pytest.raises(Stale) as refusal:
        if change == "edit":
            write(organisations.edit_contact, actor=network["manager"], contact_id=opened.id,
                  version=opened.version, role="mine")
        else:
            write(organisations.delete_contact, actor=network["manager"], contact_id=opened.id,
                  version=opened.version)
    assert re.fullmatch(stale("Contact Lucia Bassi", by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before
    with reading() as session:
        assert session.get(Contact, opened.id).role == ("theirs" if on_postgres() else None)


@pytest.mark.parametrize("change", ["edit", "follow_up_done"])
def test_an_interaction_change_meeting_another_save_at_the_write_is_refused(
        network, monkeypatch, change):
    logged = log(network, follow_up_on=TODAY + timedelta(days=3))
    before = counts()
    saved_meanwhile(monkeypatch, interactions, summary="theirs")
    with pytest.raises(Stale) as refusal:
        if change == "edit":
            write(interactions.edit_interaction, actor=network["manager"],
                  interaction_id=logged.id, version=logged.version, summary="mine")
        else:
            write(interactions.mark_follow_up_done, actor=network["manager"],
                  interaction_id=logged.id, version=logged.version)
    what = "This interaction" if change == "edit" else "This follow-up"
    assert re.fullmatch(stale(what, by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before
    with reading() as session:
        stored = session.get(Interaction, logged.id)
    assert stored.summary == ("theirs" if on_postgres() else "Talked about the spring fair")
    assert stored.follow_up_done_at is None


def test_unlinking_a_link_changed_meanwhile_is_refused(network, monkeypatch):
    made = write(partner_links.link_tenant, actor=network["manager"], partner_id=network["artex"],
                 tenant_id=network["tenant"], kind="mentors")
    before = counts()
    saved_meanwhile(monkeypatch, partner_links, notes="theirs")
    with pytest.raises(Stale) as refusal:
        write(partner_links.unlink, actor=network["manager"], link_kind="tenant",
              link_id=made.id, version=made.version)
    assert re.fullmatch(stale("This link", by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before


@pytest.mark.parametrize("which", ["tenant", "item"])
def test_a_link_edit_meeting_another_save_at_the_write_is_refused(network, monkeypatch,
                                                                   which):
    if which == "tenant":
        made = write(partner_links.link_tenant, actor=network["manager"],
                     partner_id=network["artex"], tenant_id=network["tenant"], kind="mentors")
        edit, change, model = partner_links.edit_tenant_link, {"kind": "exhibits"}, \
            PartnerTenantLink
    else:
        made = write(partner_links.link_item, actor=network["manager"],
                     partner_id=network["artex"], item_id=programme_item(network),
                     role="funder")
        edit, change, model = partner_links.edit_item_link, {"role": "venue"}, PartnerItemLink
    before = counts()
    saved_meanwhile(monkeypatch, partner_links)
    with pytest.raises(Stale) as refusal:
        write(edit, actor=network["manager"], link_id=made.id, version=made.version, **change)
    assert re.fullmatch(stale("This link", by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before
    with reading() as session:
        stored = session.get(model, made.id)
    assert getattr(stored, next(iter(change))) == ("mentors" if which == "tenant" else "funder")


def test_deleting_an_interaction_changed_meanwhile_is_refused(network, monkeypatch):
    logged = log(network)
    before = counts()
    saved_meanwhile(monkeypatch, interactions, summary="theirs")
    with pytest.raises(Stale) as refusal:
        write(interactions.delete_interaction, actor=network["manager"],
              interaction_id=logged.id, version=logged.version)
    assert re.fullmatch(stale("This interaction", by=SOMEONE_ELSE), str(refusal.value))
    assert counts() == before
    with reading() as session:
        stored = session.get(Interaction, logged.id)
    assert stored.summary == ("theirs" if on_postgres() else "Talked about the spring fair")
