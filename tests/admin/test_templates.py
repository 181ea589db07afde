"""Import templates name the hub's own site, never the demo's: a new hub that fills in the
spaces template imports its example row as it is, into its own first site."""
from __future__ import annotations

import csv
import io

from db.engine import reading
from hub.admin import transfer
from hub import sites
from tests.worlds import write

DEMO_WORDS = ("OC", "ON", "Officina Creativa", "Officine Nora")


def example_rows(site_code) -> dict[str, dict[str, str]]:
    rows = {}
    for name, kind in transfer.KINDS.items():
        text = transfer.template(kind, "csv", site_code=site_code).decode("utf-8-sig")
        header, example = csv.reader(io.StringIO(text))
        rows[name] = dict(zip(header, example))
    return rows


def first_site_code() -> str | None:
    with reading() as session:
        return transfer.example_site(session)


def test_every_template_names_the_hubs_first_site(base, second_site):
    assert first_site_code() == "T"
    rows = example_rows(first_site_code())
    named = {name: row["site"] for name, row in rows.items() if "site" in row}
    assert named == dict.fromkeys(["spaces", "tenants", "leases", "bookings", "programme",
                                   "sessions", "enrolments", "links"], "T")
    for name, row in rows.items():
        assert not set(DEMO_WORDS) & set(row.values()), (name, row)


def test_a_hub_without_a_site_gets_a_placeholder(db_url):
    assert first_site_code() is None
    assert example_rows(None)["spaces"]["site"] == "SITE"


def test_an_archived_first_site_is_not_offered(base, second_site):
    write(sites.archive_site, actor=base["manager"], site_id=base["site"], version=None)
    assert first_site_code() == "S"
