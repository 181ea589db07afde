"""An item's people on the Courses screen: the enrolment table and waitlist, and the forms to
enrol, cancel (saying who moves up), mark attendance and move someone to another item.
Names and emails are shown only to the manager and the communication team."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db.models import User
from hub.i18n import _, ngettext, pgettext
from hub.programme import enrolments
from hub.programme.views import EnrolmentRow, ItemRow
from hub.programme import views
from ui.database import reading
from ui.forms import form
from ui.widgets import choice_box, choice_boxes, csv_download, record_picker
from ui.format import label, moment_text


def people_tables(row: ItemRow, people: list[EnrolmentRow], with_contacts: bool) -> None:
    seated = [p for p in people if p.status in ("enrolled", "attended")]
    waiting = [p for p in people if p.status == "waitlisted"]
    st.markdown(ngettext("**Enrolled** — {seated} of {capacity} place",
                         "**Enrolled** — {seated} of {capacity} places", row.capacity).format(
        seated=len(seated), capacity=row.capacity))

    def table(rows: list[EnrolmentRow], numbered: bool) -> pd.DataFrame:
        return pd.DataFrame([{
            **({"#": n} if numbered else {}), _("Participant"): p.name,
            **({_("Email"): p.email or ""} if with_contacts else {}), _("Tenant"): p.tenant or "",
            _("Status"): label("enrolment status", p.status).capitalize(),
            _("Since"): moment_text(p.queued_at)}
            for n, p in enumerate(rows, start=1)])
    if seated:
        st.dataframe(table(seated, False), hide_index=True, width="stretch")
    st.markdown(_("**Waitlist** — {waiting} waiting, served first come, first served").format(
        waiting=len(waiting)))
    if waiting:
        st.dataframe(table(waiting, True), hide_index=True, width="stretch")
    # The file keeps English column names and stored codes, as the import reads them.
    export = pd.DataFrame([{"participant": p.name, **({"email": p.email or ""}
                                                      if with_contacts else {}),
                            "tenant": p.tenant or "", "status": p.status}
                           for p in seated + waiting])
    csv_download(_("Download the enrolment list (CSV)"), export,
                 f"enrolments-{row.id}.csv", f"courses_enrolments_csv_{row.id}")


def enrol_form(user: User, row: ItemRow, tenants: list[tuple[int, str]]) -> None:
    labels = dict(tenants)
    with form(f"courses_enrol_{row.id}") as add:
        key = add.key
        left, middle, right = st.columns(3)
        name = left.text_input(_("Participant name"), max_chars=120, key=key("courses_enrol_name"))
        email = middle.text_input(_("Participant email"), max_chars=254,
                                  key=key("courses_enrol_email"))
        tenant_id = choice_box(_("Tenant (optional)"), {None: "—"} | labels,
                               key=key(f"courses_enrol_tenant_{row.id}"), container=right)
        if not add.submitted(_("Enrol")):
            return
        enrolment = add.save(enrolments.enrol, actor=user, item_id=row.id,
                             participant_name=name, email=email, tenant_id=tenant_id)
        if enrolment:
            said = (_("{name} enrolled.") if enrolment.status == "enrolled"
                    else _("{name} added to the waitlist.")).format(
                        name=enrolment.participant_name)
            with reading() as session:
                note = views.not_running_yet(session, item_id=row.id)
            add.done(f"{said} {note}" if note else said)


def _people_form(name: str, row: ItemRow, people: list[EnrolmentRow]):
    """A form over the item's people, carrying each enrolment's version as drawn."""
    return form(f"{name}_{row.id}", versions={p.id: p.version for p in people})


def cancel_form(user: User, row: ItemRow, people: list[EnrolmentRow]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live:
        return
    with _people_form("courses_cancel", row, live) as cancel:
        chosen = record_picker(_("Cancel the place of"), live,
                               key=cancel.key("courses_cancel_who"),
                               name_of=lambda p: f"{p.name} "
                                                 f"({label('enrolment status', p.status)})")
        if cancel.submitted(_("Cancel enrolment")) and chosen and (done := cancel.save(
                enrolments.cancel_enrolment, actor=user, enrolment_id=chosen.id,
                version=cancel.version_of(chosen.id))):
            cancel.done(done.message)


def attendance_form(user: User, row: ItemRow, people: list[EnrolmentRow]) -> None:
    seated = [p for p in people if p.status in ("enrolled", "attended")]
    if not seated:
        return
    with _people_form("courses_attendance", row, seated) as mark:
        attended = choice_boxes(_("Who attended"), {p.id: p.name for p in seated},
                                default=[p.id for p in seated if p.status == "attended"],
                                key=mark.key(f"courses_attended_{row.id}"),
                                placeholder=_("Choose…"))
        if mark.submitted(_("Save attendance")) and mark.save(
                enrolments.mark_attendance, actor=user, item_id=row.id,
                attended=list(attended)) is not None:
            mark.done(_("Attendance saved: {attended} of {seated} attended.").format(
                attended=len(attended), seated=len(seated)))


def move_form(user: User, row: ItemRow, people: list[EnrolmentRow],
              targets: list[tuple[int, str]]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live or not targets:
        return
    labels = dict(targets)
    with _people_form("courses_move", row, live) as move:
        left, right = st.columns(2)
        chosen = record_picker(_("Move"), live, name_of=lambda p: p.name,
                               key=move.key(f"courses_move_who_{row.id}"), container=left)
        target = choice_box(pgettext("move to", "To"), labels,
                            key=move.key(f"courses_move_to_{row.id}"), container=right)
        if not move.submitted(_("Move participant")) or chosen is None:
            return
        moved = move.save(enrolments.move_enrolment, actor=user, enrolment_id=chosen.id,
                          version=move.version_of(chosen.id), to_item_id=target)
        if moved:
            message = _("{name} moved ({status}).").format(
                name=chosen.name, status=label("enrolment status", moved.enrolment.status))
            if moved.promoted:
                message += " " + _("{name} moves up from the waitlist.").format(
                    name=moved.promoted.participant_name)
            move.done(message)
