"""The published tenant listings as the website reads them: the Tenants screen's export
(hub.tenants.listings.published_listings), the same fields, as JSON rows or CSV."""
from __future__ import annotations

from sqlmodel import Session

from hub import sheets
from hub.tenants.listings import PUBLIC_FIELDS, published_listings

CSV_FIELDS = tuple(field for field in PUBLIC_FIELDS if field != "bio_html")


def listing_rows(session: Session, *, site_id: int) -> list[dict]:
    """What listings.json holds: the screen's JSON export for the site."""
    return published_listings(session, site_id=site_id)


def csv_text(rows: list[dict], fields: tuple[str, ...]) -> str:
    """The CSV file every download is (hub.sheets: a byte-order mark, CRLF rows, formula-like
    text neutralised), as text; keywords joined by commas."""
    return sheets.csv_text(list(fields), ([_cell(row.get(field)) for field in fields]
                                          for row in rows))


def _cell(value):
    return ", ".join(str(part) for part in value) if isinstance(value, list) else value


def listings_csv(session: Session, *, site_id: int) -> str:
    """What listings.csv holds: the screen's CSV export (keywords joined, no bio HTML)."""
    return csv_text(listing_rows(session, site_id=site_id), CSV_FIELDS)
