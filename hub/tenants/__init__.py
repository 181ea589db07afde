"""Tenants: the artisans and businesses of the hub and their public listings.

- roster: tenants, their flags and staff notes, joining and leaving
- listings: the public listing of a tenant (bio, links, photo), published or not
- directory: the tenant directory and a tenant's profile, as each role may see them
- figures: Tenants › Indicators (current tenants, target groups, origins, residencies)

Uses only the shared modules of hub/."""
