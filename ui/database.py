"""The app's way to the database: start-up, reads, and writes that show refusals as messages."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db.engine import reading, writing
from hub.admin.install import prepare_database
from hub.errors import Refused
from hub.records import STALE

log = logging.getLogger("bottega")

__all__ = ["prepare", "reading", "save"]


@st.cache_resource(show_spinner="Preparing the database…")
def prepare() -> bool:
    """Once per server process: schema to head, demo data on an empty database."""
    return prepare_database(demo=os.environ.get("BOTTEGA_DEMO", "1") != "0")


def save(action: Callable[..., Any], /, **arguments: Any) -> Any | None:
    """Run one hub write in its own transaction. A refusal is shown with st.error and nothing
    is written; on success the cached figures are cleared so every page shows the change."""
    try:
        with writing() as session, session.begin():
            result = action(session, **arguments)
    except Refused as refusal:
        st.error(str(refusal), icon=":material/block:")
        return None
    except StaleDataError:
        st.error(STALE.format(what="This record"), icon=":material/sync_problem:")
        return None
    except IntegrityError:
        log.exception("integrity error in %s", getattr(action, "__name__", action))
        st.error("The database refused this change because it clashes with existing data; "
                 "nothing was saved. Reload the page and check the values.")
        return None
    except OperationalError:
        log.exception("database unavailable in %s", getattr(action, "__name__", action))
        st.error("The database is busy or unavailable right now; nothing was saved. "
                 "Try again in a moment.")
        return None
    st.cache_data.clear()
    return result
