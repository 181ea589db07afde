"""The import contract, read from the source with `ast` (every import, also inside functions):

- web/ (the HTTP side) never imports ui/ nor pages/, and nothing below it (hub/, db/) imports web/;
- pages never import db/ nor build queries (no sqlalchemy, no sqlmodel), and only render:
  no page opens a session, keeps a cached loader or shapes a table (those live in
  ui/<area>/data.py);
- hub/ never imports streamlit nor ui/;
- db/ imports hub/ only from db/__main__.py (the command line) and db/seed/;
- ui/ and hub/ areas depend on each other only along AREA_ARROWS, and a ui area never
  imports another ui area (shared pieces live at the top of ui/);
- the shared modules at the top of hub/ import no area;
- no module imports itself back, however long the way round.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ("hub", "ui", "db", "pages", "web")
AREAS = ("occupancy", "tenants", "programme", "partners", "admin", "overview", "building",
         "calendar", "feeds", "billing")
# Which other areas an area's rules (hub/<area>) and screens (ui/<area>) may use.
AREA_ARROWS = {
    "tenants": set(),
    "occupancy": {"tenants"},                    # a lease or a booking names a tenant
    "programme": {"occupancy", "tenants"},       # rooms, instructors
    "partners": {"tenants", "programme"},        # partners linked to tenants and items
    "overview": {"occupancy", "tenants", "programme", "partners", "billing"},  # every area's figures
    "admin": {"occupancy", "tenants", "programme", "partners", "billing"},  # imports go through them
    "building": {"occupancy", "tenants", "programme"},   # works close rooms, cancel bookings
    "calendar": {"occupancy", "tenants", "programme", "building"},   # everything in a room
    "feeds": {"tenants", "programme"},           # the public listings and programme
    "billing": {"occupancy", "tenants", "programme", "partners"},   # what leases, bookings and
                                                 # enrolments owe; organisations as payers
}
HUB_SHARED = ("errors", "roles", "records", "checks", "sql", "dates", "cells", "sheets",
              "markdown", "scope", "sites", "i18n", "words")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def sources() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    found["app"] = ROOT / "app.py"
    return found


@cache
def imports_of(name: str) -> frozenset[str]:
    """Every module `name` imports: `from a.b import c` gives a.b, and a.b.c when c is a module."""
    path = sources()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in sources())
    return frozenset(found)


def ours(imported: str) -> str | None:
    """The module of ours an import names (None for the standard library and packages)."""
    return imported if imported in sources() else None


def area_of(name: str) -> tuple[str, str | None]:
    parts = name.split(".")
    layer = parts[0]
    return layer, (parts[1] if len(parts) > 1 and parts[1] in AREAS else None)


def modules(layer: str) -> list[str]:
    return [name for name in sources() if name.split(".")[0] == layer]


def test_the_contract_reads_every_module_of_every_layer():
    names = sources()
    assert {"hub.occupancy.leases", "hub.programme.items", "ui.partners.forms",
            "db.seed.driver", "pages.occupancy", "app"} <= set(names)
    assert "hub.occupancy.spaces" in imports_of("hub.occupancy.leases")
    assert "hub.occupancy.claims" in imports_of("hub.programme.items")


@pytest.mark.parametrize("name", modules("pages") + ["app"])
def test_pages_never_import_db_or_build_queries(name):
    wrong = sorted(module for module in imports_of(name)
                   if module.split(".")[0] in ("db", "sqlalchemy", "sqlmodel"))
    assert not wrong, f"{name} imports {wrong}: pages read through hub/ and draw through ui/"


@pytest.mark.parametrize("name", modules("pages") + ["app"])
def test_pages_only_render_and_read_through_their_areas_loaders(name):
    tree = ast.parse(sources()[name].read_text())
    sessions = sorted(alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                      and node.module == "ui.database" for alias in node.names
                      if alias.name in ("reading", "writing", "cached"))
    assert not sessions, (f"{name} imports {sessions} from ui.database: its loaders belong in "
                          "ui/<area>/data.py, its writes go through ui.database.save")


@pytest.mark.parametrize("name", modules("pages"))
def test_pages_shape_no_table_of_their_own(name):
    """A page draws the tables its area's ui/<area>/data.py shapes; it builds no DataFrame."""
    built = [node.lineno for node in ast.walk(ast.parse(sources()[name].read_text()))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "DataFrame"]
    assert not built, f"{name} builds tables on lines {built}: shape them in ui/<area>/data.py"


@pytest.mark.parametrize("name", modules("hub"))
def test_hub_never_imports_streamlit_or_ui(name):
    wrong = sorted(module for module in imports_of(name)
                   if module.split(".")[0] in ("streamlit", "ui", "pages", "app", "web"))
    assert not wrong, f"{name} imports {wrong}: the rules know nothing of the screens"


@pytest.mark.parametrize("name", modules("db"))
def test_db_imports_hub_only_from_the_command_line_and_the_seeds(name):
    wrong = sorted(module for module in imports_of(name)
                   if module.split(".")[0] in ("hub", "ui", "pages", "streamlit"))
    wrong += sorted(module for module in imports_of(name) if module.split(".")[0] == "web")
    if name == "db.__main__" or name.startswith("db.seed."):
        wrong = [module for module in wrong if not module.startswith("hub")]
    assert not wrong, f"{name} imports {wrong}: db/ knows nothing above it"


@pytest.mark.parametrize("name", modules("web"))
def test_the_http_side_never_imports_the_screens(name):
    wrong = sorted(module for module in imports_of(name)
                   if module.split(".")[0] in ("ui", "pages", "app"))
    assert not wrong, f"{name} imports {wrong}: web/ answers HTTP without the screens"


def test_the_http_side_is_a_package_of_its_own():
    assert not (ROOT / "ui" / "web.py").exists()
    assert {"web.routes", "web.feeds", "web.cache", "web.headers", "web.settings"} <= set(sources())


def test_ui_keeps_only_the_shared_few_flat():
    flat = sorted(path.stem for path in (ROOT / "ui").glob("*.py") if path.stem != "__init__")
    assert len(flat) <= 10, f"ui/ has {len(flat)} flat modules: {flat}"


@pytest.mark.parametrize("name", modules("hub") + modules("ui"))
def test_areas_depend_on_each_other_in_one_direction_only(name):
    layer, area = area_of(name)
    wrong = []
    for module in filter(None, map(ours, imports_of(name))):
        to_layer, to_area = area_of(module)
        if to_area is None or to_area == area:
            continue
        if area is None and layer == "hub":
            wrong.append(module)            # the shared vocabulary uses no area
        elif area is not None and to_layer == "ui":
            wrong.append(module)            # ui areas share only the top of ui/
        elif area is not None and to_area not in AREA_ARROWS[area]:
            wrong.append(module)
    assert not wrong, (f"{name} ({area or 'shared'}) imports {sorted(wrong)}; allowed areas: "
                       f"{sorted(AREA_ARROWS.get(area, ())) if area else 'none'}")


def test_the_area_arrows_themselves_have_no_circle():
    def reaches(start: str, seen: frozenset = frozenset()) -> set[str]:
        found = set()
        for to in AREA_ARROWS[start]:
            assert to not in seen | {start}, f"areas in a circle: {start} → {to}"
            found |= {to} | reaches(to, seen | {start})
        return found
    for area in AREAS:
        assert area not in reaches(area)


def test_the_shared_top_of_hub_is_only_the_shared_vocabulary():
    top = {name.split(".")[1] for name in modules("hub") if name.count(".") == 1}
    assert top == set(HUB_SHARED) | set(AREAS)
    for area in AREAS:
        doc = ast.get_docstring(ast.parse((ROOT / "hub" / area / "__init__.py").read_text()))
        assert doc, f"hub/{area}/__init__.py says what the area is and which module holds what"


def test_no_module_name_repeats_its_package():
    for name in sources():
        parts = name.split(".")
        if len(parts) >= 3:
            assert not parts[-1].startswith(parts[-2].rstrip("s")), name


def find_circle() -> list[str] | None:
    graph = {name: sorted(filter(None, map(ours, imports_of(name)))) for name in sources()}
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        trail.append(name)
        for to in graph[name]:
            if to == name:
                continue
            if state.get(to) == "open":
                return trail[trail.index(to):] + [to]
            if to not in state and (circle := visit(to)):
                return circle
        state[name] = "done"
        trail.pop()
        return None

    for name in graph:
        if name not in state and (circle := visit(name)):
            return circle
    return None


def test_there_is_no_import_circle():
    circle = find_circle()
    assert circle is None, "import circle: " + " → ".join(circle)


def test_a_module_of_ours_is_called_by_its_own_name():
    """`from hub.occupancy import figures` — or, beside another area's module of the same name,
    `figures as occupancy_figures` — never `rates as occupancy`, a module under another word."""
    wrong = []
    for name, path in sources().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or not node.module or node.level:
                continue
            area = node.module.split(".")[-1]
            for alias in node.names:
                module = f"{node.module}.{alias.name}"
                if module in sources() and alias.asname not in (None, alias.name,
                                                                 f"{area}_{alias.name}",
                                                                 f"{area.rstrip('s')}_{alias.name}"):
                    wrong.append(f"{name}: {alias.name} as {alias.asname}")
    assert not wrong, wrong
