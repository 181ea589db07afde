"""Admin › Import / export: templates, an upload with a preview of every bad row, the
import itself (all rows or none) with a progress bar, and exports of every kind."""
from __future__ import annotations

import hashlib
import logging
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from db.models import User
from hub.admin import transfer
from hub.errors import Refused
from hub.i18n import _, ngettext
from ui.database import reading, save
from ui.format import as_text, number

log = logging.getLogger("bottega")
IMPORTED = "admin_imported"     # what the last import wrote, said below the uploader
MIME = {"csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _kind_label(name: str) -> str:
    kind = transfer.imported()[name]
    if kind.available():
        return _(kind.title)
    return _("{kind} (not available yet)").format(kind=_(kind.title))


def _progress(bar, sentence):
    """`sentence(total)` names {done} and {total}: "Checked {done} of {total} rows"."""
    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1),
                     text=sentence(total).format(done=number(done), total=number(total)))
    return report


def _checked(total: int) -> str:
    return ngettext("Checked {done} of {total} row", "Checked {done} of {total} rows", total)


def _going_in(total: int) -> str:
    """While an import runs nothing is kept yet (all rows or none): say so, not "imported"."""
    return ngettext("Row {done} of {total} going in; nothing is kept until every row has "
                    "gone in", "Row {done} of {total} going in; nothing is kept until every "
                    "row has gone in", total)


def _templates(kind: transfer.Kind) -> None:
    # The column names are the file's: they stay as the template writes them.
    if kind.name in transfer.BILLING:      # booked once each: no row updates a record
        st.caption(_("Columns: {columns}. Required: {required}. {notes}").format(
            columns=", ".join(kind.columns), required=", ".join(kind.required),
            notes=_(kind.notes)))
    else:
        st.caption(_("Columns: {columns}. Required: {required}. A row with the same {key} as a "
                     "record updates it; any other row adds one. {notes}").format(
            columns=", ".join(kind.columns), required=", ".join(kind.required),
            key=" + ".join(kind.key), notes=_(kind.notes)))
    left, right, __ = st.columns([1, 1, 2])
    with reading() as session:
        site_code = transfer.example_site(session)
    for column, file_format in ((left, "csv"), (right, "xlsx")):
        column.download_button(
            _("Template ({format})").format(format=file_format.upper()),
            transfer.template(kind, file_format, site_code=site_code),
            file_name=f"bottega-{kind.name}-template.{file_format}", mime=MIME[file_format],
            key=f"admin_template_{kind.name}_{file_format}", icon=":material/download:",
            on_click="ignore")


def _check(user: User, kind: transfer.Kind, data: bytes, name: str):
    """The preview: an Outcome, or the sentence saying why the file cannot be read."""
    bar = st.progress(0.0, text=_("Checking the file…"))
    try:
        with reading() as session, session.begin():
            return transfer.check_file(session, actor=user, kind=kind, data=data,
                                       file_name=name,
                                       progress=_progress(bar, _checked))
    except Refused as refusal:
        return str(refusal)
    except SQLAlchemyError:
        log.exception("import preview failed")
        return _("The database is busy or unavailable right now; try again in a moment.")
    finally:
        bar.empty()


def _preview(user: User, kind: transfer.Kind, upload) -> tuple[bytes, object]:
    data = upload.getvalue()
    key = ("admin_preview", kind.name, upload.name, hashlib.sha256(data).hexdigest())
    if st.session_state.get("admin_preview_key") != key:
        st.session_state["admin_preview"] = _check(user, kind, data, upload.name)
        st.session_state["admin_preview_key"] = key
    return data, st.session_state["admin_preview"]


def _show(outcome) -> bool:
    """Show the preview; True when the file can be imported."""
    if isinstance(outcome, str):
        st.error(as_text(outcome), icon=":material/block:")
        return False
    if outcome.errors:
        st.error(ngettext("{bad} of {rows} row(s) cannot be imported; fix them and upload the "
                          "file again. Nothing has been imported.",
                          "{bad} of {rows} row(s) cannot be imported; fix them and upload the "
                          "file again. Nothing has been imported.", outcome.bad_rows).format(
            bad=number(outcome.bad_rows), rows=number(outcome.rows)),
            icon=":material/block:")
        st.dataframe(pd.DataFrame({_("Line"): [line for line, problem in outcome.problems],
                                   _("Problem"): [problem for line, problem in outcome.problems]}),
                     hide_index=True, width="stretch")
        return False
    st.success(_("Ready to import: {summary}.").format(summary=outcome.summary()),
               icon=":material/check_circle:")
    return True


def _import(user: User, kind: transfer.Kind, upload) -> None:
    upload_data, outcome = _preview(user, kind, upload)
    if not _show(outcome) or not outcome.rows:
        return
    if st.button(ngettext("Import {rows} row(s)", "Import {rows} row(s)", outcome.rows).format(
            rows=number(outcome.rows)), type="primary", key="admin_import_run"):
        done = _run_import(user, kind, upload_data, upload.name)
        if done is None:
            st.error(_("Nothing was written: a file is imported whole or not at all. Fix what "
                       "is said above and import it again."), icon=":material/block:")
        else:
            st.session_state.pop("admin_preview_key", None)
            # A new uploader key empties it, so the imported file is not offered again.
            st.session_state["admin_upload_round"] = st.session_state.get("admin_upload_round",
                                                                          0) + 1
            # Said where the person is, below the uploader, on the run that empties it.
            st.session_state[IMPORTED] = _("Imported {kind} from {file}: {summary}").format(
                kind=_(kind.title).lower(), file=upload.name, summary=done.summary())
            st.rerun()


def _run_import(user: User, kind: transfer.Kind, data: bytes, name: str):
    """The import's Outcome, or None when it was refused or stopped (then nothing is kept)."""
    bar = st.progress(0.0, text=_("Importing… nothing is kept until every row has gone in"))
    try:
        return save(transfer.import_file, actor=user, kind=kind, data=data, file_name=name,
                    progress=_progress(bar, _going_in))
    except Exception:     # whatever stopped it, its transaction wrote nothing
        log.exception("import of %s stopped", name)
        st.error(_("The import stopped before its end because of an unexpected error."),
                 icon=":material/error:")
        return None
    finally:
        bar.empty()


def _exports(user: User) -> None:
    st.markdown("**{}**".format(_("Export")))
    st.caption(_("Every record of a kind, in the columns its import reads back. Cells that a "
                 "spreadsheet would run as a formula (= + - @) start with an apostrophe."))
    stamp = date.today().isoformat()
    for name, kind in transfer.exported().items():
        columns = st.columns([2, 1, 1])
        columns[0].markdown(_(kind.title))
        for column, file_format in ((columns[1], "csv"), (columns[2], "xlsx")):
            def build(kind=kind, file_format=file_format) -> bytes:
                with reading() as session:
                    return transfer.export_file(session, actor=user, kind=kind,
                                                file_format=file_format)
            column.download_button(
                file_format.upper(), build, file_name=f"bottega-{name}-{stamp}.{file_format}",
                mime=MIME[file_format], key=f"admin_export_{name}_{file_format}",
                icon=":material/download:", on_click="ignore")


def render(user: User) -> None:
    kinds = {name: _kind_label(name) for name in transfer.imported()}   # made during the run
    name = st.selectbox(_("What to import"), list(kinds), format_func=kinds.get,

                        key="admin_import_kind")
    kind = transfer.imported()[name]
    _templates(kind)
    if not kind.available():
        st.info(_("Importing {kind} arrives with the screen that edits them.").format(
            kind=_(kind.title).lower()))
    else:
        round_ = st.session_state.get("admin_upload_round", 0)
        upload = st.file_uploader(_("Upload a CSV or XLSX file"), type=["csv", "xlsx"],

                                  key=f"admin_import_file_{name}_{round_}")
        if said := st.session_state.pop(IMPORTED, None):
            st.success(as_text(said), icon=":material/check_circle:")
        if upload is not None:
            _import(user, kind, upload)
    st.divider()
    _exports(user)
