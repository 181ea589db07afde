"""python -m db: clear one-line errors, non-zero exit, nothing written on bad input."""
import io
import os
import subprocess
import sys

import pytest
from sqlmodel import func, select

from db.__main__ import main
from db.engine import reading
from db.models import AuditEntry, Site, Space, Tenant, User
from hub.admin import users
from tests.conftest import PASSWORD, ROOT


def cli(capsys, monkeypatch, *args, stdin=PASSWORD + "\n"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def count(model):
    with reading() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_add_user_reads_the_password_from_stdin_and_can_sign_in(db_url, capsys, monkeypatch):
    status, out, _ = cli(capsys, monkeypatch, "add-user", "Ada", "--role", "manager",
                         "--name", "Ada Rossi", "--email", "ada@example.org")
    assert (status, out.strip()) == (0, "added ada (manager)")
    with reading() as session:
        ada = users.find_user(session, "ada")
    assert users.bcrypt.checkpw(PASSWORD.encode(), ada.password_hash.encode())


@pytest.mark.parametrize("args, language", [([], "en"), (["--language", "it"], "it")])
def test_add_user_takes_the_language_or_bottega_languages(db_url, capsys, monkeypatch, args,
                                                          language):
    status, _, _ = cli(capsys, monkeypatch, "add-user", "ada", "--role", "viewer", "--name",
                       "Ada", "--email", "ada@example.org", *args)
    assert status == 0
    with reading() as session:
        assert users.find_user(session, "ada").language == language


def test_the_command_line_speaks_bottega_language(db_url, capsys, monkeypatch):
    """A refusal in Italian when BOTTEGA_LANGUAGE=it, the field's name too."""
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "it")
    status, _, err = cli(capsys, monkeypatch, "add-user", "ada", "--role", "viewer",
                         "--name", " ", "--email", "ada@example.org")
    assert (status, err.strip()) == (1, "error: nome: il nome è obbligatorio")
    assert count(User) == 0


def test_an_unknown_language_is_refused_by_the_parser(db_url, capsys, monkeypatch):
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, monkeypatch, "add-user", "ada", "--role", "viewer", "--name", "A",
            "--email", "a@example.org", "--language", "fr")
    assert exit_.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err
    assert count(User) == 0


@pytest.mark.parametrize("args, stdin, message", [
    (["--role", "viewer", "--email", "x@example.org", "--name", "X"], "short\n",
     "error: password: password must be at least 10 characters"),
    (["--role", "viewer", "--email", "not-an-email", "--name", "X"], PASSWORD + "\n",
     "error: email: email 'not-an-email' is not a valid address"),
    (["--role", "viewer", "--email", "x@example.org", "--name", " "], PASSWORD + "\n",
     "error: name: name is required"),
])
def test_add_user_bad_input_is_one_line_and_writes_nothing(db_url, capsys, monkeypatch, args,
                                                           stdin, message):
    status, _, err = cli(capsys, monkeypatch, "add-user", "newbie", *args, stdin=stdin)
    assert status == 1
    assert err.strip().splitlines() == [err.strip()] and err.strip().startswith(message)
    assert count(User) == 0 and count(AuditEntry) == 0


def test_duplicate_username_refused(db_url, capsys, monkeypatch, make_user):
    make_user("ada", "manager")
    status, _, err = cli(capsys, monkeypatch, "add-user", "ada", "--role", "viewer",
                         "--name", "Other", "--email", "o@example.org")
    assert (status, err.strip()) == (1, "error: username: username 'ada' is already taken")
    assert count(User) == 1


def test_unknown_role_is_refused_by_the_parser(db_url, capsys, monkeypatch):
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, monkeypatch, "add-user", "ada", "--role", "owner", "--name", "A",
            "--email", "a@example.org")
    assert exit_.value.code == 2
    assert "invalid choice: 'owner'" in capsys.readouterr().err
    assert count(User) == 0


def test_account_commands(db_url, capsys, monkeypatch, make_user):
    make_user("boss", "manager")
    make_user("ada", "viewer")
    assert cli(capsys, monkeypatch, "set-role", "ada", "--role", "communication")[1] == \
        "ada is now communication\n"
    assert cli(capsys, monkeypatch, "deactivate", "ada")[1] == "deactivated ada\n"
    assert cli(capsys, monkeypatch, "reactivate", "ada")[1] == "reactivated ada\n"
    assert cli(capsys, monkeypatch, "unlock", "ada")[1] == "unlocked ada\n"
    status, _, err = cli(capsys, monkeypatch, "deactivate", "boss")
    assert status == 1 and "last active manager" in err
    status, _, err = cli(capsys, monkeypatch, "unlock", "ghost")
    assert (status, err.strip()) == (1, "error: username: there is no user 'ghost'")


def test_seed_demo_is_idempotent(db_url, capsys, monkeypatch):
    status, out, _ = cli(capsys, monkeypatch, "seed-demo")
    assert status == 0 and "2 sites" in out
    before = (count(Site), count(Space), count(Tenant))
    status, out, _ = cli(capsys, monkeypatch, "seed-demo")
    assert "already present, nothing added" in out
    assert (count(Site), count(Space), count(Tenant)) == before


def test_seed_scale_refuses_a_bad_factor(db_url, capsys, monkeypatch):
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, monkeypatch, "seed-scale", "--factor", "0")
    assert exit_.value.code == 2
    assert "--factor must be a whole number of at least 1" in capsys.readouterr().err
    assert count(Site) == 0


def test_a_real_process_exits_non_zero_with_one_line(db_url):
    """Through the real entry point: the password arrives on a pipe, the error on stderr."""
    result = subprocess.run([sys.executable, "-m", "db", "add-user", "ada", "--role", "viewer",
                             "--name", "Ada", "--email", "ada@example.org"],
                            input="too-short\n", capture_output=True, text=True, cwd=ROOT,
                            env=os.environ | {"DATABASE_URL": db_url})
    assert result.returncode == 1
    assert result.stderr == "error: password: password must be at least 10 characters\n"


def test_an_unreachable_database_is_one_line_without_the_password(capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bottega:s3cret@127.0.0.1:1/none")
    status, _, err = cli(capsys, monkeypatch, "migrate")
    assert status == 1
    assert err.startswith("error: database postgresql+psycopg://bottega:***@127.0.0.1:1/none")
    assert "s3cret" not in err and len(err.strip().splitlines()) == 1


def test_add_site_makes_a_site_with_its_hours_and_audits_it(db_url, capsys, monkeypatch):
    status, out, _ = cli(capsys, monkeypatch, "add-site", "on", "--name", "Officine Nora",
                         "--city", "Florence", "--area", "420", "--address", "Via dei Serragli 104",
                         "--opens", "9:00", "--closes", "19:00", "--days", "Mon-Fri",
                         "--budget", "6000")
    assert (status, out.strip()) == (0, "added site ON (Officine Nora, Florence); open "
                                        "Mon Tue Wed Thu Fri 09:00–19:00")
    with reading() as session:
        site = session.exec(select(Site)).one()
        entry = session.exec(select(AuditEntry)).one()
    assert (site.total_area_m2, site.timezone, site.address) == (420.0, "Europe/Rome",
                                                                "Via dei Serragli 104")
    assert site.building_budget == 6000
    assert (entry.action, entry.entity, entry.username) == ("create", "sites", "cli")


@pytest.mark.parametrize("extra, message", [
    (["--country", "Atlantis"], "error: country: country 'Atlantis' is not in the list"),
    (["--area", "-3"], "error: total area: total area must be between 0"),
    (["--opens", "nine"], "error: --opens: --opens 'nine' is not a time of day like 08:30"),
    (["--days", "Someday"], "error: --days: --days: 'Someday' is not a weekday"),
    (["--timezone", "Italy/Florence"], "error: time zone: time zone 'Italy/Florence' is unknown"),
    (["--budget", "-10"], "error: building_budget: building budget cannot be negative"),
])
def test_add_site_bad_input_is_one_line_and_writes_nothing(db_url, capsys, monkeypatch, extra,
                                                           message):
    status, out, err = cli(capsys, monkeypatch, "add-site", "ON", "--name", "Officine Nora",
                           "--city", "Florence", *extra)
    assert status == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err
    assert count(Site) == 0 and count(AuditEntry) == 0


def test_import_and_export_of_sites_from_the_command_line(db_url, capsys, monkeypatch, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("code,name,city\nON,Officine Nora,Florence\nOC,Officina Creativa,Florence\n")
    status, out, _ = cli(capsys, monkeypatch, "import", "sites", str(path))
    assert (status, out.strip()) == (0, "imported sites from sites.csv: 2 row(s): 2 new, "
                                        "0 updated, 0 unchanged")
    status, _, _ = cli(capsys, monkeypatch, "export", "sites", str(tmp_path / "out.csv"))
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert status == 0 and [line.split(",")[0] for line in lines] == ["code", "OC", "ON"]
