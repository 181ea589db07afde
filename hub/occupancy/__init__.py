"""Lab occupancy: the spaces of a site, who leases them and who books them, when works take
them out of use, and the figures.

- spaces: a site's spaces (codes, kinds, capacities)
- leases: a tenant's lease of a lab or bench; no two leases of a space overlap
- bookings: short use of a bench, the conference room or the pottery workshop, within the
  opening hours and the space's capacity
- claims: what already holds a space at a time (a live programme session, a booking)
- works: works periods (plan, edit, cancel) and what they collide with
- closures: whether works close a space on a day — the check leases, bookings, sessions and
  the calendar ask
- figures: occupancy and utilisation figures, aggregated in SQL; utilisation: of bookable
  spaces

Sites themselves (add, edit, archive, opening hours) are shared vocabulary: hub/sites.py, and
hub/scope.py keeps archived sites out of new records and figures in every area. Uses only the
shared modules of hub/ and tenants."""
