"""Partners: the hub's network — organisations by country and kind, contacts, interactions,
follow-ups, links to tenants and courses, a world view and a network graph."""
from datetime import date

import pandas as pd
import streamlit as st

from hub.partners import interactions, network
from hub.partners import figures as partner_figures
from hub.partners import links as partner_links
from hub.partners import organisations as partners
from ui.words import country_name, PARTNER_KINDS, PARTNER_REGIONS, PARTNER_STATUSES
from hub.partners.directory import (PartnerFilter, count_partners, filter_choices,
                                   partner_choices, partner_rows)
from hub.roles import sees_contacts
from ui.database import cached, reading
from ui.navigation import guard
from ui.overview.first_steps import hub_has
from ui.empty import nothing_yet
from ui.partners import charts
from ui.partners.detail import partner_detail
from ui.partners.export import export_buttons
from ui.partners.forms import follow_up_done_form, label, partner_form
from ui.partners.map import world_map
from ui import links
from ui.links import linked
from ui.widgets import kpi_row, show_flash

user = guard("partners")
editor = sees_contacts(user)          # manager and communication: contacts and forms
today = date.today()
SHOWN_ROWS = 500


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


def sortable_day(value: date | None) -> str:
    """2016-01-10, or blank: a missing date would show as "None" in the table."""
    return value.isoformat() if value else ""


@cached(ttl=120)
def load_directory(wanted: PartnerFilter) -> tuple[pd.DataFrame, list]:
    with reading() as session:
        rows = partner_rows(session, partner_filter=wanted, limit=SHOWN_ROWS)
        picks = partner_choices(session, partner_filter=wanted)
    return pd.DataFrame([{
        "Name": r.name, "Kind": label(r.kind), "Country": country_name(r.country),
        "City": r.city or "", "Region": r.region, "Status": r.status,
        "Since": sortable_day(r.since), "Tags": r.tags.replace(",", ", "),
        "Interactions": r.interactions, "Last interaction": sortable_day(r.last_interaction),
        "Open follow-ups": r.open_follow_ups, "Website": r.website or ""} for r in rows]), picks


@cached(ttl=120)
def load_partner(partner_id: int, role: str) -> dict | None:
    """One partner's detail; `role` keys the cache, so a viewer never gets an editor's copy."""
    with reading() as session:
        partner = partners.get_partner(session, partner_id)
        if partner is None:
            return None
        return {"partner": partner.model_dump(),
                "contacts": partners.contacts_of(session, actor=user, partner_id=partner_id),
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
    return (pd.DataFrame([{"region": r.region, "kind": label(r.kind), "partners": r.partners}
                          for r in region_kind]),
            pd.DataFrame([{"year": y.year, "kind": label(y.group), "partners": y.partners}
                          for y in years]),
            pd.DataFrame([{"month": m.month, "kind": label(m.kind),
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
    kinds = {"item": "programme item"}
    nodes = pd.DataFrame([{"label": n.label, "kind": kinds.get(n.kind, n.kind), "x": n.x,
                           "y": n.y, "links": n.links} for n in graph.nodes])
    edges = pd.DataFrame([{"x": e.x, "y": e.y, "x2": e.x2, "y2": e.y2, "kind": label(e.kind)}
                          for e in graph.edges])
    return nodes, edges, graph.partners_shown, graph.partners_linked


def filter_bar() -> PartnerFilter:
    choices = load_choices()
    any_ = "Any"
    cols = st.columns([1.2, 1, 1, 1, 1, 1.4])
    def link(name: str, options, what: str):  # ?kind=gallery_retailer; "any" is left out
        return links.one_of(name, [any_, *options], what=what, fallback=f"any {name}")
    kind = linked(cols[0].selectbox, "Kind", [any_, *PARTNER_KINDS], key="partners_kind",
                  format_func=lambda k: k if k == any_ else label(k),
                  link=link("kind", PARTNER_KINDS, "a kind of partner"))
    region = linked(cols[1].selectbox, "Region", [any_, *PARTNER_REGIONS], key="partners_region",
                    link=link("region", PARTNER_REGIONS, "a region"))
    country = linked(cols[2].selectbox, "Country", [any_, *choices["countries"]],
                     key="partners_country",
                     format_func=lambda c: c if c == any_ else country_name(c),
                     link=link("country", choices["countries"], "a partner's country"))
    status = linked(cols[3].selectbox, "Status", [any_, *PARTNER_STATUSES], key="partners_status",
                    link=link("status", PARTNER_STATUSES, "a partner status"))
    tag = linked(cols[4].selectbox, "Tag", [any_, *choices["tags"]], key="partners_tag",
                 link=link("tag", choices["tags"], "a partner's tag"))
    search = linked(cols[5].text_input, "Name or city", key="partners_search", max_chars=80,
                    link=links.text("q", max_chars=80))
    pick = {k: (None if v == any_ else v) for k, v in
            {"kind": kind, "region": region, "country": country, "status": status,
             "tag": tag}.items()}
    return PartnerFilter(**pick, search=search.strip() or None)


st.title("Partners")
st.caption("The hub's network: institutions, associations, buyers, galleries and schools — "
           "who they are, what we did together, and whom they work with.")
show_flash()
wanted = filter_bar()
shown, active, countries, due_count = load_kpis(wanted, today)
kpi_row([("Partners shown", f"{shown:,}", "Partners matching the filters."),
         ("Active partners", f"{active:,}", "Status active, whole network."),
         ("Countries reached", f"{countries}", "Countries with an active partner."),
         ("Follow-ups due", f"{due_count}", "Open follow-ups dated today or earlier.")])

names = ["Directory", "Figures", "World", "Network"]
if editor:
    names[1:1] = ["Follow-ups"]
    names.append("Add partner")
if not hub_has("partners"):
    nothing_yet("No partner yet: this screen will hold the hub's network — institutions, "
                "associations, buyers, galleries and schools, what you did together and whom "
                "they work with. "
                + ("Add the first on the Add partner tab"
                   + (", or import a spreadsheet of partners." if user.role == "manager" else ".")
                   if editor else "The manager and the communication team add partners."),
                user=user, key="admin", label="Admin › Import / export: import partners",
                tab="import")
tabs = dict(zip(names, st.tabs(names)))

with tabs["Directory"]:
    directory, picks = load_directory(wanted)
    if directory.empty:
        st.info("No partner matches these filters.")
    else:
        st.dataframe(directory, hide_index=True, width="stretch", column_config={
            "Website": st.column_config.LinkColumn()})
        if shown > SHOWN_ROWS:
            st.caption(f"Showing the first {SHOWN_ROWS} of {shown:,} by name; narrow the "
                       "filters or download the full list.")
    export_buttons(user, wanted, key="partners_export")
    st.caption("Exports hold the partners matching the filters"
               + (", with their contacts." if editor else " (without contact people)."))
    partner_detail(user, picks, load_partner)

if editor:
    with tabs["Follow-ups"]:
        due = load_due(today)
        st.header("Follow-ups due")
        st.caption("Open follow-ups up to two weeks ahead, the most overdue first.")
        if not due:
            st.success("No follow-up is due.")
        else:
            st.dataframe(pd.DataFrame([{
                "Due": f.follow_up_on, "Status": (f"{f.days_overdue} days overdue"
                                                  if f.days_overdue > 0 else
                                                  "due today" if f.days_overdue == 0 else
                                                  f"in {-f.days_overdue} days"),
                "Partner": f.partner, "Kind": label(f.kind), "Logged": f.day,
                "Summary": f.summary, "Owner": f.owner or ""} for f in due]),
                hide_index=True, width="stretch", column_config={
                    "Due": st.column_config.DateColumn(format="D MMM YYYY"),
                    "Logged": st.column_config.DateColumn(format="D MMM YYYY")})
            follow_up_done_form(user, due, key="partners_done")

region_kind, years, months, by_country = load_figures(wanted, today)
with tabs["Figures"]:
    if region_kind.empty:
        st.info("No partner matches these filters.")
    else:
        st.altair_chart(charts.by_region_and_kind(region_kind), width="stretch")
        st.caption(charts.region_summary(region_kind))
        left, right = st.columns(2)
        if not years.empty:
            left.altair_chart(charts.new_per_year(years), width="stretch")
        if not months.empty:
            right.altair_chart(charts.interactions_by_month(months), width="stretch")

with tabs["World"]:
    if by_country.empty:
        st.info("No partner matches these filters.")
    else:
        st.vega_lite_chart(load_map(by_country), width="stretch")
        st.caption("Malta, Hong Kong and Singapore are too small for this outline: see the "
                   "ranking below. Outline: Natural Earth 1:110m (public domain).")
        st.altair_chart(charts.country_ranking(by_country), width="stretch")

with tabs["Network"]:
    cap = st.select_slider("Partners in the graph", [20, 40, 60, 80], value=40,
                           key="partners_graph_cap")
    nodes, edges, in_graph, linked = load_network(wanted, cap)
    if nodes.empty:
        st.info("No partner under these filters is linked to a tenant or a programme item.")
    else:
        note = (f"Showing the {in_graph} most-linked of {linked:,} linked partners; narrow the "
                "filters above to see others." if in_graph < linked else
                f"All {linked} linked partners are shown.")
        st.caption(note)
        st.altair_chart(charts.network_graph(nodes, edges), width="stretch")

if editor:
    with tabs["Add partner"]:
        partner_form(user, key="partners_add")
