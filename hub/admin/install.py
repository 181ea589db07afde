"""Bringing a database to life: schema to head, demo data on the very first start."""
from __future__ import annotations

from db.engine import get_engine, is_empty, writing
from db.migrate import upgrade
from db.seed.driver import seed_demo


def prepare_database(*, demo: bool) -> bool:
    """Migrate to head; with `demo`, fill an empty database with the demo hub.
    Returns True when demo data was added."""
    upgrade(get_engine())
    if not demo:
        return False
    with writing() as session, session.begin():
        if not is_empty(session):
            return False
        seed_demo(session)
        return True
