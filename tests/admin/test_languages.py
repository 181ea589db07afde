"""Admin's refusals in the reader's language: a password that is not repeated right (the field
named too), failed sign-ins counted down and paused, and an import's bad row and bad file — in
Italian under speaking("it"), and in English as before. An import names the file's own column,
untranslated."""
from __future__ import annotations

from datetime import timedelta

import pytest

from db.engine import reading, writing
from db.models import utcnow
from hub.admin import sign_in, transfer, users
from hub.errors import Invalid
from hub.i18n import speaking
from tests.admin.test_import_rules import preview


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


@pytest.mark.parametrize("language, sentence", [
    ("it", "ripeti la password: le due password non coincidono"),
    ("en", "repeat password: the two passwords do not match")])
def test_a_password_repeated_wrong_is_refused_naming_the_field(language, sentence):
    with speaking(language), pytest.raises(Invalid) as refused:
        users.check_password("A-Good-Password-1", "A-Good-Password-2")
    with speaking(language):
        assert str(refused.value) == sentence


@pytest.mark.parametrize("language, sentences", [
    ("it", ["nome utente o password errati; ancora 2 accessi falliti con questo nome utente da "
            "questo indirizzo e l'accesso con questo nome da qui viene sospeso per 15 minuti",
            "nome utente o password errati; ancora 1 accesso fallito con questo nome utente da "
            "questo indirizzo e l'accesso con questo nome da qui viene sospeso per 15 minuti",
            "troppi accessi falliti con questo nome utente da questo indirizzo; riprova tra "
            "15 minuti"]),
    ("en", ["username or password is incorrect; 2 more failures with this username from this "
            "address pause signing in with it here for 15 minutes",
            "username or password is incorrect; 1 more failure with this username from this "
            "address pauses signing in with it here for 15 minutes",
            "too many failed sign-ins with this username from this address; try again in "
            "15 minutes"])])
def test_failed_sign_ins_count_down_then_pause_in_the_readers_language(db_url, language,
                                                                       sentences):
    now = utcnow()
    with speaking(language):
        told = [write(sign_in.record_failed_sign_in, username="ada", address="203.0.113.7",
                      now=now) for _ in range(5)]
    assert told[2:] == sentences


@pytest.mark.parametrize("language, sentence", [
    ("it", "troppi accessi falliti da questo indirizzo; riprova tra 1 minuto"),
    ("en", "too many failed sign-ins from this address; try again in 1 minute")])
def test_a_paused_address_is_told_when_to_try_again(db_url, language, sentence):
    start = utcnow()
    for number in range(sign_in.ADDRESS_LIMIT):
        write(sign_in.record_failed_sign_in, username=f"guess{number}", address="203.0.113.7",
              now=start)
    with speaking(language), reading() as session:
        assert sign_in.failure_message(session, username="ada", address="203.0.113.7",
                                       now=start + timedelta(minutes=14, seconds=10)) == sentence


@pytest.mark.parametrize("language, errors", [
    ("it", ["riga 2: site: non c'è nessuna sede con codice 'ZZ' (quelle note: T)"]),
    ("en", ["line 2: site: there is no site with code 'ZZ' (known: T)"])])
def test_an_import_row_is_refused_in_the_readers_language_naming_the_files_column(
        base, language, errors):
    data = b"site,code,name,kind\nZZ,L9,Lab 9,laboratory\n"
    with speaking(language):
        outcome = preview(base["manager"], transfer.KINDS["spaces"], data, "labs.csv")
        assert outcome.errors == errors
        assert outcome.problems == [(2, errors[0].split(": ", 1)[1])]


@pytest.mark.parametrize("language, sentence", [
    ("it", "labs.csv, riga 1 (intestazione): colonne mancanti: code, name, kind. Un file spaces "
           "ha le colonne site, code, name, kind, floor, area_m2, capacity, equipment, "
           "monthly_rent, hourly_rate, daily_rate, leasable, bookable, active, opened_on "
           "(scarica il modello)"),
    ("en", "labs.csv, line 1 (header): missing column(s): code, name, kind. A spaces file has "
           "the columns site, code, name, kind, floor, area_m2, capacity, equipment, "
           "monthly_rent, hourly_rate, daily_rate, leasable, bookable, active, opened_on "
           "(download the template)")])
def test_a_file_missing_columns_is_refused_in_the_readers_language(base, language, sentence):
    with speaking(language), pytest.raises(transfer.FileRefused) as refused:
        preview(base["manager"], transfer.KINDS["spaces"], b"site\nT\n", "labs.csv")
    assert str(refused.value) == sentence
