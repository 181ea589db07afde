"""Payers: whoever receives invoices. A tenant has one payer, made the first time they are
billed; a course participant who is not a tenant is a person, known by their e-mail (or their
name when they gave none); a partner organisation can be billed by hand."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Partner, Payer, Tenant, User
from db.vocabulary import LANGUAGES
from hub.checks import email as checked_email, one_of, text
from hub.errors import Invalid
from hub.i18n import N_, _
from hub.records import load_for_edit, record, save_changes
from hub.roles import BILLERS, require_role

DEFAULT_TERMS_DAYS = 30


def person_key(name: str, email: str | None) -> str:
    """How a person who is not a tenant is told apart from another: their e-mail, else name."""
    return (email or "").strip().lower() or " ".join(name.split()).lower()


def payer_of_tenant(session: Session, actor: User, tenant: Tenant) -> Payer:
    payer = session.exec(select(Payer).where(Payer.tenant_id == tenant.id)).first()
    if payer is None:
        payer = Payer(kind="tenant", tenant_id=tenant.id, name=tenant.business or tenant.name,
                      email=tenant.email)
        session.add(payer)
        record(session, actor, "create", payer)
    return payer


def payer_of_person(session: Session, actor: User, name: str, email: str | None) -> Payer:
    key = person_key(name, email)
    payer = session.exec(select(Payer).where(Payer.person_key == key)).first()
    if payer is None:
        payer = Payer(kind="person", person_key=key, name=name.strip(), email=email or None)
        session.add(payer)
        record(session, actor, "create", payer)
    return payer


def payer_of_partner(session: Session, actor: User, partner: Partner) -> Payer:
    payer = session.exec(select(Payer).where(Payer.partner_id == partner.id)).first()
    if payer is None:
        payer = Payer(kind="organisation", partner_id=partner.id, name=partner.name)
        session.add(payer)
        record(session, actor, "create", payer)
    return payer


def billable_payer(session: Session, *, actor: User, tenant_id: int | None = None,
                   partner_id: int | None = None, payer_id: int | None = None) -> Payer:
    """The payer a one-off charge goes to: an existing payer, or a tenant's or an
    organisation's (made on first use)."""
    require_role(actor, *BILLERS)
    if payer_id is not None:
        payer = session.get(Payer, payer_id)
    elif tenant_id is not None:
        tenant = session.get(Tenant, tenant_id)
        payer = payer_of_tenant(session, actor, tenant) if tenant else None
    elif partner_id is not None:
        partner = session.get(Partner, partner_id)
        payer = payer_of_partner(session, actor, partner) if partner else None
    else:
        payer = None
    if payer is None:
        raise Invalid("payer", _("choose an existing payer, tenant or organisation"))
    return payer


def edit_payer(session: Session, *, actor: User, payer_id: int, version: int | None,
               name: str, email: str | None, language: str, terms_days) -> Payer:
    """The name and address invoices carry, the letters' language and the payment terms."""
    require_role(actor, *BILLERS)
    payer = load_for_edit(session, Payer, payer_id, version, N_("this payer"))
    try:
        terms = int(str(terms_days).strip())
    except ValueError:
        raise Invalid("payment terms", _("payment terms must be a whole number of days"))
    if not 0 <= terms <= 365:
        raise Invalid("payment terms", _("payment terms must be from 0 to 365 days"))
    values = {"name": text(name, N_("name"), limit=160, required=True),
              "email": checked_email(email),
              "language": one_of(language, N_("language"), LANGUAGES),
              "terms_days": terms}
    save_changes(session, actor=actor, row=payer, values=values, what=N_("this payer"))
    return payer
