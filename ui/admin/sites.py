"""Admin › Sites: the hub's buildings — a table, and the forms that add one, correct one,
and archive or restore one (archiving asks first, naming what the site holds)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

import pandas as pd
import streamlit as st

from db.models import User
from hub.i18n import _, locale
from hub import sites
from ui.confirm import confirm
from ui.database import cached, reading, save
from ui.format import as_text, countries, country_name, day_text, money, number
from ui.forms import form
from ui.widgets import choice_box, record_picker

ARCHIVE = "admin_archive_site"
NEW = "new"   # the picker's first option: a new site


def weekday(number_: int) -> str:
    """Mon … Sun (lun … dom): Babel's short name, Monday = 0 as the hub counts."""
    return locale().days["format"]["abbreviated"][number_]


def opening(site: "SiteLine") -> str:
    days = " ".join(weekday(int(d)) for d in site.open_weekdays)
    return f"{days} {site.opens_at:%H:%M}–{site.closes_at:%H:%M}"


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
            _("Code"): s.code, _("Name"): s.name, _("City"): s.city,
            _("Country"): country_name(s.country), _("Area m²"): number(s.total_area_m2),
            _("Address"): s.address or "", _("Open"): opening(s),
            _("Time zone"): s.timezone, _("Spaces"): s.spaces,
            _("Building budget / year"): money(s.building_budget),
            _("State"): _("archived {day}").format(day=day_text(s.archived_at.date()))
            if s.archived_at else _("in use")}
            for s in lines]), hide_index=True, width="stretch")
    else:
        st.info(_("There is no site yet. Add the first building of the hub below; then add its "
                  "spaces on Lab occupancy, or import them here under Import / export."))
    site_form(user, [s for s in lines if s.archived_at is None])
    if lines:
        archive_form(user, lines)
    confirm(ARCHIVE, title=_("Archive the site"), action=_("Archive it"),
            run=lambda **request: _archived(user, **request))


def site_form(user: User, in_use: list[SiteLine]) -> None:
    """Add a site, or correct one in use (pick it first)."""
    st.header(_("Add or edit a site"), anchor=False)
    # By id (names made during the run: a format_func may be called outside it); a choice
    # among the rows themselves is lost when another person renames the site.
    names = {NEW: _("New site…")} | {line.id: f"{line.code} · {line.name}" for line in in_use}
    choice = choice_box(_("Site"), names, key="admin_site_pick")
    current = next((line for line in in_use if line.id == choice), None)
    with form(f"admin_site_form_{'new' if current is None else current.id}",
              version=current.version if current else None,
              about=("site", current.id) if current else None) as edit:
        suffix = edit.key("new" if current is None else str(current.id))
        left, middle, right = st.columns(3)
        code = left.text_input(_("Code"), current.code if current else "", max_chars=12,
                               key=f"admin_site_code_{suffix}",
                               help=_("Short, used in import files' site column: ON, OC …"))
        name = middle.text_input(_("Name"), current.name if current else "", max_chars=120,
                                 key=f"admin_site_name_{suffix}")
        city = right.text_input(_("City"), current.city if current else "", max_chars=80,
                                key=f"admin_site_city_{suffix}")
        offered = countries()
        names = {code: country_name(code) for code in offered}
        country = left.selectbox(_("Country"), offered, format_func=names.get,
                                 index=offered.index(current.country if current else "IT"),
                                 key=f"admin_site_country_{suffix}")
        area = middle.number_input(_("Total area m²"), min_value=0.0, max_value=1_000_000.0,
                                   value=float(current.total_area_m2) if current else 0.0,
                                   step=10.0, key=f"admin_site_area_{suffix}")
        zone = right.text_input(_("Time zone"), current.timezone if current else "Europe/Rome",
                                key=f"admin_site_zone_{suffix}",
                                help=_("An IANA name, like Europe/Rome"))
        wide, narrow = st.columns([2, 1])
        address = wide.text_input(_("Address"), (current.address or "") if current else "",
                                  max_chars=200, key=f"admin_site_address_{suffix}")
        budget = narrow.number_input(
            _("Yearly building budget (€)"), min_value=0.0, max_value=10_000_000.0,
            step=1000.0, key=f"admin_site_budget_{suffix}",
            value=None if current is None or current.building_budget is None
            else float(current.building_budget), format="%.2f", placeholder=_("no budget"),
            help=_("What the Building screen compares the year's works spending with "
                   "(maintenance and works). Leave empty for no budget."))
        left, middle, right = st.columns([1, 1, 2])
        opens_at = left.time_input(_("Opens at"), current.opens_at if current else time(8),
                                   step=1800, key=f"admin_site_opens_{suffix}")
        closes_at = middle.time_input(_("Closes at"),
                                      current.closes_at if current else time(20),
                                      step=1800, key=f"admin_site_closes_{suffix}")
        day_names = [weekday(d) for d in range(7)]
        days = right.multiselect(
            _("Open days"), list(range(7)), format_func=day_names.__getitem__,

            key=f"admin_site_days_{suffix}", placeholder=_("Choose…"),
            default=[int(d) for d in current.open_weekdays] if current else list(range(6)))
        if not edit.submitted(_("Add site") if current is None else _("Save site"),
                              type="primary"):
            return
        facts = dict(code=code, name=name, city=city, country=country, total_area_m2=area,
                     address=address, timezone=zone, opens_at=opens_at, closes_at=closes_at,
                     weekdays=days, building_budget=None if budget is None else f"{budget:.2f}")
        if current is None:
            done = edit.save(sites.add_site, actor=user, **facts)
            message = _("Site {code} added: now add its spaces on Lab occupancy.").format(
                code=code.strip().upper())
        else:
            done = edit.save(sites.edit_site, actor=user, site_id=current.id, **facts)
            message = _("Site {code} saved.").format(code=current.code)
        if done is not None:
            edit.done(message)


def archive_form(user: User, lines: list[SiteLine]) -> None:
    st.header(_("Archive or restore a site"), anchor=False)
    st.caption(_("An archived site leaves the site pickers and the figures of every site; its "
                 "spaces, leases and programme stay in the history. It can be restored."))
    with form("admin_site_archive", versions={line.id: line.version for line in lines}) as change:
        archived = _("{code} · {name} (archived)")   # made during the run, as above
        site = record_picker(_("Site to archive or restore"), lines,
                             key=change.key("admin_archive_pick"),
                             name_of=lambda s: archived.format(code=s.code, name=s.name)
                             if s.archived_at else f"{s.code} · {s.name}")
        left, right, __ = st.columns([1, 1, 2])
        with left:
            archive = change.submitted(_("Archive…"))
        with right:
            restore = change.submitted(_("Restore"), name="restore")
    version = change.version_of(site.id)
    if archive:
        with reading() as session:
            holds = sites.site_holds(session, site_id=site.id)
            contents = sites.site_contents(session, site_id=site.id)
        if site.archived_at is not None:
            st.error(_("{name} is already archived.").format(name=as_text(site.name)))
        elif holds.any:
            st.error(_("{name} still has {holds}; end, cancel or move them before archiving "
                       "it.").format(name=as_text(site.name), holds=holds.sentence()))
        else:
            change.ask(ARCHIVE, _("Archive {name} ({code}) — it leaves the pickers and the "
                                  "figures of every site; its history stays.").format(
                                      name=site.name, code=site.code),
                details=[_("{spaces} space(s), {tenants} tenant(s), {leases} lease(s) and "
                           "{items} programme item(s) are kept").format(
                    spaces=number(contents.spaces), tenants=number(contents.tenants),
                    leases=number(contents.leases), items=number(contents.items))],
                site_id=site.id, version=version, name=site.name)
    if restore and change.save(sites.restore_site, actor=user, site_id=site.id,
                               version=version) is not None:
        change.done(_("{name} is back in use.").format(name=site.name))


def _archived(user: User, *, site_id: int, version: int, name: str) -> str | None:
    if save(sites.archive_site, actor=user, site_id=site_id, version=version) is None:
        return None
    return _("{name} archived.").format(name=name)
