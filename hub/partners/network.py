"""The network graph: partners in the middle, the tenants they work with on the left, the
programme items they take part in on the right.

The layout is computed here, deterministically: three columns, each ordered by the mean
position of its neighbours (a few barycentre sweeps), which keeps crossings few and labels
readable. The graph is capped to the most-linked partners so it stays drawable.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, literal, union_all
from sqlmodel import Session, select

from db.models import Partner, PartnerItemLink, PartnerTenantLink, ProgrammeItem, Tenant
from hub.partners.directory import filtered, PartnerFilter

COLUMNS = {"tenant": 0.0, "partner": 1.0, "item": 2.0}
SWEEPS = 4


@dataclass(frozen=True)
class Node:
    key: str        # "p12", "t5", "i3"
    kind: str       # partner, tenant, item
    label: str
    x: float
    y: float        # 0 (top) .. 1 (bottom)
    links: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str       # the link's kind or role
    x: float
    y: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    partners_shown: int
    partners_linked: int    # partners with at least one link, under the filter

    @property
    def capped(self) -> bool:
        return self.partners_shown < self.partners_linked


def _link_rows():
    tenant = select(PartnerTenantLink.partner_id.label("partner_id"),
                    literal("t").label("side"), PartnerTenantLink.tenant_id.label("other"),
                    PartnerTenantLink.kind.label("kind"))
    item = select(PartnerItemLink.partner_id, literal("i"), PartnerItemLink.item_id,
                  PartnerItemLink.role)
    return union_all(tenant, item).subquery()


def _most_linked(session: Session, links, partner_filter, cap: int) -> tuple[list, int]:
    degree = (select(links.c.partner_id, func.count().label("n"))
              .group_by(links.c.partner_id).subquery())
    query = filtered(select(Partner.id, Partner.name, degree.c.n)
                     .join(degree, degree.c.partner_id == Partner.id), partner_filter)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    top = session.exec(query.order_by(degree.c.n.desc(), Partner.name, Partner.id)
                       .limit(cap)).all()
    return top, total


def _labels(session: Session, tenant_ids: set[int], item_ids: set[int]) -> dict[str, str]:
    labels = {}
    if tenant_ids:
        labels |= {f"t{tid}": name for tid, name in session.exec(
            select(Tenant.id, Tenant.name).where(Tenant.id.in_(tenant_ids)))}
    if item_ids:
        labels |= {f"i{iid}": title for iid, title in session.exec(
            select(ProgrammeItem.id, ProgrammeItem.title).where(ProgrammeItem.id.in_(item_ids)))}
    return labels


def partner_network(session: Session, *, partner_filter: PartnerFilter | None = None,
                    max_partners: int = 40) -> Network:
    """The most-linked partners under the filter (at most `max_partners`) and their links."""
    links = _link_rows()
    top, total = _most_linked(session, links, partner_filter, max_partners)
    if not top:
        return Network([], [], 0, total)
    names = {f"p{pid}": name for pid, name, _ in top}
    pairs = session.exec(select(links.c.partner_id, links.c.side, links.c.other, links.c.kind)
                         .where(links.c.partner_id.in_([pid for pid, _, _ in top]))).all()
    edges = [(f"p{pid}", f"{side}{other}", kind) for pid, side, other, kind in pairs]
    labels = names | _labels(session, {o for _, s, o, _ in pairs if s == "t"},
                             {o for _, s, o, _ in pairs if s == "i"})
    positions = layout(labels, [(a, b) for a, b, _ in edges])
    degree = defaultdict(int)
    for a, b, _ in edges:
        degree[a] += 1
        degree[b] += 1
    kinds = {"p": "partner", "t": "tenant", "i": "item"}
    nodes = [Node(key, kinds[key[0]], labels[key], *positions[key], degree[key])
             for key in sorted(positions, key=lambda k: positions[k])]
    lines = [Edge(a, b, kind, *positions[b], *positions[a]) for a, b, kind in edges]
    return Network(nodes, lines, len(top), total)


def layout(labels: dict[str, str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """(x, y) for every node key: x is the column, y spreads each column over 0..1."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    columns: dict[str, list[str]] = defaultdict(list)
    for key in sorted(labels, key=lambda k: (labels[k].lower(), k)):
        columns[{"t": "tenant", "p": "partner", "i": "item"}[key[0]]].append(key)
    rank = {key: index / max(1, len(column) - 1)
            for column in columns.values() for index, key in enumerate(column)}
    for sweep in range(SWEEPS):
        order = ("tenant", "item", "partner") if sweep % 2 == 0 else ("partner", "tenant", "item")
        for name in order:
            column = columns[name]
            centre = {key: sum(rank[n] for n in neighbours[key]) / len(neighbours[key])
                      if neighbours[key] else rank[key] for key in column}
            column.sort(key=lambda key: (centre[key], labels[key].lower(), key))
            rank.update({key: index / max(1, len(column) - 1)
                         for index, key in enumerate(column)})
    return {key: (COLUMNS[name], _spread(index, len(column)))
            for name, column in columns.items() for index, key in enumerate(column)}


def _spread(index: int, count: int) -> float:
    return (index + 0.5) / count
