"""The tenants' refusals read in the reader's language, the field's name too: written out
here, so that a sentence missing from the Italian catalog fails (an expectation computed
with _() would pass without one)."""
import pytest

from db.engine import reading
from hub.errors import Invalid
from hub.i18n import speaking
from hub.tenants import listings
from hub.tenants import roster

HTTP_PHOTO = {"bio": "Maiolica.", "photo_url": "http://example.org/giulia.jpg"}


def refusal(check, *args, **kwargs) -> str:
    with pytest.raises(Invalid) as refused:
        check(*args, **kwargs)
    return str(refused.value)


def test_a_listing_refusal_reads_in_italian_with_its_field():
    with speaking("it"):
        assert refusal(listings.check_listing, HTTP_PHOTO) == (
            "URL della foto: l'URL della foto deve iniziare con https:// (il sito web è protetto)")
        assert refusal(listings.check_listing, {"bio": "x" * (listings.MAX_BIO + 1)}) == (
            "biografia: la biografia è di 1501 caratteri; il sito web ne accetta al massimo 1500")


def test_a_listing_refusal_reads_in_english_with_its_field():
    with speaking("en"):
        assert refusal(listings.check_listing, HTTP_PHOTO) == (
            "photo URL: photo URL must start with https:// (the website is secure)")
        assert refusal(listings.check_listing, {"bio": "x" * (listings.MAX_BIO + 1)}) == (
            "bio: bio is 1501 characters; the website takes at most 1500")


def test_a_roster_refusal_reads_in_both_languages(base):
    with reading() as session:
        with speaking("it"):
            assert refusal(roster.retirement, session, tenant_id=999_999,
                           left_on=None) == "artigiano: questo artigiano non esiste"
        with speaking("en"):
            assert refusal(roster.retirement, session, tenant_id=999_999,
                           left_on=None) == "tenant: that tenant does not exist"
