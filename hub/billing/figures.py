"""Billing's figures, aggregated in SQL, at one site or at every site in use:

- **billed** by month and stream: the lines (net + VAT) of invoices, less the lines of credit
  notes, in the month each was issued;
- **collected** by month and stream: what payments (not returned) paid on invoices, in the
  month the payment came in, split across streams as the invoice's lines are
  (allocation × line total ÷ invoice total);
- the **collection rate** (collected ÷ billed, of invoices due in a period) and the **days to
  collect** (from issue to payment, weighted by the amount paid; a payment made before the
  invoice, a credit it took, counts as 0 days);
- **arrears** as of a day: what open invoices still need, by age past their due day (not yet
  due, 1–30, 31–60, 61–90, over 90 days) and by site;
- **income against the building budget**: collected in a calendar year, per site;
- for a manager only (they name payers): the **late payers** and each payer's **account**
  (balance, credit, last payment).

Functions take the day they count to (`today`, `month`) explicitly."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, extract, func, literal
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from db.models import Allocation, Charge, Invoice, Payer, Payment, Site, User
from db.vocabulary import CHARGE_KINDS, STREAMS, stream_of
from hub.billing.charges import cents, first_of
from hub.dates import month_end, month_starts
from hub.i18n import N_
from hub.roles import BILLERS, require_role
from hub.scope import in_use
from hub.sql import days_between

ZERO = Decimal("0.00")
# Ages of arrears, by days past the due day (English words; the screen translates them).
AGES = (N_("not yet due"), N_("1–30 days"), N_("31–60 days"), N_("61–90 days"),
        N_("over 90 days"))
OVER_60 = AGES[3:]


def _euros(value) -> Decimal:
    """A sum read back from SQL (a float on SQLite, a Decimal on PostgreSQL), to the cent."""
    return cents(Decimal(str(value))) if value is not None else ZERO


def _stream():
    """A charge's stream (db.vocabulary.stream_of), as SQL."""
    return case({kind: stream_of(kind) for kind in CHARGE_KINDS}, value=Charge.kind,
                else_="other")


def _line_total():
    return Charge.amount + func.coalesce(Charge.vat, 0)


def _month_key(day) -> tuple:
    return extract("year", day), extract("month", day)


def _credited(today: date | None = None):
    """Per invoice: the totals of the credit notes that refer to it (issued by `today`)."""
    query = select(Invoice.credit_of_id.label("invoice_id"),
                   func.sum(Invoice.total).label("amount")).where(Invoice.kind == "credit_note")
    if today is not None:
        query = query.where(Invoice.issued_on <= today)
    return query.group_by(Invoice.credit_of_id).subquery()


def _paid(today: date | None = None):
    """Per invoice: what payments not returned (received by `today`) paid on it."""
    query = select(Allocation.invoice_id.label("invoice_id"),
                   func.sum(Allocation.amount).label("amount")).join(
        Payment, Payment.id == Allocation.payment_id).where(Payment.returned_on.is_(None))
    if today is not None:
        query = query.where(Payment.received_on <= today)
    return query.group_by(Allocation.invoice_id).subquery()


# --- billed and collected by month and stream ------------------------------------------------

@dataclass(frozen=True)
class MonthStream:
    month: date           # its first day
    stream: str           # one of STREAMS
    billed: Decimal
    collected: Decimal


def billed_by_month(session: Session, *, site_id: int | None, first: date, last: date
                    ) -> dict[tuple[date, str], Decimal]:
    """{(month, stream): invoices' lines less credit notes' lines}, by the day issued."""
    year, number = _month_key(Invoice.issued_on)
    stream = _stream()
    signed = case((Invoice.kind == "credit_note", -_line_total()), else_=_line_total())
    rows = session.exec(select(year, number, stream, func.sum(signed))
                        .join(Invoice, Invoice.id == Charge.invoice_id)
                        .where(in_use(Invoice.site_id, site_id),
                               Invoice.issued_on >= first, Invoice.issued_on <= last)
                        .group_by(year, number, stream)).all()
    return {(date(int(y), int(m), 1), s): _euros(total) for y, m, s, total in rows}


def collected_by_month(session: Session, *, site_id: int | None, first: date, last: date
                       ) -> dict[tuple[date, str], Decimal]:
    """{(month, stream): what payments not returned paid}, by the day received, each
    allocation split across the invoice's lines in proportion to their totals."""
    year, number = _month_key(Payment.received_on)
    stream = _stream()
    share = Allocation.amount * _line_total() / func.nullif(Invoice.total, 0)
    rows = session.exec(select(year, number, stream, func.sum(share))
                        .select_from(Allocation)
                        .join(Payment, Payment.id == Allocation.payment_id)
                        .join(Invoice, Invoice.id == Allocation.invoice_id)
                        .join(Charge, Charge.invoice_id == Invoice.id)
                        .where(in_use(Invoice.site_id, site_id), Payment.returned_on.is_(None),
                               Payment.received_on >= first, Payment.received_on <= last)
                        .group_by(year, number, stream)).all()
    return {(date(int(y), int(m), 1), s): _euros(total) for y, m, s, total in rows}


def by_month_and_stream(session: Session, *, site_id: int | None, month, months: int = 12
                        ) -> list[MonthStream]:
    """Billed and collected in each of the `months` months ending with `month`, per stream:
    every month and stream listed (zeros too), oldest month first, streams in STREAMS order."""
    starts = month_starts(first_of(month), months)
    first, last = starts[0], month_end(starts[-1])
    billed = billed_by_month(session, site_id=site_id, first=first, last=last)
    collected = collected_by_month(session, site_id=site_id, first=first, last=last)
    return [MonthStream(month=start, stream=stream, billed=billed.get((start, stream), ZERO),
                        collected=collected.get((start, stream), ZERO))
            for start in starts for stream in STREAMS]


def billed_in(session: Session, *, site_id: int | None, first: date, last: date) -> Decimal:
    """Invoices' totals less credit notes' totals, issued from `first` to `last`."""
    signed = case((Invoice.kind == "credit_note", -Invoice.total), else_=Invoice.total)
    return _euros(session.exec(select(func.sum(signed)).where(
        in_use(Invoice.site_id, site_id), Invoice.issued_on >= first,
        Invoice.issued_on <= last)).one())


def collected_in(session: Session, *, site_id: int | None, first: date, last: date) -> Decimal:
    """What payments not returned, received from `first` to `last`, paid on invoices."""
    return _euros(session.exec(select(func.sum(Allocation.amount))
                               .join(Payment, Payment.id == Allocation.payment_id)
                               .join(Invoice, Invoice.id == Allocation.invoice_id)
                               .where(in_use(Invoice.site_id, site_id),
                                      Payment.returned_on.is_(None),
                                      Payment.received_on >= first,
                                      Payment.received_on <= last)).one())


# --- collection ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Collection:
    billed: Decimal       # invoices due in the period, less their credit notes
    collected: Decimal    # what payments (not returned, received by `today`) paid on them

    @property
    def rate(self) -> float | None:
        return float(self.collected / self.billed) if self.billed > 0 else None


def collection(session: Session, *, site_id: int | None, first: date, last: date,
               today: date) -> Collection:
    """Of the invoices due from `first` to `last`: what they bill (less credit notes issued
    by `today`) and what was paid on them by `today`."""
    credited, paid = _credited(today), _paid(today)
    billed, less, collected = session.exec(
        select(func.sum(Invoice.total), func.sum(credited.c.amount), func.sum(paid.c.amount))
        .outerjoin(credited, credited.c.invoice_id == Invoice.id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(in_use(Invoice.site_id, site_id), Invoice.kind == "invoice",
               Invoice.issued_on <= today, Invoice.due_on >= first,
               Invoice.due_on <= last)).one()
    return Collection(billed=_euros(billed) - _euros(less), collected=_euros(collected))


def days_to_collect(session: Session, *, site_id: int | None, first: date,
                    last: date) -> float | None:
    """Days from an invoice's issue to the payment of it, weighted by the amount paid, for
    payments (not returned) received from `first` to `last`; None: nothing was paid."""
    days = days_between(Invoice.issued_on, Payment.received_on)
    days = case((days < 0, 0), else_=days)
    weighted, paid = session.exec(
        select(func.sum(Allocation.amount * days), func.sum(Allocation.amount))
        .join(Payment, Payment.id == Allocation.payment_id)
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(in_use(Invoice.site_id, site_id), Payment.returned_on.is_(None),
               Payment.received_on >= first, Payment.received_on <= last)).one()
    if not paid:
        return None
    return round(float(weighted) / float(paid), 1)


# --- arrears -------------------------------------------------------------------------------

def _open_invoices(today: date):
    """Invoices issued by `today` that still need something, with its amount (`due`), their
    site, payer, due day and age band (an index of AGES) on `today`."""
    credited, paid = _credited(today), _paid(today)
    due = (Invoice.total - func.coalesce(credited.c.amount, 0)
           - func.coalesce(paid.c.amount, 0))
    late = days_between(Invoice.due_on, literal(today))
    age = case((late <= 0, 0), (late <= 30, 1), (late <= 60, 2), (late <= 90, 3), else_=4)
    return (select(Invoice.id.label("invoice_id"), Invoice.site_id.label("site_id"),
                   Invoice.payer_id.label("payer_id"), Invoice.due_on.label("due_on"),
                   age.label("age"), due.label("due"))
            .outerjoin(credited, credited.c.invoice_id == Invoice.id)
            .outerjoin(paid, paid.c.invoice_id == Invoice.id)
            .where(Invoice.kind == "invoice", Invoice.issued_on <= today, due > 0)
            .subquery())


@dataclass(frozen=True)
class Arrears:
    site: str
    age: str              # one of AGES
    due: Decimal
    invoices: int


def arrears(session: Session, *, site_id: int | None, today: date) -> list[Arrears]:
    """What open invoices still need on `today`, by site and age: every age of every site
    that has any, in AGES order; sites by name."""
    open_ = _open_invoices(today)
    rows = session.exec(select(Site.name, open_.c.age, func.sum(open_.c.due),
                               func.count(open_.c.invoice_id))
                        .join(Site, Site.id == open_.c.site_id)
                        .where(in_use(open_.c.site_id, site_id))
                        .group_by(Site.name, open_.c.age)).all()
    found = {(site, int(age)): (_euros(due), int(count)) for site, age, due, count in rows}
    return [Arrears(site=site, age=AGES[age], due=found.get((site, age), (ZERO, 0))[0],
                    invoices=found.get((site, age), (ZERO, 0))[1])
            for site in sorted({site for site, _age in found}) for age in range(len(AGES))]


def arrears_by_age(rows: list[Arrears]) -> dict[str, Decimal]:
    """{age: amount} over the sites of `arrears`, every age in AGES order."""
    return {age: sum((row.due for row in rows if row.age == age), ZERO) for age in AGES}


def overdue(rows: list[Arrears]) -> Decimal:
    """Past the due day (every age but "not yet due")."""
    return sum((row.due for row in rows if row.age != AGES[0]), ZERO)


# --- income against the building budget -----------------------------------------------------

@dataclass(frozen=True)
class SiteIncome:
    site: str
    collected: Decimal
    budget: Decimal | None      # Site.building_budget, yearly euros


def income_against_budget(session: Session, *, site_id: int | None, year: int
                          ) -> list[SiteIncome]:
    """Per site (by name): what payments not returned, received in `year`, paid on the site's
    invoices, and the site's yearly building budget."""
    paid = (select(Invoice.site_id.label("site_id"), func.sum(Allocation.amount).label("amount"))
            .select_from(Allocation)
            .join(Payment, Payment.id == Allocation.payment_id)
            .join(Invoice, Invoice.id == Allocation.invoice_id)
            .where(Payment.returned_on.is_(None), Payment.received_on >= date(year, 1, 1),
                   Payment.received_on <= date(year, 12, 31))
            .group_by(Invoice.site_id).subquery())
    rows = session.exec(select(Site.name, paid.c.amount, Site.building_budget)
                        .outerjoin(paid, paid.c.site_id == Site.id)
                        .where(in_use(Site.id, site_id)).order_by(Site.name)).all()
    return [SiteIncome(site=name, collected=_euros(amount),
                       budget=_euros(budget) if budget is not None else None)
            for name, amount, budget in rows]


# --- the Overview's pair ----------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    collected_this_month: Decimal
    arrears_over_60: Decimal


def headline(session: Session, *, site_id: int | None, today: date) -> Headline:
    """Collected from the first of `today`'s month to `today`; arrears over 60 days late."""
    rows = arrears(session, site_id=site_id, today=today)
    return Headline(
        collected_this_month=collected_in(session, site_id=site_id, first=today.replace(day=1),
                                          last=today),
        arrears_over_60=sum((row.due for row in rows if row.age in OVER_60), ZERO))


# --- payers: a manager's only ----------------------------------------------------------------

@dataclass(frozen=True)
class LatePayer:
    payer_id: int
    name: str
    overdue: Decimal          # still due on invoices past their due day
    oldest_due_on: date
    days_late: int            # since the oldest due day
    invoices: int


def late_payers(session: Session, *, actor: User, site_id: int | None, today: date,
                limit: int | None = 10) -> list[LatePayer]:
    """Payers with invoices past their due day on `today`, the longest late first."""
    require_role(actor, *BILLERS)
    open_ = _open_invoices(today)
    query = (select(Payer.id, Payer.name, func.sum(open_.c.due), func.min(open_.c.due_on),
                    func.count(open_.c.invoice_id))
             .join(Payer, Payer.id == open_.c.payer_id)
             .where(in_use(open_.c.site_id, site_id), open_.c.age > 0)
             .group_by(Payer.id, Payer.name)
             .order_by(func.min(open_.c.due_on), func.sum(open_.c.due).desc(), Payer.name))
    if limit is not None:
        query = query.limit(limit)
    return [LatePayer(payer_id=payer_id, name=name, overdue=_euros(due), oldest_due_on=oldest,
                      days_late=(today - oldest).days, invoices=int(count))
            for payer_id, name, due, oldest, count in session.exec(query).all()]


@dataclass(frozen=True)
class PayerAging:
    payer_id: int
    name: str
    ages: dict[str, Decimal]     # every age of AGES

    @property
    def total(self) -> Decimal:
        return sum(self.ages.values(), ZERO)


def aging_by_payer(session: Session, *, actor: User, site_id: int | None,
                   today: date) -> list[PayerAging]:
    """What each payer's open invoices still need on `today`, by age; most overdue first."""
    require_role(actor, *BILLERS)
    open_ = _open_invoices(today)
    rows = session.exec(select(Payer.id, Payer.name, open_.c.age, func.sum(open_.c.due))
                        .join(Payer, Payer.id == open_.c.payer_id)
                        .where(in_use(open_.c.site_id, site_id))
                        .group_by(Payer.id, Payer.name, open_.c.age)).all()
    payers: dict[int, PayerAging] = {}
    for payer_id, name, age, due in rows:
        payers.setdefault(payer_id, PayerAging(payer_id, name, dict.fromkeys(AGES, ZERO)))
        payers[payer_id].ages[AGES[int(age)]] = _euros(due)
    return sorted(payers.values(), key=lambda p: ([-p.ages[age] for age in reversed(AGES)],
                                                  p.name))


@dataclass(frozen=True)
class Account:
    payer_id: int
    name: str
    invoiced: Decimal
    credited: Decimal            # credit notes
    paid: Decimal                # allocated from payments not returned
    credit: Decimal              # payments not returned, less what they paid
    last_paid_on: date | None    # the last day a payment (not returned) came in
    last_paid: Decimal | None    # what came in that day

    @property
    def balance(self) -> Decimal:
        """Invoiced − credited − paid: what the payer still owes."""
        return self.invoiced - self.credited - self.paid


def accounts(session: Session, *, actor: User, payer_ids: list[int] | None = None
             ) -> dict[int, Account]:
    """Each payer's account, at every site ({payer id: Account}); every payer when
    `payer_ids` is None."""
    require_role(actor, *BILLERS)
    invoiced = (select(Invoice.payer_id.label("payer_id"),
                       func.sum(case((Invoice.kind == "invoice", Invoice.total), else_=0))
                       .label("invoiced"),
                       func.sum(case((Invoice.kind == "credit_note", Invoice.total), else_=0))
                       .label("credited"))
                .group_by(Invoice.payer_id).subquery())
    live = Payment.returned_on.is_(None)
    used = (select(Allocation.payment_id.label("payment_id"),
                   func.sum(Allocation.amount).label("amount"))
            .group_by(Allocation.payment_id).subquery())
    received = (select(Payment.payer_id.label("payer_id"),
                       func.sum(Payment.amount).label("received"),
                       func.sum(func.coalesce(used.c.amount, 0)).label("paid"),
                       func.max(Payment.received_on).label("last_on"))
                .outerjoin(used, used.c.payment_id == Payment.id).where(live)
                .group_by(Payment.payer_id).subquery())
    last_day = aliased(Payment)
    last = (select(last_day.payer_id.label("payer_id"),
                   func.sum(last_day.amount).label("amount"))
            .join(received, (received.c.payer_id == last_day.payer_id)
                  & (received.c.last_on == last_day.received_on))
            .where(last_day.returned_on.is_(None))
            .group_by(last_day.payer_id).subquery())
    query = (select(Payer.id, Payer.name, invoiced.c.invoiced, invoiced.c.credited,
                    received.c.received, received.c.paid, received.c.last_on, last.c.amount)
             .outerjoin(invoiced, invoiced.c.payer_id == Payer.id)
             .outerjoin(received, received.c.payer_id == Payer.id)
             .outerjoin(last, last.c.payer_id == Payer.id))
    if payer_ids is not None:
        query = query.where(Payer.id.in_(payer_ids))
    found = {}
    for payer_id, name, billed, less, came_in, paid, last_on, last_amount in session.exec(
            query).all():
        found[payer_id] = Account(
            payer_id=payer_id, name=name, invoiced=_euros(billed), credited=_euros(less),
            paid=_euros(paid), credit=_euros(came_in) - _euros(paid),
            last_paid_on=last_on, last_paid=_euros(last_amount) if last_on else None)
    return found


def account_of_tenant(session: Session, *, actor: User, tenant_id: int) -> Account | None:
    """The tenant's account, or None: never billed."""
    require_role(actor, *BILLERS)
    payer_id = session.exec(select(Payer.id).where(Payer.tenant_id == tenant_id)).first()
    if payer_id is None:
        return None
    return accounts(session, actor=actor, payer_ids=[payer_id]).get(payer_id)
