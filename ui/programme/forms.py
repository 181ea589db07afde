"""The Courses screen's planning forms (manager and communication): items, sessions and weekly
series, instructors. Each calls one hub/ function through ui.database.save; a refusal shows
beside the form and nothing is written."""
from __future__ import annotations

from datetime import date, time, timedelta

import streamlit as st

from db.models import Instructor, User
from db.vocabulary import PROGRAMME_FORMATS, PROGRAMME_KINDS, PROGRAMME_STATUSES, SECTORS
from hub.dates import clock
from hub.errors import Refused
from hub.i18n import _, ngettext
from hub.programme import items as programme
from hub.programme import views as programme_views
from hub.programme.views import ItemRow, SessionRow
from ui.confirm import ask, confirm
from ui.database import reading, save
from ui.format import as_text, counted, label, labeller, number
from ui.format import day as show_day
from ui.programme import data
from ui.programme.dates import weekday_day
from ui.widgets import flash, SiteChoice

CANCEL_ITEM = "courses_cancel_item"


def _saved(message: str) -> None:
    """Say what happened on the next run (beside the item), after the save redraws the page."""
    st.session_state["courses_done"] = message
    st.rerun()


def _label(options: list[tuple[int, str]], none: str):
    labels = dict(options)
    return [None] + [key for key, __ in options], lambda key: none if key is None else labels[key]


def item_form(user: User, site: SiteChoice, row: ItemRow | None = None,
              texts: tuple = ("", None, None)) -> None:
    """Add an item to the chosen site, or edit `row` (its version guards the save)."""
    key = f"courses_item_{row.id if row else 'new'}"
    description, funding, target_group = texts
    with st.form(key):
        left, middle, right = st.columns(3)
        values = {
            "title": left.text_input(_("Title"), row.title if row else "", max_chars=160,
                                     key=f"{key}_title"),
            "kind": middle.selectbox(_("Kind"), PROGRAMME_KINDS,
                                     PROGRAMME_KINDS.index(row.kind) if row else 0,
                                     format_func=labeller("programme kind"), key=f"{key}_kind"),
            "sector": right.selectbox(_("Sector"), SECTORS, SECTORS.index(row.sector)
                                      if row and row.sector in SECTORS else 0,
                                      format_func=labeller("sector"), key=f"{key}_sector"),
            "format": left.selectbox(_("Format"), PROGRAMME_FORMATS,
                                     PROGRAMME_FORMATS.index(row.format) if row else 0,
                                     format_func=labeller("programme format"),
                                     key=f"{key}_format"),
            "capacity": middle.number_input(_("Capacity (places)"), 1, 1000,
                                            row.capacity if row else 12, key=f"{key}_capacity"),
            "price": right.text_input(_("Price in € (0 for free)"),
                                      str(row.price) if row else "0", key=f"{key}_price"),
            "status": left.selectbox(_("Status"), PROGRAMME_STATUSES, PROGRAMME_STATUSES.index(
                row.status) if row else 0, format_func=labeller("programme status"),
                key=f"{key}_status"),
            "funding": middle.text_input(_("Funding or partner"), funding or "", max_chars=200,
                                         key=f"{key}_funding"),
            "target_group": right.text_input(_("Target group"), target_group or "",
                                             max_chars=120, key=f"{key}_target_group"),
            "description": st.text_area(_("Description for the public"), description or "",
                                        max_chars=4000, key=f"{key}_description"),
        }
        submitted = st.form_submit_button(_("Save item") if row else _("Add item"),
                                          key=f"{key}_submit")
    if submitted and row is None:
        if save(programme.add_item, actor=user, site_id=site.id, **values):
            _saved(_("“{title}” added as {status}.").format(
                title=values["title"], status=label("programme status", values["status"])))
    elif submitted and values["status"] == "cancelled" and row.status != "cancelled":
        try:
            ask(CANCEL_ITEM, cancellation_sentence(row.id), item_id=row.id,
                version=row.version, **values)
        except Refused as refusal:
            st.error(as_text(str(refusal)), icon=":material/block:")
    elif submitted and save(programme.edit_item, actor=user, item_id=row.id,
                            version=row.version, **values):
        _saved(_("“{title}” saved.").format(title=values["title"]))
    if row is not None:
        confirm(CANCEL_ITEM, title=_("Cancel the programme item"), action=_("Cancel the item"),
                keep=_("Keep the item"),
                run=lambda **request: _cancel_item(user, **request))


def cancellation_sentence(item_id: int) -> str:
    """Names the item and the people it leaves without a course."""
    with reading() as session:
        effect = programme_views.cancellation(session, item_id=item_id, today=date.today())
    ahead = effect.sessions_ahead
    return " ".join((
        _("Cancel “{title}” — {enrolled} and {waiting} are affected: their enrolments stay "
          "on record but the item will not run, so let them know.").format(
            title=effect.title,
            enrolled=counted(effect.seated, "person enrolled", "people enrolled"),
            waiting=counted(effect.waitlisted, "person on the waitlist",
                            "people on the waitlist")),
        ngettext("{count} coming session free its rooms and instructors.",
                 "{count} coming sessions free their rooms and instructors.",
                 ahead).format(count=number(ahead)),
        _("A cancelled item cannot be reopened.")))


def _cancel_item(user: User, **request) -> bool:
    item = save(programme.edit_item, actor=user, **request)
    if item is None:
        return False
    flash(_("“{title}” cancelled").format(title=item.title))
    return True


def _session_label(row: SessionRow) -> str:
    return f"{weekday_day(row.day)} {clock(row.start_minute)} · {row.place}"


def session_form(user: User, row: ItemRow, spaces: list[tuple[int, str]],
                 instructors: list[tuple[int, str]]) -> None:
    """One session, or the same slot every week for several weeks."""
    space_keys, space_label = _label(spaces, _("No space (online or elsewhere)"))
    teacher_keys, teacher_label = _label(instructors, _("No instructor yet"))
    key = f"courses_session_{row.id}"
    with st.form(key):
        left, middle, right, last = st.columns(4)
        day = left.date_input(_("First day"), date.today() + timedelta(days=7),
                              format="DD/MM/YYYY", key=f"{key}_day")
        start = middle.time_input(_("Start"), time(18), step=900, key=f"{key}_start")
        end = right.time_input(_("End"), time(21), step=900, key=f"{key}_end")
        weeks = last.number_input(_("Weeks (1 = one session)"), 1, programme.MAX_SERIES_WEEKS,
                                  1, key=f"{key}_weeks")
        left, right = st.columns(2)
        space_id = left.selectbox(_("Space"), space_keys, format_func=space_label,
                                  key=f"{key}_space")
        instructor_id = right.selectbox(_("Instructor"), teacher_keys,
                                        format_func=teacher_label, key=f"{key}_instructor")
        location = st.text_input(_("Location when not in a space (an address, or a link)"),
                                 max_chars=200, key=f"{key}_location")
        submitted = st.form_submit_button(_("Add session(s)"), key=f"{key}_submit")
    if not submitted:
        return
    place = {"space_id": space_id, "location": location, "instructor_id": instructor_id}
    if weeks > 1:
        added = save(programme.add_weekly_series, actor=user, item_id=row.id, first_day=day,
                     weeks=weeks, start=start, end=end, **place)
        if added:
            _saved(ngettext("{count} weekly session added to “{title}”.",
                            "{count} weekly sessions added to “{title}”.", len(added)).format(
                count=number(len(added)), title=row.title))
    elif save(programme.add_session, actor=user, item_id=row.id, day=day, start=start,
              end=end, **place):
        _saved(_("Session on {day} added to “{title}”.").format(day=show_day(day),
                                                               title=row.title))


def remove_session_form(user: User, row: ItemRow, sessions: list[SessionRow]) -> None:
    if not sessions:
        return
    with st.form(f"courses_remove_session_{row.id}"):
        chosen = st.selectbox(_("Session to remove"), sessions, format_func=_session_label,
                              key=f"courses_remove_session_{row.id}_pick")
        submitted = st.form_submit_button(_("Remove session"),
                                          key=f"courses_remove_session_{row.id}_submit")
    if submitted and save(programme.remove_session, actor=user, session_id=chosen.id,
                          version=chosen.version):
        _saved(_("Session of {day} removed.").format(day=show_day(chosen.day)))


def instructor_form(user: User, tenants: list[tuple[int, str]]) -> None:
    tenant_keys, tenant_label = _label(tenants, _("An outside person (write the name)"))
    with st.form("courses_instructor"):
        tenant_id = st.selectbox(_("A tenant of the hub"), tenant_keys,
                                 format_func=tenant_label, key="courses_instructor_tenant")
        left, middle, right = st.columns(3)
        name = left.text_input(_("Name"), max_chars=120, key="courses_instructor_name")
        email = middle.text_input(_("Email"), max_chars=254, key="courses_instructor_email")
        phone = right.text_input(_("Phone"), max_chars=40, key="courses_instructor_phone")
        submitted = st.form_submit_button(_("Add instructor"), key="courses_instructor_submit")
    if submitted and save(programme.add_instructor, actor=user, name=name or None,
                          tenant_id=tenant_id, email=email, phone=phone):
        _saved(_("Instructor added."))
    edit_instructor_form(user, data.choices(None)["instructors"])


def edit_instructor_form(user: User, instructors: list[tuple[int, str]]) -> None:
    """Correct an instructor's name or contact; the version read here guards the save."""
    if not instructors:
        return
    names = dict(instructors)
    chosen = st.selectbox(_("Instructor to edit"), list(names), format_func=names.get,
                          key="courses_instructor_pick")
    with reading() as session:
        instructor = session.get(Instructor, chosen)
    if instructor is None:
        return
    key = f"courses_instructor_edit_{instructor.id}"
    with st.form(key):
        left, middle, right = st.columns(3)
        values = {"name": left.text_input(_("Name"), instructor.name, max_chars=120,
                                          key=f"{key}_name"),
                  "email": middle.text_input(_("Email"), instructor.email or "",
                                             max_chars=254, key=f"{key}_email"),
                  "phone": right.text_input(_("Phone"), instructor.phone or "", max_chars=40,
                                            key=f"{key}_phone")}
        submitted = st.form_submit_button(_("Save instructor"), key=f"{key}_submit")
    if submitted and (saved := save(programme.edit_instructor, actor=user,
                                    instructor_id=instructor.id, version=instructor.version,
                                    **values)):
        flash(_("Instructor {name} saved").format(name=saved.name))
        st.rerun()
