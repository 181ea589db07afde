"""Overview: the hub at a glance and the INNOCRAFTS indicators, from each area's figures.

- indicators: periods, the snapshot against the year before, evidence since 2016
- first_steps: the set-up checklist of a new hub (site, spaces, tenants, leases,
  programme, partners), each counted

Uses the figures of occupancy, tenants, programme and partners."""
