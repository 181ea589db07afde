"""The Courses screen's planning forms (manager and communication): items, sessions and weekly
series, instructors. Each calls one hub/ function through ui.database.save; a refusal shows
beside the form and nothing is written."""
from __future__ import annotations

from datetime import date, time, timedelta

import streamlit as st

from db.models import Instructor, User
from db.vocabulary import PROGRAMME_FORMATS, PROGRAMME_KINDS, PROGRAMME_STATUSES, SECTORS
from hub.errors import Refused
from hub.programme import items as programme
from hub.programme import views as programme_views
from hub.programme.views import ItemRow, SessionRow
from ui.confirm import ask, confirm
from ui.database import reading, save
from ui.format import as_text, counted
from ui.programme import data
from ui.widgets import flash, SiteChoice

FORMAT_LABELS = {"in_situ": "in situ", "online": "online", "hybrid": "hybrid"}
CANCEL_ITEM = "courses_cancel_item"


def _saved(message: str) -> None:
    """Say what happened on the next run (beside the item), after the save redraws the page."""
    st.session_state["courses_done"] = message
    st.rerun()


def _label(options: list[tuple[int, str]], none: str):
    labels = dict(options)
    return [None] + [key for key, _ in options], lambda key: none if key is None else labels[key]


def item_form(user: User, site: SiteChoice, row: ItemRow | None = None,
              texts: tuple = ("", None, None)) -> None:
    """Add an item to the chosen site, or edit `row` (its version guards the save)."""
    key = f"courses_item_{row.id if row else 'new'}"
    description, funding, target_group = texts
    with st.form(key):
        left, middle, right = st.columns(3)
        values = {
            "title": left.text_input("Title", row.title if row else "", max_chars=160),
            "kind": middle.selectbox("Kind", PROGRAMME_KINDS,
                                     PROGRAMME_KINDS.index(row.kind) if row else 0),
            "sector": right.selectbox("Sector", SECTORS, SECTORS.index(row.sector)
                                      if row and row.sector in SECTORS else 0),
            "format": left.selectbox("Format", PROGRAMME_FORMATS,
                                     PROGRAMME_FORMATS.index(row.format) if row else 0,
                                     format_func=FORMAT_LABELS.get),
            "capacity": middle.number_input("Capacity (places)", 1, 1000,
                                            row.capacity if row else 12),
            "price": right.text_input("Price in € (0 for free)", str(row.price) if row else "0"),
            "status": left.selectbox("Status", PROGRAMME_STATUSES, PROGRAMME_STATUSES.index(
                row.status) if row else 0),
            "funding": middle.text_input("Funding or partner", funding or "", max_chars=200),
            "target_group": right.text_input("Target group", target_group or "", max_chars=120),
            "description": st.text_area("Description for the public", description or "",
                                        max_chars=4000),
        }
        submitted = st.form_submit_button("Save item" if row else "Add item")
    if submitted and row is None:
        if save(programme.add_item, actor=user, site_id=site.id, **values):
            _saved(f"“{values['title']}” added as {values['status']}.")
    elif submitted and values["status"] == "cancelled" and row.status != "cancelled":
        try:
            ask(CANCEL_ITEM, cancellation_sentence(row.id), item_id=row.id,
                version=row.version, **values)
        except Refused as refusal:
            st.error(str(refusal), icon=":material/block:")
    elif submitted and save(programme.edit_item, actor=user, item_id=row.id,
                            version=row.version, **values):
        _saved(f"“{values['title']}” saved.")
    if row is not None:
        confirm(CANCEL_ITEM, title="Cancel the programme item", action="Cancel the item",
                keep="Keep the item",
                run=lambda **request: _cancel_item(user, **request))


def cancellation_sentence(item_id: int) -> str:
    """Names the item and the people it leaves without a course."""
    with reading() as session:
        effect = programme_views.cancellation(session, item_id=item_id, today=date.today())
    people = f"{counted(effect.seated, 'person', 'people')} enrolled and " \
             f"{counted(effect.waitlisted, 'person', 'people')} on the waitlist"
    return (f"Cancel “{effect.title}” — {people} are affected: their enrolments stay on "
            "record but the item will not run, so let them know. "
            f"{counted(effect.sessions_ahead, 'coming session')} free "
            f"{'its' if effect.sessions_ahead == 1 else 'their'} rooms and instructors. "
            "A cancelled item cannot be reopened.")


def _cancel_item(user: User, **request) -> bool:
    item = save(programme.edit_item, actor=user, **request)
    if item is None:
        return False
    flash(f"“{as_text(item.title)}” cancelled")
    return True


def session_form(user: User, row: ItemRow, spaces: list[tuple[int, str]],
                 instructors: list[tuple[int, str]]) -> None:
    """One session, or the same slot every week for several weeks."""
    space_keys, space_label = _label(spaces, "No space (online or elsewhere)")
    teacher_keys, teacher_label = _label(instructors, "No instructor yet")
    with st.form(f"courses_session_{row.id}"):
        left, middle, right, last = st.columns(4)
        day = left.date_input("First day", date.today() + timedelta(days=7),
                              format="DD/MM/YYYY")
        start = middle.time_input("Start", time(18), step=900)
        end = right.time_input("End", time(21), step=900)
        weeks = last.number_input("Weeks (1 = one session)", 1, programme.MAX_SERIES_WEEKS, 1)
        left, right = st.columns(2)
        space_id = left.selectbox("Space", space_keys, format_func=space_label)
        instructor_id = right.selectbox("Instructor", teacher_keys, format_func=teacher_label)
        location = st.text_input("Location when not in a space (an address, or a link)",
                                 max_chars=200)
        submitted = st.form_submit_button("Add session(s)")
    if not submitted:
        return
    place = {"space_id": space_id, "location": location, "instructor_id": instructor_id}
    if weeks > 1:
        added = save(programme.add_weekly_series, actor=user, item_id=row.id, first_day=day,
                     weeks=weeks, start=start, end=end, **place)
        if added:
            _saved(f"{len(added)} weekly sessions added to “{row.title}”.")
    elif save(programme.add_session, actor=user, item_id=row.id, day=day, start=start,
              end=end, **place):
        _saved(f"Session on {day:%d/%m/%Y} added to “{row.title}”.")


def remove_session_form(user: User, row: ItemRow, sessions: list[SessionRow]) -> None:
    if not sessions:
        return
    with st.form(f"courses_remove_session_{row.id}"):
        chosen = st.selectbox("Session to remove", sessions, format_func=lambda s: (
            f"{s.day:%a %d/%m/%Y} {s.start_minute // 60:02d}:{s.start_minute % 60:02d} · "
            f"{s.place}"))
        submitted = st.form_submit_button("Remove session")
    if submitted and save(programme.remove_session, actor=user, session_id=chosen.id,
                          version=chosen.version):
        _saved(f"Session of {chosen.day:%d/%m/%Y} removed.")


def instructor_form(user: User, tenants: list[tuple[int, str]]) -> None:
    tenant_keys, tenant_label = _label(tenants, "An outside person (write the name)")
    with st.form("courses_instructor"):
        tenant_id = st.selectbox("A tenant of the hub", tenant_keys, format_func=tenant_label)
        left, middle, right = st.columns(3)
        name = left.text_input("Name", max_chars=120)
        email = middle.text_input("Email", max_chars=254)
        phone = right.text_input("Phone", max_chars=40)
        submitted = st.form_submit_button("Add instructor")
    if submitted and save(programme.add_instructor, actor=user, name=name or None,
                          tenant_id=tenant_id, email=email, phone=phone):
        _saved("Instructor added.")
    edit_instructor_form(user, data.choices(None)["instructors"])


def edit_instructor_form(user: User, instructors: list[tuple[int, str]]) -> None:
    """Correct an instructor's name or contact; the version read here guards the save."""
    if not instructors:
        return
    names = dict(instructors)
    chosen = st.selectbox("Instructor to edit", list(names), format_func=names.get,
                          key="courses_instructor_pick")
    with reading() as session:
        instructor = session.get(Instructor, chosen)
    if instructor is None:
        return
    key = f"courses_instructor_edit_{instructor.id}"
    with st.form(key):
        left, middle, right = st.columns(3)
        values = {"name": left.text_input("Name", instructor.name, max_chars=120,
                                          key=f"{key}_name"),
                  "email": middle.text_input("Email", instructor.email or "", max_chars=254,
                                             key=f"{key}_email"),
                  "phone": right.text_input("Phone", instructor.phone or "", max_chars=40,
                                            key=f"{key}_phone")}
        submitted = st.form_submit_button("Save instructor")
    if submitted and (saved := save(programme.edit_instructor, actor=user,
                                    instructor_id=instructor.id, version=instructor.version,
                                    **values)):
        flash(f"Instructor {as_text(saved.name)} saved")
        st.rerun()
