"""The building: maintenance issues and the building's figures (issues, spending, days out of
use). Works periods, which take spaces out of use, are planned and checked in
hub/occupancy/works.py and hub/occupancy/closures.py. Uses occupancy (spaces, works), tenants
and programme; nothing below uses it."""
