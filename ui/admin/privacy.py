"""Admin › Privacy: everything held about one tenant or partner contact, and erasing them."""
from __future__ import annotations

import streamlit as st

from db.engine import writing
from db.models import User
from hub.admin import privacy
from ui.database import reading, save
from ui.format import as_text
from ui.widgets import flash


@st.cache_data(ttl=60, show_spinner=False)
def load_people(_user: User, username: str) -> list[privacy.Person]:
    with reading() as session:
        return privacy.people(session, actor=_user)


def render(user: User) -> None:
    st.caption("For one person: download everything Bottega holds about them (JSON), or "
               "erase them. Erasing blanks their name, email, phone and notes everywhere, "
               "keeps their leases, bookings and enrolments anonymised for the figures, and "
               "cannot be undone. Both are recorded in the audit log.")
    people = load_people(user, user.username)
    if not people:
        st.info("There is no tenant or partner contact to show.")
        return
    person = st.selectbox("Person", people, key="admin_privacy_person", format_func=lambda p:
                          f"{'Tenant' if p.kind == 'tenant' else 'Contact'}: {p.label}")

    def build() -> bytes:
        with writing() as session, session.begin():
            return privacy.personal_json(session, actor=user, kind=person.kind,
                                         person_id=person.id)

    st.download_button("Export everything held (JSON)", build,
                       file_name=f"bottega-{person.kind}-{person.id}.json",
                       mime="application/json", key="admin_privacy_export",
                       icon=":material/download:")
    with st.form("admin_privacy_erase"):
        sure = st.checkbox(f"Erase {as_text(person.label)}: this cannot be undone",
                           key="admin_privacy_sure")
        if st.form_submit_button("Erase", type="primary"):
            if not sure:
                st.error("Tick the box to confirm the erasure.")
            elif save(privacy.erase, actor=user, kind=person.kind,
                      person_id=person.id) is not None:
                flash(f"Erased: {person.kind} {person.id}")
                st.rerun()
