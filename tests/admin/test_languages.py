"""Admin's refusals in the reader's language: a password that is not repeated right (the field
named too), the sign-in lockout, and an import's bad row and bad file — in Italian under
speaking("it"), and in English as before. An import names the file's own column, untranslated."""
from __future__ import annotations

from datetime import timedelta

import pytest

from db.models import User, utcnow
from hub.admin import transfer, users
from hub.errors import Invalid
from hub.i18n import speaking
from tests.admin.test_import_rules import preview


@pytest.mark.parametrize("language, sentence", [
    ("it", "ripeti la password: le due password non coincidono"),
    ("en", "repeat password: the two passwords do not match")])
def test_a_password_repeated_wrong_is_refused_naming_the_field(language, sentence):
    with speaking(language), pytest.raises(Invalid) as refused:
        users.check_password("A-Good-Password-1", "A-Good-Password-2")
    with speaking(language):
        assert str(refused.value) == sentence


@pytest.mark.parametrize("language, sentence", [
    ("it", "questo account è bloccato per 15 minuti dopo 5 accessi falliti; riprova tra 3 "
           "minuti o chiedi a un project manager di sbloccarlo"),
    ("en", "this account is locked for 15 minutes after 5 failed sign-ins; try again in 3 "
           "minute(s) or ask a manager to unlock it")])
def test_a_locked_account_is_told_when_to_try_again(language, sentence):
    now = utcnow()
    locked = User(username="ada", name="Ada", email="", password_hash="", role="viewer",
                  active=True, locked_until=now + timedelta(minutes=3))
    with speaking(language):
        assert users.sign_in_refusal(locked, now) == sentence


@pytest.mark.parametrize("language, errors", [
    ("it", ["riga 2: site: non c'è nessuna sede con codice 'ZZ' (quelle note: T)"]),
    ("en", ["line 2: site: there is no site with code 'ZZ' (known: T)"])])
def test_an_import_row_is_refused_in_the_readers_language_naming_the_files_column(
        hub, language, errors):
    data = b"site,code,name,kind\nZZ,L9,Lab 9,laboratory\n"
    with speaking(language):
        outcome = preview(hub["manager"], transfer.KINDS["spaces"], data, "labs.csv")
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
def test_a_file_missing_columns_is_refused_in_the_readers_language(hub, language, sentence):
    with speaking(language), pytest.raises(transfer.FileRefused) as refused:
        preview(hub["manager"], transfer.KINDS["spaces"], b"site\nT\n", "labs.csv")
    assert str(refused.value) == sentence
