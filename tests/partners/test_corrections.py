"""Correcting what was recorded about partners: editing and deleting interactions, editing and
removing links, each audited with the old and the new; a stale screen is refused and the first
edit kept; what deleting a partner takes with it is counted."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Site
from hub.errors import Stale
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import items
from tests.worlds import TODAY, log, read, write


def audit_of(entity: str, action: str) -> list[AuditEntry]:
    with reading() as session:
        return list(session.exec(select(AuditEntry).where(
            AuditEntry.entity == entity, AuditEntry.action == action).order_by(AuditEntry.id)))


def test_editing_an_interaction_changes_it_and_logs_old_and_new(network):
    logged = log(network, kind="meeting", summary="Talked about the spring fair")
    write(interactions.edit_interaction, actor=network["communication"],
          interaction_id=logged.id, version=logged.version, kind="call",
          summary="Called about the spring fair", follow_up_on=TODAY)
    stored = read(interactions.interactions_of, partner_id=network["artex"])[0]
    assert (stored.kind, stored.summary, stored.follow_up_on) == (
        "call", "Called about the spring fair", TODAY)
    [entry] = audit_of("interactions", "update")
    assert entry.username == "carla" and entry.entity_id == str(logged.id)
    assert entry.changes["kind"] == ["meeting", "call"]
    assert entry.changes["summary"] == ["Talked about the spring fair",
                                        "Called about the spring fair"]


def test_deleting_an_interaction_removes_it_and_its_follow_up_and_keeps_it_in_the_log(network):
    kept = log(network, summary="Kept")
    gone = log(network, summary="Signed by mistake", kind="mou_signed",
               follow_up_on=TODAY + timedelta(days=2))
    removed = write(interactions.delete_interaction, actor=network["communication"],
                    interaction_id=gone.id, version=gone.version)
    assert removed.summary == "Signed by mistake"
    assert [i.id for i in read(interactions.interactions_of, partner_id=network["artex"])] == [
        kept.id]
    assert read(interactions.follow_ups_due, today=TODAY) == []
    [entry] = audit_of("interactions", "delete")
    assert (entry.username, entry.entity_id) == ("carla", str(gone.id))
    assert entry.changes["interaction"]["summary"] == "Signed by mistake"
    assert entry.changes["interaction"]["kind"] == "mou_signed"


def test_deleting_an_interaction_from_a_stale_screen_is_refused_and_it_stays(network):
    logged = log(network)
    write(interactions.edit_interaction, actor=network["manager"], interaction_id=logged.id,
          version=logged.version, summary="Corrected meanwhile")
    with pytest.raises(Stale, match="^This interaction was changed by "):
        write(interactions.delete_interaction, actor=network["communication"],
              interaction_id=logged.id, version=logged.version)
    assert [i.summary for i in read(interactions.interactions_of,
                                    partner_id=network["artex"])] == ["Corrected meanwhile"]
    assert audit_of("interactions", "delete") == []


def tenant_link(network, **values):
    values = {"kind": "sells_work", **values}
    return write(partner_links.link_tenant, actor=network["manager"],
                 partner_id=network["buyer"], tenant_id=network["tenant"], **values)


def item_link(network, role="co_organiser"):
    with reading() as session:
        site_id = session.exec(select(Site.id)).one()
    item = write(items.add_item, actor=network["manager"], site_id=site_id, kind="course",
                 title="Wheel throwing", sector="ceramics", capacity=8, price="90")
    return write(partner_links.link_item, actor=network["manager"],
                 partner_id=network["artex"], item_id=item.id, role=role)


def test_editing_a_tenant_link_changes_kind_dates_and_notes_and_is_audited(network):
    made = tenant_link(network)
    write(partner_links.edit_tenant_link, actor=network["communication"], link_id=made.id,
          version=made.version, kind="exhibits", starts_on=date(2024, 5, 1),
          ends_on=date(2024, 9, 30), notes="  Summer show  ")
    [shown] = read(partner_links.links_of, partner_id=network["buyer"])
    assert (shown.kind, shown.starts_on, shown.ends_on, shown.notes) == (
        "exhibits", date(2024, 5, 1), date(2024, 9, 30), "Summer show")
    [entry] = audit_of("partner_tenant_links", "update")
    assert entry.username == "carla"
    assert entry.changes == {"kind": ["sells_work", "exhibits"],
                             "starts_on": [None, "2024-05-01"],
                             "ends_on": [None, "2024-09-30"], "notes": [None, "Summer show"]}


def test_editing_a_tenant_link_keeps_the_fields_not_given(network):
    made = tenant_link(network, starts_on=date(2024, 5, 1), notes="Through the fair")
    write(partner_links.edit_tenant_link, actor=network["manager"], link_id=made.id,
          version=made.version, ends_on=date(2025, 1, 31))
    [shown] = read(partner_links.links_of, partner_id=network["buyer"])
    assert (shown.kind, shown.starts_on, shown.ends_on, shown.notes) == (
        "sells_work", date(2024, 5, 1), date(2025, 1, 31), "Through the fair")


def test_editing_an_item_link_changes_the_role_and_is_audited(network):
    made = item_link(network)
    write(partner_links.edit_item_link, actor=network["communication"], link_id=made.id,
          version=made.version, role="funder")
    [shown] = read(partner_links.links_of, partner_id=network["artex"])
    assert (shown.link_kind, shown.kind) == ("item", "funder")
    [entry] = audit_of("partner_item_links", "update")
    assert entry.username == "carla" and entry.changes == {"role": ["co_organiser", "funder"]}


@pytest.mark.parametrize("which", ["tenant", "item"])
def test_a_link_edit_from_a_stale_screen_is_refused_and_the_first_edit_kept(network, which):
    if which == "tenant":
        made, edit, first, second = (tenant_link(network), partner_links.edit_tenant_link,
                                     {"kind": "exhibits"}, {"kind": "supplies"})
    else:
        made, edit, first, second = (item_link(network), partner_links.edit_item_link,
                                     {"role": "funder"}, {"role": "venue"})
    write(edit, actor=network["manager"], link_id=made.id, version=made.version, **first)
    with pytest.raises(Stale, match="^This link was changed by "):
        write(edit, actor=network["communication"], link_id=made.id, version=made.version,
              **second)
    [shown] = read(partner_links.links_of, partner_id=made.partner_id)
    assert shown.kind == next(iter(first.values()))


def test_removing_a_link_returns_it_and_keeps_it_in_the_audit_log(network):
    made = tenant_link(network, notes="Through the fair")
    removed = write(partner_links.unlink, actor=network["communication"], link_kind="tenant",
                    link_id=made.id, version=made.version)
    assert removed.notes == "Through the fair"
    assert read(partner_links.links_of, partner_id=network["buyer"]) == []
    [entry] = audit_of("partner_tenant_links", "delete")
    assert entry.changes["link"]["kind"] == "sells_work"


def test_what_deleting_a_partner_takes_with_it_is_counted(network):
    for summary in ("One", "Two"):
        log(network, partner="buyer", summary=summary)
    write(organisations.add_contact, actor=network["manager"], partner_id=network["buyer"],
          name="Li Wei")
    tenant_link(network)
    tenant_link(network, kind="exhibits")
    assert read(organisations.attached_to, partner_id=network["buyer"]) == organisations.Attached(
        contacts=1, interactions=2, links=2)
    assert read(organisations.attached_to, partner_id=network["artex"]) == organisations.Attached(
        contacts=0, interactions=0, links=0)
