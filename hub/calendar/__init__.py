"""The hub calendar: one view of everything that happens in a site — bookings, programme
sessions, works periods, lease starts and ends — by room, and where they collide.

events (the events of a period, and the views' days), totals (the month view's counts per
room or site and day, added up in SQL), clashes (events in one room at one time: data entered
before a rule existed, or imported), ics (a room's or a site's calendar as iCalendar, for
staff)."""
