"""Admin › Sites: the hub's buildings — a table, and the forms that add one, correct one,
and archive or restore one (archiving asks first, naming what the site holds)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

import pandas as pd
import streamlit as st

from db.models import User
from db.vocabulary import COUNTRIES
from hub.words import country_name
from hub.occupancy import sites
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import day, money
from ui.widgets import flash

ARCHIVE = "admin_archive_site"
NEW = "New site…"


@dataclass(frozen=True)
class SiteLine:
    id: int
    version: int
    code: str
    name: str
    city: str
    country: str
    total_area_m2: float
    address: str | None
    timezone: str
    opens_at: time
    closes_at: time
    open_weekdays: str
    archived_at: datetime | None
    building_budget: Decimal | None
    spaces: int


@cached(ttl=300)
def load_sites() -> list[SiteLine]:
    with reading() as session:
        return [SiteLine(row.site.id, row.site.version, row.site.code, row.site.name,
                         row.site.city, row.site.country, row.site.total_area_m2,
                         row.site.address, row.site.timezone, row.site.opens_at,
                         row.site.closes_at, row.site.open_weekdays, row.site.archived_at,
                         row.site.building_budget, row.spaces)
                for row in sites.site_rows(session)]


def render(user: User) -> None:
    lines = load_sites()
    if lines:
        st.dataframe(pd.DataFrame([{
            "Code": s.code, "Name": s.name, "City": s.city, "Country": country_name(s.country),
            "Area m²": f"{s.total_area_m2:,.0f}".replace(",", "."), "Address": s.address or "",
            "Open": f"{sites.days_text(s.open_weekdays)} {s.opens_at:%H:%M}–{s.closes_at:%H:%M}",
            "Time zone": s.timezone, "Spaces": s.spaces,
            "Building budget / year": money(s.building_budget),
            "State": f"archived {day(s.archived_at.date())}" if s.archived_at else "in use"}
            for s in lines]), hide_index=True, width="stretch")
    else:
        st.info("There is no site yet. Add the first building of the hub below; then add its "
                "spaces on Lab occupancy, or import them here under Import / export.")
    site_form(user, [s for s in lines if s.archived_at is None])
    if lines:
        archive_form(user, lines)
    confirm(ARCHIVE, title="Archive the site", action="Archive it",
            run=lambda **request: _archived(user, **request))


def site_form(user: User, in_use: list[SiteLine]) -> None:
    """Add a site, or correct one in use (pick it first)."""
    st.header("Add or edit a site", anchor=False)
    choice = st.selectbox("Site", [NEW, *in_use], key="admin_site_pick",
                          format_func=lambda s: s if s == NEW else f"{s.code} · {s.name}")
    current = None if choice == NEW else choice
    suffix = "new" if current is None else str(current.id)
    with st.form(f"admin_site_form_{suffix}"):
        left, middle, right = st.columns(3)
        code = left.text_input("Code", current.code if current else "", max_chars=12,
                               help="Short, used in import files' site column: ON, OC …")
        name = middle.text_input("Name", current.name if current else "", max_chars=120)
        city = right.text_input("City", current.city if current else "", max_chars=80)
        countries = list(COUNTRIES)
        country = left.selectbox("Country", countries, format_func=country_name,
                                 index=countries.index(current.country if current else "IT"))
        area = middle.number_input("Total area m²", min_value=0.0, max_value=1_000_000.0,
                                   value=float(current.total_area_m2) if current else 0.0,
                                   step=10.0)
        zone = right.text_input("Time zone", current.timezone if current else "Europe/Rome",
                                help="An IANA name, like Europe/Rome")
        wide, narrow = st.columns([2, 1])
        address = wide.text_input("Address", (current.address or "") if current else "",
                                  max_chars=200)
        budget = narrow.number_input(
            "Yearly building budget (€)", min_value=0.0, max_value=10_000_000.0, step=1000.0,
            value=None if current is None or current.building_budget is None
            else float(current.building_budget), format="%.2f", placeholder="no budget",
            help="What the Building screen compares the year's works spending with "
                 "(maintenance and works). Leave empty for no budget.")
        left, middle, right = st.columns([1, 1, 2])
        opens_at = left.time_input("Opens at", current.opens_at if current else time(8),
                                   step=1800)
        closes_at = middle.time_input("Closes at", current.closes_at if current else time(20),
                                      step=1800)
        days = right.multiselect(
            "Open days", list(range(7)), format_func=lambda d: sites.WEEKDAYS[d],
            default=[int(d) for d in current.open_weekdays] if current else list(range(6)))
        submitted = st.form_submit_button("Add site" if current is None else "Save site",
                                          type="primary")
    if not submitted:
        return
    facts = dict(code=code, name=name, city=city, country=country, total_area_m2=area,
                 address=address, timezone=zone, opens_at=opens_at, closes_at=closes_at,
                 weekdays=days, building_budget=None if budget is None else f"{budget:.2f}")
    if current is None:
        done = save(sites.add_site, actor=user, **facts)
        message = f"Site {code.strip().upper()} added: now add its spaces on Lab occupancy."
    else:
        done = save(sites.edit_site, actor=user, site_id=current.id, version=current.version,
                    **facts)
        message = f"Site {current.code} saved."
    if done is not None:
        flash(message)
        st.rerun()


def archive_form(user: User, lines: list[SiteLine]) -> None:
    st.header("Archive or restore a site", anchor=False)
    st.caption("An archived site leaves the site pickers and the figures of every site; its "
               "spaces, leases and programme stay in the history. It can be restored.")
    with st.form("admin_site_archive"):
        site = st.selectbox("Site", lines, key="admin_archive_pick",
                            format_func=lambda s: f"{s.code} · {s.name}"
                            + (" (archived)" if s.archived_at else ""))
        left, right, _ = st.columns([1, 1, 2])
        archive = left.form_submit_button("Archive…")
        restore = right.form_submit_button("Restore")
    if archive:
        with reading() as session:
            holds = sites.site_holds(session, site_id=site.id)
            contents = sites.site_contents(session, site_id=site.id)
        if site.archived_at is not None:
            st.error(f"{site.name} is already archived.")
        elif holds.any:
            st.error(f"{site.name} still has {holds.sentence()}; end, cancel or move them "
                     "before archiving it.")
        else:
            ask(ARCHIVE, f"Archive {site.name} ({site.code}) — it leaves the pickers and the "
                         "figures of every site; its history stays.",
                details=[f"{contents.spaces} space(s), {contents.tenants} tenant(s), "
                         f"{contents.leases} lease(s) and {contents.items} programme item(s) "
                         "are kept"],
                site_id=site.id, version=site.version, name=site.name)
    if restore and save(sites.restore_site, actor=user, site_id=site.id,
                        version=site.version) is not None:
        flash(f"{site.name} is back in use.")
        st.rerun()


def _archived(user: User, *, site_id: int, version: int, name: str) -> bool:
    if save(sites.archive_site, actor=user, site_id=site_id, version=version) is None:
        return False
    flash(f"{name} archived.")
    return True
