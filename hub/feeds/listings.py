"""The published tenant listings as the website reads them: the Tenants screen's export
(hub.tenants.listings.published_listings), the same fields, as JSON rows or CSV."""
from __future__ import annotations

import csv
import io

from sqlmodel import Session

from hub.cells import neutralise
from hub.tenants.listings import PUBLIC_FIELDS, published_listings

CSV_FIELDS = tuple(field for field in PUBLIC_FIELDS if field != "bio_html")


def listing_rows(session: Session, *, site_id: int) -> list[dict]:
    """What listings.json holds: the screen's JSON export for the site."""
    return published_listings(session, site_id=site_id)


def csv_text(rows: list[dict], fields: tuple[str, ...]) -> str:
    """CRLF rows (a carriage return inside a cell stays quoted); text that a spreadsheet
    would run as a formula gets an apostrophe first, as the screens' CSV files do."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({field: neutralise(_cell(row.get(field))) for field in fields})
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return value if isinstance(value, str) else str(value)


def listings_csv(session: Session, *, site_id: int) -> str:
    """What listings.csv holds: the screen's CSV export (keywords joined, no bio HTML)."""
    return csv_text(listing_rows(session, site_id=site_id), CSV_FIELDS)
