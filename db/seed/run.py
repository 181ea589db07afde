"""What the steps of one scale run share: the plan of hub copies (ScaleSite, scale_plan) and
the run itself (ScaleRun: session, the copies, today, progress, batched Core inserts). The
area modules fill their rows through it; db/seed/driver.py runs the steps."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import insert
from sqlmodel import Session, SQLModel

from db.seed.sites import HUBS, HubTemplate

BATCH_SIZE = 10_000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ScaleSite:
    """One copy of a hub in the scale network, e.g. "Officina Creativa Bologna 7" (OC7)."""
    hub: HubTemplate
    number: int
    city: str
    country: str
    id: int | None = None  # known once the sites step has inserted it

    @property
    def code(self) -> str:
        return f"{self.hub.code}{self.number}"

    @property
    def name(self) -> str:
        return f"{self.hub.name} {self.city} {self.number}"


def scale_plan(factor: int) -> list[ScaleSite]:
    """The copies a network of `factor` times the demo holds: OC1, ON1, OC2, ON2, …"""
    return [ScaleSite(hub, number, *hub.cities[(number - 1) % len(hub.cities)])
            for number in range(1, factor + 1) for hub in HUBS]


@dataclass
class ScaleRun:
    """What the steps of one `seed_scale` call share."""
    session: Session
    sites: list[ScaleSite]  # the copies this run adds; later steps fill only these
    today: date
    progress: Progress | None
    step: str = ""

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, time(), UTC)  # not the clock: same day, same rows

    def insert(self, model: type[SQLModel], rows: Iterable[dict],
               total: int | Callable[[], int]) -> int:
        """Bulk-insert `rows` (all with the same keys) in batches, reporting progress.
        `total` may be a function, for rows whose number is known only as they come."""
        done = 0
        for batch in _batches(rows, BATCH_SIZE):
            self.session.exec(insert(model.__table__), params=batch)
            done += len(batch)
            if self.progress:
                self.progress(self.step, done, total() if callable(total) else total)
        return done


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
