"""Demo and scale data, one module per area; `driver` runs them.

- driver: seed_demo (the two demo hubs, following the calendar) and seed_scale (N copies)
- run: what the steps of a scale run share (ScaleRun, the plan of copies, batched inserts)
- sites: the hub templates, their spaces and tenants; names, partner_names: the word lists
- occupancy, tenants, programme, partners: each area's demo and scale rows

No module here imports the driver."""
