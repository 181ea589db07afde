"""Destructive actions are confirmed in a dialog that names what will change.

Where a form would do something that cannot be undone, its submit asks instead of writing:

    if submitted:
        ask("occupancy_end_lease", f"End {code}'s lease on {day} — 1 future booking will be "
            "cancelled.", lease_id=lease.id, ends_on=day)
    confirm("occupancy_end_lease", title="End the lease early", action="End the lease",
            run=lambda **request: save(leases.end_lease, actor=user, **request))

`confirm` is called on every run, after the form: while a request is pending it opens the
dialog, which shows the sentence, the title and the buttons' words as text (never Markdown). "Cancel" (or closing the dialog) forgets the request
and writes nothing; the confirming button calls `run(**arguments)`, and when that returns
what to say (a sentence) the request is forgotten and the page reruns: the form that asked
(`ui.forms.Form.ask`, through `on_success`) says it below itself, else a toast does. A refusal
from hub/ stays in the dialog as an st.error.

The request lives in session state rather than in the run that asked, so the dialog also
comes back when the whole script reruns (AppTest reruns everything on a click).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from hub.i18n import _
from ui.format import as_text
from ui.widgets import flash

PENDING = "confirm_pending"  # one request at a time: Streamlit opens one dialog at a time


def ask(key: str, consequence: str, *, details: list[str] | None = None,
        on_success: Callable[[str], None] | None = None, **arguments: Any) -> None:
    """Ask for confirmation of `consequence`; `arguments` are handed to `run` once confirmed,
    and what `run` says to `on_success` (a toast without it)."""
    st.session_state[PENDING] = {"key": key, "consequence": consequence,
                                 "details": list(details or []), "arguments": arguments,
                                 "on_success": on_success}


def pending(key: str) -> dict | None:
    request = st.session_state.get(PENDING)
    return request if request and request["key"] == key else None


def forget() -> None:
    st.session_state.pop(PENDING, None)


def confirm(key: str, *, title: str, action: str, run: Callable[..., Any],
            keep: str | None = None) -> None:
    """Open the dialog while `key`'s request is pending; `action` labels the confirming
    button, `keep` the one that writes nothing (Cancel unless given; say "Keep it" where the
    action is itself a cancellation)."""
    request = pending(key)
    if request is None:
        return

    @st.dialog(as_text(title), on_dismiss=forget)
    def dialog() -> None:
        st.text(request["consequence"])
        for line in request["details"]:
            st.text(f"• {line}")
        yes, no = st.columns(2)
        if yes.button(as_text(action), type="primary", key=f"{key}_confirm", width="stretch"):
            said = run(**request["arguments"])
            if said:
                forget()
                _tell(request, said if isinstance(said, str) else "")
                st.rerun()
        if no.button(as_text(keep or _("Cancel")), key=f"{key}_cancel", width="stretch"):
            forget()
            st.rerun()

    dialog()


def _tell(request: dict, said: str) -> None:
    if request.get("on_success") is not None:
        request["on_success"](said)
    elif said:
        flash(said)
