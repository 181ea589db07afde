"""The confirmation dialog of destructive actions (ui/confirm): nothing runs until the
confirming button is pressed; Cancel forgets the request; the request's arguments reach the
write exactly once."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def page() -> None:
    import streamlit as st

    from ui.confirm import ask, confirm

    st.session_state.setdefault("written", [])
    if st.button("Delete"):
        ask("demo", "Delete Studio Rossi — 2 links go with it.", details=["L12 lease"],
            tenant_id=7)

    def run(tenant_id: int) -> bool:
        st.session_state.written.append(tenant_id)
        return True

    confirm("demo", title="Delete the tenant", action="Delete it", run=run)


def opened() -> AppTest:
    at = AppTest.from_function(page, default_timeout=30).run()
    at.button[0].click()
    return at.run()


def test_asking_opens_the_dialog_naming_what_changes_and_writes_nothing():
    at = opened()
    assert [t.value for t in at.text] == ["Delete Studio Rossi — 2 links go with it.",
                                          "• L12 lease"]
    assert [b.label for b in at.button] == ["Delete", "Delete it", "Cancel"]
    assert at.session_state.written == []


def test_cancel_writes_nothing_and_closes_the_dialog():
    at = opened()
    at.button(key="demo_cancel").click().run()
    assert at.session_state.written == []
    assert [b.label for b in at.button] == ["Delete"]
    assert not at.exception


def test_confirming_runs_the_write_once_with_the_request_and_closes():
    at = opened()
    at.button(key="demo_confirm").click().run()
    assert at.session_state.written == [7]
    assert [b.label for b in at.button] == ["Delete"]
    at.run()
    assert at.session_state.written == [7]



def refusing_page() -> None:
    import streamlit as st

    from ui.confirm import ask, confirm

    def refused(tenant_id: int) -> None:
        st.error("tenant: refused")

    if st.button("Delete"):
        ask("demo", "Delete it?", tenant_id=7)
    confirm("demo", title="Delete", action="Delete it", run=refused)


def test_a_refused_write_keeps_the_dialog_open_with_the_message():
    at = AppTest.from_function(refusing_page, default_timeout=30).run()
    at.button[0].click().run()
    at.button(key="demo_confirm").click().run()
    assert [e.value for e in at.error] == ["tenant: refused"]
    assert [b.label for b in at.button] == ["Delete", "Delete it", "Cancel"]
