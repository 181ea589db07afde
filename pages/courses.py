"""Courses: the programme — courses, workshops, seminars, events; sessions by room,
enrolments and waitlist, the public calendar, and figures since 2016."""
from datetime import date, timedelta

import streamlit as st

from hub.i18n import _, ngettext
from hub.roles import edits_listings, imports_data, sees_contacts
from ui.programme import charts, data
from ui.format import PROGRAMME_KINDS, PROGRAMME_STATUSES, SECTORS
from ui.programme.enrolments import (attendance_form, cancel_form, enrol_form, move_form,
                                  people_tables)
from ui.format import as_text, label, labeller, number, percent
from ui.format import day_text
from ui.empty import nothing_yet, require_site
from ui.navigation import guard
from ui.overview.first_steps import hub_has
from ui.programme.forms import (OPEN_ITEM, delete_draft_form, edit_session_form,
                                instructor_form, item_form, remove_session_form, session_form)
from ui import url_params
from ui.url_params import linked
from ui.widgets import (EARLIEST_DAY, PROGRAMME_FEEDS, choice_box, csv_bytes, feed_addresses,
                        in_this_language, kpi_row, site_picker)

user = guard("courses")
editor = edits_listings(user)
contacts = sees_contacts(user)
today = date.today()

st.title(_("Courses"))
st.caption(_("The programme: courses, workshops, seminars and events — sessions by room, "
             "enrolments and waitlist, the public calendar."))
require_site(user, _("Courses will show the programme — courses, workshops and events — room "
                     "by room, with enrolments and the waiting list."))
top = st.columns([2, 1])
site = site_picker("courses_site", container=top[0])
weeks = linked(top[1].select_slider, _("Weeks shown"), [2, 4, 8, 12], value=4,
               key="courses_weeks",
               link=url_params.one_of("weeks", [2, 4, 8, 12], what=_("2, 4, 8 or 12"),
                                 fallback=_("4 weeks"), default=4))

courses_since, this_year = data.headline(site.id, today.year)
kpi_row([
    (_("Courses since 2016"), number(courses_since), _("Published or done courses, every year.")),
    (_("Items in {year}").format(year=today.year), number(this_year.items if this_year else 0),
     _("Published or done items starting this year.")),
    (_("Participants in {year}").format(year=today.year),
     number(this_year.participants if this_year else 0),
     _("People holding a seat (enrolled or attended).")),
    (_("Average fill rate"), percent(this_year.fill_rate) if this_year else "—",
     _("Seats taken ÷ capacity, averaged over this year's items.")),
])

if not hub_has("programme"):
    if user.role == "viewer":
        empty = _("No programme yet: this screen will show courses, workshops and events room by "
                  "room, with enrolments, the waiting list and the public calendar. The manager "
                  "and the communication team plan it.")
    elif imports_data(user):
        empty = _("No programme yet: this screen will show courses, workshops and events room by "
                  "room, with enrolments, the waiting list and the public calendar. Plan the "
                  "first item on the Plan tab, or import a spreadsheet of the programme.")
    else:
        empty = _("No programme yet: this screen will show courses, workshops and events room by "
                  "room, with enrolments, the waiting list and the public calendar. Plan the "
                  "first item on the Plan tab.")
    nothing_yet(empty, user=user, key="admin",
                label=_("Admin › Import / export: import the programme"), tab="import")
left, middle, right, last = st.columns(4)
kinds = linked(left.multiselect, _("Kind"), PROGRAMME_KINDS, key="courses_kinds",
               format_func=labeller("programme kind"),
               link=url_params.some_of("kind", PROGRAMME_KINDS, what=_("a kind of item"),
                                  fallback=_("every kind")))
statuses = linked(middle.multiselect, _("Status"), PROGRAMME_STATUSES, key="courses_statuses",
                  format_func=labeller("programme status"),
                  link=url_params.some_of("status", PROGRAMME_STATUSES, what=_("a status"),
                                     fallback=_("every status")))
sectors = linked(right.multiselect, _("Sector"), SECTORS, key="courses_sectors",
                 format_func=labeller("sector"),
                 link=url_params.some_of("sector", SECTORS, what=_("a sector"),
                                    fallback=_("every sector")))
shown_period = (today - timedelta(days=365), today + timedelta(days=180))
period = linked(last.date_input, _("Period"), value=shown_period,
                min_value=EARLIEST_DAY, max_value=today + timedelta(days=5 * 366),
                key="courses_period", format="DD/MM/YYYY",
                link=url_params.period("from", "to", default=shown_period,
                                  fallback=_("the past year and the next six months"),
                                  earliest=EARLIEST_DAY,
                                  latest=today + timedelta(days=5 * 366)))
start, end = (tuple(period) + (None, None))[:2] if isinstance(period, tuple) else (period, None)
rows = data.item_list(site.id, tuple(kinds), tuple(statuses), tuple(sectors), start, end)


def calendar_tab() -> None:
    frame = (data.sessions_per_day if site.id is None else data.calendar)(site.id, today, weeks)
    if frame.empty:
        st.info(_("No session in the next {weeks} weeks.").format(weeks=weeks))
    elif site.id is None:
        st.altair_chart(charts.sessions_per_day(frame), width="stretch")
        st.caption(_("Choose a site above to see its rooms session by session."))
    else:
        st.altair_chart(charts.calendar_timeline(frame), width="stretch")
    published = data.published_count(site.id)
    left, right = st.columns(2)
    left.download_button(_("Download the published programme (.ics)"),
                         in_this_language(lambda: data.published_ics(site.id)),
                         file_name="bottega-programme.ics", mime="text/calendar",
                         key="courses_ics", icon=":material/calendar_month:",
                         disabled=not published, on_click="ignore")
    right.download_button(_("Download the published programme (CSV)"),
                          in_this_language(lambda: data.published_csv(site.id)),
                          file_name="bottega-programme.csv", mime="text/csv",
                          key="courses_programme_csv", icon=":material/download:",
                          disabled=not published, on_click="ignore")
    st.caption(ngettext("{count} session of a published item, one calendar event each; drafts "
                        "and cancelled items are never exported.",
                        "{count} sessions of published items, one calendar event each; drafts "
                        "and cancelled items are never exported.", published).format(
        count=number(published)))
    feed_addresses(site.id, PROGRAMME_FEEDS)


def programme_tab() -> None:
    if not rows:
        st.info(_("No item matches these filters."))
        return
    st.dataframe(data.programme_table(rows, all_sites=site.id is None), hide_index=True,
                 width="stretch")
    shown = ngettext("{count} item", "{count} items", len(rows)).format(count=number(len(rows)))
    st.caption(_("{items} (the latest {limit}; narrow the filters)").format(
        items=shown, limit=number(500)) if len(rows) >= 500 else shown)
    listing = data.programme_file(rows)
    st.download_button(_("Download this list (CSV)"),
                       in_this_language(lambda: csv_bytes(listing)),
                       file_name="programme-list.csv", mime="text/csv", key="courses_list_csv",
                       icon=":material/download:", on_click="ignore")


def outside_hours_notice(sessions) -> None:
    """Sessions in a room outside the site's opening hours are accepted (evening courses,
    weekend events) but said, so that someone opens the building for them."""
    outside = [s for s in sessions if s.outside_hours]
    if outside:
        st.warning(ngettext(
            "{count} session falls outside the site's opening hours; Bottega keeps it (evening "
            "courses and weekend events are common), but someone must open the building: "
            "{sessions}.",
            "{count} sessions fall outside the site's opening hours; Bottega keeps them "
            "(evening courses and weekend events are common), but someone must open the "
            "building: {sessions}.", len(outside)).format(
            count=number(len(outside)), sessions=as_text("; ".join(
                f"{day_text(s.day)}, {s.place}: {s.outside_hours}" for s in outside))),
            icon=":material/schedule:")


def item_tab() -> None:
    if not rows:
        st.info(_("Choose filters above that list at least one item."))
    else:
        opened = open_item(rows)
        # By id: an edit changes the row, and the item chosen stays chosen.
        names = {r.id: f"{r.title} · {label('programme status', r.status)} · "
                       f"{day_text(r.starts_on)}" for r in rows}
        chosen = choice_box(_("Item"), names, key="courses_item")
        row, sessions, people, texts = data.item_detail(chosen)
        kpi_row([(_("Capacity"), number(row.capacity), None),
                 (_("Enrolled"), number(row.seated), None),
                 (_("Waitlist"), number(row.waitlisted), None),
                 (_("Fill rate"), percent(row.fill_rate), _("Seats taken ÷ capacity."))])
        st.altair_chart(charts.seats_bar(charts.fill_gauge_frame(
            row.seated, row.waitlisted, row.capacity)), width="stretch")
        description, funding, target_group = texts
        st.markdown(as_text(description) or _("_No description yet._"))
        st.caption(as_text(" · ".join(part for part in (
            label("programme kind", row.kind), label("sector", row.sector),
            label("programme format", row.format), data.price_text(row.price),
            _("funding: {funding}").format(funding=funding) if funding else "",
            _("for: {target_group}").format(target_group=target_group) if target_group
            else "") if part)))
        st.dataframe(data.session_table(sessions, contacts=contacts), hide_index=True,
                     width="stretch")
        if editor:
            outside_hours_notice(sessions)
            people_tables(row, people, contacts)
            targets = data.move_targets(site.id, row.id)
            tenants = data.choices(None)["tenants"]
            enrol_form(user, row, tenants)
            with st.expander(_("Cancel, attendance, move"), icon=":material/group:",
                             key="courses_people_actions"):
                cancel_form(user, row, people)
                attendance_form(user, row, people)
                move_form(user, row, people, targets)
            with st.expander(_("Edit this item and its sessions"), icon=":material/edit:",
                             key="courses_edit_item", expanded=opened or not sessions):
                picks = data.choices(row.site_id)
                session_form(user, row, picks["spaces"], picks["instructors"])
                edit_session_form(user, row, sessions, picks["spaces"], picks["instructors"])
                remove_session_form(user, row, sessions)
                item_form(user, site, row, texts)
                delete_draft_form(user, row)
        else:
            st.caption(_("Participants are listed for the manager and the communication team "
                         "only; you see the counts."))


def figures_tab() -> None:
    kinds_frame, people_frame, hours_frame = data.figures(site.id)
    if kinds_frame.empty:
        st.info(_("No published or done item yet."))
        return
    st.altair_chart(charts.items_per_year(kinds_frame), width="stretch")
    st.altair_chart(charts.participants_per_year(people_frame), width="stretch")
    st.caption(charts.participants_summary(people_frame))
    st.altair_chart(charts.waitlist_pressure(people_frame), width="stretch")
    st.caption(charts.waitlist_summary(people_frame))
    st.altair_chart(charts.hours_by_sector(hours_frame), width="stretch")


def plan_tab() -> None:
    if site.id is None:
        st.info(_("Choose a site above to add items to its programme."))
    else:
        st.header(_("New item"))
        st.caption(_("An item starts as a draft. Once added, it opens on the Item tab, where "
                     "its sessions come next (days, room, instructor); publish it when they "
                     "are set."))
        item_form(user, site)
    st.header(_("Instructors"))
    instructor_form(user, data.choices(None)["tenants"])


def open_item(listed: list) -> bool:
    """After an item is added, the Item tab opens on it (see plan_tab)."""
    wanted = st.session_state.pop(OPEN_ITEM, None)
    if wanted in {row.id for row in listed}:
        st.session_state["courses_item"] = wanted
        return True
    return False


# Only the open tab is drawn (switching tabs reruns the page), so the others cost nothing.
screens = {_("Calendar"): calendar_tab, _("Programme"): programme_tab, _("Item"): item_tab,
           _("Figures"): figures_tab} | ({_("Plan"): plan_tab} if editor else {})
if OPEN_ITEM in st.session_state:
    st.session_state["courses_tab"] = _("Item")
for tab, draw in zip(st.tabs(list(screens), key="courses_tab", on_change="rerun"),
                     screens.values()):
    if tab.open:
        with tab:
            draw()
