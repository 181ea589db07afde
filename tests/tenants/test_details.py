"""Details mutation testing found unguarded: a saved listing is stamped with when it was
saved (so it is no longer one to chase), and the directory names countries."""
from datetime import date, timedelta

from sqlmodel import select

from db.engine import reading
from db.models import TenantListing, utcnow
from hub.tenants import directory, listings
from hub.tenants.directory import DirectoryFilter
from tests.worlds import read, write


def test_a_saved_listing_is_stamped_and_so_no_longer_to_chase(base):
    write(listings.edit_listing, actor=base["communication"], tenant_id=base["giulia"],
          version=None, bio="Ceramics on the wheel, since 2016.")
    with reading() as session:
        listing = session.exec(select(TenantListing).where(
            TenantListing.tenant_id == base["giulia"])).one()
    assert listing.updated_by == "carla"
    assert abs(listing.updated_at.replace(tzinfo=None)
               - utcnow().replace(tzinfo=None)) < timedelta(minutes=5)
    chased = read(listings.listings_to_chase, site_id=base["site"], today=date.today())
    assert [row.name for row in chased] == ["Aiko Tanaka"]  # Giulia's listing is fresh


def test_the_directory_names_the_country_of_origin(base):
    rows = read(directory.directory, actor=base["viewer"], chosen=DirectoryFilter(),
                today=date.today())
    assert [(row.name, row.country) for row in rows] == [("Aiko Tanaka", "Italy"),
                                                        ("Giulia Neri", "Italy")]
