"""Record pickers choose by id (ui.widgets.record_picker): the record chosen stays chosen when
another person renames it meanwhile, and one removed meanwhile is said and never replaced by
its neighbour (a save would land on another record)."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

GONE = "What you chose here is no longer there"


def page() -> None:
    from types import SimpleNamespace

    import streamlit as st

    from ui.widgets import record_picker

    rows = [SimpleNamespace(id=record_id, name=name)
            for record_id, name in st.session_state.get("rows", [(1, "Ada"), (2, "Bruno")])]
    chosen = record_picker("Tenant", rows, key="pick", name_of=lambda row: row.name, index=0)
    st.write(f"chosen: {chosen.id if chosen else 'none'}")


def chosen(at: AppTest) -> str:
    return at.markdown[-1].value


def test_a_record_chosen_stays_chosen_when_renamed_and_is_said_when_removed():
    at = AppTest.from_function(page, default_timeout=30).run()
    assert chosen(at) == "chosen: 1"                    # the default, index 0
    at.selectbox(key="pick").select(2).run()
    assert chosen(at) == "chosen: 2"
    at.session_state["rows"] = [(1, "Ada"), (2, "Bruno Rossi")]       # renamed meanwhile
    at.run()
    assert chosen(at) == "chosen: 2" and not at.warning
    at.session_state["rows"] = [(1, "Ada"), (3, "Carla")]             # removed meanwhile
    at.run()
    assert chosen(at) == "chosen: none"
    assert [GONE in warning.value for warning in at.warning] == [True]
    at.selectbox(key="pick").select(3).run()                          # chosen again
    assert chosen(at) == "chosen: 3" and not at.warning


def test_labels_of_reads_the_run_s_labels_and_formats_an_unknown_option_as_itself():
    from ui.widgets import labels_of
    by_code = labels_of({"lab": "Laboratorio"})
    assert (by_code("lab"), by_code("bench")) == ("Laboratorio", "bench")
    by_index = labels_of(["lun", "mar"])
    assert (by_index(1), by_index(7), by_index("x")) == ("mar", "7", "x")
