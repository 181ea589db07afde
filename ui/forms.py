"""Every form of the app: a save lands once, on the record as the person saw it, and the form
starts afresh after it.

    with form(f"tenants_edit_{tenant.id}", version=tenant.version) as edit:
        values = tenant_fields(tenant, edit.key("tenants_edit"))
        if edit.submitted(_("Save tenant"), type="primary"):
            if saved := edit.save(tenants.edit_tenant, actor=user, tenant_id=tenant.id,
                                  **values):
                edit.done(_("{name} saved").format(name=saved.name))

- **The version drawn.** A submit is handled by the next run, which reads the record again:
  the version found there is the newest, not the one on the person's screen. A form keeps the
  versions of its records as they were when its widgets were first drawn, for as long as the
  widgets stay on screen, and hands *those* to hub/ (`save`, `ask`): a save over someone
  else's change is refused as stale. Streamlit keeps a widget's value exactly while it is
  drawn on every run; the form's submit buttons are such widgets, so their keys in the
  session state tell whether the form was on screen in the run before.
- **Afresh after a success, as typed after a refusal.** After a save the form's widgets get new
  keys (`key()`, a new generation): the browser keeps what a widget showed whatever the server
  deletes, so only a new widget starts from its default. A refusal changes nothing.
- **Once.** A generation is saved at most once, marked the moment its transaction commits: a
  second click on the same submission, or a run that handles it again, writes nothing new.
- **Where the person is.** `done` says what happened just below the form on the next run (a
  form gone with what it deleted says it in a toast: `say_the_unsaid`, at the end of the run).
  A stale refusal stays there, naming who changed the record and when, with a button that
  reloads the record (a new generation: the newest values and version).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import streamlit as st

from hub.errors import Stale
from hub.i18n import _
from ui import confirm
from ui.database import save
from ui.format import as_text

STATE = "forms"          # st.session_state[STATE][key]: the Drawn of each form
SINGLE = "record"        # the versions' key of a form about one record


@dataclass
class Drawn:
    """What a form remembers between runs."""
    generation: int = 0
    versions: dict[Hashable, int | None] = field(default_factory=dict)
    buttons: list[str] = field(default_factory=list)   # its submit buttons' keys, last drawn
    about: Hashable | None = None   # the record it edits, e.g. ("tenant", 12)
    refresh: bool = False           # this person saved the record in another form: read anew
    saved: int = -1                 # the last generation whose submission was saved
    done: str | None = None         # said below the form on its next draw
    echo: tuple[str, float] | None = None   # said instead if drawn again soon (see done)
    stale: str | None = None        # a refusal over someone else's change, until reloaded


def drawn(key: str) -> Drawn:
    return st.session_state.setdefault(STATE, {}).setdefault(key, Drawn())


class Form:
    """A form being drawn; see the module's docstring."""

    def __init__(self, key: str, versions: dict[Hashable, int | None],
                 about: Hashable | None = None):
        self.name = key
        self.state = drawn(key)
        self.state.about = about
        if self.state.saved == self.state.generation:   # saved, but the run ended before done
            self.state.generation += 1
        on_screen = any(button in st.session_state for button in self.state.buttons)
        if on_screen and not self.state.refresh:
            # a record first offered since the form was drawn is taken as it is now
            self.state.versions = {**versions, **self.state.versions}
        else:
            self.state.versions = dict(versions)
        self.state.buttons, self.state.refresh = [], False

    def key(self, name: str) -> str:
        """A widget key of this form: the same name, but a new widget after each save."""
        generation = self.state.generation
        return name if generation == 0 else f"{name}__{generation}"

    def submitted(self, label: str, *, name: str = "submit", **options: Any) -> bool:
        """A submit button of the form (its key: the form's key and `name`)."""
        button = self.key(f"{self.name}_{name}")
        self.state.buttons.append(button)
        return st.form_submit_button(label, key=button, **options)

    @property
    def version(self) -> int | None:
        """The version of the form's record when it was drawn."""
        return self.state.versions.get(SINGLE)

    def version_of(self, choice: Hashable) -> int | None:
        """The version of `choice` (one of the records offered) when the form was drawn."""
        return self.state.versions.get(choice)

    def save(self, action: Callable[..., Any], /, **arguments: Any) -> Any | None:
        """One hub write (ui.database.save) with the version drawn, once per generation.
        None when refused (the refusal is shown) or saved already."""
        if self.state.saved == self.state.generation:
            return None
        if "version" not in arguments and SINGLE in self.state.versions:
            arguments["version"] = self.version
        generation = self.state.generation
        try:
            return save(action, stale_raises=True, on_commit=partial(self._saved, generation),
                        **arguments)
        except Stale as refusal:
            self.state.stale = str(refusal)
            st.rerun()           # drawn below the form on the next run, with its reload button

    def _saved(self, generation: int) -> None:
        """The moment the save committed."""
        self.state.saved = generation
        _own_change(self.state, self.version)

    def done(self, message: str, *, below: str | None = None, here: str | None = None) -> None:
        """After a save that succeeded: say so below the form, start afresh, redraw. With
        `below`, it is said below that form instead: the one the person is taken to next; and
        `here` below this one, should it be drawn again soon (a second click on the button,
        sent before the page moved, brings the person back to it)."""
        succeeded(self.name, "" if below else message)
        if below:
            drawn(below).done = message
            self.state.echo = (here or message, time.monotonic())
        st.rerun()

    def ask(self, dialog: str, consequence: str, *, details: list[str] | None = None,
            **arguments: Any) -> None:
        """Ask to confirm a write (ui.confirm) that carries the version drawn. The dialog's
        `run` returns what to say; then the form starts afresh and says it."""
        if "version" not in arguments and SINGLE in self.state.versions:
            arguments["version"] = self.version
        confirm.ask(dialog, consequence, details=details,
                    on_success=partial(_confirmed, self.name, arguments.get("version")),
                    **arguments)


def _own_change(saved: Drawn, version: int | None) -> None:
    """This person's other forms of the same record, drawn with the version their save
    started from, take the new one on their next draw: their own change is not someone
    else's."""
    if saved.about is None:
        return
    for other in st.session_state.get(STATE, {}).values():
        if other is not saved and other.about == saved.about \
                and other.versions.get(SINGLE) == version:
            other.refresh = True


def _confirmed(key: str, version: int | None, message: str) -> None:
    _own_change(drawn(key), version)
    succeeded(key, message)


def succeeded(key: str, message: str) -> None:
    """The form `key` saved: a new generation, its versions read afresh, `message` below it."""
    state = drawn(key)
    state.generation += 1
    state.versions, state.stale, state.done = {}, None, message


def _reload(key: str) -> None:
    state = drawn(key)
    state.generation += 1
    state.versions, state.stale = {}, None


# How long after a save its echo is said below the form it was made in, should that form be
# drawn again (the second click of a double click, sent before the page moved, is handled
# after the runs of the first: on a busy server that is well over 30 seconds).
ECHO_SECONDS = 180


def _say_below(edit: Form, container) -> None:
    state = edit.state
    if state.echo and time.monotonic() - state.echo[1] < ECHO_SECONDS:
        state.done = state.done or state.echo[0]
    state.echo = None
    if state.done:          # what people typed is in it: shown as typed
        container.success(as_text(state.done), icon=":material/check_circle:")
        state.done = None
    if state.stale:
        container.error(as_text(state.stale), icon=":material/sync_problem:")
        container.button(_("Reload the record"), key=edit.key(f"{edit.name}_reload"),
                         icon=":material/refresh:", on_click=_reload, args=(edit.name,))


def say_the_unsaid() -> None:
    """At the end of a run: what a form was to say after its save, when the form was not
    drawn (it went with the record it deleted), in a toast."""
    for state in st.session_state.get(STATE, {}).values():
        if state.done:
            st.toast(as_text(state.done), icon=":material/check_circle:")
            state.done = None


@contextmanager
def form(key: str, *, version: int | None = None, about: Hashable | None = None,
         versions: dict[Hashable, int | None] | None = None, border: bool = True,
         container=None) -> Iterator[Form]:
    """Draw the form `key` (see the module's docstring). `version`: the version of the one
    record it edits, `about` what that record is (("tenant", 12); its version may be None: a
    record not yet made); `versions`: those of the records it lets the person choose, by id."""
    drawn_versions = dict(versions or {})
    if version is not None or about is not None:
        drawn_versions[SINGLE] = version
    where = container or st
    edit = Form(key, drawn_versions, about)
    with where.form(edit.key(key), border=border):
        yield edit
    _say_below(edit, where.container())
