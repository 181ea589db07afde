"""Partners: the hub's network — organisations by country and kind, contacts, interactions,
follow-ups, links to tenants and courses, a world view and a network graph."""
from datetime import date

import streamlit as st

from hub.i18n import N_, _, ngettext
from ui.format import country_namer, labeller, number, table_date_format
from ui.format import PARTNER_KINDS, PARTNER_REGIONS, PARTNER_STATUSES
from hub.partners.directory import (PartnerFilter)
from hub.roles import imports_data, sees_contacts
from ui.navigation import guard
from ui.overview.first_steps import hub_has
from ui.empty import nothing_yet
from ui.partners import charts
from ui.partners.detail import partner_detail
from ui.partners.export import export_buttons
from ui.partners.forms import follow_up_done_form, partner_form
from ui import url_params
from ui.url_params import linked
from ui.widgets import kpi_row, show_flash
from ui.partners.data import (follow_up_table, SHOWN_ROWS, load_choices, load_directory, load_due, load_figures,
                              load_kpis, load_map, load_network, load_partner)

user = guard("partners")
editor = sees_contacts(user)          # manager and communication: contacts and forms
today = date.today()


def filter_bar() -> PartnerFilter:
    choices = load_choices()
    any_ = "Any"        # the option's value (in the URL: left out); shown as _("Any")
    any_name = _("Any")
    cols = st.columns([1.2, 1, 1, 1, 1, 1.4])
    def link(name: str, options, what: str, fallback: str):  # ?kind=gallery_retailer
        return url_params.one_of(name, [any_, *options], what=what, fallback=fallback)
    def any_or(name_of):  # names looked up in this run (see hub.words.labeller)
        return lambda value: any_name if value == any_ else name_of(value)
    kind = linked(cols[0].selectbox, _("Kind"), [any_, *PARTNER_KINDS], key="partners_kind",
                  format_func=any_or(labeller("partner kind")),
                  link=link("kind", PARTNER_KINDS, _("a kind of partner"), _("any kind")))
    region = linked(cols[1].selectbox, _("Region"), [any_, *PARTNER_REGIONS],
                    key="partners_region", format_func=any_or(labeller("region")),
                    link=link("region", PARTNER_REGIONS, _("a region"), _("any region")))
    country = linked(cols[2].selectbox, _("Country"), [any_, *choices["countries"]],
                     key="partners_country", format_func=any_or(country_namer()),
                     link=link("country", choices["countries"], _("a partner's country"),
                               _("any country")))
    status = linked(cols[3].selectbox, _("Status"), [any_, *PARTNER_STATUSES],
                    key="partners_status", format_func=any_or(labeller("partner status")),
                    link=link("status", PARTNER_STATUSES, _("a partner status"),
                              _("any status")))
    tag = linked(cols[4].selectbox, _("Tag"), [any_, *choices["tags"]], key="partners_tag",
                 format_func=any_or(str),
                 link=link("tag", choices["tags"], _("a partner's tag"), _("any tag")))
    search = linked(cols[5].text_input, _("Name or city"), key="partners_search", max_chars=80,
                    link=url_params.text("q", max_chars=80))
    pick = {k: (None if v == any_ else v) for k, v in
            {"kind": kind, "region": region, "country": country, "status": status,
             "tag": tag}.items()}
    return PartnerFilter(**pick, search=search.strip() or None)


TABS = {"directory": N_("Directory"), "follow_ups": N_("Follow-ups"), "figures": N_("Figures"),
        "world": N_("World"), "network": N_("Network"), "add": N_("Add partner")}


st.title(_("Partners"))
st.caption(_("The hub's network: institutions, associations, buyers, galleries and schools — "
             "who they are, what we did together, and whom they work with."))
show_flash()
wanted = filter_bar()
shown, active, countries, due_count = load_kpis(wanted, today)
kpi_row([(_("Partners shown"), number(shown), _("Partners matching the filters.")),
         (_("Active partners"), number(active), _("Status active, whole network.")),
         (_("Countries reached"), number(countries), _("Countries with an active partner.")),
         (_("Follow-ups due"), number(due_count), _("Open follow-ups dated today or earlier."))])

names = ["directory", "figures", "world", "network"]
if editor:
    names[1:1] = ["follow_ups"]
    names.append("add")
if not hub_has("partners"):
    if not editor:
        start = _("The manager and the communication team add partners.")
    elif imports_data(user):
        start = _("Add the first on the Add partner tab, or import a spreadsheet of partners.")
    else:
        start = _("Add the first on the Add partner tab.")
    nothing_yet(_("No partner yet: this screen will hold the hub's network — institutions, "
                  "associations, buyers, galleries and schools, what you did together and whom "
                  "they work with. {start}").format(start=start),
                user=user, key="admin", label=_("Admin › Import / export: import partners"),
                tab="import")
tabs = dict(zip(names, st.tabs([_(TABS[name]) for name in names])))

with tabs["directory"]:
    directory, picks = load_directory(wanted)
    if directory.empty:
        st.info(_("No partner matches these filters."))
    else:
        st.dataframe(directory, hide_index=True, width="stretch", column_config={
            _("Website"): st.column_config.LinkColumn()})
        if shown > SHOWN_ROWS:
            st.caption(_("Showing the first {shown} of {total} by name; narrow the filters or "
                         "download the full list.").format(shown=number(SHOWN_ROWS),
                                                           total=number(shown)))
    export_buttons(user, wanted, key="partners_export")
    st.caption(_("Exports hold the partners matching the filters, with their contacts.")
               if editor else
               _("Exports hold the partners matching the filters (without contact people)."))
    partner_detail(user, picks, load_partner)

if editor:
    with tabs["follow_ups"]:
        due = load_due(today)
        st.header(_("Follow-ups due"))
        st.caption(_("Open follow-ups up to two weeks ahead, the most overdue first."))
        if not due:
            st.success(_("No follow-up is due."))
        else:
            st.dataframe(
                follow_up_table(due), hide_index=True, width="stretch", column_config={
                    _("Due"): st.column_config.DateColumn(format=table_date_format()),
                    _("Logged"): st.column_config.DateColumn(format=table_date_format())})
            follow_up_done_form(user, due, key="partners_done")

region_kind, years, months, by_country = load_figures(wanted, today)
with tabs["figures"]:
    if region_kind.empty:
        st.info(_("No partner matches these filters."))
    else:
        st.altair_chart(charts.by_region_and_kind(region_kind), width="stretch")
        st.caption(charts.region_summary(region_kind))
        left, right = st.columns(2)
        if not years.empty:
            left.altair_chart(charts.new_per_year(years), width="stretch")
        if not months.empty:
            right.altair_chart(charts.interactions_by_month(months), width="stretch")

with tabs["world"]:
    if by_country.empty:
        st.info(_("No partner matches these filters."))
    else:
        st.vega_lite_chart(load_map(by_country), width="stretch")
        st.caption(_("Malta, Hong Kong and Singapore are too small for this outline: see the "
                     "ranking below. Outline: Natural Earth 1:110m (public domain)."))
        st.altair_chart(charts.country_ranking(by_country), width="stretch")

with tabs["network"]:
    cap = st.select_slider(_("Partners in the graph"), [20, 40, 60, 80], value=40,
                           key="partners_graph_cap")
    nodes, edges, in_graph, linked = load_network(wanted, cap)
    if nodes.empty:
        st.info(_("No partner under these filters is linked to a tenant or a programme item."))
    else:
        note = (_("Showing the {shown} most-linked of {linked} linked partners; narrow the "
                  "filters above to see others.").format(shown=number(in_graph),
                                                        linked=number(linked))
                if in_graph < linked else
                ngettext("The one linked partner is shown.", "All {n} linked partners are shown.",
                         linked).format(n=number(linked)))
        st.caption(note)
        st.altair_chart(charts.network_graph(nodes, edges), width="stretch")

if editor:
    with tabs["add"]:
        partner_form(user, key="partners_add")
