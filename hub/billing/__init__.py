"""Billing: from what the hub records (leases, bookings, enrolments) and one-off charges, to
invoices numbered without gaps, payments allocated to them, and what each payer still owes.

payers.py   who receives invoices (a tenant, a person, a partner organisation)
charges.py  what is owed for: a month of rent, a booking, a course fee, a one-off
invoices.py the monthly run, invoice numbers, credit notes
payments.py payments, their allocation to open invoices, returns, a payer's credit
arrears.py  reminder levels, sending a reminder, a payer's history and account statement
letters.py  reminders, statements and invoices as HTML and PDF, in the payer's language
figures.py  billed and collected by month and stream, collection, arrears by age, accounts
views.py    the manager's lists: invoices with their status, one invoice in full, payments,
            charges not yet invoiced, payers
"""
