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
from db.vocabulary import (INTERACTION_KINDS, ITEM_LINK_ROLES, PARTNER_KINDS,
                           PARTNER_STATUSES, TENANT_LINK_KINDS)
from hub.i18n import _, ngettext
from hub.partners import interactions
from hub.partners import links as partner_links
from hub.partners import organisations
from hub.tenants.roster import tenant_choices
from ui.confirm import confirm
from ui.database import cached, reading, save
from ui.format import (as_text, countries, country_name, country_namer, label, labeller, listed,
                       number)
from ui.format import day_text
from ui.forms import form
from ui.widgets import EARLIEST_DAY, choice_box

# The confirmation requests (ui.confirm), one per kind of destructive action.
DELETE_PARTNER = "partners_delete_partner"
DELETE_INTERACTION = "partners_delete_interaction"
REMOVE_CONTACT = "partners_remove_contact"
REMOVE_LINK = "partners_remove_link"


@cached(ttl=300)
def _owners() -> list[tuple[int, str]]:
    with reading() as session:
        return interactions.owner_choices(session)


@cached(ttl=300)
def _tenants(on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return tenant_choices(session, on=on)


@cached(ttl=300)
def _items() -> list[tuple[int, str, str, date | None]]:
    with reading() as session:
        return partner_links.item_choices(session)


def _item_text(item: tuple[int, str, str, date | None]) -> str:
    """Wheel throwing (course, 2 Dec 2026)."""
    __, title, kind, starts = item
    if starts is None:
        return _("{title} ({kind})").format(title=title, kind=label("programme kind", kind))
    return _("{title} ({kind}, {day})").format(title=title, kind=label("programme kind", kind),
                                               day=day_text(starts))


def _duplicates(name: str, other_than: int | None) -> list[str]:
    with reading() as session:
        return [f"{p.name} ({p.city or country_name(p.country)})" for p in
                organisations.duplicate_partners(session, name, other_than=other_than)]


def partner_form(user: User, partner=None, *, key: str) -> None:
    """Add a partner (partner None) or edit one. A name already in use is warned about and
    needs a tick to go ahead."""
    old = partner or {}
    codes = countries()
    with form(key, version=old.get("version"),
              about=("partner", old["id"]) if partner else None) as edit:
        name = edit.key(key)
        left, right = st.columns(2)
        values = {
            "name": left.text_input(_("Name"), old.get("name", ""), max_chars=160,
                                    key=f"{name}_name"),
            "kind": right.selectbox(_("Kind"), PARTNER_KINDS, format_func=labeller("partner kind"),
                                    index=PARTNER_KINDS.index(old.get("kind", "institution")),
                                    key=f"{name}_kind"),
            "country": left.selectbox(_("Country"), codes, format_func=country_namer(),
                                      index=codes.index(old.get("country", "IT")),
                                      key=f"{name}_country"),
            "city": right.text_input(_("City"), old.get("city") or "", max_chars=80,
                                     key=f"{name}_city"),
            "website": left.text_input(_("Website"), old.get("website") or "",
                                       placeholder="https://…", key=f"{name}_website"),
            "status": right.selectbox(_("Status"), PARTNER_STATUSES,
                                      format_func=labeller("partner status"),
                                      index=PARTNER_STATUSES.index(old.get("status", "prospect")),
                                      key=f"{name}_status"),
            "since": left.date_input(_("Partner since"), old.get("since"), format="DD/MM/YYYY",
                                     min_value=date(1950, 1, 1), max_value=date.today(),
                                     key=f"{name}_since"),
            "tags": right.text_input(_("Tags"), old.get("tags", ""), key=f"{name}_tags",
                                     help=_("Comma-separated, e.g. export, ceramics")),
            "notes": st.text_area(_("Notes"), old.get("notes") or "", max_chars=4000,
                                  key=f"{name}_notes"),
        }
        anyway = st.checkbox(_("Save even if another partner has this name"),
                             key=f"{name}_anyway")
        if edit.submitted(_("Save partner") if partner else _("Add partner")):
            _save_partner(user, old, edit, values, anyway)


def _save_partner(user: User, old: dict, edit, values: dict, anyway: bool) -> None:
    same = _duplicates(values["name"], old.get("id"))
    if same and not anyway:
        st.warning(_("A partner with this name already exists: {partners}. Tick the box to save "
                     "anyway.").format(partners=as_text("; ".join(same))))
    elif not old:
        if edit.save(organisations.add_partner, actor=user, **values):
            edit.done(_("Partner {name} added.").format(name=values["name"]))
    elif edit.save(organisations.edit_partner, actor=user, partner_id=old["id"], **values):
        edit.done(_("Partner {name} saved.").format(name=values["name"]))


def interaction_form(user: User, partner_id: int, *, key: str) -> None:
    owners = _owners()
    mine = next((i for i, (uid, __) in enumerate(owners) if uid == user.id), 0)
    with form(key) as log:
        name = log.key(key)
        left, middle, right = st.columns(3)
        day = left.date_input(_("Day"), date.today(), format="DD/MM/YYYY",
                              max_value=date.today(), key=f"{name}_day")
        kind = middle.selectbox(_("Kind"), INTERACTION_KINDS,
                                format_func=labeller("interaction kind"), key=f"{name}_kind")
        owner_id = choice_box(_("Owner"), dict(owners), index=mine, key=f"{name}_owner",
                              container=right)
        summary = st.text_area(_("Summary"), max_chars=2000, key=f"{name}_summary",
                               placeholder=_("What happened, in a line"))
        follow_up = st.date_input(_("Follow-up on (optional)"), None, format="DD/MM/YYYY",
                                  min_value=date(2016, 1, 1), key=f"{name}_follow_up")
        if log.submitted(_("Log interaction")) and log.save(
                interactions.log_interaction, actor=user, partner_id=partner_id, day=day,
                kind=kind, summary=summary, follow_up_on=follow_up,
                owner_id=owner_id):
            log.done(_("Interaction logged; follow-up on {day}.").format(day=day_text(follow_up))
                     if follow_up else _("Interaction logged."))


def follow_up_done_form(user: User, due: list, *, key: str) -> None:
    if not due:
        return
    # The options' names are written in this run (Streamlit's test harness formats them again
    # outside it, see hub.words.labeller).
    names = {f.interaction_id: f"{day_text(f.follow_up_on)} · {f.partner} · {f.summary[:60]}"
             for f in due}
    with form(key, versions={f.interaction_id: f.version for f in due}) as done:
        picked = choice_box(_("Follow-up"), names, key=done.key(f"{key}_pick"))
        chosen = next((f for f in due if f.interaction_id == picked), None)
        if done.submitted(_("Mark done")) and chosen and done.save(
                interactions.mark_follow_up_done, actor=user,
                interaction_id=chosen.interaction_id,
                version=done.version_of(chosen.interaction_id)):
            done.done(_("Follow-up with {partner} marked done.").format(
                partner=chosen.partner))


def link_forms(user: User, partner: dict, links: list, *, key: str) -> None:
    partner_id = partner["id"]
    tenants, items = _tenants(date.today()), _items()
    left, right = st.columns(2)
    with form(f"{key}_tenant", container=left) as link:
        name = link.key(f"{key}_tenant")
        st.markdown(_("**Link a tenant**"))
        tenant_id = choice_box(_("Tenant"), dict(tenants), index=None, key=f"{name}_pick",
                               placeholder=_("Choose a tenant…"))
        kind = st.selectbox(_("Link"), TENANT_LINK_KINDS, format_func=labeller("tenant link"),
                            key=f"{name}_kind")
        starts = st.date_input(_("From (optional)"), None, format="DD/MM/YYYY",
                               key=f"{name}_from")
        if link.submitted(_("Link tenant")) and link.save(
                partner_links.link_tenant, actor=user, partner_id=partner_id,
                tenant_id=tenant_id, kind=kind, starts_on=starts):
            link.done(_("Tenant linked."))
    with form(f"{key}_item", container=right) as link:
        name = link.key(f"{key}_item")
        st.markdown(_("**Link a programme item**"))
        if not items:
            st.caption(_("There are no programme items yet."))
        item_names = {item[0]: _item_text(item) for item in items}
        item_id = choice_box(_("Programme item"), item_names, index=None, key=f"{name}_pick",
                             placeholder=_("Choose a programme item…"))
        role = st.selectbox(_("Role"), ITEM_LINK_ROLES, format_func=labeller("programme role"),
                            key=f"{name}_role")
        if link.submitted(_("Link item"), disabled=not items) and link.save(
                partner_links.link_item, actor=user, partner_id=partner_id,
                item_id=item_id, role=role):
            link.done(_("Programme item linked."))
    if links:
        link_edit_form(user, partner, links, key=f"{key}_change")


def link_label(link) -> str:
    """The link's kind (tenant link) or role (programme item) in the reader's words."""
    return label("tenant link" if link.link_kind == "tenant" else "programme role", link.kind)


def _link_text(link) -> str:
    other = _("tenant") if link.link_kind == "tenant" else _("programme item")
    return _("{name} ({other}, {kind})").format(name=link.other, other=other,
                                                kind=link_label(link))


def link_edit_form(user: User, partner: dict, links: list, *, key: str) -> None:
    """Change or remove one of the partner's links, chosen from the list."""
    by_key = {(link.link_kind, link.id): link for link in links}
    names = {pick: _link_text(link) for pick, link in by_key.items()}
    picked = choice_box(_("Link to change or remove"), names, index=None, key=f"{key}_pick",
                        placeholder=_("Choose a link…"))
    if picked is None:
        return
    link = by_key[tuple(picked)]
    with form(f"{key}_{link.link_kind}_{link.id}", version=link.version,
              about=(link.link_kind + "_link", link.id)) as edit:
        name = edit.key(f"{key}_{link.link_kind}_{link.id}")
        st.markdown(as_text(_link_text(link)))
        if link.link_kind == "tenant":
            left, middle, right = st.columns(3)
            values = {
                "kind": left.selectbox(_("Link"), TENANT_LINK_KINDS,
                                       format_func=labeller("tenant link"),
                                       index=TENANT_LINK_KINDS.index(link.kind),
                                       key=f"{name}_kind"),
                "starts_on": middle.date_input(_("From (optional)"), link.starts_on,
                                               format="DD/MM/YYYY", min_value=EARLIEST_DAY,
                                               key=f"{name}_from"),
                "ends_on": right.date_input(_("Until (optional)"), link.ends_on,
                                            format="DD/MM/YYYY", min_value=EARLIEST_DAY,
                                            key=f"{name}_until"),
                "notes": st.text_area(_("Notes"), link.notes or "", max_chars=1000,
                                      key=f"{name}_notes")}
            write = partner_links.edit_tenant_link
        else:
            values = {"role": st.selectbox(_("Role"), ITEM_LINK_ROLES,
                                           format_func=labeller("programme role"),
                                           index=ITEM_LINK_ROLES.index(link.kind),
                                           key=f"{name}_role")}
            write = partner_links.edit_item_link
        left, right = st.columns(2)
        with left:
            changed = edit.submitted(_("Save link"))
        with right:
            removed = edit.submitted(_("Remove link"), name="remove")
        if changed and edit.save(write, actor=user, link_id=link.id, **values):
            edit.done(_("Link to {name} saved.").format(name=link.other))
        if removed:
            edit.ask(REMOVE_LINK, _("Remove the link of {partner} to {link}.").format(
                partner=partner["name"], link=_link_text(link)),
                link_kind=link.link_kind, link_id=link.id, forget=f"{key}_pick",
                done=_("Link to {name} removed.").format(name=link.other))


def _interaction_text(interaction) -> str:
    return (f"{day_text(interaction.day)} · {label('interaction kind', interaction.kind)} · "
            f"{interaction.summary[:60]}")


def interaction_edit_form(user: User, partner: dict, log: list, *, key: str) -> None:
    """Correct or delete one logged interaction, chosen from the log."""
    by_id = {interaction.id: interaction for interaction in log}
    names = {pick: _interaction_text(interaction) for pick, interaction in by_id.items()}
    picked = choice_box(_("Interaction to change or delete"), names, index=None,
                        key=f"{key}_pick", placeholder=_("Choose an interaction…"))
    if picked is None:
        return
    chosen = by_id[picked]
    owners = dict(_owners())
    owner_ids = list(owners)
    with form(f"{key}_{chosen.id}", version=chosen.version,
              about=("interaction", chosen.id)) as edit:
        name = edit.key(f"{key}_{chosen.id}")
        left, middle, right = st.columns(3)
        values = {
            "day": left.date_input(_("Day"), chosen.day, format="DD/MM/YYYY",
                                   min_value=min(EARLIEST_DAY, chosen.day),
                                   max_value=max(date.today(), chosen.day), key=f"{name}_day"),
            "kind": middle.selectbox(_("Kind"), INTERACTION_KINDS,
                                     format_func=labeller("interaction kind"),
                                     index=INTERACTION_KINDS.index(chosen.kind),
                                     key=f"{name}_kind"),
            "owner_id": choice_box(
                _("Owner"), owners, key=f"{name}_owner", container=right,
                index=owner_ids.index(chosen.owner_id) if chosen.owner_id in owners else None,
                placeholder=chosen.owner or _("Nobody")),
            "summary": st.text_area(_("Summary"), chosen.summary, max_chars=2000,
                                    key=f"{name}_summary"),
            "follow_up_on": st.date_input(
                _("Follow-up on (optional)"), chosen.follow_up_on, format="DD/MM/YYYY",
                min_value=min(EARLIEST_DAY, chosen.follow_up_on or EARLIEST_DAY),
                key=f"{name}_follow_up")}
        left, right = st.columns(2)
        with left:
            changed = edit.submitted(_("Save interaction"))
        with right:
            deleted = edit.submitted(_("Delete interaction"), name="delete")
        if values["owner_id"] is None:      # an owner no longer on the list: left as it is
            values.pop("owner_id")
        if changed and edit.save(interactions.edit_interaction, actor=user,
                                 interaction_id=chosen.id, **values):
            edit.done(_("Interaction saved."))
        if deleted:
            _ask_to_delete(edit, partner, chosen, key)


def _ask_to_delete(edit, partner: dict, chosen, key: str) -> None:
    consequence = _("Delete the {kind} of {day} with {partner}: {summary}").format(
        kind=label("interaction kind", chosen.kind), day=day_text(chosen.day),
        partner=partner["name"], summary=chosen.summary[:120])
    if chosen.follow_up_on and not chosen.follow_up_done:
        consequence += " " + _("Its open follow-up on {day} goes with it.").format(
            day=day_text(chosen.follow_up_on))
    edit.ask(DELETE_INTERACTION, consequence,
             details=[_("The audit log keeps a copy of the interaction.")],
             interaction_id=chosen.id, forget=f"{key}_pick", done=_("Interaction deleted."))


def _goes_with(held: organisations.Attached) -> str:
    """'2 contacts, 14 interactions and 3 links go with it.'"""
    kept = [(n, words.format(n=number(n))) for n, words in (
        (held.contacts, ngettext("{n} contact", "{n} contacts", held.contacts)),
        (held.interactions, ngettext("{n} interaction", "{n} interactions", held.interactions)),
        (held.links, ngettext("{n} link", "{n} links", held.links))) if n]
    if not kept:
        return _("nothing else is recorded for it.")
    things = listed([words for __, words in kept])
    # "1 contact goes with it", "2 contacts go", "1 contact and 1 link go": one thing or more.
    many = 1 if len(kept) == 1 and kept[0][0] == 1 else 2
    return ngettext("{things} goes with it.", "{things} go with it.", many).format(things=things)


def delete_form(user: User, partner: dict, *, key: str) -> None:
    with form(key, version=partner["version"], about=("partner", partner["id"])) as delete:
        st.markdown(_("**Delete this partner** — its contacts, interactions and links go with "
                      "it; the audit log keeps a copy of everything."))
        if delete.submitted(_("Delete partner"), type="primary"):
            with reading() as session:
                held = organisations.attached_to(session, partner_id=partner["id"])
            delete.ask(DELETE_PARTNER, _("Delete {name} — {consequence}").format(
                name=partner["name"], consequence=_goes_with(held)),
                details=[_("The audit log keeps a copy of everything deleted.")],
                partner_id=partner["id"], forget="partners_pick",
                done=_("Partner {name} deleted.").format(name=partner["name"]))


def _confirmed(user: User, action, *, done: str, forget: str | None = None,
               **request) -> str | None:
    """Run a confirmed write; on success the chooser of what is gone is emptied, and what to
    say closes the dialog."""
    if save(action, actor=user, **request) is None:
        return None
    if forget:
        st.session_state.pop(forget, None)
    return done


def confirmations(user: User) -> None:
    """The dialogs of the destructive actions above: call on every run, after the forms."""
    for key, title, action, write in (
            (DELETE_PARTNER, _("Delete a partner"), _("Delete the partner"),
             organisations.delete_partner),
            (DELETE_INTERACTION, _("Delete an interaction"), _("Delete the interaction"),
             interactions.delete_interaction),
            (REMOVE_CONTACT, _("Remove a contact"), _("Remove the contact"),
             organisations.delete_contact),
            (REMOVE_LINK, _("Remove a link"), _("Remove the link"), partner_links.unlink)):
        confirm(key, title=title, action=action,
                run=lambda write=write, **request: _confirmed(user, write, **request))
