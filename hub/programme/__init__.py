"""The programme: courses, workshops, seminars and events, their sessions and participants.

- items: programme items, their instructors and sessions (status, dates, capacity, price)
- clashes: a session may not overlap another of the same instructor (rooms: occupancy.claims)
- seats: taken seats and the waitlist, served first come, first served
- enrolments: enrolling, cancelling, attendance, moving a participant to another item
- views: the rows the Courses screen lists (items, sessions, enrolments, calendar)
- figures: Courses › Figures (items, sessions, participants, fill rates)
- exports: the programme as CSV / XLSX / iCalendar

May use occupancy (rooms) and tenants (instructors); neither uses it."""
