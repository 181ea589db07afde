"""The Partners screen's forms (manager and communication; deleting a partner: manager).

Each form calls one hub/ function through ui.database.save: a refusal appears beside the
form and nothing is written; a success clears the cached figures and redraws the page.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from db.models import User
from db.vocabulary import (COUNTRIES, INTERACTION_KINDS, ITEM_LINK_ROLES, PARTNER_KINDS,
                           PARTNER_STATUSES, TENANT_LINK_KINDS, country_name)
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations as partners
from hub.tenants.roster import tenant_choices
from ui.database import reading, save
from ui.format import as_text
from ui.widgets import flash


def label(word: str) -> str:
    """mou_signed -> MoU signed, b2b_buyer -> B2B buyer, school_academy -> school/academy."""
    special = {"mou_signed": "MoU signed", "b2b_buyer": "B2B buyer",
               "school_academy": "school / academy", "gallery_retailer": "gallery / retailer",
               "eu_project_partner": "EU project partner"}
    return special.get(word, word.replace("_", " "))


def _saved(message: str) -> None:
    flash(message)
    st.rerun()


@st.cache_data(ttl=300, show_spinner=False)
def _owners() -> list[tuple[int, str]]:
    with reading() as session:
        return interactions.owner_choices(session)


@st.cache_data(ttl=300, show_spinner=False)
def _tenants(on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenant_choices(session, on=on)


@st.cache_data(ttl=300, show_spinner=False)
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


def contact_forms(user: User, partner_id: int, contacts: list, *, key: str) -> None:
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
            if st.form_submit_button("Remove contact") and save(
                    partners.delete_contact, actor=user, contact_id=gone.id,
                    version=gone.version):
                _saved(as_text(f"Contact {gone.name} removed."))


def link_forms(user: User, partner_id: int, links: list, *, key: str) -> None:
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
        with st.form(f"{key}_unlink"):
            gone = st.selectbox("Link to remove", links,
                                format_func=lambda l: f"{l.other} ({label(l.kind)})")
            if st.form_submit_button("Remove link") and save(
                    partner_links.unlink, actor=user, link_kind=gone.link_kind,
                    link_id=gone.id, version=gone.version):
                _saved("Link removed.")


def delete_form(user: User, partner: dict, *, key: str) -> None:
    with st.form(key):
        st.markdown("**Delete this partner** — its contacts, interactions and links go with "
                    "it; the audit log keeps a copy of everything.")
        sure = st.checkbox(f"Yes, delete {partner['name']}")
        submitted = st.form_submit_button("Delete partner", type="primary")
    if submitted and not sure:
        st.warning("Tick the box to confirm the deletion.")
    elif submitted and save(partners.delete_partner, actor=user, partner_id=partner["id"],
                            version=partner["version"]):
        st.session_state.pop("partners_pick", None)
        _saved(as_text(f"Partner {partner['name']} deleted."))
