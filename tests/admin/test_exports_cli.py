"""python -m db import / export: what export writes, import reads back; a bad file gets one
line per bad row, a non-zero exit and nothing written."""
from __future__ import annotations


import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Partner, Space, Tenant
from db.seed.driver import seed_demo
from tests.test_cli import cli, count




@pytest.fixture
def demo(db_url):
    with writing() as session, session.begin():
        seed_demo(session)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_reads_everything_back(demo, capsys, monkeypatch, tmp_path, suffix):
    for kind in ("spaces", "tenants", "leases", "partners"):
        path = tmp_path / f"{kind}.{suffix}"
        status, out, err = cli(capsys, monkeypatch, "export", kind, str(path))
        assert status == 0, err
        assert out.startswith(f"exported {kind} to {path}")
        audit_before = count(AuditEntry)
        status, out, err = cli(capsys, monkeypatch, "import", kind, str(path))
        assert (status, err) == (0, ""), err
        assert ": 0 new, 0 updated," in out
        assert count(AuditEntry) == audit_before     # nothing changed, nothing logged


def test_import_creates_rows_and_audits_them_as_the_command_line(demo, capsys, monkeypatch,
                                                                 tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text("name,kind,country,city\nMingei Kyoto,gallery_retailer,jp,Kyoto\n"
                    "Atelier Lisboa,school_academy,PT,\n")
    before = count(Partner)
    status, out, _ = cli(capsys, monkeypatch, "import", "partners", str(path))
    assert status == 0
    assert out.strip() == "imported partners from partners.csv: 2 row(s): 2 new, 0 updated, " \
                          "0 unchanged"
    assert count(Partner) == before + 2
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "partners")
                             .order_by(AuditEntry.id.desc())).first()
    assert entry.username == "cli" and entry.action == "create"


def test_bad_rows_get_one_line_each_and_nothing_is_written(demo, capsys, monkeypatch, tmp_path):
    path = tmp_path / "tenants.csv"
    path.write_text("site,name,business,sector,origin_country,joined_on,email\n"
                    "OC,Lia Fabbri,,textile,IT,2025-01-01,lia@example.org\n"
                    "XX,Bea Conti,,textile,IT,2025-01-01,\n"
                    "OC,Eva Pini,,knitting,IT,2025-01-01,\n"
                    "OC,Ada Sala,,textile,IT,someday,\n")
    before = (count(Tenant), count(AuditEntry))
    status, out, err = cli(capsys, monkeypatch, "import", "tenants", str(path))
    assert status == 1 and out == ""
    lines = err.strip().splitlines()
    assert [line.split(":")[1].strip() for line in lines[:3]] == \
        ["tenants.csv, line 3", "tenants.csv, line 4", "tenants.csv, line 5"]
    assert "there is no site with code 'XX'" in lines[0]
    assert "sector" in lines[1]
    assert "joined_on 'someday' is not a date" in lines[2]
    assert lines[3] == "error: 3 bad row(s); nothing was imported"
    assert all(line.startswith("error: ") for line in lines)
    assert (count(Tenant), count(AuditEntry)) == before


@pytest.mark.parametrize("content, message", [
    (b"", "error: spaces.csv is empty: it needs a header line naming the columns"),
    (b"site,code,name,kind\nOC,L99,Caff\xe8,laboratory\n", "error: spaces.csv is not UTF-8 text"),
    (b"sito,codice\n", "error: spaces.csv, line 1 (header): missing column(s): site, code, "
                       "name, kind; unknown column(s): sito, codice"),
])
def test_a_bad_file_is_one_clear_line(demo, capsys, monkeypatch, tmp_path, content, message):
    path = tmp_path / "spaces.csv"
    path.write_bytes(content)
    before = count(Space)
    status, _, err = cli(capsys, monkeypatch, "import", "spaces", str(path))
    assert status == 1
    assert err.startswith(message) and len(err.strip().splitlines()) == 1
    assert count(Space) == before


def test_missing_file_and_unknown_kind(db_url, capsys, monkeypatch, tmp_path):
    status, _, err = cli(capsys, monkeypatch, "import", "spaces", str(tmp_path / "nope.csv"))
    assert status == 1 and err.startswith("error: ") and "nope.csv" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exited:
        cli(capsys, monkeypatch, "export", "rooms", str(tmp_path / "x.csv"))
    assert exited.value.code == 2


def test_export_neutralises_formula_cells(demo, capsys, monkeypatch, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('name,kind,country,notes\n"=cmd|\' /C calc\'!A0",media,IT,@risk\n')
    assert cli(capsys, monkeypatch, "import", "partners", str(source))[0] == 0
    out = tmp_path / "out.csv"
    assert cli(capsys, monkeypatch, "export", "partners", str(out))[0] == 0
    text = out.read_text()
    assert "\"'=cmd|' /C calc'!A0\"" in text or "'=cmd|' /C calc'!A0" in text
    assert ",'@risk" in text
    assert "\n=" not in text and ",=" not in text and ",@" not in text
