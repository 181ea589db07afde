"""What a server process does once, as it starts: the schema to the newest migration, the demo
hub on an empty database (BOTTEGA_DEMO), and, while no account exists, the first manager's
setup code in the server's log.

app.py hands `lifespan` to streamlit.starlette.App, so this runs before the server answers
anyone: /healthz says 200 from the start, not after someone opened a page. Each run of the
screens calls `start()` too; it is cached, so it costs nothing once it has succeeded, and a
start that failed (the database was down) is tried again by the next page view.
"""
from __future__ import annotations

import asyncio
import logging
import os
from contextlib import asynccontextmanager

import streamlit as st

from db.engine import reading
from hub.admin import users
from hub.admin.install import prepare_database
from web.keys import setup_code

log = logging.getLogger("bottega")

SETUP_CODE_LINE = "Bottega setup code for the first manager account: {code}"


@st.cache_resource(show_spinner=False)
def start() -> bool:
    """Once per server process. Returns True when demo data was added."""
    added = prepare_database(demo=os.environ.get("BOTTEGA_DEMO", "1") != "0")
    announce_setup_code()
    return added


def announce_setup_code() -> None:
    """While the database has no account, the code the first-manager form asks for, in the
    log: only whoever can read the server's log creates the manager, not whoever comes first."""
    with reading() as session:
        if users.has_users(session):
            return
    log.warning(SETUP_CODE_LINE.format(code=setup_code()) + " (no account exists yet: the "
                "start page asks for this code)")


@asynccontextmanager
async def lifespan(_app):
    """The server's start-up: `start()` in a worker thread (it may migrate and seed for a
    while), before the first request is served. A failure is logged and left to /healthz
    and the first page view; the server still starts."""
    try:
        await asyncio.to_thread(start)
    except Exception:
        log.exception("start-up: the database could not be prepared; /healthz reports it and "
                      "the first page view tries again")
    yield
