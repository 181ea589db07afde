"""A partner's contact people on the Partners screen (manager and communication): add one,
correct one (the version drawn guards the save), remove one (asked first, in the dialog that
ui.partners.forms.confirmations opens)."""
from __future__ import annotations

import streamlit as st

from db.models import Contact, User
from hub.i18n import _
from hub.partners import organisations
from ui.forms import form
from ui.partners.forms import REMOVE_CONTACT
from ui.widgets import choice_box, record_picker

FIELDS = ("name", "role", "language", "email", "phone")


def _fields(key: str, contact: Contact | None = None) -> dict:
    left, middle, right = st.columns(3)
    now = {field: (getattr(contact, field) or "") if contact else "" for field in FIELDS}
    return {"name": left.text_input(_("Name"), now["name"], max_chars=120, key=f"{key}_name"),
            "role": middle.text_input(_("Role"), now["role"], max_chars=120,
                                      key=f"{key}_role"),
            "language": right.text_input(_("Language"), now["language"], max_chars=40,
                                         key=f"{key}_language"),
            "email": left.text_input(_("Email"), now["email"], max_chars=254,
                                     key=f"{key}_email"),
            "phone": middle.text_input(_("Phone"), now["phone"], max_chars=40,
                                       key=f"{key}_phone")}


def contact_forms(user: User, partner: dict, contacts: list[Contact], *, key: str) -> None:
    with form(f"{key}_add") as add:
        st.markdown(_("**Add a contact**"))
        values = _fields(add.key(f"{key}_add"))
        if add.submitted(_("Add contact")) and add.save(organisations.add_contact, actor=user,
                                                        partner_id=partner["id"], **values):
            add.done(_("Contact {name} added.").format(name=values["name"]))
    if contacts:
        _edit_form(user, contacts, key=key)
        _remove_form(partner, contacts, key=key)


def _edit_form(user: User, contacts: list[Contact], *, key: str) -> None:
    names = {contact.id: contact.name for contact in contacts}
    picked = choice_box(_("Contact to correct"), names, index=None, key=f"{key}_edit_pick",
                        placeholder=_("Choose a contact…"))
    contact = next((c for c in contacts if c.id == picked), None)
    if contact is None:
        return
    with form(f"{key}_edit_{contact.id}", version=contact.version,
              about=("contact", contact.id)) as edit:
        values = _fields(edit.key(f"{key}_edit_{contact.id}"), contact)
        if edit.submitted(_("Save contact")) and edit.save(
                organisations.edit_contact, actor=user, contact_id=contact.id, **values):
            edit.done(_("Contact {name} saved.").format(name=values["name"]))


def _remove_form(partner: dict, contacts: list[Contact], *, key: str) -> None:
    with form(f"{key}_remove", versions={c.id: c.version for c in contacts}) as remove:
        gone = record_picker(_("Contact to remove"), contacts, name_of=lambda c: c.name,
                             key=remove.key(f"{key}_remove_pick"))
        if remove.submitted(_("Remove contact")) and gone:
            remove.ask(REMOVE_CONTACT, _("Remove {name} from the contacts of {partner}.")
                       .format(name=gone.name, partner=partner["name"]),
                       details=[_("The audit log keeps a copy of the contact.")],
                       contact_id=gone.id, version=remove.version_of(gone.id),
                       forget=f"{key}_edit_pick",
                       done=_("Contact {name} removed.").format(name=gone.name))
