"""Admin › Privacy: everything held about one tenant or partner contact, and erasing them."""
from __future__ import annotations

import streamlit as st

from db.engine import writing
from db.models import User
from hub.admin import privacy
from hub.errors import Refused
from hub.i18n import _, ngettext
from ui.confirm import confirm
from ui.database import cached, reading, save
from ui.format import as_text, listed, number
from ui.forms import form
from ui.widgets import choice_box

ERASE = "admin_privacy_erase"
# What stays of a tenant's history once they are erased, in this order.
KEPT = ("leases", "bookings", "enrolments", "instructors", "partner_tenant_links")


def kept_text(table: str, count: int) -> str:
    """"1 lease", "2 bookings": what of a tenant's history stays, as the sentence names it."""
    words = {
        "leases": ngettext("{count} lease", "{count} leases", count),
        "bookings": ngettext("{count} booking", "{count} bookings", count),
        "enrolments": ngettext("{count} enrolment", "{count} enrolments", count),
        "instructors": ngettext("{count} instructor record", "{count} instructor records",
                                count),
        "partner_tenant_links": ngettext("{count} partner link", "{count} partner links",
                                         count),
    }
    return words[table].format(count=number(count))


@cached(ttl=60)
def load_people(_user: User, username: str) -> list[privacy.Person]:
    with reading() as session:
        return privacy.people(session, actor=_user)


def render(user: User) -> None:
    st.caption(_("For one person: download everything Bottega holds about them (JSON), or "
                 "erase them. Erasing blanks their name, email, phone and notes everywhere, "
                 "keeps their leases, bookings and enrolments anonymised for the figures, and "
                 "cannot be undone. Both are recorded in the audit log."))
    people = load_people(user, user.username)
    if not people:
        st.info(_("There is no tenant or partner contact to show."))
        return
    # Labels made during the run: a format_func may be called outside it (AppTest does).
    names = {(p.kind, p.id): person_name(p) for p in people}
    chosen = choice_box(_("Person"), names, key="admin_privacy_person")
    person = next((p for p in people if (p.kind, p.id) == tuple(chosen or ())), None)
    if person is None:
        return


    def build() -> bytes:
        with writing() as session, session.begin():
            return privacy.personal_json(session, actor=user, kind=person.kind,
                                         person_id=person.id)

    st.download_button(_("Export everything held (JSON)"), build,
                       file_name=f"bottega-{person.kind}-{person.id}.json",
                       mime="application/json", key="admin_privacy_export",
                       icon=":material/download:", on_click="ignore")
    with form(f"admin_privacy_erase_{person.kind}_{person.id}") as erase:
        st.markdown(_("Erase {person}: this cannot be undone.").format(
            person=as_text(person.label)))
        if erase.submitted(_("Erase"), type="primary"):
            try:
                sentence, details = erasure_sentence(user, person)
            except Refused as refusal:
                st.error(as_text(str(refusal)), icon=":material/block:")
            else:
                erase.ask(ERASE, sentence, details=details, kind=person.kind,
                          person_id=person.id)
    confirm(ERASE, title=_("Erase a person"), action=_("Erase for good"),
            run=lambda **request: _erase(user, **request))


def person_name(person: privacy.Person) -> str:
    if person.kind == "tenant":
        return _("Tenant: {person}").format(person=person.label)
    return _("Contact: {person}").format(person=person.label)


def erasure_sentence(user: User, person: privacy.Person) -> tuple[str, list[str]]:
    """What erasing blanks, and what of the person's history stays, anonymised."""
    with reading() as session:
        held = privacy.held_counts(session, actor=user, kind=person.kind, person_id=person.id)
    if person.kind == "contact":
        return (_("Erase {person} — their name, role, email and phone are blanked here and "
                  "wherever they are quoted, the audit log included. This cannot be "
                  "undone.").format(person=person.label), [])
    details = []
    if held.get("tenant_listings"):
        details.append(_("their public listing is blanked and unpublished"))
    if kept := [kept_text(table, held[table]) for table in KEPT if held.get(table)]:
        details.append(_("kept for the figures, anonymised: {kept}").format(kept=listed(kept)))
    return (_("Erase {person} (tenant) — their name, business, email, phone, notes and "
              "target-group answers are blanked here and wherever they are quoted, the audit "
              "log included. This cannot be undone.").format(person=person.label), details)


def _erase(user: User, *, kind: str, person_id: int) -> str | None:
    erased = save(privacy.erase, actor=user, kind=kind, person_id=person_id)
    if erased is None:
        return None
    total = sum(erased.values())
    records = ngettext("{count} record", "{count} records", total).format(count=number(total))
    if kind == "tenant":
        return _("Erased: tenant {id} ({records} anonymised)").format(id=person_id,
                                                                       records=records)
    return _("Erased: contact {id} ({records} anonymised)").format(id=person_id,
                                                                    records=records)
