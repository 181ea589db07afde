"""Courses screen: forms (items, sessions, instructors), enrolments, charts and the
cached data the page reads."""
