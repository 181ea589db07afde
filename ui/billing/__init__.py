"""Billing's screen parts: the figures everyone on the page sees (summary.py, data.py,
charts.py) and the manager's work on invoices, payments, charges and payers (work.py)."""
