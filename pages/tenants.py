"""Tenants: who works here — the directory, profiles, public listings and indicators."""
import json
from dataclasses import asdict
from datetime import date

import pandas as pd
import streamlit as st

from hub.roles import sees_contacts
from hub.tenants import directory, listings
from hub.tenants import figures as tenant_figures
from hub.tenants import roster as tenants
from ui.database import cached, reading
from ui.format import as_text, day, money
from ui.empty import nothing_yet, require_site
from ui.navigation import guard
from ui.overview.first_steps import hub_has
from ui.tenants import charts as tenant_charts
from ui.words import country_name, RESIDENCIES
from ui.tenants.forms import (add_tenant_form, edit_tenant_form, listing_editor, listing_preview,
                             load_for_editing, notes_form)
from ui import links, web
from ui.links import linked
from ui.widgets import csv_download, kpi_row, site_choices, site_picker, xlsx_download

user = guard("tenants")
staff = sees_contacts(user)
manager = user.role == "manager"
today = date.today()
FILTER = "tenants_filter"


@cached(ttl=300)
def load_directory(role: str, chosen: directory.DirectoryFilter, on: date, _actor) -> pd.DataFrame:
    with reading() as session:
        rows = directory.directory(session, actor=_actor, chosen=chosen, today=on)
    frame = pd.DataFrame([asdict(row) for row in rows], columns=list(directory.DirectoryRow.__annotations__))
    return frame if sees_contacts(_actor) else frame.drop(columns=["email", "phone"])


@cached(ttl=300)
def load_choices() -> tuple[list[str], list[str]]:
    with reading() as session:
        return directory.filter_choices(session)


@cached(ttl=120)
def load_profile(role: str, tenant_id: int, _actor):
    with reading() as session:
        return directory.profile(session, actor=_actor, tenant_id=tenant_id)


@cached(ttl=300)
def load_published(site_id) -> list[dict]:
    with reading() as session:
        return listings.published_listings(session, site_id=site_id)


@cached(ttl=300)
def load_to_chase(site_id, on: date) -> pd.DataFrame:
    with reading() as session:
        rows = listings.listings_to_chase(session, site_id=site_id, today=on)
    return pd.DataFrame([asdict(row) for row in rows],
                        columns=["tenant_id", "name", "business", "site", "reason", "updated_at"])


@cached(ttl=300)
def load_figures(site_id, on: date) -> tenant_figures.TenantFigures:
    with reading() as session:
        return tenant_figures.tenant_figures(session, site_id=site_id, today=on)


@cached(ttl=300)
def load_current_tenants(site_id, on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenants.tenant_choices(session, on=on, site_id=site_id)


def directory_filter(site_id) -> directory.DirectoryFilter:
    sectors, countries = load_choices()
    top = st.columns([3, 2, 2, 2])
    search = linked(top[0].text_input, "Search", placeholder="Name, business or sector",
                    key=f"{FILTER}_search", link=links.text("q"))
    status = linked(top[1].selectbox, "Status", directory.STATUSES, key=f"{FILTER}_status",
                    format_func=lambda s: {"current": "Current tenants",
                                           "former": "Former tenants", "all": "All"}[s],
                    link=links.one_of("status", directory.STATUSES, what="current, former or all",
                                      fallback="current tenants"))
    residency = linked(top[2].selectbox, "Residency", [None, *RESIDENCIES], key=f"{FILTER}_residency",
                       format_func=lambda r: "Resident and visiting" if r is None else r.capitalize(),
                       link=links.one_of("residency", [None, *RESIDENCIES],
                                         what="resident or visiting",
                                         fallback="resident and visiting"))
    sort = linked(top[3].selectbox, "Sort by", list(directory.SORTS), key=f"{FILTER}_sort",
                  format_func=lambda s: "Newest first" if s == "since" else s.capitalize(),
                  link=links.one_of("sort", list(directory.SORTS), what="a sort order",
                                    fallback="by name"))
    more = st.columns(3 if staff else 2)
    chosen_sectors = linked(more[0].multiselect, "Sector", sectors, key=f"{FILTER}_sectors",
                            link=links.some_of("sector", sectors, what="a tenant's sector",
                                               fallback="every sector"))
    chosen_countries = linked(more[1].multiselect, "Origin country", countries,
                              format_func=country_name, key=f"{FILTER}_countries",
                              link=links.some_of("country", countries,
                                                 what="a tenant's origin country",
                                                 fallback="every country"))
    groups = linked(more[2].multiselect, "Target groups", list(directory.TARGET_GROUPS),
                    key=f"{FILTER}_groups",
                    link=links.some_of("group", list(directory.TARGET_GROUPS),
                                       what="a target group",
                                       fallback="every target group")) if staff else []
    return directory.DirectoryFilter(search=search, site_id=site_id, sectors=tuple(chosen_sectors),
                                     countries=tuple(chosen_countries), residency=residency,
                                     status=status, target_groups=tuple(groups), sort=sort)


def shown_directory(frame: pd.DataFrame, all_sites: bool) -> pd.DataFrame:
    shown = frame.drop(columns=["id"] + ([] if all_sites else ["site"])
                       + (["left_on"] if frame["left_on"].isna().all() else []))
    return shown.rename(columns={"name": "Name", "business": "Business", "sector": "Sector",
                                 "country": "Country", "site": "Site", "residency": "Residency",
                                 "spaces": "Current spaces", "since": "Since", "left_on": "Left",
                                 "email": "Email", "phone": "Phone"})


def directory_tab(site, frame: pd.DataFrame) -> None:
    if frame.empty and not hub_has("tenants"):
        nothing_yet("No tenant yet: the directory will list the artisans and businesses of the "
                    "hub, with their spaces, public listings and figures. Add the first one "
                    + ("below, or import a spreadsheet of tenants." if manager else
                       "— the manager adds tenants."),
                    user=user, key="admin", label="Admin › Import / export: import tenants",
                    tab="import")
    else:
        shown = shown_directory(frame, site.id is None)
        st.caption(f"{len(frame):,} tenant{'s' if len(frame) != 1 else ''} match".replace(",", "."))
        st.dataframe(shown, hide_index=True, width="stretch",
                     height=560 if len(frame) > 12 else "auto",
                     column_config={"Since": st.column_config.DateColumn(format="D MMM YYYY"),
                                    "Left": st.column_config.DateColumn(format="D MMM YYYY")})
        buttons = st.columns([1, 1, 4])
        with buttons[0]:
            csv_download("Directory (CSV)", shown, "tenants.csv", key="tenants_export_csv")
        with buttons[1]:
            xlsx_download("Directory (XLSX)", shown, "tenants.xlsx", key="tenants_export_xlsx")
    if manager:
        with st.expander("Add a tenant", icon=":material/person_add:"):
            sites = {choice.id: choice.name for choice in site_choices()}
            add_tenant_form(user, site.id, sites)


def label_of(names: dict[int, str]):
    # A label passed back (as AppTest does) formats as itself.
    return lambda key: names.get(key, str(key))


def profile_tab(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info("No tenant matches the directory's filters.")
        return
    names = dict(zip(frame["id"].astype(int), frame["name"] + frame["business"].map(
        lambda b: f" — {b}" if isinstance(b, str) and b else "")))
    tenant_id = st.selectbox("Tenant", list(names), format_func=label_of(names), index=0,
                             placeholder="Choose a tenant (the list follows the directory's filters)",
                             key="tenants_profile")
    if tenant_id is None:
        return
    found = load_profile(user.role, int(tenant_id), user)
    if found is None:
        st.warning("This tenant no longer exists.")
        return
    show_profile(found)


def show_profile(found: directory.Profile) -> None:
    tenant = found.tenant
    st.header(tenant.name, anchor=False)
    facts = [("Business", tenant.business or "—"), ("Sector", tenant.sector.capitalize()),
             ("Origin", country_name(tenant.origin_country)), ("Residency", tenant.residency.capitalize()),
             ("Site", found.site), ("Joined", day(tenant.joined_on)),
             ("Left", day(tenant.left_on) if tenant.left_on else "still here")]
    if staff:
        facts += [("Email", tenant.email or "—"), ("Phone", tenant.phone or "—")]
        if tenant.consent_on:
            groups = [label for flag, label in (("young_entrepreneur", "young entrepreneur"),
                                                ("female_led", "female-led"), ("startup", "start-up"))
                      if getattr(tenant, flag)]
            facts.append(("Target groups", ", ".join(groups) or "none"
                          + f" (consent {day(tenant.consent_on)})"))
    st.markdown("  \n".join(f"**{label}:** {as_text(value)}" for label, value in facts))
    left, right = st.columns(2)
    with left:
        st.markdown("**Spaces, current and past**")
        stays = pd.DataFrame([{"Space": s.space, "Site": s.site, "From": s.starts_on,
                               "Until": s.ends_on, **({"Monthly rent": money(s.monthly_rent)} if manager else {})}
                              for s in found.stays])
        st.dataframe(stays, hide_index=True, width="stretch") if not stays.empty else st.caption("No lease.")
        st.markdown("**Courses taught**")
        st.markdown("\n".join(f"- {as_text(title)} ({kind}, {day(first)})" for title, kind, first in found.taught)
                    or "None yet.")
        st.markdown("**Partners linked**")
        st.markdown("\n".join(f"- {as_text(name)} ({kind.replace('_', ' ')}: {link.replace('_', ' ')})"
                              for name, kind, link in found.partners) or "None yet.")
    with right:
        st.markdown("**Public listing**")
        draft = {field: getattr(found.listing, field) if found.listing else ""
                 for field in ("bio", "website", "instagram", "keywords", "photo_url")}
        if found.listing and found.listing.published:
            listing_preview(tenant.name, tenant.business, tenant.sector, country_name(tenant.origin_country), draft)
        else:
            st.caption("Not published.")
    if staff:
        fresh, _ = load_for_editing(tenant.id)
        notes_form(user, fresh)
        if manager:
            with st.expander("Edit or retire", icon=":material/edit:"):
                edit_tenant_form(user, fresh)


def listings_tab(site, frame: pd.DataFrame) -> None:
    published = load_published(site.id)
    exports = pd.DataFrame(published, columns=listings.PUBLIC_FIELDS)
    exports["keywords"] = exports["keywords"].map(lambda words: ", ".join(words))
    st.markdown(f"**{len(published)} published listing{'s' if len(published) != 1 else ''}** "
                "— what the website shows")
    buttons = st.columns([1, 1, 4])
    buttons[0].download_button("Website (JSON)", json.dumps(published, ensure_ascii=False, indent=2),
                               file_name="listings.json", mime="application/json",
                               key="tenants_export_json", icon=":material/download:")
    with buttons[1]:
        csv_download("Website (CSV)", exports.drop(columns=["bio_html"]), "listings.csv",
                     key="tenants_export_listings")
    web.feed_addresses(site.id, web.LISTING_FEEDS)
    if not staff:
        st.dataframe(exports[["name", "business", "sector", "site", "website", "updated_on"]],
                     hide_index=True, width="stretch")
        return
    chase = load_to_chase(site.id, today)
    with st.expander(f"To chase: {len(chase)} listing{'s' if len(chase) != 1 else ''} with no bio "
                     "or not updated for 12 months", icon=":material/campaign:"):
        st.dataframe(chase.drop(columns=["tenant_id"]).rename(columns={
            "name": "Name", "business": "Business", "site": "Site", "reason": "Why",
            "updated_at": "Last updated"}), hide_index=True, width="stretch",
            column_config={"Last updated": st.column_config.DatetimeColumn(format="D MMM YYYY")})
    names = dict(load_current_tenants(site.id, today))
    tenant_id = st.selectbox("Edit the listing of", list(names), format_func=label_of(names), index=None,
                             placeholder="Choose a tenant", key="tenants_listing_of")
    if tenant_id is not None:
        tenant, listing = load_for_editing(int(tenant_id))
        if tenant is not None:
            listing_editor(user, tenant, country_name(tenant.origin_country), listing)


def indicators_tab(site) -> None:
    figures = load_figures(site.id, today)
    stay = figures.average_stay_years
    kpi_row([("Current tenants", f"{figures.current}", "Tenants whose stay includes today"),
             ("Resident / visiting this year",
              f"{figures.this_year.get('resident', 0)} / {figures.this_year.get('visiting', 0)}", None),
             ("Countries of origin", f"{figures.countries}", None),
             ("Average tenancy", f"{stay:.1f} years".replace(".", ",") if stay is not None else "—",
              "From joining to leaving (or today), over every tenant so far")])
    left, right = st.columns(2)
    if figures.sectors:
        left.altair_chart(tenant_charts.sector_bars(
            pd.DataFrame(figures.sectors, columns=["sector", "tenants"])), width="stretch")
    right.altair_chart(tenant_charts.origin_bars(
        pd.DataFrame(figures.origins, columns=["origin", "tenants", "share"])), width="stretch")
    groups = figures.groups
    shares = pd.DataFrame(
        [{"group": label, "tenants": count, "share": groups.share(count) or 0.0}
         for label, count in (("Young entrepreneurs", groups.young), ("Female-led", groups.female_led),
                              ("Start-ups", groups.startup))])
    right.altair_chart(tenant_charts.target_group_bars(shares, groups.consenting), width="stretch")
    right.caption(tenant_charts.target_group_summary(shares))
    st.altair_chart(tenant_charts.residency_over_time(
        pd.DataFrame(figures.years, columns=["year", "residency", "tenants"])), width="stretch")


st.title("Tenants")
st.caption("Who works here: the artisans and craft businesses of the hub, their public "
           "listings, and the figures INNOCRAFTS asks for.")
require_site(user, "Tenants will list the artisans and businesses of the hub, their public "
             "listings and their figures.")
site = site_picker("tenants_site")
with st.expander("Filter the directory", icon=":material/filter_list:", expanded=True):
    chosen = directory_filter(site.id)
rows = load_directory(user.role, chosen, today, user)
# Only the open tab is drawn (switching tabs reruns the page), so the others cost nothing.
screens = {"Directory": lambda: directory_tab(site, rows), "Profile": lambda: profile_tab(rows),
           "Public listings": lambda: listings_tab(site, rows), "Indicators": lambda: indicators_tab(site)}
for tab, draw in zip(st.tabs(list(screens), key="tenants_tab", on_change="rerun"), screens.values()):
    if tab.open:
        with tab:
            draw()
