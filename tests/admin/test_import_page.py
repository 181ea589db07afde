"""Admin › Import / export through AppTest: an import that fails after a clean preview, or
stops midway, says that nothing was written, and no progress line claims rows were
imported (a file is imported whole or not at all)."""
from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import func
from sqlmodel import select
from streamlit.delta_generator import DeltaGenerator

from db.engine import reading
from db.models import Space
from hub.admin import transfer
from hub import sites
from tests.admin.test_page import admin_page
from tests.apptest import said
from tests.worlds import write

ROWS = 450          # progress is reported every 200 rows
HEADER = "site,code,name,kind,area_m2,monthly_rent,leasable\n"


def spaces_file(rows: int = ROWS) -> bytes:
    return (HEADER + "".join(f"T,X{n:03d},Lab {n},laboratory,12,300,yes\n"
                             for n in range(rows))).encode()


def space_count() -> int:
    with reading() as session:
        return session.exec(select(func.count()).select_from(Space)).one()


def previewed(data: bytes):
    """Admin › Import / export with the spaces file uploaded and its clean preview shown."""
    at = admin_page()
    at.selectbox(key="admin_import_kind").set_value("spaces").run()
    at.file_uploader(key="admin_import_file_spaces_0").set_value(
        ("new-labs.csv", data, "text/csv"))
    at = at.run()
    assert not at.exception and any("Ready to import" in s.value for s in at.success)
    return at


@pytest.fixture
def progress_texts(monkeypatch):
    """Every text a progress bar showed during the runs (the screen keeps only the last)."""
    shown: list[str] = []
    real = DeltaGenerator.progress

    def progress(self, value, text=None, **options):
        shown.append(text or "")
        return real(self, value, text=text, **options)
    monkeypatch.setattr(DeltaGenerator, "progress", progress)
    return shown


def claims_imported(text: str) -> bool:
    return bool(re.search(r"\bImported \d", text))


def test_an_import_stopped_midway_says_nothing_was_written(base, monkeypatch, progress_texts):
    kind = transfer.KINDS["spaces"]
    calls = {"n": 0}

    def import_row(*arguments):      # the preview goes through every row; the import stops
        calls["n"] += 1
        if calls["n"] > ROWS + 250:
            raise RuntimeError("disk full")
        return kind.import_row(*arguments)
    monkeypatch.setitem(transfer.KINDS, "spaces", dataclasses.replace(kind,
                                                                      import_row=import_row))
    before = space_count()
    at = previewed(spaces_file())
    at = at.button(key="admin_import_run").click().run()
    assert not at.exception
    errors = [error.value for error in at.error]
    assert "The import stopped before its end because of an unexpected error." in errors
    assert any(e.startswith("Nothing was written: a file is imported whole or not at all")
               for e in errors)
    assert "Row 200 of 450 going in; nothing is kept until every row has gone in" in \
        progress_texts
    assert not [text for text in progress_texts if claims_imported(text)]
    assert not at.get("progress")              # no bar left standing on the screen
    assert space_count() == before


def test_an_import_refused_after_a_clean_preview_says_nothing_was_written(base):
    before = space_count()
    at = previewed(spaces_file(3))
    # Meanwhile another manager archives the site: its new spaces are refused now.
    write(sites.archive_site, actor=base["manager"], site_id=base["site"], version=None)
    at = at.button(key="admin_import_run").click().run()
    assert not at.exception
    errors = [error.value for error in at.error]
    assert any("nothing was imported" in e and "line 2" in e for e in errors), errors
    assert any(e.startswith("Nothing was written") for e in errors)
    assert space_count() == before


def test_an_import_says_what_it_wrote_below_the_uploader_which_is_empty_again(base):
    before = space_count()
    at = previewed(spaces_file(3))
    at = next(b for b in at.button if b.label == "Import 3 row(s)").click().run()
    assert not at.exception and space_count() == before + 3
    assert said(at) == ["Imported spaces from new-labs.csv: 3 row(s): 3 new, 0 updated, "
                        "0 unchanged"]
    assert not at.toast
    assert at.file_uploader[0].key == "admin_import_file_spaces_1"     # a new, empty one
