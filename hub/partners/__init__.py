"""Partners: the hub's international network of organisations and the contact kept with them.

- organisations: partners and their contacts
- interactions: calls, meetings and emails, with follow-ups and who owns them
- links: a partner linked to tenants and programme items
- directory: the filtered partner list and its export
- figures: Partners › Figures (by region, kind, status, interactions per month)
- network: the graph of partners, tenants and items

May use tenants and programme (the links); none of them uses it."""
