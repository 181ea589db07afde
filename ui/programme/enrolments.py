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
from ui.database import save
from ui.format import label, moment
from ui.widgets import csv_download


def _saved(message: str) -> None:
    """Say what happened on the next run (beside the item), after the save redraws the page."""
    st.session_state["courses_done"] = message
    st.rerun()


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
            _("Since"): moment(p.queued_at)}
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
    with st.form(f"courses_enrol_{row.id}", clear_on_submit=True):
        left, middle, right = st.columns(3)
        name = left.text_input(_("Participant name"), max_chars=120, key="courses_enrol_name")
        email = middle.text_input(_("Participant email"), max_chars=254,
                                  key="courses_enrol_email")
        tenant_id = right.selectbox(_("Tenant (optional)"), [None] + list(labels),
                                    format_func=lambda t: "—" if t is None else labels[t],
                                    key=f"courses_enrol_tenant_{row.id}")
        submitted = st.form_submit_button(_("Enrol"), key=f"courses_enrol_submit_{row.id}")
    if not submitted:
        return
    enrolment = save(enrolments.enrol, actor=user, item_id=row.id, participant_name=name,
                     email=email, tenant_id=tenant_id)
    if enrolment:
        if enrolment.status == "enrolled":
            _saved(_("{name} enrolled.").format(name=enrolment.participant_name))
        else:
            _saved(_("{name} added to the waitlist.").format(name=enrolment.participant_name))


def cancel_form(user: User, row: ItemRow, people: list[EnrolmentRow]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live:
        return
    with st.form(f"courses_cancel_{row.id}"):
        chosen = st.selectbox(_("Cancel the place of"), live, key="courses_cancel_who",
                              format_func=lambda p: f"{p.name} "
                                                    f"({label('enrolment status', p.status)})")
        submitted = st.form_submit_button(_("Cancel enrolment"),
                                          key=f"courses_cancel_submit_{row.id}")
    if submitted:
        done = save(enrolments.cancel_enrolment, actor=user, enrolment_id=chosen.id,
                    version=chosen.version)
        if done:
            _saved(done.message)


def attendance_form(user: User, row: ItemRow, people: list[EnrolmentRow]) -> None:
    seated = [p for p in people if p.status in ("enrolled", "attended")]
    if not seated:
        return
    with st.form(f"courses_attendance_{row.id}"):
        attended = st.multiselect(_("Who attended"), seated,
                                  default=[p for p in seated if p.status == "attended"],
                                  format_func=lambda p: p.name,
                                  key=f"courses_attended_{row.id}",
                                  placeholder=_("Choose…"))
        submitted = st.form_submit_button(_("Save attendance"),
                                          key=f"courses_attendance_submit_{row.id}")
    if submitted and save(enrolments.mark_attendance, actor=user, item_id=row.id,
                          attended=[p.id for p in attended]) is not None:
        _saved(_("Attendance saved: {attended} of {seated} attended.").format(
            attended=len(attended), seated=len(seated)))


def move_form(user: User, row: ItemRow, people: list[EnrolmentRow],
              targets: list[tuple[int, str]]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live or not targets:
        return
    labels = dict(targets)
    with st.form(f"courses_move_{row.id}"):
        left, right = st.columns(2)
        chosen = left.selectbox(_("Move"), live, format_func=lambda p: p.name,
                                key=f"courses_move_who_{row.id}")
        target = right.selectbox(pgettext("move to", "To"), list(labels), format_func=labels.get,
                                 key=f"courses_move_to_{row.id}")
        submitted = st.form_submit_button(_("Move participant"),
                                          key=f"courses_move_submit_{row.id}")
    if submitted:
        moved = save(enrolments.move_enrolment, actor=user, enrolment_id=chosen.id,
                     version=chosen.version, to_item_id=target)
        if moved:
            message = _("{name} moved ({status}).").format(
                name=chosen.name, status=label("enrolment status", moved.enrolment.status))
            if moved.promoted:
                message += " " + _("{name} moves up from the waitlist.").format(
                    name=moved.promoted.participant_name)
            _saved(message)
