"""Public feeds: what a hub's website and its visitors' calendars read live, without signing
in — published data only, public fields only.

- sites.py: the site a feed address names (by its code);
- programme.py: the published programme as calendar events (an .ics to subscribe to: stable
  UIDs, a SEQUENCE that moves on with every change, cancellations kept as CANCELLED) and as
  typed JSON rows (ISO 8601 moments with offsets, numbers, the calendar's UIDs as ids);
- listings.py: the published tenant listings, as the Tenants screen exports them (JSON, CSV);
- schemas.py: the JSON Schemas of the JSON feeds, served beside them;
- public.py: what the plain public page of a site shows.
"""
