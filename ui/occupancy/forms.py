"""The occupancy screen's forms (manager only): spaces, leases, bookings.

Each form calls one hub/ function through ui.database.save: a refusal appears beside the
form and nothing is written; a success clears the cached figures and redraws the page.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import streamlit as st

from db.models import User
from db.vocabulary import SPACE_KINDS
from hub.dates import a_year_from, clock
from hub.i18n import N_, _, pgettext
from hub.occupancy import bookings, leases, spaces
from hub import sites
from hub.tenants.roster import tenant_choices
from ui.confirm import confirm
from ui.database import cached, reading, save
from ui.format import day_text
from ui.format import labeller
from ui.forms import form
from ui.widgets import SiteChoice, choice_box, labels_of, record_picker

NEW = N_("New space…")
# The ways to change a running lease (the radio's values), as the radio and the button say them.
ACTIONS = {"End early": N_("End early"), "Renew": N_("Renew"),
           "Move to another space": N_("Move to another space"), "Edit": N_("Edit"),
           "Change rent from a day": N_("Change rent from a day")}


@cached(ttl=300)
def _spaces(site_id: int) -> list[dict]:
    with reading() as session:
        return [space.model_dump() for space in spaces.list_spaces(session, site_id=site_id)]


@cached(ttl=300)
def _tenants(on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenant_choices(session, on=on)


def _space_label(space: dict) -> str:
    return f"{space['code']} — {space['name']}"


def space_forms(user: User, site: SiteChoice) -> None:
    st.header(_("Spaces"), anchor=False)
    if site.id is None:
        st.info(_("Choose a site above to add or edit its spaces."))
        return
    with st.expander(_("Add or edit a space"), icon=":material/edit_square:",
                     key="occupancy_space_box"):
        _space_form(user, site)
    with st.expander(_("Opening hours for bookings"), icon=":material/schedule:",
                     key="occupancy_hours_box"):
        _opening_hours_form(user, site)


def _opening_hours_form(user: User, site: SiteChoice) -> None:
    with reading() as session:
        current = sites.get_site(session, site.id)
    with form(f"occupancy_opening_hours_{site.id}", version=current.version,
              about=("site", site.id)) as hours:
        key = hours.key(f"occupancy_hours_{site.id}")
        left, middle, right = st.columns([1, 1, 2])
        opens_at = left.time_input(_("Opens at"), current.opens_at, step=1800,
                                   key=f"{key}_opens")
        closes_at = middle.time_input(_("Closes at"), current.closes_at, step=1800,
                                      key=f"{key}_closes")
        days = right.multiselect(_("Open days"), range(7),
                                 [int(d) for d in current.open_weekdays],
                                 format_func=labels_of([bookings.weekday_name(d) for d in range(7)]),
                                 key=f"{key}_days", placeholder=_("Choose…"))
        st.caption(_("Now: {hours}. Bookings must fall within these hours; a change is refused "
                     "while booked slots would fall outside.").format(
            hours=bookings.opening_hours(current)))
        if hours.submitted(_("Save opening hours")) and hours.save(
                sites.set_opening_hours, actor=user, site_id=site.id, opens_at=opens_at,
                closes_at=closes_at, weekdays=days):
            hours.done(_("Opening hours of {site} saved.").format(site=site.name))


def _space_form(user: User, site: SiteChoice) -> None:
    known = {space["id"]: space for space in _spaces(site.id)}
    # By id: a choice among the rows themselves is lost when another person renames the space.
    names = {NEW: _(NEW)} | {space_id: _space_label(s) for space_id, s in known.items()}
    chosen = choice_box(_("Space to edit"), names, key="occupancy_space_pick")
    space = known.get(chosen, {})
    name = f"occupancy_space_{space.get('id', 'new')}"     # another space: another form
    with form(name, version=space.get("version"),
              about=("space", space["id"]) if space else None) as edit:
        key = edit.key(name)
        left, middle, right = st.columns(3)
        values = {
            "code": left.text_input(_("Code"), space.get("code", ""), max_chars=16,
                                    key=f"{key}_code"),
            "name": middle.text_input(_("Name"), space.get("name", ""), max_chars=120,
                                      key=f"{key}_name"),
            "kind": right.selectbox(_("Kind"), SPACE_KINDS, index=SPACE_KINDS.index(
                space.get("kind", "laboratory")),
                format_func=labels_of({kind: labeller("space kind")(kind) for kind in SPACE_KINDS}),
                key=f"{key}_kind"),
            "floor": left.text_input(_("Floor"), space.get("floor") or "", max_chars=20,
                                     key=f"{key}_floor"),
            "area_m2": middle.number_input(_("Area m²"), 0.0, 10000.0,
                                           float(space.get("area_m2", 0.0)), step=1.0,
                                           key=f"{key}_area"),
            "capacity": right.number_input(_("Capacity (places)"), 1, 500,
                                           int(space.get("capacity", 1)),
                                           key=f"{key}_capacity"),
            "monthly_rent": left.text_input(_("Monthly rent €"),
                                            _amount(space.get("monthly_rent")),
                                            key=f"{key}_rent"),
            "hourly_rate": middle.text_input(_("Hourly rate €"),
                                             _amount(space.get("hourly_rate")),
                                             key=f"{key}_hourly"),
            "daily_rate": right.text_input(_("Daily rate €"), _amount(space.get("daily_rate")),
                                           key=f"{key}_daily"),
            "equipment": st.text_area(_("Equipment"), space.get("equipment") or "",
                                      max_chars=1000, key=f"{key}_equipment"),
        }
        flags = st.columns(3)
        values["leasable"] = flags[0].checkbox(_("Leasable by the month"),
                                               space.get("leasable", True),
                                               key=f"{key}_leasable")
        values["bookable"] = flags[1].checkbox(_("Bookable by the hour or day"),
                                               space.get("bookable", False),
                                               key=f"{key}_bookable")
        values["active"] = flags[2].checkbox(pgettext("space", "Active"), space.get("active", True),
                                             key=f"{key}_active")
        if edit.submitted(_("Save space"), type="primary"):
            if space:
                done = edit.save(spaces.edit_space, actor=user, space_id=space["id"], **values)
            else:
                done = edit.save(spaces.add_space, actor=user, site_id=site.id, **values)
            if done:
                edit.done(_("Space {space} saved.").format(space=done.code))


def _amount(value) -> str:
    return "" if value is None else f"{value:.2f}"


def lease_forms(user: User, site: SiteChoice, on: date, running: list,
                owed: Callable[[User, int], list[str]] | None = None) -> None:
    """`running`: the site's leases on `on` (hub.occupancy.leases.lease_rows), already loaded.
    `owed(user, tenant_id)`: what the tenant still owes or holds in credit, as lines for the
    confirmation of an early end (given by the page: billing is not occupancy's area)."""
    st.header(_("Leases"), anchor=False)
    if site.id is None:
        st.info(_("Choose a site above to lease its spaces."))
        return
    taken = {row.space_id for row in running}
    # Vacant spaces first: they are the ones a new lease is usually for.
    leasable = sorted((s for s in _spaces(site.id) if s["leasable"] and s["active"]),
                      key=lambda s: (s["id"] in taken, s["code"]))
    new_lease_form(user, leasable, _tenants(on), on, taken)
    if running:
        change_lease_form(user, running, leasable, owed)
    confirm(END_EARLY, title=_("End the lease early"), action=_("End the lease"),
            run=lambda **request: _end_early(user, **request))


def new_lease_form(user: User, leasable: list[dict], tenants: list, on: date,
                   taken: set[int]) -> None:
    with form("occupancy_new_lease") as new:
        key = new.key
        st.markdown("**" + _("New lease") + "**")
        left, right = st.columns(2)
        leased, vacant = _("{space} · leased today"), _("{space} · vacant today")
        by_id = {s["id"]: s for s in leasable}
        space = by_id.get(choice_box(_("Space"), {
            space_id: (leased if space_id in taken else vacant).format(space=_space_label(s))
            for space_id, s in by_id.items()}, key=key("occupancy_lease_space"), container=left))
        tenant_id = choice_box(_("Tenant"), dict(tenants), key=key("occupancy_lease_tenant"),
                               container=right)
        starts_on = left.date_input(_("Start"), on, format="DD/MM/YYYY",
                                    key=key("occupancy_lease_start"))
        open_ended = right.checkbox(_("Open-ended"), value=False,
                                    key=key("occupancy_lease_open"))
        ends_on = right.date_input(_("End (last day; empty: a year from the start)"), None,
                                   format="DD/MM/YYYY", key=key("occupancy_lease_end"))
        rent = left.text_input(_("Monthly rent € (empty: the space's rent)"),
                               key=key("occupancy_lease_rent"))
        deposit = right.text_input(_("Deposit €"), key=key("occupancy_lease_deposit"))
        notes = st.text_input(_("Notes"), max_chars=1000, key=key("occupancy_lease_notes"))
        if not new.submitted(_("Create lease"), type="primary"):
            return
        if space is None or tenant_id is None:
            st.error(_("space: choose a space and a tenant"))
            return
        if not open_ended and ends_on is None:
            ends_on = a_year_from(starts_on)
        done = new.save(leases.lease_space, actor=user, space_id=space["id"],
                        tenant_id=tenant_id, starts_on=starts_on,
                        ends_on=None if open_ended else ends_on,
                        monthly_rent=rent or space["monthly_rent"], deposit=deposit,
                        notes=notes)
        if done:
            new.done(_("Lease of {space} created.").format(space=space["code"]))


def change_lease_form(user: User, running: list, leasable: list[dict],
                      owed: Callable[[User, int], list[str]] | None = None) -> None:
    st.markdown("**" + _("Change a running lease") + "**")
    lease = record_picker(_("Lease"), running, key="occupancy_lease_pick", name_of=_lease_label)
    action = st.radio(_("Action"), list(ACTIONS), horizontal=True, key="occupancy_lease_action",
                      format_func=labels_of({code: _(name) for code, name in ACTIONS.items()}))
    with form(f"occupancy_change_{lease.id}", version=lease.version,
              about=("lease", lease.id)) as change:
        key = change.key(f"occupancy_change_{lease.id}")
        if action == "End early":
            last = st.date_input(_("Last day"), date.today(), format="DD/MM/YYYY",
                                 key=f"{key}_last_day")
            call = dict(action=leases.end_lease_early, ends_on=last)
        elif action == "Renew":
            until = st.date_input(_("Renew until"), format="DD/MM/YYYY", value=None,
                                  key=f"{key}_renew_until")
            rent = st.text_input(_("New monthly rent € (empty: unchanged)"),
                                 key=f"{key}_renew_rent")
            call = dict(action=leases.renew_lease, until=until, monthly_rent=rent)
        elif action == "Move to another space":
            target_id = choice_box(
                _("Move to"), {s["id"]: _space_label(s) for s in leasable
                               if s["id"] != lease.space_id}, key=f"{key}_move_to")
            moving_on = st.date_input(_("Moving day (first day in the new space)"),
                                      date.today(), format="DD/MM/YYYY",
                                      key=f"{key}_move_day")
            call = dict(action=leases.move_tenant, to_space_id=target_id,
                        on=moving_on)
        elif action == "Change rent from a day":
            left, right = st.columns(2)
            from_day = left.date_input(_("New rent from (the day it applies)"), date.today(),
                                       format="DD/MM/YYYY", key=f"{key}_rent_from")
            new_rent = right.text_input(_("New monthly rent €"), key=f"{key}_rent_new")
            st.caption(_("The lease ends the day before and a lease at the new rent runs from "
                         "that day to its end: each day is billed at the rent in force on it."))
            call = dict(action=leases.change_rent, from_day=from_day, monthly_rent=new_rent)
        else:
            left, right = st.columns(2)
            call = dict(action=leases.edit_lease,
                        starts_on=left.date_input(_("Start"), lease.starts_on,
                                                  format="DD/MM/YYYY",
                                                  key=f"{key}_start"),
                        ends_on=right.date_input(_("End (empty: open-ended)"), lease.ends_on,
                                                 format="DD/MM/YYYY", key=f"{key}_end"),
                        monthly_rent=left.text_input(_("Monthly rent €"),
                                                     f"{lease.monthly_rent:.2f}",
                                                     key=f"{key}_rent"),
                        deposit=right.text_input(_("Deposit €"), _amount(lease.deposit),
                                                 key=f"{key}_deposit"),
                        notes=st.text_input(_("Notes"), lease.notes or "", max_chars=1000,
                                            key=f"{key}_notes"))
        submitted = change.submitted(_(ACTIONS[action]), type="primary")
        if submitted and action == "End early":
            change.ask(END_EARLY, _end_early_sentence(lease, last),
                       details=owed(user, lease.tenant_id) if owed else None,
                       lease_id=lease.id, ends_on=last, space=lease.space)
        elif submitted:
            action_function = call.pop("action")
            if change.save(action_function, actor=user, lease_id=lease.id, **call):
                change.done(UPDATED[action]().format(space=lease.space))


END_EARLY = "occupancy_end_lease"


def _lease_label(row) -> str:
    if row.ends_on is None:
        return _("{space} — {tenant} (from {start} to open end)").format(
            space=row.space, tenant=row.tenant, start=day_text(row.starts_on))
    return _("{space} — {tenant} (from {start} to {end})").format(
        space=row.space, tenant=row.tenant, start=day_text(row.starts_on),
        end=day_text(row.ends_on))

# What a saved change of a running lease says.
UPDATED = {"Renew": lambda: _("Lease of {space} updated (renew)."),
           "Change rent from a day": lambda: _("Rent of {space} changed: a lease at the new "
                                               "rent runs from the day it applies."),
           "Move to another space": lambda: _("Lease of {space} updated (move to another space)."),
           "Edit": lambda: _("Lease of {space} updated (edit).")}


def _end_early_sentence(lease, last: date) -> str:
    """end_lease_early moves the last day only: bookings and other leases stay as they are."""
    if lease.ends_on is None:
        return _("End {space}'s lease to {tenant} on {last} instead of its open end — {space} "
                 "is free from {free}.").format(space=lease.space, tenant=lease.tenant,
                                                last=day_text(last),
                                                free=day_text(last + timedelta(days=1)))
    return _("End {space}'s lease to {tenant} on {last} instead of {end} — {space} is free "
             "from {free}.").format(space=lease.space, tenant=lease.tenant, last=day_text(last),
                                    end=day_text(lease.ends_on),
                                    free=day_text(last + timedelta(days=1)))


def _end_early(user: User, *, lease_id: int, version: int, ends_on: date,
               space: str) -> str | None:
    if not save(leases.end_lease_early, actor=user, lease_id=lease_id, version=version,
                ends_on=ends_on):
        return None
    return _("Lease of {space} ends on {day}").format(space=space, day=day_text(ends_on))


def booking_forms(user: User, site: SiteChoice, monday: date, week: list) -> None:
    bookable = [s for s in _spaces(site.id) if s["bookable"] and s["active"]]
    tenants = _tenants(monday)
    st.header(_("Book a space"), anchor=False)
    with form(f"occupancy_booking_{site.id}") as new:
        key = new.key
        left, middle, right = st.columns(3)
        by_id = {s["id"]: s for s in bookable}
        space = by_id.get(choice_box(_("Space"), {space_id: _space_label(s)
                                                  for space_id, s in by_id.items()},
                                     key=key("occupancy_booking_space"), container=left))
        # The week's Monday as the day, afresh for each week shown.
        day = middle.date_input(_("Day"), monday, format="DD/MM/YYYY",
                                key=key(f"occupancy_booking_{monday.isoformat()}_day"))
        places = right.number_input(_("Places"), 1, 500, 1, key=key("occupancy_booking_places"))
        whole_day = left.checkbox(_("Whole day (opening hours)"),
                                  key=key("occupancy_booking_whole_day"))
        start = middle.time_input(_("Start"), time(9, 0), step=900,
                                  key=key("occupancy_booking_start"))
        end = right.time_input(_("End"), time(12, 0), step=900, key=key("occupancy_booking_end"))
        tenant_id = choice_box(_("Tenant"), {None: _("— an outside person —")} | dict(tenants),
                               key=key("occupancy_booking_tenant"), container=left)
        guest = middle.text_input(_("Outside person's name"), max_chars=120,
                                  key=key("occupancy_booking_guest"))
        purpose = right.text_input(_("Purpose"), max_chars=200,
                                   key=key("occupancy_booking_purpose"))
        if new.submitted(_("Book"), type="primary"):
            done = new.save(bookings.book, actor=user, space_id=space and space["id"], day=day,
                            start=start, end=end, whole_day=whole_day, places=places,
                            tenant_id=tenant_id,
                            guest_name=None if tenant_id else guest, purpose=purpose)
            if done:
                new.done(_("{space} booked on {day}.").format(space=space["code"],
                                                               day=day_text(day)))
    if week:
        _cancel_booking_form(user, monday, week)


def _cancel_booking_form(user: User, monday: date, week: list) -> None:
    with form(f"occupancy_cancel_booking_{monday.isoformat()}",
              versions={b.id: b.version for b in week}) as cancel:
        st.markdown("**" + _("Cancel a booking of this week") + "**")
        booking = record_picker(
            _("Booking"), week, key=cancel.key(f"occupancy_cancel_pick_{monday.isoformat()}"),
            name_of=lambda b: f"{day_text(b.day)} {clock(b.start_minute)}–"
                              f"{clock(b.end_minute)} · {b.space} · {b.tenant or b.guest_name}")
        if cancel.submitted(_("Cancel booking")) and booking and cancel.save(
                bookings.cancel_booking, actor=user, booking_id=booking.id,
                version=cancel.version_of(booking.id)):
            cancel.done(_("Booking cancelled; the record is kept."))
