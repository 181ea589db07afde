"""An item's people on the Courses screen: the enrolment table and waitlist, and the forms to
enrol, cancel (saying who moves up), mark attendance and move someone to another item.
Names and emails are shown only to the manager and the communication team."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db.models import User
from hub.programme import enrolments
from hub.programme.views import EnrolmentRow, ItemRow
from ui.database import save
from ui.format import moment
from ui.widgets import csv_download

STATUS_LABELS = {"enrolled": "Enrolled", "attended": "Attended", "waitlisted": "Waitlisted",
                 "cancelled": "Cancelled"}


def _saved(message: str) -> None:
    """Say what happened on the next run (beside the item), after the save redraws the page."""
    st.session_state["courses_done"] = message
    st.rerun()


def people_tables(row: ItemRow, people: list[EnrolmentRow], with_contacts: bool) -> None:
    seated = [p for p in people if p.status in ("enrolled", "attended")]
    waiting = [p for p in people if p.status == "waitlisted"]
    st.markdown(f"**Enrolled** — {len(seated)} of {row.capacity} places")

    def table(rows: list[EnrolmentRow], numbered: bool) -> pd.DataFrame:
        return pd.DataFrame([{
            **({"#": n} if numbered else {}), "Participant": p.name,
            **({"Email": p.email or ""} if with_contacts else {}), "Tenant": p.tenant or "",
            "Status": STATUS_LABELS[p.status], "Since": moment(p.queued_at)}
            for n, p in enumerate(rows, start=1)])
    if seated:
        st.dataframe(table(seated, False), hide_index=True, width="stretch")
    st.markdown(f"**Waitlist** — {len(waiting)} waiting, served first come, first served")
    if waiting:
        st.dataframe(table(waiting, True), hide_index=True, width="stretch")
    export = pd.DataFrame([{"participant": p.name, **({"email": p.email or ""}
                                                      if with_contacts else {}),
                            "tenant": p.tenant or "", "status": p.status}
                           for p in seated + waiting])
    csv_download("Download the enrolment list (CSV)", export,
                 f"enrolments-{row.id}.csv", f"courses_enrolments_csv_{row.id}")


def enrol_form(user: User, row: ItemRow, tenants: list[tuple[int, str]]) -> None:
    labels = dict(tenants)
    with st.form(f"courses_enrol_{row.id}", clear_on_submit=True):
        left, middle, right = st.columns(3)
        name = left.text_input("Participant name", max_chars=120, key="courses_enrol_name")
        email = middle.text_input("Participant email", max_chars=254, key="courses_enrol_email")
        tenant_id = right.selectbox("Tenant (optional)", [None] + list(labels),
                                    format_func=lambda t: "—" if t is None else labels[t])
        submitted = st.form_submit_button("Enrol")
    if not submitted:
        return
    enrolment = save(enrolments.enrol, actor=user, item_id=row.id, participant_name=name,
                     email=email, tenant_id=tenant_id)
    if enrolment:
        where = "enrolled" if enrolment.status == "enrolled" else "added to the waitlist"
        _saved(f"{enrolment.participant_name} {where}.")


def cancel_form(user: User, row: ItemRow, people: list[EnrolmentRow]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live:
        return
    with st.form(f"courses_cancel_{row.id}"):
        chosen = st.selectbox("Cancel the place of", live, key="courses_cancel_who",
                              format_func=lambda p: f"{p.name} ({p.status})")
        submitted = st.form_submit_button("Cancel enrolment")
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
        attended = st.multiselect("Who attended", seated,
                                  default=[p for p in seated if p.status == "attended"],
                                  format_func=lambda p: p.name)
        submitted = st.form_submit_button("Save attendance")
    if submitted and save(enrolments.mark_attendance, actor=user, item_id=row.id,
                          attended=[p.id for p in attended]) is not None:
        _saved(f"Attendance saved: {len(attended)} of {len(seated)} attended.")


def move_form(user: User, row: ItemRow, people: list[EnrolmentRow],
              targets: list[tuple[int, str]]) -> None:
    live = [p for p in people if p.status in ("enrolled", "waitlisted")]
    if not live or not targets:
        return
    labels = dict(targets)
    with st.form(f"courses_move_{row.id}"):
        left, right = st.columns(2)
        chosen = left.selectbox("Move", live, format_func=lambda p: p.name)
        target = right.selectbox("To", list(labels), format_func=labels.get)
        submitted = st.form_submit_button("Move participant")
    if submitted:
        moved = save(enrolments.move_enrolment, actor=user, enrolment_id=chosen.id,
                     version=chosen.version, to_item_id=target)
        if moved:
            message = f"{chosen.name} moved ({moved.enrolment.status})."
            if moved.promoted:
                message += f" {moved.promoted.participant_name} moves up from the waitlist."
            _saved(message)
