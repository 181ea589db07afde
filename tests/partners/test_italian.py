"""The partner rules' refusals read in the reader's language: the sentence and the field it
names, in Italian for an Italian reader and word for word as before in English."""
from datetime import date, timedelta

import pytest

from hub.errors import Invalid
from hub.i18n import speaking
from hub.partners import organisations

GOOD = {"name": "Museo Novecento", "kind": "institution", "country": "IT", "city": "Firenze"}


def refusal(**values) -> str:
    with pytest.raises(Invalid) as refused:
        organisations.check_partner({**GOOD, **values})
    return str(refused.value)


@pytest.mark.parametrize("values, english, italian", [
    ({"name": "  "}, "name: name is required", "nome: il campo «nome» è obbligatorio"),
    ({"tags": "crafts, <script>"},
     "tags: tag '<script>' must be at most 40 letters, digits, spaces, &, / or -",
     "tag: il tag «<script>» deve avere al massimo 40 caratteri tra lettere, cifre, spazi, "
     "&, / o -"),
    ({"since": date.today() + timedelta(days=1)}, "since: since is in the future",
     "partner dal: la data è nel futuro"),
    ({"country": "XX"},
     "country: country 'XX' is not in the hub's list (use a two-letter code like IT, CN or US)",
     "paese: il paese «XX» non è nell'elenco dell'hub (usa un codice di due lettere come IT, "
     "CN o US)"),
])
def test_a_partner_refusal_reads_in_the_readers_language(values, english, italian):
    with speaking("en"):
        assert refusal(**values) == english
    with speaking("it"):
        assert refusal(**values) == italian


def test_a_contact_refusal_names_its_field_in_italian():
    with speaking("it"), pytest.raises(Invalid) as refused:
        organisations.check_contact({"name": "Lucia Bassi", "phone": "call me"})
    with speaking("it"):      # the field's name is translated when the refusal is shown
        shown = str(refused.value)
    assert shown == ("telefono: il telefono «call me» deve contenere cifre, spazi, + ( ) . / o -, "
                     "da 5 a 40 caratteri")
