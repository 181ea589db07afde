"""Maintenance issues: something wrong on a space or on the site's common parts (no space).

An issue goes reported -> planned -> in_progress -> done, or is dropped from any open step.
The communication team and the manager report issues; only the manager edits, plans and
closes them. A done issue keeps its final cost: that is what the building spent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.lists import format_list
from sqlmodel import Session, select

from db.models import BuildingIssue, Space, User
from db.vocabulary import ISSUE_PRIORITIES, ISSUE_STATUSES
from hub.checks import money, one_of, text
from hub.errors import Invalid
from hub.i18n import N_, _, locale
from hub.records import load_for_edit, record, save_changes
from hub.roles import ISSUE_PLANNERS, ISSUE_REPORTERS, require_role
from hub.scope import open_site
from hub.words import label

NEXT_STATUSES = {"reported": ("planned", "dropped"),
                 "planned": ("in_progress", "dropped"),
                 "in_progress": ("done", "dropped"),
                 "done": (), "dropped": ()}
OPEN_STATUSES = ("reported", "planned", "in_progress")
THIS_ISSUE = N_("this issue")     # what a stale or vanished edit names


def _space_of(session: Session, site_id: int, space_id: int | None) -> Space | None:
    if space_id is None:
        return None
    space = session.get(Space, space_id)
    if space is None or space.site_id != site_id:
        raise Invalid("space", _("that space is not in this site (leave it empty for the "
                                 "common parts)"))
    return space


def _fields(values: dict) -> dict:
    """The issue's own fields, checked; every message names its field."""
    return {"title": text(values.get("title"), "title", limit=160, required=True),
            "description": text(values.get("description"), "description", limit=4000),
            "priority": one_of(values.get("priority") or "normal", "priority",
                               ISSUE_PRIORITIES)}


def report_issue(session: Session, *, actor: User, site_id: int, title: str,
                 space_id: int | None = None, description: str | None = None,
                 priority: str = "normal", reported_on: date | None = None) -> BuildingIssue:
    """Report an issue (manager or communication); it starts as `reported`."""
    require_role(actor, *ISSUE_REPORTERS)
    site = open_site(session, site_id)
    _space_of(session, site.id, space_id)
    values = _fields({"title": title, "description": description, "priority": priority})
    day = reported_on or date.today()
    if day > date.today():
        raise Invalid("reported on", _("an issue cannot be reported on a day still to come"))
    issue = BuildingIssue(site_id=site.id, space_id=space_id, reported_by=actor.id,
                          reported_on=day, status="reported", **values)
    session.add(issue)
    record(session, actor, "create", issue)
    return issue


def edit_issue(session: Session, *, actor: User, issue_id: int, version: int | None,
               title: str, priority: str = "normal", space_id: int | None = None,
               description: str | None = None, contractor: str | None = None,
               cost_estimate=None, final_cost=None, notes: str | None = None) -> BuildingIssue:
    """The manager corrects an issue and records who does the work and what it costs."""
    require_role(actor, *ISSUE_PLANNERS)
    issue = load_for_edit(session, BuildingIssue, issue_id, version, THIS_ISSUE)
    _space_of(session, issue.site_id, space_id)
    values = _fields({"title": title, "description": description, "priority": priority})
    values |= {"space_id": space_id,
               "contractor": text(contractor, "contractor", limit=160),
               "cost_estimate": money(cost_estimate, "cost estimate"),
               "final_cost": money(final_cost, "final cost"),
               "notes": text(notes, "notes", limit=4000)}
    save_changes(session, actor=actor, row=issue, values=values, what=THIS_ISSUE)
    return issue


def move_issue(session: Session, *, actor: User, issue_id: int, version: int | None,
               status: str, final_cost=None) -> BuildingIssue:
    """One step along reported -> planned -> in progress -> done (or dropped). Closing it as
    done may give the final cost at the same time."""
    require_role(actor, *ISSUE_PLANNERS)
    issue = load_for_edit(session, BuildingIssue, issue_id, version, THIS_ISSUE)
    status = one_of(status, "status", ISSUE_STATUSES)
    allowed = NEXT_STATUSES[issue.status]
    if status not in allowed:
        now, target = label("issue status", issue.status), label("issue status", status)
        if not allowed:
            raise Invalid("status", _("an issue that is {status} can go to nothing: it is "
                                      "closed, not to {target}").format(status=now,
                                                                        target=target))
        steps = format_list([label("issue status", step) for step in allowed], style="or",
                            locale=locale())
        raise Invalid("status", _("an issue that is {status} can go to {steps}, not to "
                                  "{target}").format(status=now, steps=steps, target=target))
    values = {"status": status}
    if status in ("done", "dropped"):
        values["closed_on"] = date.today()
    cost = money(final_cost, "final cost")
    if cost is not None:
        if status != "done":
            raise Invalid("final cost", _("a final cost is given when the issue is done"))
        values["final_cost"] = cost
    save_changes(session, actor=actor, row=issue, values=values, what=THIS_ISSUE,
                 action=status)
    return issue


# --- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class IssueRow:
    id: int
    version: int
    space: str            # the space's code, or "common parts" (in the reader's language)
    space_id: int | None
    title: str
    description: str | None
    priority: str
    status: str
    reported_by: str | None   # a person's name: None for a viewer
    reported_on: date
    contractor: str | None
    cost_estimate: object
    final_cost: object
    notes: str | None
    closed_on: date | None


def issue_rows(session: Session, *, actor: User, site_id: int,
               open_only: bool = False) -> list[IssueRow]:
    """The site's issues, open ones first by priority, then newest; a viewer sees no names
    and no notes."""
    query = (select(BuildingIssue, Space.code, User.name)
             .outerjoin(Space, Space.id == BuildingIssue.space_id)
             .outerjoin(User, User.id == BuildingIssue.reported_by)
             .where(BuildingIssue.site_id == site_id))
    if open_only:
        query = query.where(BuildingIssue.status.in_(OPEN_STATUSES))
    rows = session.exec(query.order_by(BuildingIssue.reported_on.desc(), BuildingIssue.id))
    staff = actor.role in ISSUE_REPORTERS
    result = [IssueRow(id=issue.id, version=issue.version, space=code or _("common parts"),
                       space_id=issue.space_id, title=issue.title,
                       description=issue.description, priority=issue.priority,
                       status=issue.status, reported_by=name if staff else None,
                       reported_on=issue.reported_on,
                       contractor=issue.contractor if staff else None,
                       cost_estimate=issue.cost_estimate, final_cost=issue.final_cost,
                       notes=issue.notes if staff else None, closed_on=issue.closed_on)
              for issue, code, name in rows]
    rank = {priority: n for n, priority in enumerate(reversed(ISSUE_PRIORITIES))}
    return sorted(result, key=lambda row: (row.status not in OPEN_STATUSES,
                                           rank[row.priority] if row.status in OPEN_STATUSES
                                           else 0))
