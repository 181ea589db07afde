"""Items a person would not want (hub/programme/drafts.py): the same item twice is refused
naming the one that exists; a draft made by mistake can be deleted, one with people cannot;
enrolling into an item not yet running says so (hub.programme.views.not_running_yet)."""
from datetime import time

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, PartnerItemLink, ProgrammeItem, ProgrammeSession
from hub.errors import Invalid
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import drafts
from hub.programme import items
from hub.programme import views
from hub.programme.enrolments import enrol
from tests.worlds import TUESDAY, add, item, write


def test_the_same_new_item_twice_is_refused_naming_the_one_that_exists(plan):
    with pytest.raises(Invalid) as refused:
        item(plan, title=" glazes AND firing ")        # a draft of that title, no session yet
    assert refused.value.field == "title"
    assert refused.value.message.startswith(
        "“Glazes and firing” is already in the programme of this site, with no session yet "
        "(added ")
    assert refused.value.message.endswith("); open it on the Item tab instead of adding it again")
    with reading() as session:
        assert len(session.exec(select(ProgrammeItem).where(
            ProgrammeItem.title == "Glazes and firing")).all()) == 1


def test_an_item_of_the_same_title_is_not_a_twin_once_dated_elsewhere_or_cancelled(plan):
    add(plan, item_key="wheel", day=TUESDAY)
    item(plan, title="Wheel throwing for beginners")     # that one has a first day now
    write(items.edit_item, actor=plan["manager"], item_id=plan["glaze"], version=None,
          status="cancelled")
    item(plan, title="Glazes and firing")                # the cancelled one does not count


def test_renaming_an_item_to_a_twin_of_the_same_first_day_is_refused(plan):
    other = item(plan, title="Evening wheel")
    add(plan, item_key="wheel", day=TUESDAY)
    write(items.add_session, actor=plan["manager"], item_id=other.id, day=TUESDAY,
          start=time(9), end=time(12), space_id=plan["L1"])
    with pytest.raises(Invalid) as refused:
        write(items.edit_item, actor=plan["manager"], item_id=other.id, version=None,
              title="Wheel throwing for beginners")
    assert (refused.value.field, refused.value.message) == (
        "title", "“Wheel throwing for beginners” starting on 2 Jun 2026 is already in the "
                 "programme of this site; open it instead of adding it again")


def test_a_draft_made_by_mistake_goes_with_its_sessions_and_links(plan):
    add(plan, item_key="glaze")
    partner = write(organisations.add_partner, actor=plan["manager"], name="Artex",
                    kind="institution", country="IT")
    write(partner_links.link_item, actor=plan["manager"], partner_id=partner.id,
          item_id=plan["glaze"], role="funder")
    write(drafts.delete_draft, actor=plan["communication"], item_id=plan["glaze"], version=None)
    with reading() as session:
        assert session.get(ProgrammeItem, plan["glaze"]) is None
        assert session.exec(select(ProgrammeSession).where(
            ProgrammeSession.item_id == plan["glaze"])).all() == []
        assert session.exec(select(PartnerItemLink)).all() == []
        entry = session.exec(select(AuditEntry).where(
            AuditEntry.entity == "programme_items", AuditEntry.action == "delete")).one()
    assert entry.changes["item"]["title"] == "Glazes and firing"
    assert len(entry.changes["sessions"]) == 1 and len(entry.changes["partner_links"]) == 1


def test_a_published_item_or_one_with_people_is_not_deleted(plan):
    write(items.edit_item, actor=plan["manager"], item_id=plan["wheel"], version=None,
          status="published")
    with pytest.raises(Invalid) as refused:
        write(drafts.delete_draft, actor=plan["manager"], item_id=plan["wheel"], version=None)
    assert refused.value.message == ("only a draft can be deleted; cancel “Wheel throwing for "
                                     "beginners” instead")
    write(enrol, actor=plan["manager"], item_id=plan["glaze"], participant_name="Anna")
    with pytest.raises(Invalid) as refused:
        write(drafts.delete_draft, actor=plan["manager"], item_id=plan["glaze"], version=None)
    assert refused.value.message == ("“Glazes and firing” has enrolments; cancel it instead of "
                                     "deleting it")
    with reading() as session:
        assert session.get(ProgrammeItem, plan["glaze"]) is not None


def not_running(item_id):
    with reading() as session:
        return views.not_running_yet(session, item_id=item_id)


def test_enrolling_into_an_item_not_yet_running_says_so(plan):
    assert not_running(plan["glaze"]) == ("“Glazes and firing” is a draft with no session yet: "
                                          "tell them the dates once they are set.")
    add(plan, item_key="glaze")
    assert not_running(plan["glaze"]) == ("“Glazes and firing” is still a draft: it is not on "
                                          "the public programme yet.")
    write(items.edit_item, actor=plan["manager"], item_id=plan["glaze"], version=None,
          status="published")
    assert not_running(plan["glaze"]) is None
    published = item(plan, title="Raku evening", status="published")
    assert not_running(published.id) == ("“Raku evening” has no session yet: tell them the "
                                         "dates once they are set.")
