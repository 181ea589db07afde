"""The page benchmark: every manager screen on a scale database, cold and warm.

    python -m bench.pages --factor 50                 # SQLite file bench/scale-f50.db
    python -m bench.pages --database-url postgresql+psycopg://user:pw@host/bench
    python -m bench.pages --pages overview,tenants --warm 20
    python -m bench.pages --rebuild                   # drop the bench database, seed it again

Builds the database once (migrations, the demo, `seed_scale(factor)`, a manager account
`bench_manager`), signs in through the real log-in form with Streamlit's AppTest, and times
each page of the manager's navigation (Billing on all sites, its default: eighteen months of
every copy's rent invoiced and paid): COLD is the first run after Streamlit's caches are
cleared (in a process that has already imported the app), WARM the median of reruns. A bare
reference page (bench/reference_page.py) is timed the same way. Prints the table and
overwrites bench/results.md. Not part of the test suite. A database is reused as long as it
holds every copy of the factor and some invoices: after db/seed/ changes, run with --rebuild.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from sqlalchemy import MetaData, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel
from streamlit import config, logger
from streamlit.testing.v1 import AppTest

from db.__main__ import progress_bar
from db.engine import get_engine, reading, writing
from db.migrate import upgrade
from db.models import Invoice, Site
from db.seed.driver import scale_plan, seed_demo, seed_scale
from hub.admin import users
from tests.apptest import open_page, sign_in, text_of

if TYPE_CHECKING:
    from ui.navigation import Screen

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results.md"
MANAGER = "bench_manager"
PASSWORD = "Bench-Manager-42"  # a throwaway account in a throwaway database
WARM_TARGET_MS, COLD_TARGET_MS = 250, 1500
TARGETS = (f"Targets: warm ≤ {WARM_TARGET_MS} ms (median of reruns), cold ≤ {COLD_TARGET_MS} ms "
           "(first run with Streamlit's caches cleared).")

warnings.filterwarnings("ignore", message=".*does \\*not\\* support Decimal.*")


@dataclass
class Timing:
    page: str
    cold_ms: float
    warm_ms: list[float]
    problems: list[str] = field(default_factory=list)

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm_ms)

    def passed(self) -> bool:
        return (not self.problems and self.warm_median <= WARM_TARGET_MS
                and self.cold_ms <= COLD_TARGET_MS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.pages",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=50, help="scale factor (default 50)")
    parser.add_argument("--warm", type=int, default=12, help="warm reruns per page (default 12)")
    parser.add_argument("--database-url", help="default: sqlite:///bench/scale-f{factor}.db")
    parser.add_argument("--pages", help="comma-separated page keys (default: all a manager has)")
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database first")
    args = parser.parse_args(argv)
    if args.factor < 1 or args.warm < 1:
        parser.error("--factor and --warm must be at least 1")
    args.database_url = args.database_url or f"sqlite:///{BENCH / f'scale-f{args.factor}.db'}"
    return args


# --- the database ---------------------------------------------------------------------------

def shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def drop_database(url: str) -> None:
    """SQLite: delete the file. Anything else: drop every table in it."""
    if url.startswith("sqlite"):
        path = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    tables = MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()


def build_database(factor: int) -> float | None:
    """Schema to head; the demo and the scale data unless every copy of `factor` is there.
    Returns the seconds seeding took, None when the database was reused."""
    try:
        upgrade(get_engine())
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise SystemExit(f"could not migrate the bench database ({reason}); "
                         "run again with --rebuild to start it afresh") from error
    with reading() as session:
        present = set(session.scalars(select(Site.code)))
        billed = session.scalars(select(Invoice.id).limit(1)).first() is not None
    if {site.code for site in scale_plan(factor)} <= present:
        if not billed:      # the Billing page would be timed on nothing
            raise SystemExit("the bench database holds no invoices (it was seeded before "
                             "billing); run again with --rebuild")
        return None
    started = time.perf_counter()
    with writing() as session, session.begin():
        seed_demo(session)
    counts = seed_scale(get_engine(), factor, progress=progress_bar)
    seconds = time.perf_counter() - started
    print(f"seeded factor {factor} in {seconds:.1f} s: "
          + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    return seconds


def ensure_manager() -> None:
    with reading() as session:
        if users.find_user(session, MANAGER):
            return
    with writing() as session, session.begin():
        users.add_user(session, actor=users.COMMAND_LINE, username=MANAGER, role="manager",
                       name="Bench Manager", email="bench@example.org", password=PASSWORD)


def row_counts() -> dict[str, int]:
    with reading() as session:
        return {model.name: session.execute(select(func.count()).select_from(model)).scalar_one()
                for model in SQLModel.metadata.sorted_tables}


def database_size(url: str) -> str:
    if url.startswith("sqlite"):
        path = make_url(url).database
        size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
    elif url.startswith("postgresql"):
        with get_engine().connect() as connection:
            size = connection.execute(text("SELECT pg_database_size(current_database())")
                                      ).scalar_one()
    else:
        return "unknown"
    return f"{size / 2**20:.1f} MB"


# --- timing through AppTest -----------------------------------------------------------------

def clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()  # web.start.start re-checks the schema: part of a cold start


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def problems_of(at: AppTest, title: str | None) -> list[str]:
    found = [f"exception: {error.message}" for error in at.exception]
    if title and title not in [element.value for element in at.title]:
        found.append(f"title {title!r} not shown (the page did not render)")
    return found


def measure(at: AppTest, name: str, first_run: Callable[[], object], warm: int,
            title: str | None) -> Timing:
    clear_caches()
    timing = Timing(name, timed(first_run), [])
    timing.problems += problems_of(at, title)
    for _ in range(warm):
        timing.warm_ms.append(timed(at.run))
        timing.problems += [p for p in problems_of(at, title) if p not in timing.problems]
    return timing


def signed_in_manager() -> AppTest:
    at = AppTest.from_file(str(ROOT / "tests" / "launcher" / "app.py"), default_timeout=60)
    with contextlib.redirect_stdout(sys.stderr):  # streamlit-authenticator prints cookie errors
        sign_in(at.run(), MANAGER, PASSWORD)
    if at.exception or not at.sidebar.button:
        raise SystemExit(f"could not sign in as {MANAGER}: "
                         f"{[e.message for e in at.exception] or text_of(at)[:300]}")
    return at


def time_reference(warm: int) -> Timing:
    at = AppTest.from_file(str(BENCH / "reference_page.py"), default_timeout=60)
    return measure(at, "reference (bare page)", at.run, warm, "Reference")


def chosen_screens(pages: str | None) -> list[Screen]:
    from ui.navigation import screens_for  # here: ui/ warns when imported before configuring
    screens = screens_for("manager")
    keys = pages.split(",") if pages else [screen.key for screen in screens]
    unknown = sorted(set(keys) - {screen.key for screen in screens})
    if unknown:
        raise SystemExit(f"--pages: a manager has no page {unknown}; "
                         f"choose from {[screen.key for screen in screens]}")
    return [screen for screen in screens if screen.key in keys]


# The view a page is timed in, as its URL would give it, where the default is not the one
# the target is about: the calendar's month for every site (grid counted in SQL).
VIEWS = {"calendar": {"view": "month", "site": "all"}}


def open_view(at: AppTest, key: str) -> AppTest:
    at.query_params.clear()
    at.query_params.update(VIEWS.get(key, {}))
    return open_page(at, key)


def time_pages(at: AppTest, screens: list[Screen], warm: int) -> list[Timing]:
    return [measure(at, screen.key + (" (month, all sites)" if screen.key in VIEWS else ""),
                    lambda key=screen.key: open_view(at, key), warm, screen.title)
            for screen in screens]


# --- the report -----------------------------------------------------------------------------

def table(reference: Timing, pages: list[Timing]) -> str:
    lines = ["| page | cold ms | warm ms (median) | ratio to reference | result |",
             "|---|---:|---:|---:|---|"]
    for timing in [reference, *pages]:
        verdict = "—" if timing is reference else ("pass" if timing.passed() else "FAIL")
        lines.append(f"| {timing.page} | {timing.cold_ms:.0f} | {timing.warm_median:.1f} | "
                     f"{timing.warm_median / reference.warm_median:.2f} | {verdict} |")
    return "\n".join(lines)


def report(args: argparse.Namespace, reference: Timing, pages: list[Timing], seeded_in: float | None) -> str:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = ", ".join(f"{name} {n:,}" for name, n in row_counts().items())
    problems = [f"- {t.page}: {p}" for t in [reference, *pages] for p in t.problems]
    seeding = "reused" if seeded_in is None else f"seeded in this run in {seeded_in:.1f} s"
    return "\n".join([
        "# Page benchmark", "", TARGETS, "",
        f"- date: {datetime.now():%Y-%m-%d %H:%M}",
        f"- factor: {args.factor}, warm reruns per page: {args.warm}",
        f"- database: {shown_url(args.database_url)} ({database_size(args.database_url)}, "
        f"{seeding})",
        f"- rows: {counts}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        f"- peak memory of the bench process: {peak_mb:.0f} MB",
        "", table(reference, pages), "",
        "Problems:" if problems else "No exceptions on any page.", *problems, ""])


# --- the run --------------------------------------------------------------------------------

def configure_streamlit() -> None:
    """Quiet the "missing ScriptRunContext" warnings (the bench imports pages and clears
    caches outside a run, on purpose), and show exceptions unredacted so they can be reported."""
    config.get_option("logger.level")  # parses .streamlit/config.toml, which sets "warning"
    logger.set_log_level("error")
    config.set_option("client.showErrorDetails", "full")


def prepare_environment(url: str) -> Path:
    """The app reads these at run time; set before anything opens the database."""
    data = Path(tempfile.mkdtemp(prefix="bottega-bench-"))
    os.environ.update(DATABASE_URL=url, BOTTEGA_DEMO="0", BOTTEGA_DATA_DIR=str(data),
                      BOTTEGA_COOKIE_KEY=secrets.token_urlsafe(48))
    return data


def main(argv: list[str] | None = None) -> int:
    configure_streamlit()
    args = parse_args(argv)
    if args.rebuild:
        drop_database(args.database_url)
    screens = chosen_screens(args.pages)
    data = prepare_environment(args.database_url)
    try:
        seeded_in = build_database(args.factor)
        ensure_manager()
        at = signed_in_manager()  # also loads Streamlit and the app before anything is timed
        reference = time_reference(args.warm)  # first: it pays for importing Altair, once
        pages = time_pages(at, screens, args.warm)
        text = report(args, reference, pages, seeded_in)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(text)
    from bench.load import keep_section  # the load benchmark's section stays
    RESULTS.write_text(keep_section(RESULTS.read_text() if RESULTS.exists() else "", text))
    return 0 if all(timing.passed() for timing in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
