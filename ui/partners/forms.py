"""The Partners screen's forms (manager and communication; deleting a partner: manager).

Each form calls one hub/ function through ui.database.save: a refusal appears beside the
form and nothing is written; a success clears the cached figures and redraws the page.
What cannot be undone (deleting a partner or an interaction, removing a contact or a link)
is asked in a dialog first (ui.confirm): `confirmations` opens it, on every run.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from db.models import User
from db.vocabulary import (COUNTRIES, INTERACTION_KINDS, ITEM_LINK_ROLES, PARTNER_KINDS,
                           PARTNER_STATUSES, TENANT_LINK_KINDS)
from hub.words import country_name
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations as partners
from hub.tenants.roster import tenant_choices
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import as_text
from ui.format import day as show_day
from ui.widgets import EARLIEST_DAY, flash

# The confirmation requests (ui.confirm), one per kind of destructive action.
DELETE_PARTNER = "partners_delete_partner"
DELETE_INTERACTION = "partners_delete_interaction"
REMOVE_CONTACT = "partners_remove_contact"
REMOVE_LINK = "partners_remove_link"


def label(word: str) -> str:
    """mou_signed -> MoU signed, b2b_buyer -> B2B buyer, school_academy -> school/academy."""
    special = {"mou_signed": "MoU signed", "b2b_buyer": "B2B buyer",
               "school_academy": "school / academy", "gallery_retailer": "gallery / retailer",
               "eu_project_partner": "EU project partner"}
    return special.get(word, word.replace("_", " "))


def _saved(message: str) -> None:
    flash(message)
    st.rerun()


@cached(ttl=300)
def _owners() -> list[tuple[int, str]]:
    with reading() as session:
        return interactions.owner_choices(session)


@cached(ttl=300)
def _tenants(on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenant_choices(session, on=on)


@cached(ttl=300)
def _items() -> list[tuple[int, str]]:
    with reading() as session:
        return partner_links.item_choices(session)


def _duplicates(name: str, other_than: int | None) -> list[str]:
    with reading() as session:
        return [f"{p.name} ({p.city or country_name(p.country)})" for p in
                partners.duplicate_partners(session, name, other_than=other_than)]


def partner_form(user: User, partner=None, *, key: str) -> None:
    """Add a partner (partner None) or edit one. A name already in use is warned about and
    needs a tick to go ahead."""
    old = partner or {}
    countries = list(COUNTRIES)
    with st.form(key):
        left, right = st.columns(2)
        values = {
            "name": left.text_input("Name", old.get("name", ""), max_chars=160),
            "kind": right.selectbox("Kind", PARTNER_KINDS, format_func=label,
                                    index=PARTNER_KINDS.index(old.get("kind", "institution"))),
            "country": left.selectbox("Country", countries, format_func=country_name,
                                      index=countries.index(old.get("country", "IT"))),
            "city": right.text_input("City", old.get("city") or "", max_chars=80),
            "website": left.text_input("Website", old.get("website") or "",
                                       placeholder="https://…"),
            "status": right.selectbox("Status", PARTNER_STATUSES, index=PARTNER_STATUSES.index(
                old.get("status", "prospect"))),
            "since": left.date_input("Partner since", old.get("since"), format="DD/MM/YYYY",
                                     min_value=date(1950, 1, 1), max_value=date.today()),
            "tags": right.text_input("Tags", old.get("tags", ""),
                                     help="Comma-separated, e.g. export, ceramics"),
            "notes": st.text_area("Notes", old.get("notes") or "", max_chars=4000),
        }
        anyway = st.checkbox("Save even if another partner has this name")
        submitted = st.form_submit_button("Save partner" if partner else "Add partner")
    if not submitted:
        return
    same = _duplicates(values["name"], old.get("id"))
    if same and not anyway:
        st.warning("A partner with this name already exists: " + as_text("; ".join(same))
                   + ". Tick the box to save anyway.")
        return
    if partner is None:
        if save(partners.add_partner, actor=user, **values):
            _saved(as_text(f"Partner {values['name']} added."))
    elif save(partners.edit_partner, actor=user, partner_id=old["id"], version=old["version"],
              **values):
        _saved(as_text(f"Partner {values['name']} saved."))


def interaction_form(user: User, partner_id: int, *, key: str) -> None:
    owners = _owners()
    mine = next((i for i, (uid, _) in enumerate(owners) if uid == user.id), 0)
    with st.form(key, clear_on_submit=True):
        left, middle, right = st.columns(3)
        day = left.date_input("Day", date.today(), format="DD/MM/YYYY", max_value=date.today())
        kind = middle.selectbox("Kind", INTERACTION_KINDS, format_func=label)
        owner = right.selectbox("Owner", owners, index=mine, format_func=lambda o: o[1])
        summary = st.text_area("Summary", max_chars=2000, placeholder="What happened, in a line")
        follow_up = st.date_input("Follow-up on (optional)", None, format="DD/MM/YYYY",
                                  min_value=date(2016, 1, 1))
        submitted = st.form_submit_button("Log interaction")
    if submitted and save(interactions.log_interaction, actor=user, partner_id=partner_id,
                          day=day, kind=kind, summary=summary, follow_up_on=follow_up,
                          owner_id=owner[0] if owner else None):
        _saved("Interaction logged" + (f"; follow-up on {follow_up:%d/%m/%Y}." if follow_up
                                       else "."))


def follow_up_done_form(user: User, due: list, *, key: str) -> None:
    if not due:
        return
    with st.form(key):
        chosen = st.selectbox("Follow-up", due, format_func=lambda f: (
            f"{f.follow_up_on:%d/%m/%Y} · {f.partner} · {f.summary[:60]}"))
        submitted = st.form_submit_button("Mark done")
    if submitted and save(interactions.mark_follow_up_done, actor=user,
                          interaction_id=chosen.interaction_id, version=chosen.version):
        _saved(as_text(f"Follow-up with {chosen.partner} marked done."))


def contact_forms(user: User, partner: dict, contacts: list, *, key: str) -> None:
    partner_id = partner["id"]
    with st.form(f"{key}_add", clear_on_submit=True):
        st.markdown("**Add a contact**")
        left, middle, right = st.columns(3)
        values = {"name": left.text_input("Name", max_chars=120),
                  "role": middle.text_input("Role", max_chars=120),
                  "language": right.text_input("Language", max_chars=40),
                  "email": left.text_input("Email", max_chars=254),
                  "phone": middle.text_input("Phone", max_chars=40)}
        submitted = st.form_submit_button("Add contact")
    if submitted and save(partners.add_contact, actor=user, partner_id=partner_id, **values):
        _saved(as_text(f"Contact {values['name']} added."))
    if contacts:
        with st.form(f"{key}_remove"):
            gone = st.selectbox("Contact to remove", contacts, format_func=lambda c: c.name)
            submitted = st.form_submit_button("Remove contact")
        if submitted:
            ask(REMOVE_CONTACT, f"Remove {gone.name} from the contacts of {partner['name']}.",
                details=["The audit log keeps a copy of the contact."],
                contact_id=gone.id, version=gone.version,
                done=as_text(f"Contact {gone.name} removed."))


def link_forms(user: User, partner: dict, links: list, *, key: str) -> None:
    partner_id = partner["id"]
    tenants, items = _tenants(date.today()), _items()
    left, right = st.columns(2)
    with left.form(f"{key}_tenant", clear_on_submit=True):
        st.markdown("**Link a tenant**")
        tenant = st.selectbox("Tenant", tenants, format_func=lambda t: t[1], index=None)
        kind = st.selectbox("Link", TENANT_LINK_KINDS, format_func=label)
        starts = st.date_input("From (optional)", None, format="DD/MM/YYYY")
        if st.form_submit_button("Link tenant") and save(
                partner_links.link_tenant, actor=user, partner_id=partner_id,
                tenant_id=tenant[0] if tenant else None, kind=kind, starts_on=starts):
            _saved("Tenant linked.")
    with right.form(f"{key}_item", clear_on_submit=True):
        st.markdown("**Link a programme item**")
        if not items:
            st.caption("There are no programme items yet.")
        item = st.selectbox("Programme item", items, format_func=lambda i: i[1], index=None)
        role = st.selectbox("Role", ITEM_LINK_ROLES, format_func=label)
        if st.form_submit_button("Link item", disabled=not items) and save(
                partner_links.link_item, actor=user, partner_id=partner_id,
                item_id=item[0] if item else None, role=role):
            _saved("Programme item linked.")
    if links:
        link_edit_form(user, partner, links, key=f"{key}_change")


def _link_text(link) -> str:
    other = "tenant" if link.link_kind == "tenant" else "programme item"
    return f"{link.other} ({other}, {label(link.kind)})"


def link_edit_form(user: User, partner: dict, links: list, *, key: str) -> None:
    """Change or remove one of the partner's links, chosen from the list."""
    by_key = {(link.link_kind, link.id): link for link in links}
    picked = st.selectbox("Link to change or remove", list(by_key), index=None,
                          key=f"{key}_pick", format_func=lambda k: _link_text(by_key[k]),
                          placeholder="Choose a link…")
    if picked is None:
        return
    link = by_key[picked]
    form = f"{key}_{link.link_kind}_{link.id}"
    with st.form(form):
        st.markdown(as_text(_link_text(link)))
        if link.link_kind == "tenant":
            left, middle, right = st.columns(3)
            values = {
                "kind": left.selectbox("Link", TENANT_LINK_KINDS, format_func=label,
                                       index=TENANT_LINK_KINDS.index(link.kind),
                                       key=f"{form}_kind"),
                "starts_on": middle.date_input("From (optional)", link.starts_on,
                                               format="DD/MM/YYYY", min_value=EARLIEST_DAY,
                                               key=f"{form}_from"),
                "ends_on": right.date_input("Until (optional)", link.ends_on,
                                            format="DD/MM/YYYY", min_value=EARLIEST_DAY,
                                            key=f"{form}_until"),
                "notes": st.text_area("Notes", link.notes or "", max_chars=1000,
                                      key=f"{form}_notes")}
            edit = partner_links.edit_tenant_link
        else:
            values = {"role": st.selectbox("Role", ITEM_LINK_ROLES, format_func=label,
                                           index=ITEM_LINK_ROLES.index(link.kind),
                                           key=f"{form}_role")}
            edit = partner_links.edit_item_link
        left, right = st.columns(2)
        changed = left.form_submit_button("Save link")
        removed = right.form_submit_button("Remove link")
    if changed and save(edit, actor=user, link_id=link.id, version=link.version, **values):
        _saved(as_text(f"Link to {link.other} saved."))
    if removed:
        ask(REMOVE_LINK, f"Remove the link of {partner['name']} to {_link_text(link)}.",
            link_kind=link.link_kind, link_id=link.id, version=link.version,
            forget=f"{key}_pick", done=as_text(f"Link to {link.other} removed."))


def _interaction_text(interaction) -> str:
    return (f"{interaction.day:%d/%m/%Y} · {label(interaction.kind)} · "
            f"{interaction.summary[:60]}")


def interaction_edit_form(user: User, partner: dict, log: list, *, key: str) -> None:
    """Correct or delete one logged interaction, chosen from the log."""
    by_id = {interaction.id: interaction for interaction in log}
    picked = st.selectbox("Interaction to change or delete", list(by_id), index=None,
                          key=f"{key}_pick", format_func=lambda i: _interaction_text(by_id[i]),
                          placeholder="Choose an interaction…")
    if picked is None:
        return
    chosen = by_id[picked]
    owners = dict(_owners())
    owner_ids = list(owners)
    form = f"{key}_{chosen.id}"
    with st.form(form):
        left, middle, right = st.columns(3)
        values = {
            "day": left.date_input("Day", chosen.day, format="DD/MM/YYYY",
                                   min_value=min(EARLIEST_DAY, chosen.day),
                                   max_value=max(date.today(), chosen.day), key=f"{form}_day"),
            "kind": middle.selectbox("Kind", INTERACTION_KINDS, format_func=label,
                                     index=INTERACTION_KINDS.index(chosen.kind),
                                     key=f"{form}_kind"),
            "owner_id": right.selectbox(
                "Owner", owner_ids, format_func=owners.get, key=f"{form}_owner",
                index=owner_ids.index(chosen.owner_id) if chosen.owner_id in owners else None,
                placeholder=chosen.owner or "Nobody"),
            "summary": st.text_area("Summary", chosen.summary, max_chars=2000,
                                    key=f"{form}_summary"),
            "follow_up_on": st.date_input(
                "Follow-up on (optional)", chosen.follow_up_on, format="DD/MM/YYYY",
                min_value=min(EARLIEST_DAY, chosen.follow_up_on or EARLIEST_DAY),
                key=f"{form}_follow_up")}
        left, right = st.columns(2)
        changed = left.form_submit_button("Save interaction")
        deleted = right.form_submit_button("Delete interaction")
    if values["owner_id"] is None:      # an owner no longer on the list: left as it is
        values.pop("owner_id")
    if changed and save(interactions.edit_interaction, actor=user, interaction_id=chosen.id,
                        version=chosen.version, **values):
        _saved("Interaction saved.")
    if deleted:
        follow_up = (f" Its open follow-up on {show_day(chosen.follow_up_on)} goes with it."
                     if chosen.follow_up_on and not chosen.follow_up_done else "")
        ask(DELETE_INTERACTION, f"Delete the {label(chosen.kind)} of {show_day(chosen.day)} "
            f"with {partner['name']}: {chosen.summary[:120]}" + follow_up,
            details=["The audit log keeps a copy of the interaction."],
            interaction_id=chosen.id, version=chosen.version, forget=f"{key}_pick",
            done="Interaction deleted.")


def _goes_with(held: partners.Attached) -> str:
    """'2 contacts, 14 interactions and 3 links go with it.'"""
    counted = [(n, word if n == 1 else f"{word}s") for n, word in (
        (held.contacts, "contact"), (held.interactions, "interaction"), (held.links, "link"))
        if n]
    if not counted:
        return "nothing else is recorded for it."
    parts = [f"{n} {word}" for n, word in counted]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "goes" if len(counted) == 1 and counted[0][0] == 1 else "go"
    return f"{listed} {verb} with it."


def delete_form(user: User, partner: dict, *, key: str) -> None:
    with st.form(key):
        st.markdown("**Delete this partner** — its contacts, interactions and links go with "
                    "it; the audit log keeps a copy of everything.")
        submitted = st.form_submit_button("Delete partner", type="primary")
    if submitted:
        with reading() as session:
            held = partners.attached_to(session, partner_id=partner["id"])
        ask(DELETE_PARTNER, f"Delete {partner['name']} — {_goes_with(held)}",
            details=["The audit log keeps a copy of everything deleted."],
            partner_id=partner["id"], version=partner["version"], forget="partners_pick",
            done=as_text(f"Partner {partner['name']} deleted."))


def _confirmed(user: User, action, *, done: str, forget: str | None = None,
               **request) -> bool:
    """Run a confirmed write; on success the toast for the next run and the chooser of what
    is gone are set, and True closes the dialog."""
    if save(action, actor=user, **request) is None:
        return False
    if forget:
        st.session_state.pop(forget, None)
    flash(done)
    return True


def confirmations(user: User) -> None:
    """The dialogs of the destructive actions above: call on every run, after the forms."""
    for key, title, action, write in (
            (DELETE_PARTNER, "Delete a partner", "Delete the partner",
             partners.delete_partner),
            (DELETE_INTERACTION, "Delete an interaction", "Delete the interaction",
             interactions.delete_interaction),
            (REMOVE_CONTACT, "Remove a contact", "Remove the contact",
             partners.delete_contact),
            (REMOVE_LINK, "Remove a link", "Remove the link", partner_links.unlink)):
        confirm(key, title=title, action=action,
                run=lambda write=write, **request: _confirmed(user, write, **request))
