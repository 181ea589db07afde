"""Tenants: who works here — the directory, profiles, public listings and indicators."""
import json
from datetime import date

import pandas as pd
import streamlit as st

from hub.i18n import N_, _, ngettext
from hub.roles import keeps_tenants, sees_contacts, sees_rents
from hub.tenants import directory
from ui.format import as_text, day_text, label, number, table_date_format
from ui.billing.summary import account_box, still_owed
from ui.empty import nothing_yet, require_site
from ui.navigation import guard
from ui.overview.first_steps import hub_has
from ui.tenants import charts as tenant_charts
from ui.format import country_name, RESIDENCIES
from ui.tenants.forms import (add_tenant_form, edit_tenant_form, listing_editor, listing_preview,
                             load_for_editing, notes_form)
from ui import url_params
from ui.url_params import linked
from ui.widgets import (LISTING_FEEDS, choice_box, csv_download, feed_addresses, kpi_row, labels_of,
                        site_choices, site_picker, xlsx_download)
from ui.tenants.data import (chase_table, directory_table, indicator_frames, listing_file,
                             load_choices, load_current_tenants, load_directory, load_figures,
                             load_profile, load_published, load_to_chase, on_screen,
                             public_listing_table, stay_table)

user = guard("tenants")
staff = sees_contacts(user)
manages_tenants = keeps_tenants(user)
rents_shown = sees_rents(user)
today = date.today()
FILTER = "tenants_filter"
STATUS_NAMES = {"current": N_("Current tenants"), "former": N_("Former tenants"), "all": N_("All")}
SORT_NAMES = {"name": N_("Name"), "business": N_("Business"), "sector": N_("Sector"),
              "country": N_("Country"), "since": N_("Newest first")}
TARGET_GROUP_NAMES = {"young_entrepreneur": N_("young entrepreneur"), "female_led": N_("female-led"),
                      "startup": N_("start-up")}


def directory_filter(site_id) -> directory.DirectoryFilter:
    sectors, countries = load_choices()
    residencies = {None: _("Resident and visiting"),
                   **{code: label("residency", code).capitalize() for code in RESIDENCIES}}
    top = st.columns([3, 2, 2, 2])
    search = linked(top[0].text_input, _("Search"), placeholder=_("Name, business or sector"),
                    key=f"{FILTER}_search", link=url_params.text("q"))
    status = linked(top[1].selectbox, _("Status"), directory.STATUSES, key=f"{FILTER}_status",
                    format_func=labels_of({code: _(name) for code, name in STATUS_NAMES.items()}),
                    link=url_params.one_of("status", directory.STATUSES,
                                      what=_("current, former or all"),
                                      fallback=_("current tenants")))
    residency = linked(top[2].selectbox, _("Residency"), [None, *RESIDENCIES],
                       key=f"{FILTER}_residency",
                       format_func=labels_of(residencies),
                       link=url_params.one_of("residency", [None, *RESIDENCIES],
                                         what=_("resident or visiting"),
                                         fallback=_("resident and visiting")))
    sort = linked(top[3].selectbox, _("Sort by"), list(directory.SORTS), key=f"{FILTER}_sort",
                  format_func=labels_of({code: _(name) for code, name in SORT_NAMES.items()}),
                  link=url_params.one_of("sort", list(directory.SORTS), what=_("a sort order"),
                                    fallback=_("by name")))
    more = st.columns(3 if staff else 2)
    chosen_sectors = linked(more[0].multiselect, _("Sector"), sectors, key=f"{FILTER}_sectors",
                            format_func=labels_of({code: label("sector", code) for code in sectors}),
                            link=url_params.some_of("sector", sectors, what=_("a tenant's sector"),
                                               fallback=_("every sector")))
    chosen_countries = linked(more[1].multiselect, _("Origin country"), countries,
                              format_func=labels_of({code: country_name(code) for code in countries}),
                              key=f"{FILTER}_countries",
                              link=url_params.some_of("country", countries,
                                                 what=_("a tenant's origin country"),
                                                 fallback=_("every country")))
    groups = linked(more[2].multiselect, _("Target groups"), list(directory.TARGET_GROUPS),
                    key=f"{FILTER}_groups",
                    format_func=labels_of({group: _(group) for group in directory.TARGET_GROUPS}),
                    link=url_params.some_of("group", list(directory.TARGET_GROUPS),
                                       what=_("a target group"),
                                       fallback=_("every target group"))) if staff else []
    return directory.DirectoryFilter(search=search, site_id=site_id, sectors=tuple(chosen_sectors),
                                     countries=tuple(chosen_countries), residency=residency,
                                     status=status, target_groups=tuple(groups), sort=sort)


def directory_tab(site, frame: pd.DataFrame) -> None:
    if frame.empty and not hub_has("tenants"):
        nothing_yet(_("No tenant yet: the directory will list the artisans and businesses of "
                      "the hub, with their spaces, public listings and figures. Add the first "
                      "one below, or import a spreadsheet of tenants.") if manages_tenants else
                    _("No tenant yet: the directory will list the artisans and businesses of "
                      "the hub, with their spaces, public listings and figures. Add the first "
                      "one — the manager adds tenants."),
                    user=user, key="admin", label=_("Admin › Import / export: import tenants"),
                    tab="import")
    else:
        shown = directory_table(frame, all_sites=site.id is None)
        st.caption(ngettext("{count} tenant match", "{count} tenants match", len(frame)).format(
            count=number(len(frame))))
        dates = st.column_config.DateColumn(format=table_date_format())
        st.dataframe(on_screen(shown), hide_index=True, width="stretch",
                     height=560 if len(frame) > 12 else "auto",
                     column_config={_("Since"): dates, _("Left"): dates})
        buttons = st.columns([1, 1, 4])
        with buttons[0]:
            csv_download(_("Directory (CSV)"), shown, "tenants.csv", key="tenants_export_csv")
        with buttons[1]:
            xlsx_download(_("Directory (XLSX)"), shown, "tenants.xlsx", key="tenants_export_xlsx")
    if manages_tenants:
        with st.expander(_("Add a tenant"), icon=":material/person_add:", key="tenants_add_expander"):
            sites = {choice.id: choice.name for choice in site_choices()}
            add_tenant_form(user, site.id, sites)


def profile_tab(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(_("No tenant matches the directory's filters."))
        return
    names = {int(tenant_id): name for tenant_id, name in zip(
        frame["id"], frame["name"] + frame["business"].map(
            lambda b: f" — {b}" if isinstance(b, str) and b else ""))}
    tenant_id = choice_box(_("Tenant"), names, index=0, key="tenants_profile",
                           placeholder=_("Choose a tenant (the list follows the directory's "
                                         "filters)"))
    if tenant_id is None:
        return
    found = load_profile(user.role, int(tenant_id), user)
    if found is None:
        st.warning(_("This tenant no longer exists."))
        return
    show_profile(found)


def show_profile(found: directory.Profile) -> None:
    tenant = found.tenant
    st.header(as_text(tenant.name), anchor=False)
    facts = [(_("Business"), tenant.business or "—"),
             (_("Sector"), label("sector", tenant.sector).capitalize()),
             (_("Origin"), country_name(tenant.origin_country)),
             (_("Residency"), label("residency", tenant.residency).capitalize()),
             (_("Site"), found.site), (_("Joined"), day_text(tenant.joined_on)),
             (_("Left"), day_text(tenant.left_on) if tenant.left_on else _("still here"))]
    if staff:
        facts += [(_("Email"), tenant.email or "—"), (_("Phone"), tenant.phone or "—")]
        if tenant.consent_on:
            groups = [_(name) for flag, name in TARGET_GROUP_NAMES.items() if getattr(tenant, flag)]
            facts.append((_("Target groups"), ", ".join(groups) or _("none (consent {day})").format(
                day=day_text(tenant.consent_on))))
    st.markdown("  \n".join(f"**{heading}:** {as_text(value)}" for heading, value in facts))
    account_box(user, tenant.id)       # their balance and last payment: a manager's only
    left, right = st.columns(2)
    with left:
        st.markdown(_("**Spaces, current and past**"))
        stays = stay_table(found.stays, rents=rents_shown)
        st.dataframe(stays, hide_index=True, width="stretch") if not stays.empty else st.caption(_("No lease."))
        st.markdown(_("**Courses taught**"))
        st.markdown("\n".join(f"- {as_text(title)} ({label('programme kind', kind)}, {day_text(first)})"
                              for title, kind, first in found.taught) or _("None yet."))
        st.markdown(_("**Partners linked**"))
        st.markdown("\n".join(f"- {as_text(name)} ({label('partner kind', kind)}: "
                              f"{label('tenant link', link)})"
                              for name, kind, link in found.partners) or _("None yet."))
    with right:
        st.markdown(_("**Public listing**"))
        draft = {field: getattr(found.listing, field) if found.listing else ""
                 for field in ("bio", "website", "instagram", "keywords", "photo_url")}
        if found.listing and found.listing.published:
            listing_preview(tenant.name, tenant.business, tenant.sector, country_name(tenant.origin_country), draft)
        else:
            st.caption(_("Not published."))
    if staff:
        fresh, __ = load_for_editing(tenant.id)
        notes_form(user, fresh)
        if manages_tenants:
            with st.expander(_("Edit or retire"), icon=":material/edit:", key="tenants_edit_expander"):
                edit_tenant_form(user, fresh, owed=still_owed)


def listings_tab(site, frame: pd.DataFrame) -> None:
    published = load_published(site.id)
    exports = listing_file(published)
    st.markdown(ngettext("**{count} published listing** — what the website shows",
                         "**{count} published listings** — what the website shows",
                         len(published)).format(count=number(len(published))))
    buttons = st.columns([1, 1, 4])
    buttons[0].download_button(_("Website (JSON)"), json.dumps(published, ensure_ascii=False, indent=2),
                               file_name="listings.json", mime="application/json",
                               key="tenants_export_json", icon=":material/download:",
                               on_click="ignore")
    with buttons[1]:
        csv_download(_("Website (CSV)"), exports.drop(columns=["bio_html"]), "listings.csv",
                     key="tenants_export_listings")
    feed_addresses(site.id, LISTING_FEEDS)
    if not staff:
        st.dataframe(public_listing_table(exports), hide_index=True, width="stretch")
        return
    chase = load_to_chase(site.id, today)
    with st.expander(ngettext("To chase: {count} listing with no bio or not updated for 12 months",
                              "To chase: {count} listings with no bio or not updated for 12 months",
                              len(chase)).format(count=number(len(chase))),
                     icon=":material/campaign:", key="tenants_chase_expander"):
        st.dataframe(chase_table(chase), hide_index=True, width="stretch",
            column_config={_("Last updated"): st.column_config.DatetimeColumn(format=table_date_format())})
    names = dict(load_current_tenants(site.id, today))
    tenant_id = choice_box(_("Edit the listing of"), names, index=None,
                           placeholder=_("Choose a tenant"), key="tenants_listing_of")
    if tenant_id is not None:
        tenant, listing = load_for_editing(int(tenant_id))
        if tenant is not None:
            listing_editor(user, tenant, country_name(tenant.origin_country), listing)


def indicators_tab(site) -> None:
    figures = load_figures(site.id, today)
    stay = figures.average_stay_years
    kpi_row([(_("Current tenants"), number(figures.current), _("Tenants whose stay includes today")),
             (_("Resident / visiting this year"),
              f"{number(figures.this_year.get('resident', 0))} / "
              f"{number(figures.this_year.get('visiting', 0))}", None),
             (_("Countries of origin"), number(figures.countries), None),
             (_("Average tenancy"),
              _("{years} years").format(years=number(stay, decimals=1)) if stay is not None else "—",
              _("From joining to leaving (or today), over every tenant so far"))])
    left, right = st.columns(2)
    frames = indicator_frames(figures)
    if figures.sectors:
        left.altair_chart(tenant_charts.sector_bars(frames.sectors), width="stretch")
    right.altair_chart(tenant_charts.origin_bars(frames.origins), width="stretch")
    right.altair_chart(tenant_charts.target_group_bars(frames.groups, figures.groups.consenting),
                       width="stretch")
    right.caption(tenant_charts.target_group_summary(frames.groups))
    st.altair_chart(tenant_charts.residency_over_time(frames.years), width="stretch")


st.title(_("Tenants"))
st.caption(_("Who works here: the artisans and craft businesses of the hub, their public "
             "listings, and the figures INNOCRAFTS asks for."))
require_site(user, _("Tenants will list the artisans and businesses of the hub, their public "
                     "listings and their figures."))
site = site_picker("tenants_site")
with st.expander(_("Filter the directory"), icon=":material/filter_list:", expanded=True,
                 key="tenants_filter_expander"):
    chosen = directory_filter(site.id)
rows = load_directory(user.role, chosen, today, user)
# Only the open tab is drawn (switching tabs reruns the page), so the others cost nothing.
screens = {_("Directory"): lambda: directory_tab(site, rows), _("Profile"): lambda: profile_tab(rows),
           _("Public listings"): lambda: listings_tab(site, rows),
           _("Indicators"): lambda: indicators_tab(site)}
for tab, draw in zip(st.tabs(list(screens), key="tenants_tab", on_change="rerun"), screens.values()):
    if tab.open:
        with tab:
            draw()
