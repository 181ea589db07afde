"""What the partner rules refuse (hub/partners/organisations.py, interactions.py, links.py):
each refusal word for word, naming its field, with nothing written (no row, no audit
entry); limits hold exactly at the limit. A record changed by someone else meanwhile:
tests/partners/test_saved_meanwhile.py."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from db.engine import reading
from db.models import (AuditEntry, Contact, Interaction, Partner, PartnerItemLink,
                       PartnerTenantLink, Site)
from hub.errors import Invalid
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.programme import items
from tests.worlds import TODAY, log, new_partner, read, write

TABLES = (Partner, Contact, Interaction, PartnerTenantLink, PartnerItemLink, AuditEntry)
KINDS = ("institution, trade_association, b2b_buyer, gallery_retailer, school_academy, "
         "eu_project_partner, media, supplier")
GONE = "that partner does not exist (it may have been deleted)"


def counts() -> dict[str, int]:
    with reading() as session:
        return {model.__name__: session.exec(select(func.count()).select_from(model)).one()
                for model in TABLES}


def refused(action, **arguments) -> tuple[str, str]:
    """(field, message) of the Invalid `action` raised, once nothing at all was written."""
    before = counts()
    with pytest.raises(Invalid) as refusal:
        write(action, **arguments)
    assert counts() == before
    return refusal.value.field, refusal.value.message


def partner_row(partner_id: int) -> Partner:
    return read(organisations.get_partner, partner_id=partner_id)


def contact(network, **values) -> Contact:
    values = {"name": "Lucia Bassi", "email": "lucia@artex.example.org", **values}
    return write(organisations.add_contact, actor=network["manager"], partner_id=network["artex"],
                 **values)


def programme_item(network) -> int:
    with reading() as session:
        site_id = session.exec(select(Site.id)).one()
    return write(items.add_item, actor=network["manager"], site_id=site_id, kind="course",
                 title="Wheel throwing", sector="ceramics", capacity=8, price="90").id


# --- organisations --------------------------------------------------------------------------

@pytest.mark.parametrize("values, field, message", [
    ({"name": "  "}, "name", "name is required"),
    ({"name": "n" * 161}, "name", "name is longer than 160 characters"),
    ({"kind": "friend"}, "kind", f"kind must be one of {KINDS}"),
    ({"country": "XX"}, "country", "country 'XX' is not in the hub's list (use a two-letter "
                                   "code like IT, CN or US)"),
    ({"country": "Italy"}, "country", "country 'Italy' is not in the hub's list (use a "
                                      "two-letter code like IT, CN or US)"),
    ({"city": "c" * 81}, "city", "city is longer than 80 characters"),
    ({"website": "not a site"}, "website", "website 'https://not a site' is not a web address "
                                           "(like https://example.org)"),
    ({"website": "javascript:alert(1)"}, "website", "website 'https://javascript:alert(1)' is "
                                                    "not a web address (like https://example.org)"),
    ({"status": "lost"}, "status", "status must be one of prospect, active, dormant"),
    ({"since": TODAY + timedelta(days=1)}, "since", "since is in the future"),
    ({"since": date(1899, 12, 31)}, "since", "since is before 1900"),
    ({"since": "last spring"}, "since", "since 'last spring' is not a date (like 2019-05-01)"),
    ({"tags": "crafts, <script>"}, "tags", "tag '<script>' must be at most 40 letters, "
                                           "digits, spaces, &, / or -"),
    ({"tags": "t" * 41}, "tags", f"tag '{'t' * 41}' must be at most 40 letters, digits, "
                                 "spaces, &, / or -"),
    ({"tags": ",".join(f"{n:02}" + "t" * 37 for n in range(11))}, "tags",
     "tags are longer than 400 characters in all"),
    ({"notes": "n" * 4001}, "notes", "notes is longer than 4000 characters"),
])
def test_a_bad_partner_is_refused_word_for_word_and_nothing_written(network, values, field,
                                                                    message):
    good = {"name": "Museo Novecento", "kind": "institution", "country": "IT"}
    assert refused(organisations.add_partner, actor=network["manager"],
                   **{**good, **values}) == (field, message)


def test_a_partner_exactly_at_every_limit_is_saved(network):
    tags = [f"{n:02}" + "t" * 37 for n in range(9)] + ["09" + "t" * 38]   # 400 with commas
    saved = new_partner(network, name="n" * 160, kind="media", city="c" * 80,
                        since=date(1900, 1, 1), tags=",".join(tags), notes="n" * 4000)
    stored = partner_row(saved.id)
    assert (len(stored.name), len(stored.city), stored.since, len(stored.notes)) == (
        160, 80, date(1900, 1, 1), 4000)
    assert stored.tags == ",".join(tags) and len(stored.tags) == 400
    assert new_partner(network, name="Today", kind="media", since=TODAY).since == TODAY


def test_a_bad_edit_of_a_partner_is_refused_and_the_partner_left_as_it_was(network):
    artex = network["artex"]
    before = partner_row(artex)
    edit = dict(actor=network["communication"], partner_id=artex, version=before.version)
    assert refused(organisations.edit_partner, **edit, region="China") == (
        "region", "region is not a partner field")
    assert refused(organisations.edit_partner, **edit, status="prospect") == (
        "status", "Artex is already active; a partner cannot become a prospect again")
    assert refused(organisations.edit_partner, **edit, city="Prato", website="not a site") == (
        "website", "website 'https://not a site' is not a web address "
                   "(like https://example.org)")
    assert refused(organisations.edit_partner, actor=network["manager"], partner_id=999,
                   version=None, city="Prato") == (
        "id", "Partner 999 no longer exists (it may have been deleted)")
    after = partner_row(artex)
    assert (after.city, after.website, after.status, after.region, after.version) == (
        "Firenze", None, "active", "Tuscany", before.version)


# --- contacts -------------------------------------------------------------------------------

@pytest.mark.parametrize("values, field, message", [
    ({"name": ""}, "name", "name is required"),
    ({"name": "n" * 121}, "name", "name is longer than 120 characters"),
    ({"role": "r" * 121}, "role", "role is longer than 120 characters"),
    ({"language": "l" * 41}, "language", "language is longer than 40 characters"),
    ({"email": "li.wei@"}, "email", "email 'li.wei@' is not a valid address "
                                    "(like name@example.org)"),
    ({"email": "li.wei@example"}, "email", "email 'li.wei@example' is not a valid address "
                                           "(like name@example.org)"),
    ({"phone": "call me"}, "phone", "phone 'call me' must be digits, spaces, + ( ) . / or -, "
                                    "5 to 40 characters"),
    ({"phone": "1234"}, "phone", "phone '1234' must be digits, spaces, + ( ) . / or -, "
                                 "5 to 40 characters"),
    ({"phone": "1" * 41}, "phone", f"phone '{'1' * 41}' must be digits, spaces, + ( ) . / or "
                                   "-, 5 to 40 characters"),
])
def test_a_bad_contact_is_refused_word_for_word_and_nothing_written(network, values, field,
                                                                    message):
    arguments = {"name": "Li Wei", **values}
    assert refused(organisations.add_contact, actor=network["manager"], partner_id=network["buyer"],
                   **arguments) == (field, message)


def test_a_contact_of_a_missing_partner_is_refused(network):
    assert refused(organisations.add_contact, actor=network["manager"], partner_id=999,
                   name="Li Wei") == ("partner", GONE)


def test_a_contact_at_the_limits_is_saved_with_its_address_in_lower_case(network):
    saved = contact(network, name="n" * 120, email=" Lucia.Bassi@Artex.Example.org ",
                    phone="12345", language="l" * 40)
    assert (len(saved.name), saved.email, saved.phone) == (120, "lucia.bassi@artex.example.org",
                                                           "12345")
    edit = dict(actor=network["manager"], contact_id=saved.id, version=saved.version)
    assert refused(organisations.edit_contact, **edit, email="nobody") == (
        "email", "email 'nobody' is not a valid address (like name@example.org)")
    with reading() as session:
        assert session.get(Contact, saved.id).email == "lucia.bassi@artex.example.org"


# --- interactions ---------------------------------------------------------------------------

@pytest.mark.parametrize("values, field, message", [
    ({"day": None}, "day", "the day of the interaction is required"),
    ({"day": TODAY + timedelta(days=1)}, "day",
     "the day is in the future; log an interaction once it happened and use the follow-up "
     "date for what comes next"),
    ({"kind": "party"}, "kind", "kind must be one of meeting, call, email, trade_fair, visit, "
                                "mou_signed, joint_project"),
    ({"summary": "  "}, "summary", "summary is required: say in a line what happened"),
    ({"summary": "s" * 2001}, "summary", "summary is longer than 2000 characters"),
    ({"follow_up_on": TODAY - timedelta(days=11)}, "follow-up",
     "the follow-up date is before the day of the interaction"),
])
def test_a_bad_interaction_is_refused_word_for_word_and_nothing_written(network, values, field,
                                                                        message):
    arguments = {"day": TODAY - timedelta(days=10), "kind": "meeting", "summary": "Fair",
                 **values}
    assert refused(interactions.log_interaction, actor=network["communication"],
                   partner_id=network["artex"], **arguments) == (field, message)


def test_an_interaction_needs_a_partner_and_an_owner_who_may_keep_it(network, make_user):
    arguments = {"day": TODAY, "kind": "call", "summary": "Called"}
    assert refused(interactions.log_interaction, actor=network["manager"], partner_id=999,
                   **arguments) == ("partner", GONE)
    owner = "the owner must be an active manager or communication user"
    assert refused(interactions.log_interaction, actor=network["manager"],
                   partner_id=network["artex"], owner_id=network["viewer"].id,
                   **arguments) == ("owner", owner)
    assert refused(interactions.log_interaction, actor=network["manager"],
                   partner_id=network["artex"], owner_id=999_999, **arguments) == ("owner", owner)


def test_an_interaction_at_the_limits_is_logged(network):
    logged = log(network, day=TODAY, summary="s" * 2000, follow_up_on=TODAY)
    assert (logged.day, len(logged.summary), logged.follow_up_on) == (TODAY, 2000, TODAY)


def test_a_bad_edit_or_follow_up_of_an_interaction_is_refused_and_nothing_changed(network):
    plain = log(network)
    edit = dict(actor=network["manager"], interaction_id=plain.id, version=plain.version)
    assert refused(interactions.edit_interaction, **edit, summary="", kind="call") == (
        "summary", "summary is required: say in a line what happened")
    assert refused(interactions.mark_follow_up_done, **edit) == (
        "follow-up", "this interaction has no follow-up to mark done")
    stored = read(interactions.interactions_of, partner_id=network["artex"])[0]
    assert (stored.kind, stored.summary, stored.version) == (
        "meeting", "Talked about the spring fair", plain.version)


# --- links ----------------------------------------------------------------------------------

def test_a_bad_tenant_link_is_refused_word_for_word_and_nothing_written(network):
    link = dict(actor=network["manager"], partner_id=network["buyer"],
                tenant_id=network["tenant"], kind="sells_work")
    assert refused(partner_links.link_tenant, **{**link, "partner_id": 999}) == (
        "partner", GONE)
    assert refused(partner_links.link_tenant, **{**link, "tenant_id": 999}) == (
        "tenant", "choose an existing tenant")
    assert refused(partner_links.link_tenant, **{**link, "kind": "friends"}) == (
        "kind", "kind must be one of sells_work, sends_trainees, supplies, commissions, "
                "mentors, exhibits, other")
    assert refused(partner_links.link_tenant, **link, starts_on=date(2024, 5, 1),
                   ends_on=date(2024, 4, 30)) == ("until", "the end date is before the start date")
    assert refused(partner_links.link_tenant, **link, notes="n" * 1001) == (
        "notes", "notes are longer than 1000 characters")
    made = write(partner_links.link_tenant, **link, starts_on=date(2024, 5, 1),
                 ends_on=date(2024, 5, 1), notes="n" * 1000)
    assert (made.starts_on, made.ends_on, len(made.notes)) == (date(2024, 5, 1),
                                                               date(2024, 5, 1), 1000)
    assert refused(partner_links.link_tenant, **link) == (
        "tenant", "Lantern Trading is already linked to Giulia Neri as sells work")


def test_a_bad_item_link_is_refused_word_for_word_and_nothing_written(network):
    link = dict(actor=network["manager"], partner_id=network["artex"],
                item_id=programme_item(network), role="co_organiser")
    assert refused(partner_links.link_item, **{**link, "partner_id": 999}) == ("partner", GONE)
    assert refused(partner_links.link_item, **{**link, "item_id": 999}) == (
        "programme item", "choose an existing programme item")
    assert refused(partner_links.link_item, **{**link, "role": "host"}) == (
        "role", "role must be one of co_organiser, funder, venue, sponsor, media_partner")
    write(partner_links.link_item, **link)
    assert refused(partner_links.link_item, **link) == (
        "programme item", "Artex is already co-organiser of Wheel throwing")
    assert refused(partner_links.unlink, actor=network["manager"], link_kind="partner",
                   link_id=1, version=None) == (
        "link", "a link is either to a tenant or to a programme item")


# --- correcting links, deleting interactions ------------------------------------------------

def tenant_link_as_stored(link_id: int) -> tuple:
    with reading() as session:
        link = session.get(PartnerTenantLink, link_id)
        return link.kind, link.starts_on, link.ends_on, link.notes, link.version


def test_a_bad_edit_of_a_tenant_link_is_refused_word_for_word_and_the_link_kept(network):
    link = dict(actor=network["manager"], partner_id=network["buyer"],
                tenant_id=network["tenant"])
    write(partner_links.link_tenant, **link, kind="exhibits")
    made = write(partner_links.link_tenant, **link, kind="sells_work",
                 starts_on=date(2024, 5, 1), notes="Through the fair")
    before = tenant_link_as_stored(made.id)
    edit = dict(actor=network["communication"], link_id=made.id, version=made.version)
    assert refused(partner_links.edit_tenant_link, **edit, kind="friends") == (
        "kind", "kind must be one of sells_work, sends_trainees, supplies, commissions, "
                "mentors, exhibits, other")
    assert refused(partner_links.edit_tenant_link, **edit, ends_on=date(2024, 4, 30)) == (
        "until", "the end date is before the start date")
    assert refused(partner_links.edit_tenant_link, **edit, notes="n" * 1001) == (
        "notes", "notes are longer than 1000 characters")
    assert refused(partner_links.edit_tenant_link, **edit, kind="exhibits") == (
        "kind", "Lantern Trading is already linked to Giulia Neri as exhibits")
    assert refused(partner_links.edit_tenant_link, **edit, tenant_id=network["tenant"]) == (
        "tenant_id", "tenant_id is not a field of a tenant link")
    assert refused(partner_links.edit_tenant_link, **{**edit, "link_id": 999},
                   kind="other") == ("id", "This link no longer exists (it may have been "
                                           "deleted)")
    assert tenant_link_as_stored(made.id) == before
    write(partner_links.edit_tenant_link, **edit, ends_on=date(2024, 5, 1), notes="n" * 1000)
    assert tenant_link_as_stored(made.id)[2:4] == (date(2024, 5, 1), "n" * 1000)


def test_a_bad_edit_of_an_item_link_is_refused_word_for_word_and_the_link_kept(network):
    link = dict(actor=network["manager"], partner_id=network["artex"],
                item_id=programme_item(network))
    write(partner_links.link_item, **link, role="funder")
    made = write(partner_links.link_item, **link, role="co_organiser")
    edit = dict(actor=network["communication"], link_id=made.id, version=made.version)
    assert refused(partner_links.edit_item_link, **edit, role="host") == (
        "role", "role must be one of co_organiser, funder, venue, sponsor, media_partner")
    assert refused(partner_links.edit_item_link, **edit, role="funder") == (
        "role", "Artex is already funder of Wheel throwing")
    with reading() as session:
        stored = session.get(PartnerItemLink, made.id)
    assert (stored.role, stored.version) == ("co_organiser", made.version)


def test_deleting_a_missing_interaction_is_refused(network):
    assert refused(interactions.delete_interaction, actor=network["manager"],
                   interaction_id=999, version=None) == (
        "id", "This interaction no longer exists (it may have been deleted)")
