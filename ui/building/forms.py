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
from hub.building import issues, works
from hub.occupancy import spaces
from ui.confirm import ask, confirm
from ui.database import cached, reading, save
from ui.format import day as show_day
from ui.widgets import SiteChoice, flash

COMMON_PARTS = "— the common parts —"
PLAN_WORKS = "building_plan_works"
CANCEL_WORKS = "building_cancel_works"


@cached(ttl=300)
def space_choices(site_id: int) -> list[tuple[int, str]]:
    with reading() as session:
        return [(space.id, f"{space.code} — {space.name}")
                for space in spaces.list_spaces(session, site_id=site_id, active_only=True)]


def _saved(message: str) -> None:
    flash(message)
    st.rerun()


def _space_box(label: str, choices: list, key: str, current: int | None = None):
    options = [None] + choices
    index = next((n for n, choice in enumerate(options) if choice and choice[0] == current), 0)
    return st.selectbox(label, options, index=index, key=key,
                        format_func=lambda c: COMMON_PARTS if c is None else c[1])


def report_form(user: User, site: SiteChoice) -> None:
    """Report an issue (manager and communication)."""
    choices = space_choices(site.id)
    with st.form("building_report", clear_on_submit=True):
        st.markdown("**Report an issue**")
        left, right = st.columns(2)
        with left:
            space = _space_box("Where", choices, "building_report_space")
        priority = right.selectbox("Priority", ISSUE_PRIORITIES, index=1,
                                   key="building_report_priority")
        title = st.text_input("What is wrong", max_chars=160, key="building_report_title")
        description = st.text_area("Details", max_chars=4000, key="building_report_text")
        submitted = st.form_submit_button("Report the issue", type="primary")
    if submitted and save(issues.report_issue, actor=user, site_id=site.id, title=title,
                          space_id=space and space[0], description=description,
                          priority=priority):
        _saved(f"Issue reported: {title.strip()}")


def _issue_label(row) -> str:
    return f"#{row.id} {row.title} · {row.space} · {issues.STATUS_LABELS[row.status]}"


def manage_issue_form(user: User, site: SiteChoice, rows: list) -> None:
    """Edit an issue, or move it one step (the manager)."""
    if not rows:
        return
    choices = space_choices(site.id)
    issue = st.selectbox("Issue", rows, format_func=_issue_label, key="building_issue_pick")
    with st.form(f"building_issue_edit_{issue.id}"):
        st.markdown("**Edit the issue**")
        left, middle, right = st.columns(3)
        title = left.text_input("Title", issue.title, max_chars=160)
        priority = middle.selectbox("Priority", ISSUE_PRIORITIES,
                                    index=ISSUE_PRIORITIES.index(issue.priority))
        with right:
            space = _space_box("Where", choices, f"building_issue_space_{issue.id}",
                               issue.space_id)
        contractor = left.text_input("Contractor", issue.contractor or "", max_chars=160)
        estimate = middle.text_input("Cost estimate (€)", "" if issue.cost_estimate is None
                                     else str(issue.cost_estimate))
        final = right.text_input("Final cost (€)", "" if issue.final_cost is None
                                 else str(issue.final_cost))
        description = st.text_area("Details", issue.description or "", max_chars=4000)
        notes = st.text_area("Notes", issue.notes or "", max_chars=4000)
        submitted = st.form_submit_button("Save the issue", type="primary")
    if submitted and save(issues.edit_issue, actor=user, issue_id=issue.id,
                          version=issue.version, title=title, priority=priority,
                          space_id=space and space[0], description=description,
                          contractor=contractor, cost_estimate=estimate, final_cost=final,
                          notes=notes):
        _saved(f"Issue #{issue.id} saved.")
    steps = issues.NEXT_STATUSES[issue.status]
    if not steps:
        st.caption(f"This issue is {issues.STATUS_LABELS[issue.status]}: it is closed.")
        return
    with st.form(f"building_issue_move_{issue.id}"):
        st.markdown(f"**Move the issue** (now {issues.STATUS_LABELS[issue.status]})")
        left, right = st.columns(2)
        status = left.selectbox("Next step", steps, format_func=issues.STATUS_LABELS.get)
        final = right.text_input("Final cost when done (€)", "")
        moved = st.form_submit_button("Move it")
    if moved and save(issues.move_issue, actor=user, issue_id=issue.id,
                      version=issue.version, status=status, final_cost=final):
        _saved(f"Issue #{issue.id} is {issues.STATUS_LABELS[status]} now.")


def plan_works_form(user: User, site: SiteChoice, open_issues: list) -> None:
    """Plan a works period; over live bookings it asks first, listing them."""
    choices = space_choices(site.id)
    with st.form("building_plan_works"):
        st.markdown("**Plan works**")
        chosen = st.multiselect("Spaces out of use", choices, format_func=lambda c: c[1],
                                key="building_works_spaces")
        left, middle, right = st.columns(3)
        title = left.text_input("Works", max_chars=160, key="building_works_title",
                                placeholder="e.g. Roof repair")
        first = middle.date_input("From", date.today() + timedelta(days=7),
                                  format="DD/MM/YYYY", key="building_works_from")
        last = right.date_input("To (included)", date.today() + timedelta(days=7),
                                format="DD/MM/YYYY", key="building_works_to")
        issue = st.selectbox("For the issue", [None] + open_issues, key="building_works_issue",
                             format_func=lambda r: "— none —" if r is None else _issue_label(r))
        notes = st.text_area("Notes", max_chars=4000, key="building_works_notes")
        submitted = st.form_submit_button("Plan the works", type="primary")
    if submitted:
        request = dict(site_id=site.id, space_ids=[c[0] for c in chosen], title=title,
                       starts_on=first, ends_on=last, issue_id=issue and issue.id, notes=notes)
        with reading() as session:
            found = works.works_collisions(session, space_ids=request["space_ids"],
                                           starts_on=first, ends_on=last)
        if found.bookings and not found.sessions:
            tell = list(dict.fromkeys([b.who for b in found.bookings]
                                      + [lease.tenant for lease in found.leases]))
            ask(PLAN_WORKS, f"{len(found.bookings)} booking(s) lie in these days and will be "
                            f"cancelled (the records are kept). Tell: {', '.join(tell)}.",
                details=[str(booking) for booking in found.bookings], **request)
        else:
            _plan(user, **request)
    confirm(PLAN_WORKS, title="Plan the works", action="Cancel the bookings and plan",
            run=lambda **request: _plan(user, confirm=True, **request))


def _plan(user: User, **request) -> bool:
    result = save(works.plan_works, actor=user, **request)
    if not result:
        return False
    flash(result.summary() + ".")
    if not request.get("confirm"):
        st.rerun()
    return True


EDIT_WORKS = "building_edit_works"


def edit_works_form(user: User, site: SiteChoice, rows: list) -> None:
    """Move the days, change the spaces or the title of works not over yet; bookings the
    change newly covers are asked about first, as when planning."""
    live = [row for row in rows if not row.cancelled and row.ends_on >= date.today()]
    if not live:
        return
    choices = space_choices(site.id)
    chosen = st.selectbox("Works to change", live, key="building_edit_pick",
                          format_func=lambda r: f"{r.title} · {r.spaces} · "
                                                f"{show_day(r.starts_on)} → {show_day(r.ends_on)}")
    with st.form(f"building_edit_works_{chosen.id}"):
        st.markdown("**Change the works**")
        picked = st.multiselect("Spaces out of use", choices, format_func=lambda c: c[1],
                                default=[c for c in choices if c[0] in chosen.space_ids])
        left, middle, right = st.columns(3)
        title = left.text_input("Works", chosen.title, max_chars=160)
        first = middle.date_input("From", chosen.starts_on, format="DD/MM/YYYY")
        last = right.date_input("To (included)", chosen.ends_on, format="DD/MM/YYYY")
        notes = st.text_area("Notes", chosen.notes or "", max_chars=4000)
        submitted = st.form_submit_button("Save the works")
    if submitted:
        request = dict(works_id=chosen.id, version=chosen.version,
                       space_ids=[c[0] for c in picked], title=title, starts_on=first,
                       ends_on=last, issue_id=chosen.issue_id, notes=notes)
        with reading() as session:
            found = works.works_collisions(session, space_ids=request["space_ids"],
                                           starts_on=first, ends_on=last)
        if found.bookings and not found.sessions:
            ask(EDIT_WORKS, f"{len(found.bookings)} booking(s) lie in the new days and will be "
                            "cancelled (the records are kept).",
                details=[str(booking) for booking in found.bookings], **request)
        else:
            _edit(user, **request)
    confirm(EDIT_WORKS, title="Change the works", action="Cancel the bookings and save",
            run=lambda **request: _edit(user, confirm=True, **request))


def _edit(user: User, **request) -> bool:
    result = save(works.edit_works, actor=user, **request)
    if not result:
        return False
    flash(f"{result.works.title} saved" + (f"; {len(result.cancelled)} booking(s) cancelled; "
                                           f"tell {', '.join(result.tell)}"
                                           if result.cancelled else "") + ".")
    if not request.get("confirm"):
        st.rerun()
    return True


def cancel_works_form(user: User, rows: list) -> None:
    """Cancel works that will not happen (asks first)."""
    live = [row for row in rows if not row.cancelled and row.ends_on >= date.today()]
    if not live:
        return
    with st.form("building_cancel_works"):
        st.markdown("**Cancel works**")
        chosen = st.selectbox("Works", live, format_func=lambda r: (
            f"{r.title} · {r.spaces} · {show_day(r.starts_on)} → {show_day(r.ends_on)}"))
        submitted = st.form_submit_button("Cancel the works")
    if submitted:
        ask(CANCEL_WORKS, f"Cancel “{chosen.title}” — {chosen.spaces} will be in use again "
                          f"from {show_day(chosen.starts_on)} to {show_day(chosen.ends_on)}; "
                          "bookings cancelled for it stay cancelled.",
            works_id=chosen.id, version=chosen.version, title=chosen.title)
    confirm(CANCEL_WORKS, title="Cancel the works", action="Cancel the works", keep="Keep them",
            run=lambda **request: _cancel(user, **request))


def _cancel(user: User, *, works_id: int, version: int, title: str) -> bool:
    if not save(works.cancel_works, actor=user, works_id=works_id, version=version):
        return False
    flash(f"{title} cancelled; the spaces are in use again.")
    return True
