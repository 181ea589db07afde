"""Items a person would not want: the same item twice, and a draft made by mistake."""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func
from sqlmodel import Session, select

from db.models import (AuditEntry, Enrolment, PartnerItemLink, ProgrammeItem, ProgrammeSession,
                       User)
from hub.errors import Invalid
from hub.i18n import N_, _, day_text, moment_text
from hub.records import load_for_edit, record, snapshot
from hub.roles import EDITORS, require_role


def twin_of(session: Session, *, site_id: int, title: str, starts_on: date | None,
            other_than: int | None = None) -> ProgrammeItem | None:
    """An item of the same site with the same title (case and spaces aside) and the same first
    day (none yet for both: two new drafts), other than `other_than`; cancelled ones aside."""
    query = select(ProgrammeItem).where(
        ProgrammeItem.site_id == site_id, ProgrammeItem.status != "cancelled",
        func.lower(func.trim(ProgrammeItem.title)) == (title or "").strip().lower(),
        ProgrammeItem.starts_on.is_(None) if starts_on is None
        else ProgrammeItem.starts_on == starts_on)
    if other_than is not None:
        query = query.where(ProgrammeItem.id != other_than)
    return session.exec(query.order_by(ProgrammeItem.id).limit(1)).first()


def refuse_twin(session: Session, *, site_id: int, title: str, starts_on: date | None,
                other_than: int | None = None) -> None:
    """The same item twice is refused, naming the one that exists."""
    twin = twin_of(session, site_id=site_id, title=title, starts_on=starts_on,
                   other_than=other_than)
    if twin is None:
        return
    made = session.exec(select(AuditEntry.at).where(
        AuditEntry.entity == ProgrammeItem.__tablename__, AuditEntry.entity_id == str(twin.id),
        AuditEntry.action == "create")).first()
    if twin.starts_on is not None:
        raise Invalid("title", _("“{title}” starting on {day} is already in the programme of "
                                 "this site; open it instead of adding it again").format(
            title=twin.title, day=day_text(twin.starts_on)))
    if made is not None:
        raise Invalid("title", _("“{title}” is already in the programme of this site, with no "
                                 "session yet (added {moment}); open it on the Item tab instead "
                                 "of adding it again").format(title=twin.title,
                                                              moment=moment_text(made)))
    raise Invalid("title", _("“{title}” is already in the programme of this site, with no "
                             "session yet; open it on the Item tab instead of adding it "
                             "again").format(title=twin.title))


def delete_draft(session: Session, *, actor: User, item_id: int,
                 version: int | None) -> ProgrammeItem:
    """A draft made by mistake goes, with its sessions and partners' links to it; one anybody
    enrolled in stays (cancel it instead). The audit log keeps a copy of all of it."""
    require_role(actor, *EDITORS)
    item = load_for_edit(session, ProgrammeItem, item_id, version, N_("this programme item"))
    if item.status != "draft":
        raise Invalid("status", _("only a draft can be deleted; cancel “{title}” instead").format(
            title=item.title))
    enrolled = session.exec(select(func.count()).select_from(Enrolment).where(
        Enrolment.item_id == item.id)).one()
    if enrolled:
        raise Invalid("item", _("“{title}” has enrolments; cancel it instead of deleting it")
                      .format(title=item.title))
    kept = {"item": snapshot(item)}
    for name, model in (("sessions", ProgrammeSession), ("partner_links", PartnerItemLink)):
        rows = session.exec(select(model).where(model.item_id == item.id)
                            .order_by(model.id)).all()
        kept[name] = [snapshot(row) for row in rows]
        session.exec(delete(model).where(model.item_id == item.id))
    record(session, actor, "delete", item, kept)
    session.delete(item)
    session.flush()
    return item
