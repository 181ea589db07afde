"""Billing of the demo and of the scale network: eighteen months of invoices, the last one the
current month, and the payments received for them. Dates follow the calendar: each month is
issued on its first day (never in the future) and no payment is received after today.

**Demo** (seed_billing_demo): every month billed with hub.billing.invoices.bill_month, so its
rent, bookings and course fees are the demo's own leases, bookings and enrolments; between two
runs, the payments received in the month are written, each allocated to its invoice (an
overpayment's credit is then taken by the next run's invoice). Most payers pay within their terms, tenants by direct
debit or transfer, course participants by card or transfer, each with a reference. Three
tenants pay late, so every age of arrears holds some: one has paid nothing for eight months;
one, on 15 days' terms, has left what fell due 31 to 90 days ago; one paid half an invoice of
six months ago. One direct debit comes back and is paid again by transfer; one payer pays
50.00 too much; one invoice is credited in full (works in the lab).

**Scale** (scale_billing): bill_month at a hundred sites would take minutes, so the copies'
rent is written with Core bulk inserts that keep the rules: numbers without gaps per site and
year, each invoice's totals the sums of its lines (VAT per line, half-up), one invoice per
payer, site and month, every allocation within its payment and its invoice. Bookings and course
fees of the copies are left to the next billing run."""
from __future__ import annotations

import heapq
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, insert
from sqlmodel import Session, select

from db.models import (Allocation, Charge, Invoice, InvoiceCounter, Lease, Payer, Payment, Site,
                       Space, Tenant, User)
from db.seed.run import BATCH_SIZE, ScaleRun
from db.seed.sites import SEED
from hub.billing import invoices, payers, payments
from hub.billing.charges import VAT_RATE, cents, rent_share
from hub.dates import month_end
from hub.i18n import _, day_text

MONTHS = 18
DEMO = User(id=None, username="demo", name="Demo data", email="", password_hash="",
            role="manager", active=True)
OVERPAID = Decimal("50.00")


def billed_months(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the `count` months ending with today's, oldest first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return months[::-1]


# --- the demo ---------------------------------------------------------------------------------

@dataclass(order=True)
class Planned:
    """A payment to book on `received_on` for an invoice: `share` of what it still needs
    (plus `extra`); `returned`: a direct debit sent back that many days later."""
    received_on: date
    order: int
    invoice_id: int = field(compare=False)
    payer_id: int = field(compare=False)
    method: str = field(compare=False)
    share: Decimal = field(default=Decimal(1), compare=False)
    extra: Decimal = field(default=Decimal(0), compare=False)
    returned: int | None = field(default=None, compare=False)


@dataclass
class Story:
    """Who pays how: the late payers' rules, a method per payer, the special cases."""
    rng: random.Random
    today: date
    months: list[date]
    stopped: int | None = None       # payer who pays nothing issued from months[-8] on
    slow: int | None = None          # payer on 15 days who leaves 31–90 days' arrears
    halved: int | None = None        # payer who paid half of months[-6]'s invoice
    methods: dict[int, str] = field(default_factory=dict)
    special: dict[str, tuple[int, int]] = field(default_factory=dict)   # case -> (payer, month)
    done: set[str] = field(default_factory=set)

    def method(self, payer: Payer) -> str:
        if payer.id not in self.methods:
            if payer.kind == "tenant":
                self.methods[payer.id] = "direct_debit" if self.rng.random() < 0.55 \
                    else "transfer"
            else:
                self.methods[payer.id] = "card" if self.rng.random() < 0.7 else "transfer"
        return self.methods[payer.id]

    def late(self) -> set[int]:
        return {self.stopped, self.slow, self.halved}

    def plan(self, invoice: Invoice, payer: Payer, order: int) -> Planned | None:
        """The payment of a new invoice, or None when it stays unpaid."""
        index = self.months.index(invoice.month)
        age = (self.today - invoice.due_on).days
        if payer.id == self.stopped and index >= len(self.months) - 8:
            return None
        if payer.id == self.slow and 31 <= age <= 90:
            return None
        method = self.method(payer)
        latest = max(2, payer.terms_days - 3) if payer.kind == "tenant" else 7
        planned = Planned(invoice.issued_on + timedelta(days=self.rng.randint(
            0 if method == "card" else 2, latest)), order, invoice.id, payer.id, method)
        if payer.id == self.halved and index == len(self.months) - 6:
            planned.share = Decimal("0.5")
        for case, extra in (("overpaid", {"extra": OVERPAID, "method": "transfer"}),
                            ("returned", {"returned": 6, "method": "direct_debit"})):
            if self.special.get(case) == (payer.id, index) and case not in self.done:
                self.done.add(case)
                for name, value in extra.items():
                    setattr(planned, name, value)
        return planned


def _continuous_tenants(session: Session, site_ids: list[int], since: date,
                        today: date) -> list[Tenant]:
    """Tenants with a paid lease at these sites held from `since` to today."""
    return list(session.exec(select(Tenant).join(Lease, Lease.tenant_id == Tenant.id)
                             .join(Space, Space.id == Lease.space_id).where(
        Space.site_id.in_(site_ids), Lease.monthly_rent > 0, Lease.starts_on <= since,
        (Lease.ends_on.is_(None)) | (Lease.ends_on >= today))
        .order_by(Tenant.id).distinct()).all())


def _cast(session: Session, site_ids: list[int], today: date) -> Story:
    months = billed_months(today)
    story = Story(random.Random(f"{SEED}:demo:billing"), today, months)
    steady = _continuous_tenants(session, site_ids, months[-10], today)
    chosen = story.rng.sample(steady, 5)
    made = [payers.payer_of_tenant(session, DEMO, tenant) for tenant in chosen]
    session.flush()
    story.stopped, story.slow, story.halved = (payer.id for payer in made[:3])
    payers.edit_payer(session, actor=DEMO, payer_id=story.slow, version=None, name=made[1].name,
                      email=made[1].email, language=made[1].language, terms_days=15)
    story.special = {"overpaid": (made[3].id, len(months) - 10),
                     "returned": (made[4].id, len(months) - 5)}
    story.methods[made[4].id] = "direct_debit"
    return story


class Books:
    """Payments planned, booked in the order received: written with bulk inserts, like the
    rest of the demo (record_payment's audit entries, one per payment, made the seed slow),
    each allocated to its invoice within what the invoice still needs; what is left over is
    the payer's credit, which bill_month gives to their next invoice."""

    def __init__(self, session: Session, today: date, now: datetime):
        self.session, self.today, self.now = session, today, now
        self.queue: list[Planned] = []
        self.count = 0

    def reference(self, method: str, day: date, invoice: Invoice) -> str:
        self.count += 1
        if method == "direct_debit":
            return f"SDD-{invoice.number}-{self.count:05d}"
        prefix = "POS" if method == "card" else "TRF"
        return f"{prefix}-{day:%Y%m%d}-{self.count:05d}"

    def book_until(self, before: date) -> None:
        """Book every planned payment received before `before` (and not after today)."""
        due: dict[int, Decimal] = {}
        payments_made: list[tuple[dict, int, Decimal]] = []
        while self.queue and self.queue[0].received_on < before:
            batch = []
            while self.queue and self.queue[0].received_on < before:
                planned = heapq.heappop(self.queue)
                if planned.received_on <= self.today:
                    batch.append(planned)
            fetched = [self.session.get(Invoice, planned.invoice_id) for planned in batch]
            due |= payments.still_due(self.session, [invoice for invoice in fetched
                                                     if invoice.id not in due])
            for planned, invoice in zip(batch, fetched):
                payments_made += self._pay(planned, invoice, due)
        if not payments_made:
            return
        ids = _returning(self.session, Payment, [row for row, __, __ in payments_made])
        _bulk(self.session, Allocation, [
            {"payment_id": payment_id, "invoice_id": invoice_id, "amount": paid,
             "created_at": self.now}
            for payment_id, (__, invoice_id, paid) in zip(ids, payments_made) if paid > 0])

    def _pay(self, planned: Planned, invoice: Invoice, due: dict[int, Decimal]) -> list:
        """The payment (row, invoice, amount it pays of it), or none when nothing is due."""
        if due[invoice.id] <= 0:
            return []        # paid by the payer's credit, or credited
        amount = cents(due[invoice.id] * planned.share) + planned.extra
        row = {"payer_id": planned.payer_id, "received_on": planned.received_on,
               "amount": amount, "method": planned.method, "created_by": DEMO.username,
               "reference": self.reference(planned.method, planned.received_on, invoice),
               "created_at": self.now, "returned_on": None, "return_reason": None}
        if planned.returned is not None:        # sent back: it pays nothing
            row |= {"returned_on": planned.received_on + timedelta(days=planned.returned),
                    "return_reason": "insufficient funds (SEPA return code AM04)"}
            heapq.heappush(self.queue, Planned(row["returned_on"] + timedelta(days=9),
                                               planned.order, invoice.id, planned.payer_id,
                                               "transfer"))
            return [(row, invoice.id, Decimal("0.00"))]
        paid = min(amount, due[invoice.id])
        due[invoice.id] -= paid
        return [(row, invoice.id, paid)]


def seed_billing_demo(session: Session, sites: dict[str, Site], today: date) -> dict[str, int]:
    """Bill the demo hubs' last eighteen months and book their payments; nothing when they
    hold an invoice already. Returns rows added per table."""
    site_ids = [site.id for site in sites.values()]
    if not site_ids or session.exec(select(Invoice.id).where(
            Invoice.site_id.in_(site_ids)).limit(1)).first():
        return {}
    before = _count(session, Payment)
    story = _cast(session, site_ids, today)
    books = Books(session, today, datetime.combine(today, time(), UTC))
    for index, month in enumerate(story.months):
        books.book_until(month)
        numbers = []
        for site in sorted(sites.values(), key=lambda site: site.code):
            numbers += invoices.bill_month(session, actor=DEMO, month=month, site_id=site.id,
                                           issued_on=month).invoices
        new = session.exec(select(Invoice).where(Invoice.number.in_(numbers))
                           .order_by(Invoice.id)).all()
        for invoice in new:
            planned = story.plan(invoice, session.get(Payer, invoice.payer_id), invoice.id)
            if planned is not None:
                heapq.heappush(books.queue, planned)
        if index == len(story.months) - 7:
            _credit_works(session, story, new)
    books.book_until(today + timedelta(days=1))
    return {"invoices": session.exec(select(func.count()).select_from(Invoice).where(
                Invoice.site_id.in_(site_ids))).one(),
            "payments": _count(session, Payment) - before}


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _credit_works(session: Session, story: Story, new: list[Invoice]) -> None:
    """One invoice of the month credited in full a few days after issue: the lab was shut."""
    tenants = [invoice for invoice in new
               if invoice.payer_id not in story.late()
               and invoice.payer_id not in {payer for payer, __ in story.special.values()}
               and session.get(Payer, invoice.payer_id).kind == "tenant"]
    if tenants:
        invoice = story.rng.choice(tenants)
        invoices.credit_note(session, actor=DEMO, invoice_id=invoice.id,
                             reason="Lab closed for roof works all month",
                             issued_on=invoice.issued_on + timedelta(days=3))


# --- the scale network ----------------------------------------------------------------------

def _returning(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert `rows` in batches; their new ids, in order."""
    ids: list[int] = []
    table = model.__table__
    for start in range(0, len(rows), BATCH_SIZE):
        ids += session.exec(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                            params=rows[start:start + BATCH_SIZE]).scalars().all()
    return ids


def _bulk(session: Session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        session.exec(insert(model.__table__), params=rows[start:start + BATCH_SIZE])


def _rent_lines(leases: Iterable, month: date) -> dict[int, list[dict]]:
    """The month's rent per tenant, as bill_month's charges would have it."""
    lines: dict[int, list[dict]] = defaultdict(list)
    for lease_id, tenant_id, rent, starts_on, ends_on, code in leases:
        share = rent_share(rent, starts_on, ends_on, month)
        if share is None or share[2] <= 0:
            continue
        first, last, amount = share
        lines[tenant_id].append({
            "kind": "rent", "lease_id": lease_id, "period_start": first, "period_end": last,
            "amount": amount, "vat_rate": VAT_RATE, "vat": cents(amount * VAT_RATE / 100),
            "description": _("Rent of {space}, {first} to {last}").format(
                space=code, first=day_text(first), last=day_text(last))})
    return lines


def _site_invoices(run: ScaleRun, site_id: int, code: str, payer_of: dict[int, int],
                   months: list[date]) -> tuple[list[dict], list[list[dict]], dict[int, int]]:
    """The copy's invoices (numbered per year, in issue order), their lines, and the last
    number of each year."""
    leases = run.session.exec(select(Lease.id, Lease.tenant_id, Lease.monthly_rent,
                                     Lease.starts_on, Lease.ends_on, Space.code)
                              .join(Space, Space.id == Lease.space_id).where(
        Space.site_id == site_id, Lease.monthly_rent > 0,
        Lease.overlaps(months[0], month_end(months[-1]))).order_by(Lease.id)).all()
    rows, lines, last = [], [], defaultdict(int)
    for month in months:
        for tenant_id, charges in sorted(_rent_lines(leases, month).items(),
                                         key=lambda item: payer_of[item[0]]):
            last[month.year] += 1
            net = sum((line["amount"] for line in charges), Decimal("0.00"))
            vat = sum((line["vat"] for line in charges), Decimal("0.00"))
            rows.append({"site_id": site_id, "payer_id": payer_of[tenant_id], "kind": "invoice",
                         "number": f"{code}-{month.year}-{last[month.year]:04d}",
                         "year": month.year, "seq": last[month.year], "month": month,
                         "issued_on": month, "due_on": month + timedelta(days=30), "net": net,
                         "vat": vat, "total": net + vat, "created_by": "scale",
                         "created_at": run.now})
            lines.append([{"site_id": site_id, "payer_id": payer_of[tenant_id],
                           "created_by": "scale", "created_at": run.now, **line}
                          for line in charges])
    return rows, lines, last


def _paid(rng: random.Random, invoice: dict, late: bool, today: date, order: int) -> dict | None:
    """The payment of an invoice: within its terms, unless the payer is late (then nothing
    for the last five months) or it is not received yet."""
    if late and invoice["month"] >= today.replace(day=1) - timedelta(days=150):
        return None
    received_on = invoice["issued_on"] + timedelta(days=rng.randint(2, 27))
    if received_on > today:
        return None
    method = "direct_debit" if rng.random() < 0.55 else "transfer"
    prefix = "SDD" if method == "direct_debit" else "TRF"
    return {"payer_id": invoice["payer_id"], "received_on": received_on,
            "amount": invoice["total"], "method": method,
            "reference": f"{prefix}-{invoice['number']}-{order:07d}", "created_by": "scale",
            "created_at": invoice["created_at"]}


def scale_billing(run: ScaleRun) -> int:
    """Each copy's rent of the last eighteen months, invoiced, and paid but by a few late
    tenants (about one in twenty); returns the rows added."""
    if not run.sites:
        return 0
    months = billed_months(run.today)
    site_ids = [site.id for site in run.sites]
    tenants = run.session.exec(select(Tenant.id, Tenant.name, Tenant.business, Tenant.email)
                               .where(Tenant.site_id.in_(site_ids),
                                      Tenant.id.in_(select(Lease.tenant_id)))
                               .order_by(Tenant.id)).all()
    payer_rows = [{"kind": "tenant", "tenant_id": tenant_id, "name": business or name,
                   "email": email, "language": "it", "terms_days": 30, "created_at": run.now}
                  for tenant_id, name, business, email in tenants]
    payer_of = dict(zip((row["tenant_id"] for row in payer_rows),
                        _returning(run.session, Payer, payer_rows)))
    added = len(payer_rows)
    for done, site in enumerate(run.sites, start=1):
        rng = random.Random(f"{SEED}:billing:{site.code}")
        rows, lines, last = _site_invoices(run, site.id, site.code, payer_of, months)
        ids = _returning(run.session, Invoice, rows)
        _bulk(run.session, InvoiceCounter, [{"site_id": site.id, "year": year, "last": seq}
                                            for year, seq in last.items()])
        _bulk(run.session, Charge, [{**line, "invoice_id": invoice_id}
                                    for invoice_id, charges in zip(ids, lines)
                                    for line in charges])
        late = {payer for payer in sorted({row["payer_id"] for row in rows})
                if rng.random() < 0.05}
        paid = [(invoice_id, payment) for order, (invoice_id, row) in enumerate(zip(ids, rows))
                if (payment := _paid(rng, row, row["payer_id"] in late, run.today,
                                     order)) is not None]
        payment_ids = _returning(run.session, Payment, [payment for __, payment in paid])
        _bulk(run.session, Allocation, [{"payment_id": payment_id, "invoice_id": invoice_id,
                                         "amount": payment["amount"],
                                         "created_at": run.now}
                                        for payment_id, (invoice_id, payment)
                                        in zip(payment_ids, paid)])
        added += len(rows) + len(last) + sum(map(len, lines)) + 2 * len(paid)
        if run.progress:
            run.progress(run.step, done, len(run.sites))
    return added
