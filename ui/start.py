"""What a server process does once, as it starts: the schema to the newest migration, and the
demo hub on an empty database (BOTTEGA_DEMO).

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

from hub.admin.install import prepare_database

log = logging.getLogger("bottega")

@st.cache_resource(show_spinner=False)
def start() -> bool:
    """Once per server process. Returns True when demo data was added."""
    return prepare_database(demo=os.environ.get("BOTTEGA_DEMO", "1") != "0")


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
