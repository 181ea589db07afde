"""The Building screen's forms. Communication and the manager report issues; the manager
edits and moves them, and plans or cancels works periods. Each form calls one hub/ function
through ui.database.save: a refusal appears beside the form and nothing is written.

Planning works over live bookings asks first: the dialog lists the bookings that would be
cancelled and whom to tell, and only "Cancel the bookings and plan" writes (confirm=True).
"""
from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from db.models import User
from db.vocabulary import ISSUE_PRIORITIES
from hub.building import issues
from hub.occupancy import works
from hub.i18n import N_, _, ngettext
from hub.occupancy import spaces
from ui.confirm import confirm
from ui.database import cached, reading, save
from ui.format import day_text
from ui.format import label, labeller
from ui.forms import form
from ui.widgets import SiteChoice, choice_box, choice_boxes, record_picker

COMMON_PARTS = N_("— the common parts —")
PLAN_WORKS = "building_plan_works"
CANCEL_WORKS = "building_cancel_works"


@cached(ttl=300)
def space_choices(site_id: int) -> list[tuple[int, str]]:
    with reading() as session:
        return [(space.id, f"{space.code} — {space.name}")
                for space in spaces.list_spaces(session, site_id=site_id, active_only=True)]


def _space_box(label: str, choices: list, key: str, current: int | None = None) -> int | None:
    """A space of the site, or the common parts (None); chosen by id (ui.widgets.choice_box)."""
    ids = [None] + [space_id for space_id, __ in choices]
    return choice_box(label, {None: _(COMMON_PARTS)} | dict(choices), key=key,
                      index=ids.index(current) if current in ids else 0)


def report_form(user: User, site: SiteChoice) -> None:
    """Report an issue (manager and communication)."""
    choices = space_choices(site.id)
    with form(f"building_report_{site.id}") as report:
        key = report.key
        st.markdown(_("**Report an issue**"))
        left, right = st.columns(2)
        with left:
            space = _space_box(_("Where"), choices, key("building_report_space"))
        priority = right.selectbox(_("Priority"), ISSUE_PRIORITIES, index=1,
                                   key=key("building_report_priority"),
                                   format_func=labeller("issue priority"))
        title = st.text_input(_("What is wrong"), max_chars=160,
                              key=key("building_report_title"))
        description = st.text_area(_("Details"), max_chars=4000,
                                   key=key("building_report_text"))
        if report.submitted(_("Report the issue"), type="primary") and report.save(
                issues.report_issue, actor=user, site_id=site.id, title=title,
                space_id=space, description=description, priority=priority):
            report.done(_("Issue reported: {title}").format(title=title.strip()))


def _issue_label(row) -> str:
    return f"#{row.id} {row.title} · {row.space} · {label('issue status', row.status)}"


def manage_issue_form(user: User, site: SiteChoice, rows: list) -> None:
    """Edit an issue, or move it one step (the manager)."""
    if not rows:
        return
    choices = space_choices(site.id)
    issue = record_picker(_("Issue"), rows, name_of=_issue_label, key="building_issue_pick")
    with form(f"building_issue_edit_{issue.id}", version=issue.version,
              about=("issue", issue.id)) as edit:
        key = edit.key(f"building_issue_{issue.id}")
        st.markdown(_("**Edit the issue**"))
        left, middle, right = st.columns(3)
        title = left.text_input(_("Title"), issue.title, max_chars=160, key=f"{key}_title")
        priority = middle.selectbox(_("Priority"), ISSUE_PRIORITIES,
                                    index=ISSUE_PRIORITIES.index(issue.priority),
                                    key=f"{key}_priority",
                                    format_func=labeller("issue priority"))
        with right:
            space = _space_box(_("Where"), choices,
                               edit.key(f"building_issue_space_{issue.id}"), issue.space_id)
        contractor = left.text_input(_("Contractor"), issue.contractor or "", max_chars=160,
                                     key=f"{key}_contractor")
        estimate = middle.text_input(_("Cost estimate (€)"), "" if issue.cost_estimate is None
                                     else str(issue.cost_estimate), key=f"{key}_estimate")
        final = right.text_input(_("Final cost (€)"), "" if issue.final_cost is None
                                 else str(issue.final_cost), key=f"{key}_final")
        description = st.text_area(_("Details"), issue.description or "", max_chars=4000,
                                   key=f"{key}_details")
        notes = st.text_area(_("Notes"), issue.notes or "", max_chars=4000, key=f"{key}_notes")
        if edit.submitted(_("Save the issue"), type="primary") and edit.save(
                issues.edit_issue, actor=user, issue_id=issue.id, title=title,
                priority=priority, space_id=space, description=description,
                contractor=contractor, cost_estimate=estimate, final_cost=final, notes=notes):
            edit.done(_("Issue #{id} saved.").format(id=issue.id))
    steps = issues.NEXT_STATUSES[issue.status]
    now = label("issue status", issue.status)
    if not steps:
        st.caption(_("This issue is {status}: it is closed.").format(status=now))
        return
    with form(f"building_issue_move_{issue.id}", version=issue.version,
              about=("issue", issue.id)) as move:
        key = move.key(f"building_issue_{issue.id}")
        st.markdown(_("**Move the issue** (now {status})").format(status=now))
        left, right = st.columns(2)
        status = left.selectbox(_("Next step"), steps, format_func=labeller("issue status"),
                                key=f"{key}_next")
        final = right.text_input(_("Final cost when done (€)"), "", key=f"{key}_done_cost")
        if move.submitted(_("Move it")) and move.save(
                issues.move_issue, actor=user, issue_id=issue.id, status=status,
                final_cost=final):
            move.done(_("Issue #{id} is {status} now.").format(
                id=issue.id, status=label("issue status", status)))


def plan_works_form(user: User, site: SiteChoice, open_issues: list) -> None:
    """Plan a works period; over live bookings it asks first, listing them."""
    choices = space_choices(site.id)
    with form(f"building_plan_works_{site.id}") as plan:
        key = plan.key
        st.markdown(_("**Plan works**"))
        chosen = choice_boxes(_("Spaces out of use"), dict(choices),
                              key=key("building_works_spaces"), placeholder=_("Choose…"))
        left, middle, right = st.columns(3)
        title = left.text_input(_("Works"), max_chars=160, key=key("building_works_title"),
                                placeholder=_("e.g. Roof repair"))
        first = middle.date_input(_("From"), date.today() + timedelta(days=7),
                                  format="DD/MM/YYYY", key=key("building_works_from"))
        last = right.date_input(_("To (included)"), date.today() + timedelta(days=7),
                                format="DD/MM/YYYY", key=key("building_works_to"))
        issue_id = choice_box(_("For the issue"), {None: _("— none —")} | {
            row.id: _issue_label(row) for row in open_issues}, key=key("building_works_issue"))
        notes = st.text_area(_("Notes"), max_chars=4000, key=key("building_works_notes"))
        if plan.submitted(_("Plan the works"), type="primary"):
            request = dict(site_id=site.id, space_ids=list(chosen), title=title,
                           starts_on=first, ends_on=last, issue_id=issue_id, notes=notes)
            found = _collisions(request)
            if found.bookings and not found.sessions:
                tell = list(dict.fromkeys([b.who for b in found.bookings]
                                          + [lease.tenant for lease in found.leases]))
                plan.ask(PLAN_WORKS, ngettext(
                    "{n} booking(s) lie in these days and will be cancelled (the records are "
                    "kept). Tell: {tell}.",
                    "{n} booking(s) lie in these days and will be cancelled (the records are "
                    "kept). Tell: {tell}.", len(found.bookings)).format(
                        n=len(found.bookings), tell=", ".join(tell)),
                    details=[str(booking) for booking in found.bookings], **request)
            elif result := plan.save(works.plan_works, actor=user, **request):
                plan.done(result.summary() + ".")
    confirm(PLAN_WORKS, title=_("Plan the works"), action=_("Cancel the bookings and plan"),
            run=lambda **request: _plan(user, **request))


def _collisions(request: dict):
    with reading() as session:
        return works.works_collisions(session, space_ids=request["space_ids"],
                                      starts_on=request["starts_on"],
                                      ends_on=request["ends_on"])


def _plan(user: User, **request) -> str | None:
    result = save(works.plan_works, actor=user, confirm=True, **request)
    return result.summary() + "." if result else None


EDIT_WORKS = "building_edit_works"


def edit_works_form(user: User, site: SiteChoice, rows: list) -> None:
    """Move the days, change the spaces or the title of works not over yet; bookings the
    change newly covers are asked about first, as when planning."""
    live = [row for row in rows if not row.cancelled and row.ends_on >= date.today()]
    if not live:
        return
    choices = space_choices(site.id)
    chosen = record_picker(_("Works to change"), live, key="building_edit_pick",
                           name_of=lambda r: f"{r.title} · {r.spaces} · "
                                             f"{day_text(r.starts_on)} → {day_text(r.ends_on)}")
    with form(f"building_edit_works_{chosen.id}", version=chosen.version,
              about=("works", chosen.id)) as edit:
        key = edit.key(f"building_edit_works_{chosen.id}")
        st.markdown(_("**Change the works**"))
        picked = choice_boxes(_("Spaces out of use"), dict(choices), key=f"{key}_spaces",
                              default=[c for c, __ in choices if c in chosen.space_ids],
                              placeholder=_("Choose…"))
        left, middle, right = st.columns(3)
        title = left.text_input(_("Works"), chosen.title, max_chars=160, key=f"{key}_title")
        first = middle.date_input(_("From"), chosen.starts_on, format="DD/MM/YYYY",
                                  key=f"{key}_from")
        last = right.date_input(_("To (included)"), chosen.ends_on, format="DD/MM/YYYY",
                                key=f"{key}_to")
        notes = st.text_area(_("Notes"), chosen.notes or "", max_chars=4000, key=f"{key}_notes")
        if edit.submitted(_("Save the works")):
            request = dict(works_id=chosen.id, space_ids=list(picked), title=title,
                           starts_on=first, ends_on=last, issue_id=chosen.issue_id, notes=notes)
            found = _collisions(request)
            if found.bookings and not found.sessions:
                edit.ask(EDIT_WORKS, ngettext(
                    "{n} booking(s) lie in the new days and will be cancelled (the records are "
                    "kept).",
                    "{n} booking(s) lie in the new days and will be cancelled (the records are "
                    "kept).", len(found.bookings)).format(n=len(found.bookings)),
                    details=[str(booking) for booking in found.bookings], **request)
            elif result := edit.save(works.edit_works, actor=user, **request):
                edit.done(_edited(result))
    confirm(EDIT_WORKS, title=_("Change the works"), action=_("Cancel the bookings and save"),
            run=lambda **request: _edit(user, **request))


def _edited(result) -> str:
    if result.cancelled:
        return ngettext("{title} saved; {n} booking(s) cancelled; tell {tell}.",
                        "{title} saved; {n} booking(s) cancelled; tell {tell}.",
                        len(result.cancelled)).format(title=result.works.title,
                                                      n=len(result.cancelled),
                                                      tell=", ".join(result.tell))
    return _("{title} saved.").format(title=result.works.title)


def _edit(user: User, **request) -> str | None:
    result = save(works.edit_works, actor=user, confirm=True, **request)
    return _edited(result) if result else None


def cancel_works_form(user: User, rows: list) -> None:
    """Cancel works that will not happen (asks first)."""
    live = [row for row in rows if not row.cancelled and row.ends_on >= date.today()]
    if not live:
        return
    with form("building_cancel_works", versions={row.id: row.version for row in live}) as cancel:
        st.markdown(_("**Cancel works**"))
        chosen = record_picker(_("Works"), live, key=cancel.key("building_cancel_pick"),
                               name_of=lambda r: (f"{r.title} · {r.spaces} · "
                                                  f"{day_text(r.starts_on)} → "
                                                  f"{day_text(r.ends_on)}"))
        if cancel.submitted(_("Cancel the works")) and chosen:
            cancel.ask(CANCEL_WORKS, _("Cancel “{title}” — {spaces} will be in use again from "
                                       "{start} to {end}; bookings cancelled for it stay "
                                       "cancelled.").format(
                                           title=chosen.title, spaces=chosen.spaces,
                                           start=day_text(chosen.starts_on),
                                           end=day_text(chosen.ends_on)),
                       works_id=chosen.id, version=cancel.version_of(chosen.id),
                       title=chosen.title)
    confirm(CANCEL_WORKS, title=_("Cancel the works"), action=_("Cancel the works"),
            keep=_("Keep them"),
            run=lambda **request: _cancel(user, **request))


def _cancel(user: User, *, works_id: int, version: int, title: str) -> str | None:
    if not save(works.cancel_works, actor=user, works_id=works_id, version=version):
        return None
    return _("{title} cancelled; the spaces are in use again.").format(title=title)
