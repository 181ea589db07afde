"""Billing: who pays (payers), what they owe for (charges), the invoices and credit notes
issued for it, the payments received and what each paid (allocations), and reminders sent.

An issued invoice never changes: no version column, no update in hub/. A correction is a
credit note (an invoice of kind credit_note) that refers to it. Amounts are euros, Decimal,
two places; VAT is per charge, frozen on the charge when its invoice is issued."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Index, Numeric, UniqueConstraint, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from db.models.base import MONEY, utcnow, version_column, versioned
from db.vocabulary import (CHARGE_KINDS, INVOICE_KINDS, LANGUAGES, PAYER_KINDS,
                           PAYMENT_METHODS, sql_in)

TOTAL = Numeric(12, 2)
RATE = Numeric(5, 2)


class Payer(SQLModel, table=True):
    """Whoever receives invoices: a tenant, a course participant (a person), or a partner
    organisation. One payer per tenant and per organisation; a person is known by `person_key`
    (their e-mail in lower case, or their name when they gave none)."""
    __tablename__ = "payers"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(PAYER_KINDS)}", name="kind_known"),
        CheckConstraint(f"language IN {sql_in(LANGUAGES)}", name="language_known"),
        CheckConstraint("terms_days >= 0 AND terms_days <= 365", name="terms_in_range"),
        CheckConstraint("(kind = 'tenant') = (tenant_id IS NOT NULL)", name="tenant_iff_kind"),
        CheckConstraint("(kind = 'organisation') = (partner_id IS NOT NULL)",
                        name="partner_iff_kind"),
        CheckConstraint("(kind = 'person') = (person_key IS NOT NULL)", name="person_iff_kind"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=12)
    tenant_id: int | None = Field(default=None, foreign_key="tenants.id", unique=True,
                                  ondelete="RESTRICT")
    partner_id: int | None = Field(default=None, foreign_key="partners.id", unique=True,
                                   ondelete="RESTRICT")
    person_key: str | None = Field(default=None, max_length=254, unique=True)
    name: str = Field(max_length=160, index=True)
    email: str | None = Field(default=None, max_length=254)
    # The language of the payer's letters and statements.
    language: str = Field(default="it", max_length=2)
    # Days from issue to due date.
    terms_days: int = Field(default=30)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class Invoice(SQLModel, table=True):
    """An invoice, or a credit note that refers to one. Numbered at issue, without gaps, per
    site and calendar year (`ON-2027-0001`); credit notes share the series. `month` is the
    first day of the month it bills (a credit note: of the month it was issued in)."""
    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(INVOICE_KINDS)}", name="kind_known"),
        CheckConstraint("(kind = 'credit_note') = (credit_of_id IS NOT NULL)",
                        name="credit_note_refers"),
        # To the cent: SQLite holds these as floating point (347.00 + 76.34 ≠ 423.34 there).
        CheckConstraint("abs(total - (net + vat)) < 0.005", name="total_is_net_plus_vat"),
        CheckConstraint("net >= 0 AND vat >= 0", name="amounts_not_negative"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        UniqueConstraint("site_id", "year", "seq", name="uq_invoices_site_year_seq"),
        # One invoice per payer, site and month: a second billing run issues nothing.
        Index("uq_invoices_payer_month", "payer_id", "site_id", "month", unique=True,
              sqlite_where=text("kind = 'invoice'"),
              postgresql_where=text("kind = 'invoice'")),
        Index("ix_invoices_site_issued", "site_id", "issued_on"),
        Index("ix_invoices_payer_issued", "payer_id", "issued_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    payer_id: int = Field(foreign_key="payers.id", ondelete="RESTRICT")
    kind: str = Field(default="invoice", max_length=12)
    credit_of_id: int | None = Field(default=None, foreign_key="invoices.id", index=True,
                                     ondelete="RESTRICT")
    number: str = Field(max_length=24, unique=True)
    year: int
    seq: int
    month: date
    issued_on: date
    due_on: date = Field(index=True)
    net: Decimal = Field(sa_type=TOTAL)
    vat: Decimal = Field(sa_type=TOTAL)
    total: Decimal = Field(sa_type=TOTAL)
    reason: str | None = Field(default=None, max_length=300)
    created_by: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


class InvoiceCounter(SQLModel, table=True):
    """The last number given per site and year. Taken with an UPDATE in the issuing
    transaction, so two issuers wait on one another and a rolled-back issue leaves no gap."""
    __tablename__ = "invoice_counters"

    site_id: int = Field(foreign_key="sites.id", primary_key=True, ondelete="RESTRICT")
    year: int = Field(primary_key=True)
    last: int = Field(default=0)


class Charge(SQLModel, table=True):
    """Something a payer owes for, and what it came from: a lease's month, a booking, an
    enrolment, or a one-off entered by hand. Uninvoiced until an invoice takes it (then its
    VAT is frozen and it never changes). A credit line (`credit_of_id`) gives back a charge on
    a credit note; a source is charged at most once."""
    __tablename__ = "charges"
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(CHARGE_KINDS)}", name="kind_known"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("vat_rate >= 0 AND vat_rate <= 100", name="vat_rate_in_range"),
        CheckConstraint("vat_rate = 0 OR exempt_reason IS NULL", name="exempt_has_no_vat"),
        CheckConstraint("period_end >= period_start", name="period_ends_after_start"),
        CheckConstraint("(invoice_id IS NULL) = (vat IS NULL)", name="vat_frozen_at_issue"),
        Index("uq_charges_lease_month", "lease_id", "period_start", unique=True,
              sqlite_where=text("lease_id IS NOT NULL AND credit_of_id IS NULL"),
              postgresql_where=text("lease_id IS NOT NULL AND credit_of_id IS NULL")),
        Index("uq_charges_booking", "booking_id", unique=True,
              sqlite_where=text("booking_id IS NOT NULL AND credit_of_id IS NULL"),
              postgresql_where=text("booking_id IS NOT NULL AND credit_of_id IS NULL")),
        Index("uq_charges_enrolment", "enrolment_id", unique=True,
              sqlite_where=text("enrolment_id IS NOT NULL AND credit_of_id IS NULL"),
              postgresql_where=text("enrolment_id IS NOT NULL AND credit_of_id IS NULL")),
        Index("ix_charges_payer_open", "payer_id", "invoice_id"),
        Index("ix_charges_site_period", "site_id", "period_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: int = Field(foreign_key="sites.id", ondelete="RESTRICT")
    payer_id: int = Field(foreign_key="payers.id", ondelete="RESTRICT")
    kind: str = Field(max_length=12)
    lease_id: int | None = Field(default=None, foreign_key="leases.id", ondelete="RESTRICT")
    booking_id: int | None = Field(default=None, foreign_key="bookings.id", ondelete="RESTRICT")
    enrolment_id: int | None = Field(default=None, foreign_key="enrolments.id",
                                     ondelete="RESTRICT")
    credit_of_id: int | None = Field(default=None, foreign_key="charges.id", index=True,
                                     ondelete="RESTRICT")
    # The days it covers (a month of rent, the day of a booking or an enrolment).
    period_start: date
    period_end: date
    description: str = Field(max_length=300)
    amount: Decimal = Field(sa_type=MONEY)          # net, euros
    vat_rate: Decimal = Field(default=Decimal("22"), sa_type=RATE)
    # Why no VAT is due (legal reference), with its FatturaPA nature code (N4: exempt).
    exempt_reason: str | None = Field(default=None, max_length=200)
    vat_nature: str | None = Field(default=None, max_length=4)
    invoice_id: int | None = Field(default=None, foreign_key="invoices.id", index=True,
                                   ondelete="RESTRICT")
    vat: Decimal | None = Field(default=None, sa_type=MONEY)
    created_by: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


class Payment(SQLModel, table=True):
    """Money received from a payer. What it does not pay (allocations) is the payer's credit.
    A returned payment (a direct debit sent back) keeps its record, with the day and reason;
    its allocations are removed, reopening what it paid."""
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(f"method IN {sql_in(PAYMENT_METHODS)}", name="method_known"),
        CheckConstraint("(returned_on IS NULL) = (return_reason IS NULL)",
                        name="return_has_reason"),
        Index("ix_payments_payer_received", "payer_id", "received_on"),
    )
    __mapper_args__ = declared_attr(versioned)

    id: int | None = Field(default=None, primary_key=True)
    payer_id: int = Field(foreign_key="payers.id", ondelete="RESTRICT")
    received_on: date = Field(index=True)
    amount: Decimal = Field(sa_type=MONEY)
    method: str = Field(max_length=12)
    # The bank's or the card terminal's reference: a payment is booked once per reference.
    reference: str | None = Field(default=None, max_length=80, unique=True)
    notes: str | None = Field(default=None, max_length=500)
    returned_on: date | None = None
    return_reason: str | None = Field(default=None, max_length=200)
    created_by: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    version: int | None = Field(default=None, sa_column=version_column())


class Allocation(SQLModel, table=True):
    """The part of a payment that pays an invoice."""
    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        UniqueConstraint("payment_id", "invoice_id", name="uq_allocations_payment_invoice"),
    )

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payments.id", ondelete="CASCADE")
    invoice_id: int = Field(foreign_key="invoices.id", index=True, ondelete="RESTRICT")
    amount: Decimal = Field(sa_type=MONEY)
    created_at: datetime = Field(default_factory=utcnow)


class Reminder(SQLModel, table=True):
    """A reminder letter sent to a payer: its level (1 to 3), the day, and what it listed."""
    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 3", name="level_known"),
        Index("ix_reminders_payer_sent", "payer_id", "sent_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    payer_id: int = Field(foreign_key="payers.id", ondelete="RESTRICT")
    level: int
    sent_on: date
    total: Decimal = Field(sa_type=TOTAL)
    invoices: list = Field(default_factory=list, sa_type=JSON)   # the numbers listed
    created_by: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
