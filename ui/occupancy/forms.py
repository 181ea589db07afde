"""The occupancy screen's forms (manager only): spaces, leases, bookings.

Each form calls one hub/ function through ui.database.save: a refusal appears beside the
form and nothing is written; a success clears the cached figures and redraws the page.
"""
from __future__ import annotations

from datetime import date, time, timedelta

import streamlit as st

from db.models import User
from db.vocabulary import SPACE_KINDS
from hub.dates import clock
from hub.i18n import N_, _, pgettext
from hub.occupancy import bookings, leases, sites, spaces
from hub.tenants.roster import tenant_choices
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import day as show_day
from ui.format import labeller
from ui.widgets import flash, SiteChoice

NEW = N_("New space…")
# The ways to change a running lease (the radio's values), as the radio and the button say them.
ACTIONS = {"End early": N_("End early"), "Renew": N_("Renew"),
           "Move to another space": N_("Move to another space"), "Edit": N_("Edit")}


@cached(ttl=300)
def _spaces(site_id: int) -> list[dict]:
    with reading() as session:
        return [space.model_dump() for space in spaces.list_spaces(session, site_id=site_id)]


@cached(ttl=300)
def _tenants(on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenant_choices(session, on=on)


def _saved(message: str) -> None:
    flash(message)
    st.rerun()


def shown(labels):
    """A format_func reading labels made during the run (a dict by option, or a list by index):
    a test harness may call format_func outside the run, where the reader's language and
    locale are not known."""
    return labels.__getitem__


def _space_label(space: dict) -> str:
    return f"{space['code']} — {space['name']}"


def space_forms(user: User, site: SiteChoice) -> None:
    st.header(_("Spaces"), anchor=False)
    if site.id is None:
        st.info(_("Choose a site above to add or edit its spaces."))
        return
    with st.expander(_("Add or edit a space"), icon=":material/edit_square:"):
        _space_form(user, site)
    with st.expander(_("Opening hours for bookings"), icon=":material/schedule:"):
        _opening_hours_form(user, site)


def _opening_hours_form(user: User, site: SiteChoice) -> None:
    with reading() as session:
        current = sites.get_site(session, site.id)
    key = f"occupancy_hours_{site.id}_{current.version}"  # shows the saved hours afresh
    with st.form("occupancy_opening_hours"):
        left, middle, right = st.columns([1, 1, 2])
        opens_at = left.time_input(_("Opens at"), current.opens_at, step=1800,
                                   key=f"{key}_opens")
        closes_at = middle.time_input(_("Closes at"), current.closes_at, step=1800,
                                      key=f"{key}_closes")
        days = right.multiselect(_("Open days"), range(7),
                                 [int(d) for d in current.open_weekdays],
                                 format_func=shown([bookings.weekday_name(d) for d in range(7)]),
                                 key=f"{key}_days", placeholder=_("Choose…"))
        st.caption(_("Now: {hours}. Bookings must fall within these hours; a change is refused "
                     "while booked slots would fall outside.").format(
            hours=bookings.opening_hours(current)))
        submitted = st.form_submit_button(_("Save opening hours"),
                                          key="occupancy_opening_hours_save")
    if submitted and save(sites.set_opening_hours, actor=user, site_id=site.id,
                          version=current.version, opens_at=opens_at, closes_at=closes_at,
                          weekdays=days):
        _saved(_("Opening hours of {site} saved.").format(site=site.name))


def _space_form(user: User, site: SiteChoice) -> None:
    known = _spaces(site.id)
    chosen = st.selectbox(_("Space to edit"), [NEW] + known, key="occupancy_space_pick",
                          format_func=lambda s, new=_(NEW): new if s == NEW else _space_label(s))
    space = {} if chosen == NEW else chosen
    # Keyed per space and version: picking another space (or saving) shows its values afresh.
    key = f"occupancy_space_{space.get('id', 'new')}_{space.get('version', 0)}"
    with st.form("occupancy_space_form"):
        left, middle, right = st.columns(3)
        values = {
            "code": left.text_input(_("Code"), space.get("code", ""), max_chars=16,
                                    key=f"{key}_code"),
            "name": middle.text_input(_("Name"), space.get("name", ""), max_chars=120,
                                      key=f"{key}_name"),
            "kind": right.selectbox(_("Kind"), SPACE_KINDS, index=SPACE_KINDS.index(
                space.get("kind", "laboratory")),
                format_func=shown({kind: labeller("space kind")(kind) for kind in SPACE_KINDS}),
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
        submitted = st.form_submit_button(_("Save space"), type="primary",
                                          key="occupancy_space_save")
    if submitted:
        if space:
            done = save(spaces.edit_space, actor=user, space_id=space["id"],
                        version=space["version"], **values)
        else:
            done = save(spaces.add_space, actor=user, site_id=site.id, **values)
        if done:
            _saved(_("Space {space} saved.").format(space=done.code))


def _amount(value) -> str:
    return "" if value is None else f"{value:.2f}"


def lease_forms(user: User, site: SiteChoice, on: date, running: list) -> None:
    """`running`: the site's leases on `on` (hub.occupancy.leases.lease_rows), already loaded."""
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
        change_lease_form(user, running, leasable)
    confirm(END_EARLY, title=_("End the lease early"), action=_("End the lease"),
            run=lambda **request: _end_early(user, **request))


def new_lease_form(user: User, leasable: list[dict], tenants: list, on: date,
                   taken: set[int]) -> None:
    with st.form("occupancy_new_lease", clear_on_submit=False):
        st.markdown("**" + _("New lease") + "**")
        left, right = st.columns(2)
        space = left.selectbox(_("Space"), leasable, key="occupancy_lease_space",
                               format_func=lambda s, leased=_("{space} · leased today"),
                               vacant=_("{space} · vacant today"): (
                                   leased if s["id"] in taken else vacant).format(
                                       space=_space_label(s)))
        tenant = right.selectbox(_("Tenant"), tenants, format_func=lambda t: t[1],
                                 key="occupancy_lease_tenant")
        starts_on = left.date_input(_("Start"), on, format="DD/MM/YYYY",
                                    key="occupancy_lease_start")
        open_ended = right.checkbox(_("Open-ended"), value=False, key="occupancy_lease_open")
        ends_on = right.date_input(_("End (last day)"), date(on.year + 1, on.month, 1),
                                   format="DD/MM/YYYY", key="occupancy_lease_end")
        rent = left.text_input(_("Monthly rent € (empty: the space's rent)"),
                               key="occupancy_lease_rent")
        deposit = right.text_input(_("Deposit €"), key="occupancy_lease_deposit")
        notes = st.text_input(_("Notes"), max_chars=1000, key="occupancy_lease_notes")
        submitted = st.form_submit_button(_("Create lease"), type="primary",
                                          key="occupancy_lease_create")
    if submitted:
        if space is None or tenant is None:
            st.error(_("space: choose a space and a tenant"))
            return
        done = save(leases.lease_space, actor=user, space_id=space["id"], tenant_id=tenant[0],
                    starts_on=starts_on, ends_on=None if open_ended else ends_on,
                    monthly_rent=rent or space["monthly_rent"], deposit=deposit, notes=notes)
        if done:
            _saved(_("Lease of {space} created.").format(space=space["code"]))


def change_lease_form(user: User, running: list, leasable: list[dict]) -> None:
    st.markdown("**" + _("Change a running lease") + "**")
    lease = st.selectbox(_("Lease"), running, key="occupancy_lease_pick",
                         format_func=shown({row: _lease_label(row) for row in running}))
    action = st.radio(_("Action"), list(ACTIONS), horizontal=True, key="occupancy_lease_action",
                      format_func=shown({code: _(name) for code, name in ACTIONS.items()}))
    key = f"occupancy_change_{lease.id}_{lease.version}"  # the picked lease's values afresh
    with st.form("occupancy_change_lease"):
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
            target = st.selectbox(_("Move to"),
                                  [s for s in leasable if s["id"] != lease.space_id],
                                  format_func=_space_label, key=f"{key}_move_to")
            moving_on = st.date_input(_("Moving day (first day in the new space)"),
                                      date.today(), format="DD/MM/YYYY",
                                      key=f"{key}_move_day")
            call = dict(action=leases.move_tenant, to_space_id=target and target["id"],
                        on=moving_on)
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
        submitted = st.form_submit_button(_(ACTIONS[action]), type="primary",
                                          key="occupancy_change_submit")
    if submitted and action == "End early":
        ask(END_EARLY, _end_early_sentence(lease, last), lease_id=lease.id,
            version=lease.version, ends_on=last, space=lease.space)
    elif submitted:
        action_function = call.pop("action")
        if save(action_function, actor=user, lease_id=lease.id, version=lease.version, **call):
            _saved(UPDATED[action]().format(space=lease.space))


END_EARLY = "occupancy_end_lease"


def _lease_label(row) -> str:
    if row.ends_on is None:
        return _("{space} — {tenant} (from {start} to open end)").format(
            space=row.space, tenant=row.tenant, start=show_day(row.starts_on))
    return _("{space} — {tenant} (from {start} to {end})").format(
        space=row.space, tenant=row.tenant, start=show_day(row.starts_on),
        end=show_day(row.ends_on))

# What a saved change of a running lease says.
UPDATED = {"Renew": lambda: _("Lease of {space} updated (renew)."),
           "Move to another space": lambda: _("Lease of {space} updated (move to another space)."),
           "Edit": lambda: _("Lease of {space} updated (edit).")}


def _end_early_sentence(lease, last: date) -> str:
    """end_lease_early moves the last day only: bookings and other leases stay as they are."""
    if lease.ends_on is None:
        return _("End {space}'s lease to {tenant} on {last} instead of its open end — {space} "
                 "is free from {free}.").format(space=lease.space, tenant=lease.tenant,
                                                last=show_day(last),
                                                free=show_day(last + timedelta(days=1)))
    return _("End {space}'s lease to {tenant} on {last} instead of {end} — {space} is free "
             "from {free}.").format(space=lease.space, tenant=lease.tenant, last=show_day(last),
                                    end=show_day(lease.ends_on),
                                    free=show_day(last + timedelta(days=1)))


def _end_early(user: User, *, lease_id: int, version: int, ends_on: date, space: str) -> bool:
    if not save(leases.end_lease_early, actor=user, lease_id=lease_id, version=version,
                ends_on=ends_on):
        return False
    flash(_("Lease of {space} ends on {day}").format(space=space, day=show_day(ends_on)))
    return True


def booking_forms(user: User, site: SiteChoice, monday: date, week: list) -> None:
    bookable = [s for s in _spaces(site.id) if s["bookable"] and s["active"]]
    tenants = _tenants(monday)
    st.header(_("Book a space"), anchor=False)
    key = f"occupancy_booking_{monday.isoformat()}"  # the week's Monday as the day afresh
    with st.form("occupancy_booking"):
        left, middle, right = st.columns(3)
        space = left.selectbox(_("Space"), bookable, format_func=_space_label,
                               key="occupancy_booking_space")
        day = middle.date_input(_("Day"), monday, format="DD/MM/YYYY",
                                key=f"{key}_day")
        places = right.number_input(_("Places"), 1, 500, 1, key="occupancy_booking_places")
        whole_day = left.checkbox(_("Whole day (opening hours)"),
                                  key="occupancy_booking_whole_day")
        start = middle.time_input(_("Start"), time(9, 0), step=900,
                                  key="occupancy_booking_start")
        end = right.time_input(_("End"), time(12, 0), step=900, key="occupancy_booking_end")
        tenant = left.selectbox(_("Tenant"), [None] + tenants,
                                format_func=lambda t, outside=_("— an outside person —"):
                                outside if t is None else t[1], key="occupancy_booking_tenant")
        guest = middle.text_input(_("Outside person's name"), max_chars=120,
                                  key="occupancy_booking_guest")
        purpose = right.text_input(_("Purpose"), max_chars=200, key="occupancy_booking_purpose")
        submitted = st.form_submit_button(_("Book"), type="primary", key="occupancy_booking_book")
    if submitted:
        done = save(bookings.book, actor=user, space_id=space and space["id"], day=day,
                    start=start, end=end, whole_day=whole_day, places=places,
                    tenant_id=tenant and tenant[0], guest_name=None if tenant else guest,
                    purpose=purpose)
        if done:
            _saved(_("{space} booked on {day}.").format(space=space["code"], day=show_day(day)))
    if week:
        with st.form("occupancy_cancel_booking"):
            st.markdown("**" + _("Cancel a booking of this week") + "**")
            booking = st.selectbox(_("Booking"), week,
                                   key=f"occupancy_cancel_pick_{monday.isoformat()}",
                                   format_func=shown({b: (
                f"{show_day(b.day)} {clock(b.start_minute)}–"
                f"{clock(b.end_minute)} · {b.space} · {b.tenant or b.guest_name}")
                                       for b in week}))
            if st.form_submit_button(_("Cancel booking"), key="occupancy_cancel_booking_submit"):
                if save(bookings.cancel_booking, actor=user, booking_id=booking.id,
                        version=booking.version):
                    _saved(_("Booking cancelled; the record is kept."))
