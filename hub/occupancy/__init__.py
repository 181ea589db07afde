"""Lab occupancy: the spaces of a site, who leases them and who books them, and the rates.

- sites: the buildings (add, edit, archive) and their opening hours; hub/scope.py keeps
  archived sites out of new records and figures in every area
- spaces: a site's spaces (codes, kinds, capacities)
- leases: a tenant's lease of a lab or bench; no two leases of a space overlap
- bookings: short use of a bench, the conference room or the pottery workshop, within the
  opening hours and the space's capacity
- claims: what already holds a space at a time (a live programme session, a booking)
- rates: occupancy and utilisation figures, aggregated in SQL

Uses only the shared modules of hub/."""
