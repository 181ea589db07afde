"""interactions: the dated log of what the hub did with a partner, and the follow-ups it owes.
Key: partner + day + kind + summary; the same twice (two calls that day) is two rows, matched
one to one in the order they were logged. A follow-up marked done in the file is marked
done."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from db.models import Interaction, Partner, User
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.partners import find_partner
from hub.admin.transfer.values import cell, day, flag, required, text
from hub.checks import FieldChecks
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.partners import interactions

COLUMNS = ("partner", "day", "kind", "summary", "owner", "follow_up_on", "follow_up_done")


def export_rows(session: Session):
    query = (select(Partner.name, Interaction, User.username)
             .join(Partner, Partner.id == Interaction.partner_id)
             .join(User, User.id == Interaction.owner_id, isouter=True)
             .order_by(func.lower(Partner.name), Partner.id, Interaction.day, Interaction.kind,
                       Interaction.id))
    for partner, interaction, owner in session.exec(query):
        yield [partner, cell(interaction.day), interaction.kind, interaction.summary,
               cell(owner), cell(interaction.follow_up_on),
               cell(interaction.follow_up_done_at is not None)]


def row_key(values: dict) -> None:
    """No repeated-row check: the same call twice on a day is two interactions."""
    return None


def _owner(session: Session, value: str | None) -> int | None:
    username = text(value)
    if username is None:
        return None
    found = session.exec(select(User.id).where(func.lower(User.username) == username.lower())
                         ).first()
    if found is None:
        raise Invalid("owner", _("there is no user '{name}' (add the account on Admin › Users "
                                 "first, or leave owner empty)").format(name=username))
    return found


def _cells(session: Session, values: dict, lookup: Lookup) -> tuple[int, dict, bool | None]:
    found = FieldChecks()
    partner = found.run(find_partner, session, lookup, values.get("partner"))
    fields = {"day": found.run(lambda: day(required(values.get("day"), "day"), "day")),
              "kind": (text(values.get("kind")) or "").lower(),
              "summary": found.run(required, values.get("summary"), "summary"),
              "follow_up_on": found.run(day, values.get("follow_up_on"), N_("follow_up_on")),
              "owner_id": found.run(_owner, session, values.get("owner"))}
    done = found.run(flag, values.get("follow_up_done"), "follow_up_done")
    found.done()
    return partner, fields, done


def _find(session: Session, lookup: Lookup, partner: int, fields: dict) -> Interaction | None:
    """The interaction this row is, among those no earlier row of the file matched."""
    matched = lookup.cache.setdefault("interactions matched", set())
    summary = " ".join(fields["summary"].casefold().split())
    found = next((row for row in session.exec(select(Interaction).where(
        Interaction.partner_id == partner, Interaction.day == fields["day"],
        Interaction.kind == fields["kind"]).order_by(Interaction.id))
        if " ".join(row.summary.casefold().split()) == summary and row.id not in matched), None)
    if found is not None:
        matched.add(found.id)
    return found


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    partner, fields, done = _cells(session, values, lookup)
    existing = _find(session, lookup, partner, fields)
    result = "unchanged"
    if existing is None:
        existing = interactions.log_interaction(session, actor=actor, partner_id=partner,
                                                **fields)
        session.flush()
        lookup.cache["interactions matched"].add(existing.id)
        result = "created"
    if (existing.follow_up_on, existing.owner_id, existing.summary) != \
            (fields["follow_up_on"], fields["owner_id"], fields["summary"]):
        # Logging makes whoever logs the owner: an empty owner cell is an owner nobody.
        interactions.edit_interaction(session, actor=actor, interaction_id=existing.id,
                                      version=None, **fields)
        result = "created" if result == "created" else "updated"
    if done and existing.follow_up_done_at is None:
        interactions.mark_follow_up_done(session, actor=actor, interaction_id=existing.id,
                                         version=None)
        result = "created" if result == "created" else "updated"
    elif done is False and existing.follow_up_done_at is not None:
        raise Invalid("follow_up_done", _("this follow-up is marked done; an import does not "
                                          "open it again"))
    return result


KIND = Kind(
    name="interactions", title=N_("Interactions"), columns=COLUMNS,
    required=("partner", "day", "kind", "summary"), key=("partner", "day", "kind", "summary"),
    example=("Jingdezhen Ceramic Institute", "2026-03-12", "meeting",
             "Met at the fair; they want a residency swap", "", "2026-04-15", "no"),
    export_rows=export_rows, import_row=import_row, row_key=row_key,
    notes=N_("Import after the partners. kind: meeting, call, email, trade_fair, visit, "
             "mou_signed or joint_project; owner a username (empty: nobody); "
             "follow_up_done yes marks the "
             "follow-up done."))
