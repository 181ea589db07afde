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
from hub.occupancy import bookings, leases, sites, spaces
from hub.tenants.roster import tenant_choices
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import day as show_day
from ui.widgets import flash, SiteChoice

NEW = "New space…"


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


def _space_label(space: dict) -> str:
    return f"{space['code']} — {space['name']}"


def space_forms(user: User, site: SiteChoice) -> None:
    st.header("Spaces", anchor=False)
    if site.id is None:
        st.info("Choose a site above to add or edit its spaces.")
        return
    with st.expander("Add or edit a space", icon=":material/edit_square:"):
        _space_form(user, site)
    with st.expander("Opening hours for bookings", icon=":material/schedule:"):
        _opening_hours_form(user, site)


def _opening_hours_form(user: User, site: SiteChoice) -> None:
    with reading() as session:
        current = sites.get_site(session, site.id)
    with st.form("occupancy_opening_hours"):
        left, middle, right = st.columns([1, 1, 2])
        opens_at = left.time_input("Opens at", current.opens_at, step=1800)
        closes_at = middle.time_input("Closes at", current.closes_at, step=1800)
        days = right.multiselect("Open days", range(7), [int(d) for d in current.open_weekdays],
                                 format_func=lambda d: bookings.WEEKDAYS[d])
        st.caption(f"Now: {bookings.opening_hours(current)}. Bookings must fall within these "
                   "hours; a change is refused while booked slots would fall outside.")
        submitted = st.form_submit_button("Save opening hours")
    if submitted and save(sites.set_opening_hours, actor=user, site_id=site.id,
                          version=current.version, opens_at=opens_at, closes_at=closes_at,
                          weekdays=days):
        _saved(f"Opening hours of {site.name} saved.")


def _space_form(user: User, site: SiteChoice) -> None:
    known = _spaces(site.id)
    chosen = st.selectbox("Space to edit", [NEW] + known, key="occupancy_space_pick",
                          format_func=lambda s: s if s == NEW else _space_label(s))
    space = {} if chosen == NEW else chosen
    with st.form("occupancy_space_form"):
        left, middle, right = st.columns(3)
        values = {
            "code": left.text_input("Code", space.get("code", ""), max_chars=16),
            "name": middle.text_input("Name", space.get("name", ""), max_chars=120),
            "kind": right.selectbox("Kind", SPACE_KINDS, index=SPACE_KINDS.index(
                space.get("kind", "laboratory")), format_func=lambda k: k.replace("_", " ")),
            "floor": left.text_input("Floor", space.get("floor") or "", max_chars=20),
            "area_m2": middle.number_input("Area m²", 0.0, 10000.0,
                                           float(space.get("area_m2", 0.0)), step=1.0),
            "capacity": right.number_input("Capacity (places)", 1, 500,
                                           int(space.get("capacity", 1))),
            "monthly_rent": left.text_input("Monthly rent €", _amount(space.get("monthly_rent"))),
            "hourly_rate": middle.text_input("Hourly rate €", _amount(space.get("hourly_rate"))),
            "daily_rate": right.text_input("Daily rate €", _amount(space.get("daily_rate"))),
            "equipment": st.text_area("Equipment", space.get("equipment") or "", max_chars=1000),
        }
        flags = st.columns(3)
        values["leasable"] = flags[0].checkbox("Leasable by the month", space.get("leasable", True))
        values["bookable"] = flags[1].checkbox("Bookable by the hour or day",
                                               space.get("bookable", False))
        values["active"] = flags[2].checkbox("Active", space.get("active", True))
        submitted = st.form_submit_button("Save space", type="primary")
    if submitted:
        if space:
            done = save(spaces.edit_space, actor=user, space_id=space["id"],
                        version=space["version"], **values)
        else:
            done = save(spaces.add_space, actor=user, site_id=site.id, **values)
        if done:
            _saved(f"Space {done.code} saved.")


def _amount(value) -> str:
    return "" if value is None else f"{value:.2f}"


def lease_forms(user: User, site: SiteChoice, on: date, running: list) -> None:
    """`running`: the site's leases on `on` (hub.occupancy.leases.lease_rows), already loaded."""
    st.header("Leases", anchor=False)
    if site.id is None:
        st.info("Choose a site above to lease its spaces.")
        return
    taken = {row.space_id for row in running}
    # Vacant spaces first: they are the ones a new lease is usually for.
    leasable = sorted((s for s in _spaces(site.id) if s["leasable"] and s["active"]),
                      key=lambda s: (s["id"] in taken, s["code"]))
    new_lease_form(user, leasable, _tenants(on), on, taken)
    if running:
        change_lease_form(user, running, leasable)
    confirm(END_EARLY, title="End the lease early", action="End the lease",
            run=lambda **request: _end_early(user, **request))


def new_lease_form(user: User, leasable: list[dict], tenants: list, on: date,
                   taken: set[int]) -> None:
    with st.form("occupancy_new_lease", clear_on_submit=False):
        st.markdown("**New lease**")
        left, right = st.columns(2)
        space = left.selectbox("Space", leasable, key="occupancy_lease_space",
                               format_func=lambda s: _space_label(s) + (
                                   " · leased today" if s["id"] in taken else " · vacant today"))
        tenant = right.selectbox("Tenant", tenants, format_func=lambda t: t[1],
                                 key="occupancy_lease_tenant")
        starts_on = left.date_input("Start", on, format="DD/MM/YYYY", key="occupancy_lease_start")
        open_ended = right.checkbox("Open-ended", value=False, key="occupancy_lease_open")
        ends_on = right.date_input("End (last day)", date(on.year + 1, on.month, 1),
                                   format="DD/MM/YYYY", key="occupancy_lease_end")
        rent = left.text_input("Monthly rent € (empty: the space's rent)")
        deposit = right.text_input("Deposit €")
        notes = st.text_input("Notes", max_chars=1000)
        submitted = st.form_submit_button("Create lease", type="primary")
    if submitted:
        if space is None or tenant is None:
            st.error("space: choose a space and a tenant")
            return
        done = save(leases.lease_space, actor=user, space_id=space["id"], tenant_id=tenant[0],
                    starts_on=starts_on, ends_on=None if open_ended else ends_on,
                    monthly_rent=rent or space["monthly_rent"], deposit=deposit, notes=notes)
        if done:
            _saved(f"Lease of {space['code']} created.")


def change_lease_form(user: User, running: list, leasable: list[dict]) -> None:
    st.markdown("**Change a running lease**")
    lease = st.selectbox("Lease", running, key="occupancy_lease_pick",
                         format_func=lambda r: f"{r.space} — {r.tenant} (from {show_day(r.starts_on)}"
                                               f" to {show_day(r.ends_on) if r.ends_on else 'open end'})")
    action = st.radio("Action", ["End early", "Renew", "Move to another space", "Edit"],
                      horizontal=True, key="occupancy_lease_action")
    with st.form("occupancy_change_lease"):
        if action == "End early":
            last = st.date_input("Last day", date.today(), format="DD/MM/YYYY")
            call = dict(action=leases.end_lease_early, ends_on=last)
        elif action == "Renew":
            until = st.date_input("Renew until", format="DD/MM/YYYY", value=None)
            rent = st.text_input("New monthly rent € (empty: unchanged)")
            call = dict(action=leases.renew_lease, until=until, monthly_rent=rent)
        elif action == "Move to another space":
            target = st.selectbox("Move to", [s for s in leasable if s["id"] != lease.space_id],
                                  format_func=_space_label)
            moving_on = st.date_input("Moving day (first day in the new space)", date.today(),
                                      format="DD/MM/YYYY")
            call = dict(action=leases.move_tenant, to_space_id=target and target["id"],
                        on=moving_on)
        else:
            left, right = st.columns(2)
            call = dict(action=leases.edit_lease,
                        starts_on=left.date_input("Start", lease.starts_on, format="DD/MM/YYYY"),
                        ends_on=right.date_input("End (empty: open-ended)", lease.ends_on,
                                                 format="DD/MM/YYYY"),
                        monthly_rent=left.text_input("Monthly rent €", f"{lease.monthly_rent:.2f}"),
                        deposit=right.text_input("Deposit €", _amount(lease.deposit)),
                        notes=st.text_input("Notes", lease.notes or "", max_chars=1000))
        submitted = st.form_submit_button(action, type="primary")
    if submitted and action == "End early":
        ask(END_EARLY, _end_early_sentence(lease, last), lease_id=lease.id,
            version=lease.version, ends_on=last, space=lease.space)
    elif submitted:
        action_function = call.pop("action")
        if save(action_function, actor=user, lease_id=lease.id, version=lease.version, **call):
            _saved(f"Lease of {lease.space} updated ({action.lower()}).")


END_EARLY = "occupancy_end_lease"


def _end_early_sentence(lease, last: date) -> str:
    """end_lease_early moves the last day only: bookings and other leases stay as they are."""
    until = show_day(lease.ends_on) if lease.ends_on else "its open end"
    return (f"End {lease.space}'s lease to {lease.tenant} on {show_day(last)} instead of "
            f"{until} — {lease.space} is free from {show_day(last + timedelta(days=1))}.")


def _end_early(user: User, *, lease_id: int, version: int, ends_on: date, space: str) -> bool:
    if not save(leases.end_lease_early, actor=user, lease_id=lease_id, version=version,
                ends_on=ends_on):
        return False
    flash(f"Lease of {space} ends on {show_day(ends_on)}")
    return True


def booking_forms(user: User, site: SiteChoice, monday: date, week: list) -> None:
    bookable = [s for s in _spaces(site.id) if s["bookable"] and s["active"]]
    tenants = _tenants(monday)
    st.header("Book a space", anchor=False)
    with st.form("occupancy_booking"):
        left, middle, right = st.columns(3)
        space = left.selectbox("Space", bookable, format_func=_space_label,
                               key="occupancy_booking_space")
        day = middle.date_input("Day", monday, format="DD/MM/YYYY")
        places = right.number_input("Places", 1, 500, 1)
        whole_day = left.checkbox("Whole day (opening hours)")
        start = middle.time_input("Start", time(9, 0), step=900)
        end = right.time_input("End", time(12, 0), step=900)
        tenant = left.selectbox("Tenant", [None] + tenants,
                                format_func=lambda t: "— an outside person —" if t is None else t[1])
        guest = middle.text_input("Outside person's name", max_chars=120)
        purpose = right.text_input("Purpose", max_chars=200)
        submitted = st.form_submit_button("Book", type="primary")
    if submitted:
        done = save(bookings.book, actor=user, space_id=space and space["id"], day=day,
                    start=start, end=end, whole_day=whole_day, places=places,
                    tenant_id=tenant and tenant[0], guest_name=None if tenant else guest,
                    purpose=purpose)
        if done:
            _saved(f"{space['code']} booked on {show_day(day)}.")
    if week:
        with st.form("occupancy_cancel_booking"):
            st.markdown("**Cancel a booking of this week**")
            booking = st.selectbox("Booking", week, format_func=lambda b: (
                f"{show_day(b.day)} {clock(b.start_minute)}–"
                f"{clock(b.end_minute)} · {b.space} · {b.tenant or b.guest_name}"))
            if st.form_submit_button("Cancel booking"):
                if save(bookings.cancel_booking, actor=user, booking_id=booking.id,
                        version=booking.version):
                    _saved("Booking cancelled; the record is kept.")
