"""One partner on the Partners screen: facts, contacts (not for a viewer), the interaction
log, links, and — for the manager and communication — the forms that change them."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from db.models import User
from hub.i18n import _
from hub.roles import sees_contacts
from ui.format import as_text, country_name, label, table_date_format
from ui.widgets import choice_box
from ui.format import day_text
from ui.partners.contacts import contact_forms
from ui.partners.forms import (confirmations, delete_form, interaction_edit_form,
                              interaction_form, link_forms, link_label, partner_form)


def partner_detail(user: User, picks: list[tuple[int, str]],
                   load_partner: Callable[[int, str], dict | None]) -> None:
    _detail(user, picks, load_partner)
    if sees_contacts(user):
        confirmations(user)     # after the forms that ask, on every run


def _detail(user: User, picks: list[tuple[int, str]],
            load_partner: Callable[[int, str], dict | None]) -> None:
    st.header(_("A partner"), anchor=False)
    if not picks:
        return
    # By id, pinned (ui.widgets.choice_box): another person may save the partner's city,
    # which is in its label, while this one edits it below.
    chosen = choice_box(_("Partner"), dict(picks), key="partners_pick", index=None,
                        placeholder=_("Choose a partner…"))
    if chosen is None:
        return
    detail = load_partner(chosen, user.role, user)
    if detail is None:
        st.warning(_("This partner no longer exists (it may have been deleted)."))
        return
    partner = detail["partner"]
    editor = sees_contacts(user)
    _facts(partner, editor)
    if editor:
        st.markdown(_("**Contacts**"))
        if detail["contacts"]:
            st.dataframe(pd.DataFrame([{
                _("Name"): c.name, _("Role"): c.role or "", _("Email"): c.email or "",
                _("Phone"): c.phone or "", _("Language"): c.language or ""}
                for c in detail["contacts"]]), hide_index=True, width="stretch")
        else:
            st.caption(_("No contact person recorded."))
    _log(detail["log"], editor)
    _links(detail["links"])
    if not editor:
        return
    key = f"partners_{partner['id']}"
    # Keyed: an expander is known by its key, not by its place, so it stays open when a save
    # adds a line above it (the partner's notes, say).
    with st.expander(_("Log an interaction"), icon=":material/forum:", expanded=True,
                     key=f"{key}_log_box"):
        interaction_form(user, partner["id"], key=f"{key}_log")
    if detail["log"]:
        with st.expander(_("Change or delete an interaction"), icon=":material/edit_note:",
                         key=f"{key}_interactions_box"):
            interaction_edit_form(user, partner, detail["log"], key=f"{key}_interactions")
    with st.expander(_("Edit this partner"), icon=":material/edit:", key=f"{key}_edit_box"):
        partner_form(user, partner, key=f"{key}_edit")
    with st.expander(_("Contacts"), icon=":material/contacts:", key=f"{key}_contacts_box"):
        contact_forms(user, partner, detail["contacts"], key=f"{key}_contacts")
    with st.expander(_("Links to tenants and programme items"), icon=":material/hub:",
                     key=f"{key}_links_box"):
        link_forms(user, partner, detail["links"], key=f"{key}_links")
    if user.role == "manager":
        with st.expander(_("Delete"), icon=":material/delete:", key=f"{key}_delete_box"):
            delete_form(user, partner, key=f"{key}_delete")


def _facts(partner: dict, editor: bool) -> None:
    place = ", ".join(filter(None, [partner["city"], country_name(partner["country"])]))
    st.markdown(f"### {as_text(partner['name'])}")
    since = (_("since {day}").format(day=day_text(partner["since"])) if partner["since"] else
             _("since —"))
    st.markdown(" · ".join([as_text(label("partner kind", partner["kind"])), as_text(place),
                            as_text(label("region", partner["region"])),
                            f"**{as_text(label('partner status', partner['status']))}**",
                            as_text(since)]))
    if partner["website"]:
        st.markdown(_("Website: {address}").format(address=as_text(partner["website"])))
    if partner["tags"]:
        st.markdown(_("Tags: {tags}").format(tags=as_text(partner["tags"].replace(",", ", "))))
    if partner["notes"] and editor:
        st.text(partner["notes"])


def _log(log: list, editor: bool) -> None:
    st.markdown(_("**Interactions**"))
    if not log:
        st.caption(_("Nothing logged yet."))
        return
    st.dataframe(pd.DataFrame([{
        _("Day"): i.day, _("Kind"): label("interaction kind", i.kind),
        **({_("Summary"): i.summary, _("Owner"): i.owner or ""} if editor else {}),
        _("Follow-up"): day_text(i.follow_up_on) + (" ✓" if i.follow_up_done else "")
        if i.follow_up_on else ""} for i in log]), hide_index=True, width="stretch",
        column_config={_("Day"): st.column_config.DateColumn(format=table_date_format())})
    if not editor:
        st.caption(_("Summaries are for the hub's staff; the log shows when and how."))


def _links(links: list) -> None:
    st.markdown(_("**Links**"))
    if not links:
        st.caption(_("Not linked to a tenant or a programme item."))
        return
    st.dataframe(pd.DataFrame([{
        _("With"): link.other,
        _("Is"): _("tenant") if link.link_kind == "tenant" else _("programme item"),
        _("As"): link_label(link), _("From"): day_text(link.starts_on) if link.starts_on else "",
        _("Until"): day_text(link.ends_on) if link.ends_on else ""} for link in links]),
        hide_index=True, width="stretch")
