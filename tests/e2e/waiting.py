"""Waiting for Streamlit in browser tests: its script state on the page, and what the browser
and the server say to each other about runs on the websocket (a click's rerun request, a run
started, a run ended for good or for a rerun)."""

from __future__ import annotations

import time

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TIMEOUT_MS = 60_000
SETTLE_MS = 100
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SKELETON = "[data-testid='stSkeleton']"


def wait_idle(page, timeout_ms: int = TIMEOUT_MS, settle_ms: int = SETTLE_MS) -> None:
    """As Streamlit's own e2e tests do: the script has finished its run and no element is
    still a loading skeleton; then a short settle for the last deltas to be drawn. On a page
    whose messages are read (count_sent), first the server's own word that its last run has
    ended for good: a run that ends in st.rerun() (every save's confirmation) leaves the page
    "not running" until the next one starts, and on a busy machine that gap outlasts any
    settle."""
    if id(page) in WIRE:
        _await_last_run(page, WIRE[id(page)], timeout_ms)
    page.locator(IDLE).wait_for(state="attached", timeout=timeout_ms)
    page.locator(SKELETON).first.wait_for(state="detached", timeout=timeout_ms)
    page.wait_for_timeout(settle_ms)
    # A rerun (st.rerun after a sign-in, a log-out) may have started during the settle.
    page.locator(IDLE).wait_for(state="attached", timeout=timeout_ms)


# Per page, what the browser and Streamlit said to each other about runs, in order (conftest's
# new_page records it): "rerun" (the browser asks for a run: a click, a widget), "started"
# (the server starts one), "ended" (it ended), "ended for a rerun" (st.rerun(), or a newer
# request stopped it: another run follows).
WIRE: dict[int, list[str]] = {}
RUN_EVENTS = ("rerun", "started", "ended", "ended for a rerun")


def _sent(payload) -> str | None:
    message = _parsed(BackMsg, payload)
    return "rerun" if message is not None and message.WhichOneof("type") == "rerun_script" \
        else None


def _received(payload) -> str | None:
    message = _parsed(ForwardMsg, payload)
    kind = message.WhichOneof("type") if message is not None else None
    if kind == "new_session":
        return "started"
    if kind == "script_finished":
        return "ended for a rerun" \
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN else "ended"
    return None


def _parsed(message_type, payload):
    if isinstance(payload, str):
        return None
    message = message_type()
    try:
        message.ParseFromString(payload)
    except DecodeError:
        return None
    return message


def count_sent(page) -> None:
    """Read every message between the page and Streamlit for the runs they start and end: a
    click that reached its button asks for one; a lost click asks for none."""
    wire = WIRE.setdefault(id(page), [])

    def note(event: str | None) -> None:
        if event:
            wire.append(event)

    def watch(socket) -> None:
        socket.on("framesent", lambda payload: note(_sent(payload)))
        socket.on("framereceived", lambda payload: note(_received(payload)))

    page.on("websocket", watch)


def _await_last_run(page, wire: list[str], timeout_ms: int) -> None:
    """Until the last word on runs is the server's, that one ended for good (or the time is
    up: the DOM's own state is waited on next)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        last = next((event for event in reversed(wire) if event in RUN_EVENTS), "ended")
        if last == "ended":
            return
        page.wait_for_timeout(20)


def click_to_send(page, button, *, tries: int = 3, within_ms: int = 5_000) -> None:
    """Click a button that asks the server for a rerun (a form's submit, st.button), and make
    the click again when the browser sent nothing. Under load the page can move between the
    mouse's press and its release: a probe saw the press land on Add tenant and the release,
    5 ms later, on the form 55 px away, when the browser fires no click at all. Only a click
    that provably sent nothing is repeated, so nothing is ever submitted twice.

    It returns once the server has answered (its run has started): until then the page still
    reads as idle from the run before, and on a busy machine that can outlast wait_idle's
    settle, so a test would go on while its click's run is still to come (five wrong
    passwords typed, four counted: the fifth arrived during the fourth's run, and Streamlit
    ran the two as one)."""
    wire = WIRE[id(page)]
    for _attempt in range(tries):
        before = len(wire)
        button.click()
        deadline = time.monotonic() + within_ms / 1000
        while time.monotonic() < deadline:
            if "rerun" in wire[before:]:
                _await_answer(page, wire, after=wire.index("rerun", before))
                return
            page.wait_for_timeout(50)
    pytest.fail(f"{tries} clicks on {button} sent nothing to the server")


def _await_answer(page, wire: list[str], *, after: int, timeout_ms: int = TIMEOUT_MS) -> None:
    """Until the server has started a run after the click's request, the `after`-th event
    (or the time is up: what the test expects next tells)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while "started" not in wire[after + 1:] and time.monotonic() < deadline:
        page.wait_for_timeout(20)


def only_form(page, showing: str):
    """The one form showing `showing`, once the rerun's stale copy of it is gone: a form keyed by
    the item it belongs to is drawn anew when the item changes, and for a moment the old one is
    still on the page."""
    form = page.locator("[data-testid='stForm']").filter(has_text=showing)
    expect(form).to_have_count(1, timeout=TIMEOUT_MS)
    return form


def wait_until(condition, *, what: str, timeout_ms: int = TIMEOUT_MS,
               every_ms: int = 200) -> None:
    """Poll `condition()` until it holds: for states Playwright cannot wait on by itself
    (a cookie dropped, a canvas done drawing)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_ms} ms waiting for {what}")
        time.sleep(every_ms / 1000)
