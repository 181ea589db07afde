"""Cached reads of the Partners screen: the network, a partner's record and the figures from hub/."""
from __future__ import annotations

from datetime import date

import pandas as pd

from hub.i18n import _, ngettext
from hub.partners import figures as partner_figures
from hub.partners import interactions, network
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.partners.directory import (PartnerFilter, count_partners, filter_choices, partner_choices,
                                    partner_rows)
from ui.database import cached, reading
from ui.format import label, number
from ui.partners import charts
from ui.partners.map import world_map
from ui.format import country_name

SHOWN_ROWS = 500


def sortable_day(value: date | None) -> str:
    """2016-01-10, or blank: a missing date would show as "None" in the table."""
    return value.isoformat() if value else ""


@cached(ttl=300)
def load_choices() -> dict:
    with reading() as session:
        return filter_choices(session)


@cached(ttl=120)
def load_kpis(wanted: PartnerFilter, on: date) -> tuple:
    with reading() as session:
        return (count_partners(session, partner_filter=wanted),
                partner_figures.active_partners(session),
                partner_figures.countries_reached(session),
                partner_figures.follow_ups_due(session, today=on))


@cached(ttl=120)
def load_directory(wanted: PartnerFilter) -> tuple[pd.DataFrame, list]:
    with reading() as session:
        rows = partner_rows(session, partner_filter=wanted, limit=SHOWN_ROWS)
        picks = partner_choices(session, partner_filter=wanted)
    return pd.DataFrame([{
        _("Name"): r.name, _("Kind"): label("partner kind", r.kind),
        _("Country"): country_name(r.country), _("City"): r.city or "",
        _("Region"): label("region", r.region), _("Status"): label("partner status", r.status),
        _("Since"): sortable_day(r.since), _("Tags"): r.tags.replace(",", ", "),
        _("Interactions"): r.interactions,
        _("Last interaction"): sortable_day(r.last_interaction),
        _("Open follow-ups"): r.open_follow_ups, _("Website"): r.website or ""}
        for r in rows]), picks


@cached(ttl=120)
def load_partner(partner_id: int, role: str, _actor) -> dict | None:
    """One partner's detail; `role` keys the cache, so a viewer never gets an editor's copy."""
    with reading() as session:
        partner = organisations.get_partner(session, partner_id)
        if partner is None:
            return None
        return {"partner": partner.model_dump(),
                "contacts": organisations.contacts_of(session, actor=_actor, partner_id=partner_id),
                "log": interactions.interactions_of(session, partner_id=partner_id),
                "links": partner_links.links_of(session, partner_id=partner_id)}


@cached(ttl=120)
def load_due(on: date) -> list:
    with reading() as session:
        return interactions.follow_ups_due(session, today=on)


@cached(ttl=300)
def load_figures(wanted: PartnerFilter, on: date) -> tuple[pd.DataFrame, ...]:
    with reading() as session:
        region_kind = partner_figures.partners_by_region_kind(session, partner_filter=wanted)
        years = partner_figures.new_partners_per_year(session, partner_filter=wanted)
        months = partner_figures.interactions_per_month(session, today=on, months=36,
                                                        partner_filter=wanted)
        countries = partner_figures.partners_by_country(session, partner_filter=wanted)
    return (pd.DataFrame([{"region": label("region", r.region),
                           "kind": label("partner kind", r.kind), "partners": r.partners}
                          for r in region_kind]),
            pd.DataFrame([{"year": y.year, "kind": label("partner kind", y.group),
                           "partners": y.partners} for y in years]),
            pd.DataFrame([{"month": m.month, "kind": label("interaction kind", m.kind),
                           "interactions": m.interactions} for m in months]),
            pd.DataFrame([{"country": c.country, "name": country_name(c.country),
                           "partners": c.partners, "active": c.active} for c in countries]))


@cached(ttl=300)
def load_map(countries: pd.DataFrame) -> dict:
    return world_map(countries)


@cached(ttl=300)
def load_network(wanted: PartnerFilter, cap: int):
    with reading() as session:
        graph = network.partner_network(session, partner_filter=wanted, max_partners=cap)
    nodes = pd.DataFrame([{"label": n.label, "kind": charts.node_kind(n.kind), "x": n.x,
                           "y": n.y, "links": n.links} for n in graph.nodes])
    # An edge runs from its partner to a tenant ("t…": a tenant link) or an item (a role).
    edges = pd.DataFrame([{"x": e.x, "y": e.y, "x2": e.x2, "y2": e.y2, "kind": label(
        "tenant link" if e.target.startswith("t") else "programme role", e.kind)}
                          for e in graph.edges])
    return nodes, edges, graph.partners_shown, graph.partners_linked


# --- the tables the screen shows --------------------------------------------------------------

def follow_up_status(days_overdue: int) -> str:
    if days_overdue > 0:
        return ngettext("{n} day overdue", "{n} days overdue", days_overdue).format(
            n=number(days_overdue))
    if days_overdue == 0:
        return _("due today")
    return ngettext("in {n} day", "in {n} days", -days_overdue).format(n=number(-days_overdue))


def follow_up_table(due) -> pd.DataFrame:
    """The follow-ups due, the most overdue first, as the Follow-ups tab lists them."""
    return pd.DataFrame([{
        _("Due"): f.follow_up_on, _("Status"): follow_up_status(f.days_overdue),
        _("Partner"): f.partner, _("Kind"): label("interaction kind", f.kind),
        _("Logged"): f.day, _("Summary"): f.summary, _("Owner"): f.owner or ""} for f in due])
