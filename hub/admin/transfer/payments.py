"""payments: money received, as a bank's or the till's list. Each row is booked through
hub.billing.payments.record_payment, so it pays the payer's oldest open invoices first and
what is left is their credit; a row with returned_on is then returned (a direct debit sent
back). A payment is booked once per reference: a reference already booked (or twice in the
file) is refused, naming its line, so importing the same list again books nothing twice.

The payer is named by tenant (and business), as on the Tenants screen, or else by the payer's
name as on their invoices."""
from __future__ import annotations

from sqlmodel import Session, select

from db.models import Payer, Payment, Tenant, User
from db.vocabulary import PAYMENT_METHODS
from hub.admin.transfer.kind import Kind, Lookup
from hub.admin.transfer.people import find_tenant
from hub.admin.transfer.values import cell, day, required, text
from hub.billing import payers, payments as billing_payments
from hub.checks import FieldChecks, money, one_of
from hub.errors import Invalid
from hub.i18n import N_, _

COLUMNS = ("payer", "tenant", "business", "received_on", "amount", "method", "reference",
           "notes", "returned_on", "return_reason")


def export_rows(session: Session):
    query = (select(Payment, Payer.name, Tenant.name, Tenant.business)
             .join(Payer, Payer.id == Payment.payer_id)
             .join(Tenant, Tenant.id == Payer.tenant_id, isouter=True)
             .order_by(Payment.received_on, Payment.id))
    for payment, payer, tenant, business in session.exec(query):
        yield [payer, cell(tenant), cell(business), cell(payment.received_on), payment.amount,
               payment.method, cell(payment.reference), cell(payment.notes),
               cell(payment.returned_on), cell(payment.return_reason)]


def row_key(values: dict) -> tuple | None:
    """A reference is booked once: two rows with the same one are refused. Rows without a
    reference (cash) are not compared."""
    reference = text(values.get("reference"))
    return (reference,) if reference else None


def find_payer(session: Session, lookup: Lookup, name: str | None) -> int:
    """A payer by the name on their invoices, ignoring case and spaces."""
    name = required(name, "payer")
    names = lookup.cache.get("payers")
    if names is None:
        names = lookup.cache["payers"] = {}
        for payer_id, other in session.exec(select(Payer.id, Payer.name).order_by(Payer.id)):
            names.setdefault(" ".join(other.casefold().split()), []).append(payer_id)
    found = names.get(" ".join(name.casefold().split()), [])
    if not found:
        raise Invalid("payer", _("there is no payer '{name}' (a payer is made when first "
                                 "billed; name the tenant instead)").format(name=name))
    if len(found) > 1:
        raise Invalid("payer", _("{count} payers are called '{name}'; name the tenant to say "
                                 "which").format(count=len(found), name=name))
    return found[0]


def _payer(session: Session, actor: User, lookup: Lookup, values: dict) -> int:
    if text(values.get("tenant")):
        tenant_id = find_tenant(session, lookup, values.get("tenant"), values.get("business"))
        return payers.payer_of_tenant(session, actor, session.get(Tenant, tenant_id)).id
    if text(values.get("payer")):
        return find_payer(session, lookup, values.get("payer"))
    raise Invalid("payer", _("name the payer, or the tenant who paid"))


def _amount(value: str | None):
    amount = money(value, "amount", required=True)
    if amount <= 0:
        raise Invalid("amount", _("amount must be more than zero"))
    return amount


def _cells(session: Session, actor: User, values: dict, lookup: Lookup) -> dict:
    """The payment's fields, or every bad cell at once."""
    found = FieldChecks()
    fields = {
        "payer_id": found.run(_payer, session, actor, lookup, values),
        "received_on": found.run(lambda: day(required(values.get("received_on"),
                                                      "received_on"), "received_on")),
        "amount": found.run(_amount, values.get("amount")),
        "method": found.run(lambda: one_of((text(values.get("method")) or "").lower(),
                                           "method", PAYMENT_METHODS)),
        "reference": text(values.get("reference")),
        "notes": text(values.get("notes"))}
    returned_on = found.run(day, values.get("returned_on"), "returned_on")
    reason = text(values.get("return_reason"))
    if returned_on is not None and reason is None:
        found.refuse(Invalid("return_reason", _("say why the payment was returned")))
    if reason is not None and returned_on is None and not found.failed("returned_on"):
        found.refuse(Invalid("returned_on", _("say when the payment was returned")))
    found.done()
    return {**fields, "returned": (returned_on, reason) if returned_on else None}


def import_row(session: Session, actor: User, values: dict, lookup: Lookup) -> str:
    fields = _cells(session, actor, values, lookup)
    returned = fields.pop("returned")
    payment = billing_payments.record_payment(session, actor=actor, **fields)
    if returned is not None:
        billing_payments.return_payment(session, actor=actor, payment_id=payment.id,
                                        version=None, returned_on=returned[0],
                                        reason=returned[1])
    return "created"


KIND = Kind(
    name="payments", title=N_("Payments"), columns=COLUMNS,
    required=("received_on", "amount", "method"), key=("reference",),
    example=("", "Giulia Neri", "Neri Ceramiche", "2027-03-05", "549.00", "transfer",
             "TRF-20270305-0042", "", "", ""),
    export_rows=export_rows, import_row=import_row, row_key=row_key,
    notes=N_("One row per payment received: the tenant who paid (tenant and business, as on "
             "the Tenants screen) or the payer's name as on their invoices; received_on as "
             "2027-03-05; method transfer, direct_debit, card or cash. Each pays the payer's "
             "oldest open invoices first; what is left is their credit. A reference already "
             "booked is refused, so nothing is booked twice. returned_on and return_reason: a "
             "payment sent back."))
