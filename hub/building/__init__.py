"""The building: maintenance issues, works periods that take spaces out of use, and their
figures. Uses occupancy (spaces, bookings), tenants (whom to tell) and programme (sessions
in a closed room); nothing below uses it."""
