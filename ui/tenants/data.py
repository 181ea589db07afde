"""Cached reads of the Tenants screen: the directory, profiles, listings and figures from hub/."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pandas as pd

from hub.roles import sees_contacts
from hub.tenants import directory, listings
from hub.tenants import figures as tenant_figures
from hub.tenants import roster
from ui.database import cached, reading


@cached(ttl=300)
def load_directory(role: str, chosen: directory.DirectoryFilter, on: date, _actor) -> pd.DataFrame:
    with reading() as session:
        rows = directory.directory(session, actor=_actor, chosen=chosen, today=on)
    frame = pd.DataFrame([asdict(row) for row in rows], columns=list(directory.DirectoryRow.__annotations__))
    return frame if sees_contacts(_actor) else frame.drop(columns=["email", "phone"])


@cached(ttl=300)
def load_choices() -> tuple[list[str], list[str]]:
    with reading() as session:
        return directory.filter_choices(session)


@cached(ttl=120)
def load_profile(role: str, tenant_id: int, _actor):
    with reading() as session:
        return directory.profile(session, actor=_actor, tenant_id=tenant_id)


@cached(ttl=300)
def load_published(site_id) -> list[dict]:
    with reading() as session:
        return listings.published_listings(session, site_id=site_id)


@cached(ttl=300)
def load_to_chase(site_id, on: date) -> pd.DataFrame:
    with reading() as session:
        rows = listings.listings_to_chase(session, site_id=site_id, today=on)
    return pd.DataFrame([asdict(row) for row in rows],
                        columns=["tenant_id", "name", "business", "site", "reason", "updated_at"])


@cached(ttl=300)
def load_figures(site_id, on: date) -> tenant_figures.TenantFigures:
    with reading() as session:
        return tenant_figures.tenant_figures(session, site_id=site_id, today=on)


@cached(ttl=300)
def load_current_tenants(site_id, on: date) -> list[tuple[int, str]]:
    with reading() as session:
        return roster.tenant_choices(session, on=on, site_id=site_id)
