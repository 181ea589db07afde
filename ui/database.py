"""The app's way to the database: reads, and writes that show refusals as messages.

Cached figures are keyed on the data version (db/stamp.py), read once per rerun: a write made
through another app process moves it on, so this process's next rerun loads afresh. A
loader's TTL only bounds how long an entry stays in memory."""
from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from sqlalchemy.exc import IntegrityError, InternalError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db import stamp
from db.engine import reading, write_fault, writing
from hub.errors import Refused, Stale
from hub.i18n import _, language, speaking
from hub.records import STALE_ANYONE
from ui.format import as_text

log = logging.getLogger("bottega")

__all__ = ["Attempt", "attempt", "cached", "data_version", "read_data_version", "reading",
           "save"]

VERSION_KEY = "bottega_data_version"


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


@dataclass(frozen=True)
class Attempt:
    """How a write went: its result, or the sentence that says why nothing was written."""
    result: Any = None
    problem: str | None = None
    icon: str | None = None
    stale: bool = False             # refused: someone else changed the record meanwhile


def attempt(action: Callable[..., Any], /, *, on_commit: Callable[[], None] | None = None,
            **arguments: Any) -> Attempt:
    """Run one hub write in its own transaction; a refusal or a database fault comes back as
    a problem (nothing written). On success the cached figures are cleared. `on_commit` runs
    the moment the transaction has committed (ui.forms marks its submission saved there)."""
    try:
        with writing() as session, session.begin():
            result = action(session, **arguments)
        if on_commit is not None:
            on_commit()
    except Stale as refusal:
        return Attempt(problem=str(refusal), icon=":material/sync_problem:", stale=True)
    except Refused as refusal:
        return Attempt(problem=str(refusal), icon=":material/block:")
    except StaleDataError:
        return Attempt(problem=_(STALE_ANYONE).format(what=_("This record")),
                       icon=":material/sync_problem:", stale=True)
    except IntegrityError:
        log.exception("integrity error in %s", getattr(action, "__name__", action))
        return Attempt(problem=_("The database refused this change because it clashes with "
                                 "existing data; nothing was saved. Reload the page and check "
                                 "the values."))
    except (OperationalError, InternalError) as error:
        return _fault(action, error)
    st.cache_data.clear()   # this process's entries are of an older version now: free them
    read_data_version()     # the rest of this rerun reads the data as it is now
    return Attempt(result=result)


def _fault(action: Callable[..., Any], error: Exception) -> Attempt:
    """A read-only or full database is told as such: waiting will not help, an administrator
    must act. Busy or unreachable is worth another try."""
    name = getattr(action, "__name__", action)
    if write_fault(error):
        log.error("database cannot be written in %s: %s", name, error)
        return Attempt(problem=_("The database cannot be written (it is read-only or its disk "
                                 "is full); nothing was saved. Tell your administrator."),
                       icon=":material/report:")
    if isinstance(error, InternalError):
        raise error
    log.exception("database unavailable in %s", name)
    return Attempt(problem=_("The database is busy or unavailable right now; nothing was saved. "
                             "Try again in a moment."))


def save(action: Callable[..., Any], /, *, on_commit: Callable[[], None] | None = None,
         stale_raises: bool = False, **arguments: Any) -> Any | None:
    """Run one hub write in its own transaction. A refusal is shown with st.error and nothing
    is written (None is returned); on success the cached figures are cleared so every page
    shows the change. With `stale_raises` a refusal over someone else's change is raised as
    Stale for the caller to show (ui.forms shows it below the form, with a reload button)."""
    outcome = attempt(action, on_commit=on_commit, **arguments)
    if outcome.stale and stale_raises:
        raise Stale(outcome.problem)
    if outcome.problem is not None:
        st.error(as_text(outcome.problem), icon=outcome.icon)   # it names what people typed
        return None
    return outcome.result
