"""Admin › Privacy: everything held about one tenant or partner contact, and erasing them."""
from __future__ import annotations

import streamlit as st

from db.engine import writing
from db.models import User
from hub.admin import privacy
from hub.errors import Refused
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import as_text, counted, listed
from ui.widgets import flash

ERASE = "admin_privacy_erase"
# What stays of a tenant's history once they are erased, as the sentence names it.
KEPT = {"leases": "lease", "bookings": "booking", "enrolments": "enrolment",
        "instructors": "instructor record", "partner_tenant_links": "partner link"}


@cached(ttl=60)
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
        st.markdown(f"Erase {as_text(person.label)}: this cannot be undone.")
        if st.form_submit_button("Erase", type="primary"):
            try:
                sentence, details = erasure_sentence(user, person)
            except Refused as refusal:
                st.error(str(refusal), icon=":material/block:")
            else:
                ask(ERASE, sentence, details=details, kind=person.kind, person_id=person.id)
    confirm(ERASE, title="Erase a person", action="Erase for good",
            run=lambda **request: _erase(user, **request))


def erasure_sentence(user: User, person: privacy.Person) -> tuple[str, list[str]]:
    """What erasing blanks, and what of the person's history stays, anonymised."""
    with reading() as session:
        held = privacy.held_counts(session, actor=user, kind=person.kind, person_id=person.id)
    if person.kind == "contact":
        return ((f"Erase {person.label} — their name, role, email and phone are blanked here "
                 "and wherever they are quoted, the audit log included. This cannot be "
                 "undone."), [])
    details = []
    if held.get("tenant_listings"):
        details.append("their public listing is blanked and unpublished")
    if kept := [counted(held[table], word) for table, word in KEPT.items() if held.get(table)]:
        details.append(f"kept for the figures, anonymised: {listed(kept)}")
    return ((f"Erase {person.label} (tenant) — their name, business, email, phone, notes and "
             "target-group answers are blanked here and wherever they are quoted, the audit "
             "log included. This cannot be undone."), details)


def _erase(user: User, *, kind: str, person_id: int) -> bool:
    erased = save(privacy.erase, actor=user, kind=kind, person_id=person_id)
    if erased is None:
        return False
    flash(f"Erased: {kind} {person_id} ({counted(sum(erased.values()), 'record')} "
          "anonymised)")
    return True
