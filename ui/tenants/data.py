"""Cached reads of the Tenants screen: the directory, profiles, listings and figures from hub/."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from hub.roles import sees_contacts
from hub.tenants import directory, listings
from hub.tenants import figures as tenant_figures
from hub.tenants import roster
from hub.i18n import N_, _
from ui.database import cached, reading
from ui.format import labeller, money


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


# --- the tables the screen shows: English column names and stored codes in the files, the
# reader's language on screen -----------------------------------------------------------------

COLUMNS = {"name": N_("Name"), "business": N_("Business"), "sector": N_("Sector"),
           "country": N_("Country"), "site": N_("Site"), "residency": N_("Residency"),
           "spaces": N_("Current spaces"), "since": N_("Since"), "left_on": N_("Left"),
           "email": N_("Email"), "phone": N_("Phone")}


def directory_table(frame: pd.DataFrame, *, all_sites: bool) -> pd.DataFrame:
    """The directory as exported: English column names and the stored codes."""
    shown = frame.drop(columns=["id"] + ([] if all_sites else ["site"])
                       + (["left_on"] if frame["left_on"].isna().all() else []))
    return shown.rename(columns=COLUMNS)


def on_screen(shown: pd.DataFrame) -> pd.DataFrame:
    """The exported directory as the screen shows it, in the reader's language."""
    named = shown.copy()
    for column, vocabulary in (("Sector", "sector"), ("Residency", "residency")):
        if column in named:
            named[column] = named[column].map(labeller(vocabulary))
    return named.rename(columns={name: _(name) for name in named.columns})


def stay_table(stays, *, rents: bool) -> pd.DataFrame:
    """A tenant's spaces, current and past; the monthly rent for whoever sees rents."""
    return pd.DataFrame([{_("Space"): s.space, _("Site"): s.site, _("From"): s.starts_on,
                          _("Until"): s.ends_on,
                          **({_("Monthly rent"): money(s.monthly_rent)} if rents else {})}
                         for s in stays])


def listing_file(published: list[dict]) -> pd.DataFrame:
    """The published listings as the website's CSV holds them (keywords joined)."""
    exports = pd.DataFrame(published, columns=listings.PUBLIC_FIELDS)
    exports["keywords"] = exports["keywords"].map(lambda words: ", ".join(words))
    return exports


def public_listing_table(exports: pd.DataFrame) -> pd.DataFrame:
    """What a viewer sees of the published listings."""
    public = exports[["name", "business", "sector", "site", "website", "updated_on"]].copy()
    public["sector"] = public["sector"].map(labeller("sector"))
    return public.rename(columns={
        "name": _("Name"), "business": _("Business"), "sector": _("Sector"), "site": _("Site"),
        "website": _("Website"), "updated_on": _("Updated on")})


def chase_table(chase: pd.DataFrame) -> pd.DataFrame:
    return chase.drop(columns=["tenant_id"]).rename(columns={
        "name": _("Name"), "business": _("Business"), "site": _("Site"), "reason": _("Why"),
        "updated_at": _("Last updated")})


@dataclass(frozen=True)
class IndicatorFrames:
    sectors: pd.DataFrame
    origins: pd.DataFrame
    groups: pd.DataFrame
    years: pd.DataFrame


def indicator_frames(figures) -> IndicatorFrames:
    """The Indicators tab's figures as the charts take them."""
    groups = figures.groups
    shares = pd.DataFrame(
        [{"group": _(name), "tenants": count, "share": groups.share(count) or 0.0}
         for name, count in ((N_("Young entrepreneurs"), groups.young),
                             (N_("Female-led"), groups.female_led),
                             (N_("Start-ups"), groups.startup))])
    return IndicatorFrames(
        sectors=pd.DataFrame(figures.sectors, columns=["sector", "tenants"]),
        origins=pd.DataFrame(figures.origins, columns=["origin", "tenants", "share"]),
        groups=shares,
        years=pd.DataFrame(figures.years, columns=["year", "residency", "tenants"]))
