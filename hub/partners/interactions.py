"""Interactions: the dated log of what the hub did with a partner, and the follow-ups it owes.

A follow-up is due on its date until someone marks it done; the due list puts the most
overdue first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Interaction, Partner, User, utcnow
from db.vocabulary import INTERACTION_KINDS
from hub.errors import Invalid
from hub.i18n import _
from hub.records import flush, load_for_edit, record, save_changes, snapshot
from hub.roles import EDITORS, require_role

MAX_SUMMARY = 2000


def _check(session: Session, *, day, kind, summary, follow_up_on, owner_id) -> dict:
    if not isinstance(day, date):
        raise Invalid("day", _("the day of the interaction is required"))
    if day > date.today():
        raise Invalid("day", _("the day is in the future; log an interaction once it happened "
                               "and use the follow-up date for what comes next"))
    if kind not in INTERACTION_KINDS:
        raise Invalid("kind", _("kind must be one of {kinds}").format(
            kinds=", ".join(INTERACTION_KINDS)))
    summary = (summary or "").strip()
    if not summary:
        raise Invalid("summary", _("summary is required: say in a line what happened"))
    if len(summary) > MAX_SUMMARY:
        raise Invalid("summary", _("summary is longer than {limit} characters").format(
            limit=MAX_SUMMARY))
    if follow_up_on is not None and follow_up_on < day:
        raise Invalid("follow-up", _("the follow-up date is before the day of the interaction"))
    if owner_id is not None:
        owner = session.get(User, owner_id)
        if owner is None or not owner.active or owner.role not in EDITORS:
            raise Invalid("owner", _("the owner must be an active manager or communication user"))
    return {"day": day, "kind": kind, "summary": summary, "follow_up_on": follow_up_on,
            "owner_id": owner_id}


def log_interaction(session: Session, *, actor: User, partner_id: int, day: date, kind: str,
                    summary: str, follow_up_on: date | None = None,
                    owner_id: int | None = None) -> Interaction:
    """Manager or communication. The owner defaults to whoever logs it."""
    require_role(actor, *EDITORS)
    if session.get(Partner, partner_id) is None:
        raise Invalid("partner", _("that partner does not exist (it may have been deleted)"))
    clean = _check(session, day=day, kind=kind, summary=summary, follow_up_on=follow_up_on,
                   owner_id=owner_id if owner_id is not None else actor.id)
    interaction = Interaction(partner_id=partner_id, **clean)
    session.add(interaction)
    record(session, actor, "create", interaction)
    return interaction


def edit_interaction(session: Session, *, actor: User, interaction_id: int,
                     version: int | None, **values) -> Interaction:
    require_role(actor, *EDITORS)
    interaction = load_for_edit(session, Interaction, interaction_id, version,
                                _("this interaction"))
    fields = ("day", "kind", "summary", "follow_up_on", "owner_id")
    current = {field: getattr(interaction, field) for field in fields}
    clean = _check(session, **{**current, **{k: v for k, v in values.items() if k in fields}})
    save_changes(session, actor=actor, row=interaction, values=clean, what=_("this interaction"))
    return interaction


def delete_interaction(session: Session, *, actor: User, interaction_id: int,
                       version: int | None) -> Interaction:
    """Manager or communication. The audit entry keeps the whole interaction; returns it as
    it was."""
    require_role(actor, *EDITORS)
    interaction = load_for_edit(session, Interaction, interaction_id, version,
                                _("this interaction"))
    record(session, actor, "delete", interaction, {"interaction": snapshot(interaction)})
    session.delete(interaction)
    flush(session, _("this interaction"))
    return interaction


def mark_follow_up_done(session: Session, *, actor: User, interaction_id: int,
                        version: int | None) -> Interaction:
    require_role(actor, *EDITORS)
    interaction = load_for_edit(session, Interaction, interaction_id, version,
                                _("this follow-up"))
    if interaction.follow_up_on is None:
        raise Invalid("follow-up", _("this interaction has no follow-up to mark done"))
    if interaction.follow_up_done_at is not None:
        raise Invalid("follow-up", _("this follow-up was already marked done by {user}").format(
            user=interaction.follow_up_done_by))
    save_changes(session, actor=actor, row=interaction, action="follow_up_done",
                 values={"follow_up_done_at": utcnow(), "follow_up_done_by": actor.username},
                 what=_("this follow-up"))
    return interaction


# --- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FollowUp:
    interaction_id: int
    version: int
    partner_id: int
    partner: str
    kind: str
    day: date
    summary: str
    follow_up_on: date
    owner: str | None
    days_overdue: int       # negative: due in that many days


def follow_ups_due(session: Session, *, today: date, within_days: int = 14,
                   limit: int | None = 200, partner_id: int | None = None) -> list[FollowUp]:
    """Open follow-ups due by `today + within_days`: the most overdue first, then by partner."""
    query = (select(Interaction, Partner.name, User.name)
             .join(Partner, Partner.id == Interaction.partner_id)
             .outerjoin(User, User.id == Interaction.owner_id)
             .where(Interaction.follow_up_done_at.is_(None),
                    Interaction.follow_up_on.is_not(None),
                    Interaction.follow_up_on <= today + timedelta(days=within_days))
             .order_by(Interaction.follow_up_on, func.lower(Partner.name), Interaction.id))
    if partner_id is not None:
        query = query.where(Interaction.partner_id == partner_id)
    if limit:
        query = query.limit(limit)
    return [FollowUp(interaction_id=i.id, version=i.version, partner_id=i.partner_id,
                     partner=partner, kind=i.kind, day=i.day, summary=i.summary,
                     follow_up_on=i.follow_up_on, owner=owner,
                     days_overdue=(today - i.follow_up_on).days)
            for i, partner, owner in session.exec(query)]


@dataclass(frozen=True)
class LoggedInteraction:
    id: int
    version: int
    day: date
    kind: str
    summary: str
    owner: str | None
    follow_up_on: date | None
    follow_up_done: bool
    owner_id: int | None = None


def interactions_of(session: Session, *, partner_id: int, limit: int = 100
                    ) -> list[LoggedInteraction]:
    """A partner's log, newest first."""
    query = (select(Interaction, User.name).outerjoin(User, User.id == Interaction.owner_id)
             .where(Interaction.partner_id == partner_id)
             .order_by(Interaction.day.desc(), Interaction.id.desc()).limit(limit))
    return [LoggedInteraction(id=i.id, version=i.version, day=i.day, kind=i.kind,
                              summary=i.summary, owner=owner, follow_up_on=i.follow_up_on,
                              follow_up_done=i.follow_up_done_at is not None,
                              owner_id=i.owner_id)
            for i, owner in session.exec(query)]


def owner_choices(session: Session) -> list[tuple[int, str]]:
    """Active managers and communication users, by name."""
    return [(uid, name) for uid, name in session.exec(
        select(User.id, User.name).where(User.active, User.role.in_(EDITORS))
        .order_by(User.name))]
