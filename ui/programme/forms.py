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
from hub.programme import drafts
from hub.programme import items
from hub.programme import views as programme_views
from hub.programme.views import ItemRow, SessionRow
from ui.confirm import confirm
from ui.database import reading, save
from ui.format import as_text, counted, label, labeller, number
from ui.format import day_text
from ui.programme import data
from ui.programme.dates import weekday_day
from ui.forms import form
from ui.widgets import EARLIEST_DAY, SiteChoice, choice_box, record_picker

CANCEL_ITEM = "courses_cancel_item"


def _named(keys: list, label) -> dict:
    return {key: label(key) for key in keys}


def _label(options: list[tuple[int, str]], none: str):
    labels = dict(options)
    return [None] + [key for key, __ in options], lambda key: none if key is None else labels[key]


def item_form(user: User, site: SiteChoice, row: ItemRow | None = None,
              texts: tuple = ("", None, None)) -> None:
    """Add an item to the chosen site, or edit `row` (the version drawn guards the save)."""
    name = f"courses_item_{row.id}" if row else f"courses_item_new_{site.id}"
    description, funding, target_group = texts
    with form(name, version=row.version if row else None,
              about=("item", row.id) if row else None) as edit:
        key = edit.key(f"courses_item_{row.id if row else 'new'}")
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
            "refund_deadline": left.date_input(
                _("Refund deadline (empty: the day before the first session)"),
                row.refund_deadline if row else None, min_value=EARLIEST_DAY,
                format="DD/MM/YYYY", key=f"{key}_refund_deadline",
                help=_("A participant who cancels by this day gets the fee back.")),
            "description": st.text_area(_("Description for the public"), description or "",
                                        max_chars=4000, key=f"{key}_description"),
        }
        if edit.submitted(_("Save item") if row else _("Add item")):
            _submit_item(user, site, row, edit, values)
    if row is not None:
        confirm(CANCEL_ITEM, title=_("Cancel the programme item"), action=_("Cancel the item"),
                keep=_("Keep the item"),
                run=lambda **request: _cancel_item(user, **request))


OPEN_ITEM = "courses_open_item"     # the item the Item tab opens on, with its sessions' form


def _submit_item(user: User, site: SiteChoice, row: ItemRow | None, edit, values: dict) -> None:
    if row is None:
        if item := edit.save(items.add_item, actor=user, site_id=site.id, **values):
            st.session_state[OPEN_ITEM] = item.id      # and said there, where sessions come next
            status = label("programme status", item.status)
            edit.done(_("“{title}” added as {status}: add its sessions below.").format(
                title=item.title, status=status), below=f"courses_session_{item.id}",
                here=_("“{title}” added as {status}: its sessions are added on the Item "
                       "tab.").format(title=item.title, status=status))
    elif values["status"] == "cancelled" and row.status != "cancelled":
        try:
            edit.ask(CANCEL_ITEM, cancellation_sentence(row.id), item_id=row.id, **values)
        except Refused as refusal:
            st.error(as_text(str(refusal)), icon=":material/block:")
    elif edit.save(items.edit_item, actor=user, item_id=row.id, **values):
        edit.done(_("“{title}” saved.").format(title=values["title"]))


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


def _cancel_item(user: User, **request) -> str | None:
    item = save(items.edit_item, actor=user, **request)
    return _("“{title}” cancelled").format(title=item.title) if item else None


def _session_label(row: SessionRow) -> str:
    return f"{weekday_day(row.day)} {clock(row.start_minute)} · {row.place}"


def session_form(user: User, row: ItemRow, spaces: list[tuple[int, str]],
                 instructors: list[tuple[int, str]]) -> None:
    """One session, or the same slot every week for several weeks."""
    space_keys, space_label = _label(spaces, _("No space (online or elsewhere)"))
    teacher_keys, teacher_label = _label(instructors, _("No instructor yet"))
    with form(f"courses_session_{row.id}") as add:
        key = add.key(f"courses_session_{row.id}")
        st.markdown(_("**Add sessions**"))
        left, middle, right, last = st.columns(4)
        day = left.date_input(_("First day"), date.today() + timedelta(days=7),
                              format="DD/MM/YYYY", key=f"{key}_day")
        start = middle.time_input(_("Start"), time(18), step=900, key=f"{key}_start")
        end = right.time_input(_("End"), time(21), step=900, key=f"{key}_end")
        weeks = last.number_input(_("Weeks (1 = one session)"), 1, items.MAX_SERIES_WEEKS,
                                  1, key=f"{key}_weeks")
        left, right = st.columns(2)
        space_id = choice_box(_("Space"), _named(space_keys, space_label), key=f"{key}_space",
                              container=left)
        instructor_id = choice_box(_("Instructor"), _named(teacher_keys, teacher_label),
                                   key=f"{key}_instructor", container=right)
        location = st.text_input(_("Location when not in a space (an address, or a link)"),
                                 max_chars=200, key=f"{key}_location")
        if not add.submitted(_("Add session(s)")):
            return
        place = {"space_id": space_id, "location": location, "instructor_id": instructor_id}
        if weeks > 1:
            if added := add.save(items.add_weekly_series, actor=user, item_id=row.id,
                                 first_day=day, weeks=weeks, start=start, end=end, **place):
                add.done(ngettext("{count} weekly session added to “{title}”.",
                                  "{count} weekly sessions added to “{title}”.",
                                  len(added)).format(count=number(len(added)), title=row.title))
        elif add.save(items.add_session, actor=user, item_id=row.id, day=day, start=start,
                      end=end, **place):
            add.done(_("Session on {day} added to “{title}”.").format(day=day_text(day),
                                                                     title=row.title))


def edit_session_form(user: User, row: ItemRow, sessions: list[SessionRow],
                      spaces: list[tuple[int, str]], instructors: list[tuple[int, str]]) -> None:
    """Move one session, or change its room or instructor (the version drawn guards it)."""
    if not sessions:
        return
    names = {s.id: _session_label(s) for s in sessions}
    picked = choice_box(_("Session to change"), names, index=None,
                        key=f"courses_edit_session_{row.id}_pick",
                        placeholder=_("Choose a session…"))
    chosen = next((s for s in sessions if s.id == picked), None)
    if chosen is None:
        return
    space_keys, space_label = _label(spaces, _("No space (online or elsewhere)"))
    teacher_keys, teacher_label = _label(instructors, _("No instructor yet"))
    with form(f"courses_edit_session_{chosen.id}", version=chosen.version,
              about=("session", chosen.id)) as edit:
        key = edit.key(f"courses_edit_session_{chosen.id}")
        left, middle, right = st.columns(3)
        day = left.date_input(_("Day"), chosen.day, format="DD/MM/YYYY", key=f"{key}_day")
        start = middle.time_input(_("Start"), _time(chosen.start_minute), step=900,
                                  key=f"{key}_start")
        end = right.time_input(_("End"), _time(chosen.end_minute), step=900, key=f"{key}_end")
        left, right = st.columns(2)
        space_id = choice_box(
            _("Space"), _named(space_keys, space_label), key=f"{key}_space", container=left,
            index=space_keys.index(chosen.space_id) if chosen.space_id in space_keys else 0)
        instructor_id = choice_box(
            _("Instructor"), _named(teacher_keys, teacher_label), key=f"{key}_instructor",
            container=right, index=teacher_keys.index(chosen.instructor_id)
            if chosen.instructor_id in teacher_keys else 0)
        location = st.text_input(_("Location when not in a space (an address, or a link)"),
                                 chosen.location or "", max_chars=200, key=f"{key}_location")
        if edit.submitted(_("Save session")) and edit.save(
                items.edit_session, actor=user, session_id=chosen.id, day=day,
                start=start, end=end, space_id=space_id, location=location,
                instructor_id=instructor_id):
            edit.done(_("Session of {day} saved.").format(day=day_text(day)))


def _time(minute: int) -> time:
    return time(minute // 60, minute % 60)


def remove_session_form(user: User, row: ItemRow, sessions: list[SessionRow]) -> None:
    if not sessions:
        return
    with form(f"courses_remove_session_{row.id}",
              versions={s.id: s.version for s in sessions}) as remove:
        chosen = record_picker(_("Session to remove"), sessions, name_of=_session_label,
                               key=remove.key(f"courses_remove_session_{row.id}_pick"))
        if remove.submitted(_("Remove session")) and chosen and remove.save(
                items.remove_session, actor=user, session_id=chosen.id,
                version=remove.version_of(chosen.id)):
            remove.done(_("Session of {day} removed.").format(day=day_text(chosen.day)))


DELETE_DRAFT = "courses_delete_draft"


def delete_draft_form(user: User, row: ItemRow) -> None:
    """A draft nobody enrolled in can be deleted (asks first)."""
    if row.status != "draft" or row.seated or row.waitlisted:
        return
    with form(f"courses_delete_draft_{row.id}", version=row.version,
              about=("item", row.id)) as remove:
        st.markdown(_("**Delete this draft** — made by mistake? Its sessions go with it; the "
                      "audit log keeps a copy."))
        if remove.submitted(_("Delete the draft")):
            remove.ask(DELETE_DRAFT, _("Delete the draft “{title}” and its sessions.").format(
                title=row.title), item_id=row.id, title=row.title)
    confirm(DELETE_DRAFT, title=_("Delete a draft"), action=_("Delete the draft"),
            keep=_("Keep it"), run=lambda **request: _delete_draft(user, **request))


def _delete_draft(user: User, *, item_id: int, version: int, title: str) -> str | None:
    if save(drafts.delete_draft, actor=user, item_id=item_id, version=version) is None:
        return None
    st.session_state.pop("courses_item", None)
    return _("Draft “{title}” deleted.").format(title=title)


def instructor_form(user: User, tenants: list[tuple[int, str]]) -> None:
    tenant_keys, tenant_label = _label(tenants, _("An outside person (write the name)"))
    with form("courses_instructor") as add:
        key = add.key
        tenant_id = choice_box(_("A tenant of the hub"), _named(tenant_keys, tenant_label),
                               key=key("courses_instructor_tenant"))
        left, middle, right = st.columns(3)
        name = left.text_input(_("Name"), max_chars=120, key=key("courses_instructor_name"))
        email = middle.text_input(_("Email"), max_chars=254,
                                  key=key("courses_instructor_email"))
        phone = right.text_input(_("Phone"), max_chars=40, key=key("courses_instructor_phone"))
        if add.submitted(_("Add instructor")) and add.save(
                items.add_instructor, actor=user, name=name or None, tenant_id=tenant_id,
                email=email, phone=phone):
            add.done(_("Instructor added."))
    edit_instructor_form(user, data.choices(None)["instructors"])


def edit_instructor_form(user: User, instructors: list[tuple[int, str]]) -> None:
    """Correct an instructor's name or contact; the version drawn guards the save."""
    if not instructors:
        return
    names = dict(instructors)
    chosen = choice_box(_("Instructor to edit"), names, key="courses_instructor_pick")
    with reading() as session:
        instructor = session.get(Instructor, chosen)
    if instructor is None:
        return
    with form(f"courses_instructor_edit_{instructor.id}", version=instructor.version,
              about=("instructor", instructor.id)) as edit:
        key = edit.key(f"courses_instructor_edit_{instructor.id}")
        left, middle, right = st.columns(3)
        values = {"name": left.text_input(_("Name"), instructor.name, max_chars=120,
                                          key=f"{key}_name"),
                  "email": middle.text_input(_("Email"), instructor.email or "",
                                             max_chars=254, key=f"{key}_email"),
                  "phone": right.text_input(_("Phone"), instructor.phone or "", max_chars=40,
                                            key=f"{key}_phone")}
        if edit.submitted(_("Save instructor")) and (saved := edit.save(
                items.edit_instructor, actor=user, instructor_id=instructor.id, **values)):
            edit.done(_("Instructor {name} saved").format(name=saved.name))
