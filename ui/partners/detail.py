"""One partner on the Partners screen: facts, contacts (not for a viewer), the interaction
log, links, and — for the manager and communication — the forms that change them."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from db.models import User
from hub.words import country_name
from hub.roles import sees_contacts
from ui.format import as_text
from ui.format import day as show_day
from ui.partners.forms import (confirmations, contact_forms, delete_form, interaction_edit_form,
                              interaction_form, label, link_forms, partner_form)


def partner_detail(user: User, picks: list[tuple[int, str]],
                   load_partner: Callable[[int, str], dict | None]) -> None:
    _detail(user, picks, load_partner)
    if sees_contacts(user):
        confirmations(user)     # after the forms that ask, on every run


def _detail(user: User, picks: list[tuple[int, str]],
            load_partner: Callable[[int, str], dict | None]) -> None:
    st.header("A partner", anchor=False)
    if not picks:
        return
    chosen = st.selectbox("Partner", picks, key="partners_pick", index=None,
                          format_func=lambda p: p[1], placeholder="Choose a partner…")
    if chosen is None:
        return
    detail = load_partner(chosen[0], user.role)
    if detail is None:
        st.warning("This partner no longer exists (it may have been deleted).")
        return
    partner = detail["partner"]
    editor = sees_contacts(user)
    _facts(partner, editor)
    if editor:
        st.markdown("**Contacts**")
        if detail["contacts"]:
            st.dataframe(pd.DataFrame([{
                "Name": c.name, "Role": c.role or "", "Email": c.email or "",
                "Phone": c.phone or "", "Language": c.language or ""}
                for c in detail["contacts"]]), hide_index=True, width="stretch")
        else:
            st.caption("No contact person recorded.")
    _log(detail["log"], editor)
    _links(detail["links"])
    if not editor:
        return
    key = f"partners_{partner['id']}"
    with st.expander("Log an interaction", icon=":material/forum:", expanded=True):
        interaction_form(user, partner["id"], key=f"{key}_log")
    if detail["log"]:
        with st.expander("Change or delete an interaction", icon=":material/edit_note:"):
            interaction_edit_form(user, partner, detail["log"], key=f"{key}_interactions")
    with st.expander("Edit this partner", icon=":material/edit:"):
        partner_form(user, partner, key=f"{key}_edit")
    with st.expander("Contacts", icon=":material/contacts:"):
        contact_forms(user, partner, detail["contacts"], key=f"{key}_contacts")
    with st.expander("Links to tenants and programme items", icon=":material/hub:"):
        link_forms(user, partner, detail["links"], key=f"{key}_links")
    if user.role == "manager":
        with st.expander("Delete", icon=":material/delete:"):
            delete_form(user, partner, key=f"{key}_delete")


def _facts(partner: dict, editor: bool) -> None:
    place = ", ".join(filter(None, [partner["city"], country_name(partner["country"])]))
    st.markdown(f"### {as_text(partner['name'])}")
    st.markdown(" · ".join([as_text(label(partner["kind"])), as_text(place),
                            as_text(partner["region"]), f"**{partner['status']}**",
                            f"since {show_day(partner['since'])}" if partner["since"] else
                            "since —"]))
    if partner["website"]:
        st.markdown(f"Website: {as_text(partner['website'])}")
    if partner["tags"]:
        st.markdown("Tags: " + as_text(partner["tags"].replace(",", ", ")))
    if partner["notes"] and editor:
        st.text(partner["notes"])


def _log(log: list, editor: bool) -> None:
    st.markdown("**Interactions**")
    if not log:
        st.caption("Nothing logged yet.")
        return
    st.dataframe(pd.DataFrame([{
        "Day": i.day, "Kind": label(i.kind),
        **({"Summary": i.summary, "Owner": i.owner or ""} if editor else {}),
        "Follow-up": show_day(i.follow_up_on) + (" ✓" if i.follow_up_done else "")
        if i.follow_up_on else ""} for i in log]), hide_index=True, width="stretch",
        column_config={"Day": st.column_config.DateColumn(format="D MMM YYYY")})
    if not editor:
        st.caption("Summaries are for the hub's staff; the log shows when and how.")


def _links(links: list) -> None:
    st.markdown("**Links**")
    if not links:
        st.caption("Not linked to a tenant or a programme item.")
        return
    st.dataframe(pd.DataFrame([{
        "With": l.other, "Is": "tenant" if l.link_kind == "tenant" else "programme item",
        "As": label(l.kind), "From": show_day(l.starts_on) if l.starts_on else "",
        "Until": show_day(l.ends_on) if l.ends_on else ""} for l in links]),
        hide_index=True, width="stretch")
