"""The network graph (hub/partners/network.py): capped to the most-linked partners, filterable, and
laid out deterministically in three columns."""
from datetime import date

import pytest

from db.engine import writing
from db.models import Site, Tenant
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.partners.directory import PartnerFilter
from hub.partners.network import layout, partner_network
from tests.worlds import read, write


@pytest.fixture
def linked(db_url, make_user):
    """Six partners; partner n is linked to the first n of six tenants (partner 0 to none)."""
    manager = make_user("boss", "manager")
    with writing() as session, session.begin():
        site = Site(code="T", name="Test Hub", city="Florence", total_area_m2=500)
        session.add(site)
        session.flush()
        people = [Tenant(site_id=site.id, name=f"Tenant {n}", sector="wood", origin_country="IT",
                         joined_on=date(2020, 1, 1)) for n in range(6)]
        session.add_all(people)
        session.flush()
        tenant_ids = [tenant.id for tenant in people]
    ids = []
    for n in range(6):
        partner = write(organisations.add_partner, actor=manager, name=f"Partner {n}",
                        kind="b2b_buyer" if n % 2 else "school_academy",
                        country="US" if n % 2 else "IT", city="Prato")
        ids.append(partner.id)
        for tenant_id in tenant_ids[:n]:
            write(partner_links.link_tenant, actor=manager, partner_id=partner.id,
                  tenant_id=tenant_id, kind="other")
    return ids


def test_the_graph_keeps_the_most_linked_partners_and_says_it_is_capped(linked):
    graph = read(partner_network, max_partners=3)
    shown = [n.label for n in graph.nodes if n.kind == "partner"]
    assert sorted(shown) == ["Partner 3", "Partner 4", "Partner 5"]
    assert graph.partners_shown == 3 and graph.partners_linked == 5 and graph.capped
    assert len(graph.edges) == 3 + 4 + 5
    assert {n.label for n in graph.nodes if n.kind == "tenant"} == {
        f"Tenant {n}" for n in range(5)}


def test_the_graph_follows_the_filters(linked):
    graph = read(partner_network, partner_filter=PartnerFilter(kind="b2b_buyer"))
    assert sorted(n.label for n in graph.nodes if n.kind == "partner") == [
        "Partner 1", "Partner 3", "Partner 5"]
    assert not graph.capped
    empty = read(partner_network, partner_filter=PartnerFilter(region="China"))
    assert empty.nodes == [] and empty.partners_linked == 0


def test_layout_is_deterministic_in_three_columns_and_within_bounds(linked):
    first, again = read(partner_network), read(partner_network)
    assert first.nodes == again.nodes and first.edges == again.edges
    columns = {n.kind: n.x for n in first.nodes}
    assert columns == {"tenant": 0.0, "partner": 1.0}
    assert all(0 < n.y < 1 for n in first.nodes)
    tenant_ys = [n.y for n in first.nodes if n.kind == "tenant"]
    assert len(set(tenant_ys)) == len(tenant_ys), "no two nodes of a column overlap"


def test_layout_orders_a_column_by_its_neighbours():
    labels = {"p1": "A", "p2": "B", "t1": "Z", "t2": "Y"}
    # t1 belongs with p1, t2 with p2: after the sweeps each sits level with its partner
    positions = layout(labels, [("p1", "t1"), ("p2", "t2")])
    assert positions["p1"][1] < positions["p2"][1]
    assert positions["t1"][1] < positions["t2"][1]
