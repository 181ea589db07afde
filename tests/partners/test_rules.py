"""Partner rules (hub/partners/: organisations, interactions, links, directory) and
figures (hub/partners/figures.py) on a small hand-built network."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, Contact, Interaction, Partner, PartnerTenantLink
from hub.errors import Forbidden, Invalid, Stale
from hub.partners import interactions
from hub.partners import figures as partner_figures
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.partners.directory import export_rows, partner_rows, PartnerFilter
from tests.worlds import log, new_partner, read, version_of, write

TODAY = date.today()


# --- region ---------------------------------------------------------------------------------

@pytest.mark.parametrize("country, city, region", [
    ("IT", "Firenze", "Tuscany"), ("IT", "florence", "Tuscany"), ("it", " PRATO ", "Tuscany"),
    ("IT", "Massa-Carrara", "Tuscany"), ("IT", "Colle di Val d’Elsa", "Tuscany"),
    ("IT", "Provincia di Siena", "Tuscany"), ("IT", "Milano", "rest of Italy"),
    ("IT", None, "rest of Italy"), ("FR", "Paris", "rest of Europe"), ("CN", "Jingdezhen", "China"),
    ("US", "New York", "USA"), ("JP", "Kyoto", "rest of world"), ("GB", "Florence", "rest of Europe"),
])
def test_region_is_derived_from_country_and_city(country, city, region):
    assert organisations.region_of(country, city) == region


def test_region_is_stored_and_follows_an_edit(network):
    assert read(organisations.get_partner, partner_id=network["artex"]).region == "Tuscany"
    write(organisations.edit_partner, actor=network["communication"], partner_id=network["artex"],
          version=version_of(network["artex"]), city="Bologna")
    assert read(organisations.get_partner, partner_id=network["artex"]).region == "rest of Italy"


# --- validation -----------------------------------------------------------------------------

@pytest.mark.parametrize("values, field", [
    ({"name": "  "}, "name"), ({"kind": "friend"}, "kind"), ({"country": "XX"}, "country"),
    ({"website": "not a web address"}, "website"), ({"website": "javascript:alert(1)"}, "website"),
    ({"website": "ftp://files.example.org"}, "website"), ({"status": "lost"}, "status"),
    ({"since": TODAY + timedelta(days=3)}, "since"), ({"tags": "ok, <script>"}, "tags"),
])
def test_bad_partner_input_names_the_field_and_writes_nothing(network, values, field):
    good = {"name": "Museo Novecento", "kind": "institution", "city": "Firenze"}
    with pytest.raises(Invalid) as refused:
        new_partner(network, **{**good, **values})
    assert refused.value.field == field
    assert len(read(partner_rows)) == 2


def test_website_without_scheme_gets_https_and_tags_are_normalised(network):
    partner = new_partner(network, name="CNA Firenze", kind="trade_association", city="Firenze",
                  website="www.cnafirenze.it", tags="Crafts, crafts ,export")
    assert partner.website == "https://www.cnafirenze.it"
    assert partner.tags == "crafts,export"


def test_bad_contact_email_and_phone_refused_with_the_field_named(network):
    for values, field in (({"email": "li.wei@"}, "email"), ({"phone": "call me"}, "phone"),
                          ({"name": ""}, "name")):
        with pytest.raises(Invalid) as refused:
            write(organisations.add_contact, actor=network["manager"], partner_id=network["buyer"],
                  **{"name": "Li Wei", **values})
        assert refused.value.field == field
    with reading() as session:
        assert session.exec(select(Contact)).all() == []


def test_duplicate_names_are_found_ignoring_case_and_spacing(network):
    found = read(organisations.duplicate_partners, name="  ARTEX ")
    assert [p.id for p in found] == [network["artex"]]
    assert read(organisations.duplicate_partners, name="Artex", other_than=network["artex"]) == []


# --- roles ----------------------------------------------------------------------------------

def test_communication_edits_partners_and_logs_interactions_but_cannot_delete(network):
    write(organisations.edit_partner, actor=network["communication"], partner_id=network["buyer"],
          version=version_of(network["buyer"]), status="dormant")
    log(network, role="communication")
    with pytest.raises(Forbidden):
        write(organisations.delete_partner, actor=network["communication"],
              partner_id=network["buyer"], version=version_of(network["buyer"]))
    assert read(organisations.get_partner, partner_id=network["buyer"]).status == "dormant"


@pytest.mark.parametrize("action, arguments", [
    (organisations.add_partner, {"name": "X", "kind": "media", "country": "IT"}),
    (organisations.add_contact, {"partner_id": 0, "name": "Li"}),
    (interactions.log_interaction, {"partner_id": 0, "day": TODAY, "kind": "call",
                                    "summary": "x"}),
    (partner_links.link_tenant, {"partner_id": 0, "tenant_id": 0, "kind": "other"}),
    (interactions.delete_interaction, {"interaction_id": 0, "version": None}),
    (partner_links.edit_tenant_link, {"link_id": 0, "version": None, "kind": "other"}),
    (partner_links.edit_item_link, {"link_id": 0, "version": None, "role": "funder"}),
])
def test_a_viewer_writes_nothing(network, action, arguments):
    with pytest.raises(Forbidden):
        write(action, actor=network["viewer"], **arguments)


def test_stale_edit_is_refused_and_the_first_edit_kept(network):
    seen = version_of(network["artex"])
    write(organisations.edit_partner, actor=network["manager"], partner_id=network["artex"],
          version=seen, notes="first")
    with pytest.raises(Stale, match="^Partner Artex was changed by Boss \\(boss\\) on "):
        write(organisations.edit_partner, actor=network["communication"],
              partner_id=network["artex"], version=seen, notes="second")
    assert read(organisations.get_partner, partner_id=network["artex"]).notes == "first"


def test_a_partner_cannot_go_back_to_prospect(network):
    with pytest.raises(Invalid, match="cannot become a prospect again"):
        write(organisations.edit_partner, actor=network["manager"], partner_id=network["artex"],
              version=version_of(network["artex"]), status="prospect")


# --- deleting -------------------------------------------------------------------------------

def test_deleting_a_partner_keeps_it_and_its_interactions_in_the_audit_log(network):
    log(network, summary="Signed the MoU for INNOCRAFTS", kind="mou_signed")
    write(organisations.add_contact, actor=network["manager"], partner_id=network["artex"],
          name="Anna Conti", email="anna@example.org")
    write(partner_links.link_tenant, actor=network["manager"], partner_id=network["artex"],
          tenant_id=network["tenant"], kind="mentors")
    write(organisations.delete_partner, actor=network["manager"], partner_id=network["artex"],
          version=version_of(network["artex"]))
    with reading() as session:
        assert session.get(Partner, network["artex"]) is None
        assert session.exec(select(Interaction)).all() == []
        assert session.exec(select(PartnerTenantLink)).all() == []
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "delete",
                                                      AuditEntry.entity == "partners")).one()
    kept = entry.changes
    assert kept["partner"]["name"] == "Artex"
    assert [i["summary"] for i in kept["interactions"]] == ["Signed the MoU for INNOCRAFTS"]
    assert kept["contacts"][0]["email"] == "anna@example.org"
    assert kept["tenant_links"][0]["kind"] == "mentors"


# --- interactions and follow-ups ------------------------------------------------------------

def test_follow_ups_due_list_the_most_overdue_first(network):
    log(network, partner="buyer", follow_up_on=TODAY + timedelta(days=5), summary="soon")
    log(network, partner="artex", follow_up_on=TODAY - timedelta(days=2), summary="late")
    log(network, partner="buyer", follow_up_on=TODAY - timedelta(days=9), summary="later")
    log(network, partner="artex", follow_up_on=TODAY + timedelta(days=40), summary="far")
    log(network, partner="artex", summary="no follow-up")
    due = read(interactions.follow_ups_due, today=TODAY)
    assert [f.summary for f in due] == ["later", "late", "soon"]
    assert [f.days_overdue for f in due] == [9, 2, -5]
    assert read(partner_figures.follow_ups_due, today=TODAY) == 2


def test_marking_a_follow_up_done_takes_it_off_the_list_once(network):
    logged = log(network, follow_up_on=TODAY - timedelta(days=1))
    write(interactions.mark_follow_up_done, actor=network["communication"],
          interaction_id=logged.id, version=logged.version)
    assert read(interactions.follow_ups_due, today=TODAY) == []
    with pytest.raises(Stale):
        write(interactions.mark_follow_up_done, actor=network["manager"],
              interaction_id=logged.id, version=logged.version)
    fresh = read(interactions.interactions_of, partner_id=network["artex"])[0]
    with pytest.raises(Invalid, match="already marked done by carla"):
        write(interactions.mark_follow_up_done, actor=network["manager"],
              interaction_id=logged.id, version=fresh.version)


@pytest.mark.parametrize("values, field", [
    ({"day": TODAY + timedelta(days=1)}, "day"), ({"kind": "party"}, "kind"),
    ({"summary": " "}, "summary"), ({"follow_up_on": TODAY - timedelta(days=30)}, "follow-up"),
])
def test_bad_interaction_refused_with_the_field_named(network, values, field):
    with pytest.raises(Invalid) as refused:
        log(network, **values)
    assert refused.value.field == field
    with reading() as session:
        assert session.exec(select(Interaction)).all() == []


def test_logging_records_the_owner_and_an_audit_entry(network):
    logged = log(network, role="communication")
    assert logged.owner_id == network["communication"].id
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "interactions")).one()
    assert entry.username == "carla" and entry.action == "create"


# --- links ----------------------------------------------------------------------------------

def test_a_tenant_link_is_not_made_twice_and_its_dates_are_checked(network):
    link = dict(actor=network["manager"], partner_id=network["buyer"],
                tenant_id=network["tenant"], kind="sells_work")
    write(partner_links.link_tenant, **link)
    with pytest.raises(Invalid, match="already linked to Giulia Neri as sells work"):
        write(partner_links.link_tenant, **link)
    with pytest.raises(Invalid) as refused:
        write(partner_links.link_tenant, **{**link, "kind": "exhibits"},
              starts_on=date(2024, 5, 1), ends_on=date(2024, 4, 1))
    assert refused.value.field == "until"
    assert [l.other for l in read(partner_links.links_of, partner_id=network["buyer"])] == [
        "Giulia Neri"]


def test_linking_to_a_missing_programme_item_is_refused(network):
    with pytest.raises(Invalid) as refused:
        write(partner_links.link_item, actor=network["manager"], partner_id=network["artex"],
              item_id=999, role="funder")
    assert refused.value.field == "programme item"


# --- directory, export and figures ----------------------------------------------------------

def test_filters_select_by_kind_region_status_tag_and_search(network):
    new_partner(network, name="Galleria Nord", kind="gallery_retailer", city="Milano", tags="export")
    def names(**wanted):
        return [r.name for r in read(partner_rows, partner_filter=PartnerFilter(**wanted))]
    assert names(region="Tuscany") == ["Artex"]
    assert names(kind="b2b_buyer") == ["Lantern Trading"]
    assert names(status="prospect") == ["Galleria Nord"]
    assert names(tag="tuscany") == ["Artex"]
    assert names(tag="tusc") == []
    assert names(search="shang") == ["Lantern Trading"]
    assert names(country="IT") == ["Artex", "Galleria Nord"]


def test_export_gives_contacts_to_editors_and_never_to_a_viewer(network):
    write(organisations.add_contact, actor=network["manager"], partner_id=network["buyer"],
          name="Li Wei", role="Buyer", email="li.wei@example.com", phone="+86 21 5555 0101")
    for role in ("manager", "communication"):
        rows = read(export_rows, actor=network[role])
        buyer = next(r for r in rows if r["name"] == "Lantern Trading")
        assert buyer["contacts"] == "Li Wei (Buyer) <li.wei@example.com> +86 21 5555 0101"
    rows = read(export_rows, actor=network["viewer"])
    assert rows and all("contacts" not in row for row in rows)
    assert "li.wei" not in repr(rows) and "Li Wei" not in repr(rows)
    assert read(organisations.contacts_of, actor=network["viewer"], partner_id=network["buyer"]) == []


def test_figures_count_in_sql(network):
    new_partner(network, name="Kyoto Craft Shop", kind="gallery_retailer", country="JP", city="Kyoto",
        since=date(2019, 6, 1), status="active")
    log(network, partner="buyer", day=TODAY.replace(day=1), kind="call")
    log(network, partner="artex", day=TODAY.replace(day=1), kind="call")
    assert read(partner_figures.active_partners) == 3
    assert read(partner_figures.countries_reached) == 3
    by_region = dict(read(partner_figures.partners_by_region))
    assert by_region == {"Tuscany": 1, "China": 1, "rest of world": 1}
    years = {(y.year, y.group): y.partners for y in read(partner_figures.new_partners_per_year)}
    assert years == {(2016, "trade_association"): 1, (2019, "b2b_buyer"): 1,
                     (2019, "gallery_retailer"): 1}
    months = read(partner_figures.interactions_per_month, today=TODAY, months=3)
    assert [(m.month, m.kind, m.interactions) for m in months] == [
        (TODAY.replace(day=1), "call", 2)]
    countries = read(partner_figures.partners_by_country)
    assert {(c.country, c.partners, c.active) for c in countries} == {
        ("IT", 1, 1), ("CN", 1, 1), ("JP", 1, 1)}
    per_year = read(partner_figures.partners_by_region_per_year)
    assert {(y.year, y.group) for y in per_year} == {(2016, "Tuscany"), (2019, "China"),
                                                     (2019, "rest of world")}


def test_interactions_per_month_counts_whole_calendar_months_back_from_any_day(network):
    """Twelve months from 15 March 2026 are April 2025 to March 2026, whatever each lasts."""
    for day in (date(2025, 3, 31), date(2025, 4, 1), date(2026, 3, 15)):
        log(network, day=day, kind="call")
    months = read(partner_figures.interactions_per_month, today=date(2026, 3, 15), months=12)
    assert sorted((m.month, m.interactions) for m in months) == [
        (date(2025, 4, 1), 1), (date(2026, 3, 1), 1)]
    thirteen = read(partner_figures.interactions_per_month, today=date(2026, 3, 15), months=13)
    assert sorted(m.month for m in thirteen) == [date(2025, 3, 1), date(2025, 4, 1),
                                                 date(2026, 3, 1)]
