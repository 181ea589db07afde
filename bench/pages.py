"""The page benchmark: every manager screen on a scale database, cold and warm.

    python -m bench.pages --factor 50                 # SQLite file bench/scale-f50.db
    python -m bench.pages --database-url postgresql+psycopg://user:pw@host/bench
    python -m bench.pages --pages overview,tenants --warm 20
    python -m bench.pages --rebuild                   # drop the bench database, seed it again

Builds the database once (migrations, the demo, `seed_scale(factor)`, a manager account
`bench_manager`), signs in through the real log-in form with Streamlit's AppTest, and times
each page of the manager's navigation: COLD is the first run after Streamlit's caches are
cleared (in a process that has already imported the app), WARM the median of reruns. A bare
reference page (bench/reference_page.py) is timed the same way. Prints the table and
overwrites bench/results.md. Not part of the test suite.
"""
from __future__ import annotations

import argparse
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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

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
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)


def drop_database(url: str) -> None:
    """SQLite: delete the file. Anything else: drop every table in it."""
    from sqlalchemy import MetaData, create_engine
    from sqlalchemy.engine import make_url
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


def is_seeded(factor: int) -> bool:
    from sqlmodel import select
    from db.engine import reading
    from db.models import Site
    from db.seed import scale_plan
    with reading() as session:
        present = set(session.exec(select(Site.code)).all())
    return {site.code for site in scale_plan(factor)} <= present


def seed(factor: int) -> float:
    """Migrations, the demo and the scale data; returns the seconds it took."""
    from db.__main__ import progress_bar
    from db.engine import get_engine, writing
    from db.migrate import upgrade
    from db.seed import seed_demo, seed_scale
    started = time.perf_counter()
    upgrade(get_engine())
    with writing() as session, session.begin():
        seed_demo(session)
    counts = seed_scale(get_engine(), factor, progress=progress_bar)
    seconds = time.perf_counter() - started
    print(f"seeded factor {factor} in {seconds:.1f} s: "
          + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    return seconds


def ensure_manager() -> None:
    from db.engine import reading, writing
    from hub import users
    with reading() as session:
        if users.find_user(session, MANAGER):
            return
    with writing() as session, session.begin():
        users.add_user(session, actor=users.COMMAND_LINE, username=MANAGER, role="manager",
                       name="Bench Manager", email="bench@example.org", password=PASSWORD)


def row_counts() -> dict[str, int]:
    from sqlalchemy import func, select
    from sqlmodel import SQLModel
    from db.engine import reading
    with reading() as session:
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in SQLModel.metadata.sorted_tables}


def database_size(url: str) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from db.engine import get_engine
    if url.startswith("sqlite"):
        path = make_url(url).database
        size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
    elif url.startswith("postgresql"):
        with get_engine().connect() as connection:
            size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
    else:
        return "unknown"
    return f"{size / 2**20:.1f} MB"


# --- timing through AppTest -----------------------------------------------------------------

def clear_caches() -> None:
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()  # ui.database.prepare re-checks the schema: part of a cold start


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def problems_of(at, title: str | None) -> list[str]:
    found = [f"exception: {error.message}" for error in at.exception]
    if title and title not in [element.value for element in at.title]:
        found.append(f"title {title!r} not shown (the page did not render)")
    return found


def measure(at, name: str, first_run, warm: int, title: str | None) -> Timing:
    clear_caches()
    timing = Timing(name, timed(first_run), [])
    timing.problems += problems_of(at, title)
    for _ in range(warm):
        timing.warm_ms.append(timed(at.run))
        timing.problems += [p for p in problems_of(at, title) if p not in timing.problems]
    return timing


def signed_in_manager():
    from streamlit.testing.v1 import AppTest
    from tests.apptest import sign_in, text_of
    at = AppTest.from_file(str(ROOT / "tests" / "app_launcher.py"), default_timeout=60)
    sign_in(at.run(), MANAGER, PASSWORD)
    if at.exception or not at.sidebar.button:
        raise SystemExit(f"could not sign in as {MANAGER}: "
                         f"{[e.message for e in at.exception] or text_of(at)[:300]}")
    return at


def time_reference(warm: int) -> Timing:
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(BENCH / "reference_page.py"), default_timeout=60)
    return measure(at, "reference (bare page)", at.run, warm, "Reference")


def time_pages(keys: list[str] | None, warm: int) -> list[Timing]:
    from tests.apptest import open_page
    from ui.navigation import screens_for
    screens = [s for s in screens_for("manager") if keys is None or s.key in keys]
    if keys and len(screens) != len(keys):
        known = [s.key for s in screens_for("manager")]
        raise SystemExit(f"--pages: unknown keys {sorted(set(keys) - set(known))}; "
                         f"a manager has {known}")
    at = signed_in_manager()
    return [measure(at, screen.key, lambda key=screen.key: open_page(at, key), warm,
                    screen.title) for screen in screens]


# --- the report -----------------------------------------------------------------------------

def table(reference: Timing, pages: list[Timing]) -> str:
    lines = ["| page | cold ms | warm ms (median) | ratio to reference | result |",
             "|---|---:|---:|---:|---|"]
    for timing in [reference, *pages]:
        verdict = "—" if timing is reference else ("pass" if timing.passed() else "FAIL")
        lines.append(f"| {timing.page} | {timing.cold_ms:.0f} | {timing.warm_median:.1f} | "
                     f"{timing.warm_median / reference.warm_median:.2f} | {verdict} |")
    return "\n".join(lines)


def report(args, reference: Timing, pages: list[Timing], seeded_in: float | None) -> str:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = ", ".join(f"{table} {n:,}" for table, n in row_counts().items())
    problems = [f"- {t.page}: {p}" for t in [reference, *pages] for p in t.problems]
    seeding = f"seeded in this run in {seeded_in:.1f} s" if seeded_in else "reused"
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

def prepare_environment(url: str) -> Path:
    """The app reads these at run time; set before anything opens the database."""
    data = Path(tempfile.mkdtemp(prefix="bottega-bench-"))
    os.environ.update(DATABASE_URL=url, BOTTEGA_DEMO="0", BOTTEGA_DATA_DIR=str(data),
                      BOTTEGA_COOKIE_KEY=secrets.token_urlsafe(48))
    return data


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rebuild:
        drop_database(args.database_url)
    data = prepare_environment(args.database_url)
    try:
        seeded_in = None if is_seeded(args.factor) else seed(args.factor)
        ensure_manager()
        keys = args.pages.split(",") if args.pages else None
        pages = time_pages(keys, args.warm)
        reference = time_reference(args.warm)
        text = report(args, reference, pages, seeded_in)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(text)
    RESULTS.write_text(text)
    return 0 if all(timing.passed() for timing in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
