"""The app's way to the database: start-up, reads, and writes that show refusals as messages.

Cached figures are keyed on the data version (db/stamp.py), read once per rerun: a write made
through another app process moves it on, so this process's next rerun loads afresh. A
loader's TTL only bounds how long an entry stays in memory."""
from __future__ import annotations

import functools
import inspect
import logging
import os
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db import stamp
from db.engine import reading, writing
from hub.admin.install import prepare_database
from hub.errors import Refused
from hub.i18n import _, language, speaking
from ui.format import as_text
from hub.records import STALE

log = logging.getLogger("bottega")

__all__ = ["cached", "data_version", "prepare", "read_data_version", "reading", "save"]

VERSION_KEY = "bottega_data_version"


@st.cache_resource(show_spinner=False)
def prepare() -> bool:
    """Once per server process: schema to head, demo data on an empty database."""
    return prepare_database(demo=os.environ.get("BOTTEGA_DEMO", "1") != "0")


def read_data_version() -> int:
    """Read the stamp from the database (one primary-key lookup) and keep it for this rerun.
    app.py calls it once at the top of every rerun."""
    with reading() as session:
        version = stamp.current(session)
    if get_script_run_ctx(suppress_warning=True) is not None:
        st.session_state[VERSION_KEY] = version
    return version


def data_version() -> int:
    """The stamp read at the start of this rerun (read now when called outside a rerun, or
    before anything read it)."""
    version = None
    if get_script_run_ctx(suppress_warning=True) is not None:
        version = st.session_state.get(VERSION_KEY)
    return read_data_version() if version is None else version


def cached(*, ttl: int, **options: Any) -> Callable:
    """`st.cache_data` keyed on the data version and the reader's language (a loader may
    return translated labels) as well as the arguments: use it for every loader of figures. Arguments named with a leading underscore are not hashed (as with
    st.cache_data)."""
    spinner = options.pop("show_spinner", False)

    def decorate(loader: Callable) -> Callable:
        @functools.wraps(loader)
        def keyed(*args: Any, bottega_data_version: int, bottega_language: str,
                  **kwargs: Any) -> Any:
            with speaking(bottega_language):
                return loader(*args, **kwargs)

        # Streamlit names (and skips "_"-named) arguments by the signature: the loader's own,
        # the version added as a keyword.
        signature = inspect.signature(loader)
        parameters = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
        parameters += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY)
                       for name in ("bottega_data_version", "bottega_language")]
        parameters += [p for p in signature.parameters.values() if p.kind == p.VAR_KEYWORD]
        keyed.__signature__ = signature.replace(parameters=parameters)
        store = st.cache_data(ttl=ttl, show_spinner=spinner, **options)(keyed)

        @functools.wraps(loader)
        def load(*args: Any, **kwargs: Any) -> Any:
            return store(*args, bottega_data_version=data_version(),
                         bottega_language=language(), **kwargs)

        load.clear = store.clear
        return load
    return decorate


def save(action: Callable[..., Any], /, **arguments: Any) -> Any | None:
    """Run one hub write in its own transaction. A refusal is shown with st.error and nothing
    is written; on success the cached figures are cleared so every page shows the change."""
    try:
        with writing() as session, session.begin():
            result = action(session, **arguments)
    except Refused as refusal:
        st.error(as_text(str(refusal)), icon=":material/block:")  # it names what people typed
        return None
    except StaleDataError:
        st.error(_(STALE).format(what=_("This record")), icon=":material/sync_problem:")
        return None
    except IntegrityError:
        log.exception("integrity error in %s", getattr(action, "__name__", action))
        st.error(_("The database refused this change because it clashes with existing data; "
                   "nothing was saved. Reload the page and check the values."))
        return None
    except OperationalError:
        log.exception("database unavailable in %s", getattr(action, "__name__", action))
        st.error(_("The database is busy or unavailable right now; nothing was saved. "
                   "Try again in a moment."))
        return None
    st.cache_data.clear()   # this process's entries are of an older version now: free them
    read_data_version()     # the rest of this rerun reads the data as it is now
    return result
