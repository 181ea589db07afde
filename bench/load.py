"""The load benchmark: N signed-in browser sessions at once through nginx over two app
processes on PostgreSQL — the production setup of deploy/, started as tests/e2e/deployment.py
does. Each session (a Playwright context in Debian's Chromium) signs in as a manager and opens
every page of the navigation; "time to content" is from the click on the page's link to the
page's heading changing and Streamlit's script being done, with no skeleton left.

    python -m bench.load                 # N = 10
    python -m bench.load --sessions 4 --rounds 2

Records p50/p95 time to content per page and overall, errors (an exception on a page or a
step that timed out) and the app processes' memory (peak RSS of each) in the load section of
bench/results.md (bench.pages keeps it). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results.md"
START, END = "<!-- load benchmark -->", "<!-- /load benchmark -->"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SKELETON = "[data-testid='stSkeleton']"
NAV_LINK = "[data-testid='stSidebarNavLink']"
EXCEPTION = "[data-testid='stException']"
TIMEOUT_MS = 120_000


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the streamlit run process is one)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class MemoryWatch(threading.Thread):
    """Samples the app processes' RSS every half second; keeps each one's peak."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.start_mb = pids, {pid: 0.0 for pid in pids}, {}
        self.stopping = threading.Event()
        self.start_mb = {pid: rss_mb(pid) for pid in pids}

    def run(self):
        while not self.stopping.is_set():
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_mb(pid))
            self.stopping.wait(0.5)


async def wait_idle(page) -> None:
    await page.locator(IDLE).wait_for(state="attached", timeout=TIMEOUT_MS)
    await page.locator(SKELETON).first.wait_for(state="detached", timeout=TIMEOUT_MS)


async def session(browser, url: str, username: str, password: str, rounds: int,
                  timings: dict[str, list[float]], errors: list[str], number: int) -> None:
    from playwright.async_api import expect
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=TIMEOUT_MS)
        await wait_idle(page)
        await page.get_by_label("Username", exact=True).fill(username)
        await page.get_by_label("Password", exact=True).fill(password)
        await page.get_by_role("button", name="Login", exact=True).click()
        await page.locator(NAV_LINK).first.wait_for(timeout=TIMEOUT_MS)
        await expect(page.locator("h1")).to_have_text(["Overview"], timeout=TIMEOUT_MS)
        await wait_idle(page)
        timings.setdefault("sign-in", []).append(time.perf_counter() - started)
        answer = await context.request.get(url + "/healthz")
        timings.setdefault("process " + answer.headers.get("x-bottega-upstream", "?"), []).append(0)
        links = page.locator(NAV_LINK)
        titles = [(await links.nth(i).locator("[data-testid='stMarkdownContainer']")
                   .inner_text()).strip() for i in range(await links.count())]
        for _ in range(rounds):
            for index in [*range(1, len(titles)), 0]:   # every page, Overview last
                title = titles[index]
                before = (await page.locator("h1").first.inner_text()).strip()
                clicked = time.perf_counter()
                try:
                    await links.nth(index).click()
                    await expect(page.locator("h1").first).not_to_have_text(
                        before, timeout=TIMEOUT_MS)
                    await wait_idle(page)
                    timings.setdefault(title, []).append(time.perf_counter() - clicked)
                    if await page.locator(EXCEPTION).count():
                        errors.append(f"session {number}: an exception on {title}")
                except Exception as error:  # a timeout: counted, and the session goes on
                    errors.append(f"session {number}: {title}: {type(error).__name__}")
    except Exception as error:
        errors.append(f"session {number}: {type(error).__name__}: {str(error)[:120]}")
    finally:
        await context.close()


async def drive(url: str, sessions: int, rounds: int, username: str, password: str):
    from playwright.async_api import async_playwright
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        started = time.perf_counter()
        await asyncio.gather(*(session(browser, url, username, password, rounds, timings,
                                       errors, n) for n in range(sessions)))
        wall = time.perf_counter() - started
        await browser.close()
    return timings, errors, wall


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def report(args, timings, errors, wall, memory: MemoryWatch, ports: list[str]) -> str:
    processes = {name.removeprefix("process "): len(values) for name, values in timings.items()
                 if name.startswith("process ")}
    pages = [name for name in timings if name != "sign-in" and not name.startswith("process ")]
    every = [value for name in pages for value in timings[name]]
    lines = [START, "## Load: N signed-in sessions through nginx over two processes", "",
             f"- date: {datetime.now():%Y-%m-%d %H:%M}; machine: {platform.platform()}, "
             f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
             f"- setup: PostgreSQL 15, two `streamlit run app.py` processes ({', '.join(ports)}), "
             "Debian's nginx with deploy/nginx/bottega*.conf, the demo hub",
             f"- sessions at once: {args.sessions} (Playwright contexts in one Chromium), "
             f"each signed in as a manager and opened every page {args.rounds}×; "
             f"wall time {wall:.0f} s",
             "- sessions per process (the sticky cookie): " + ", ".join(
                 f"{port}: {n}" for port, n in sorted(processes.items())),
             f"- page views: {len(every)}, errors: {len(errors)}"
             + (" (" + "; ".join(errors[:5]) + ")" if errors else ""),
             "- app processes' memory (RSS): " + ", ".join(
                 f"{memory.start_mb[pid]:.0f} MB at start, {memory.peak[pid]:.0f} MB peak"
                 for pid in memory.pids),
             "", "| page | views | p50 s | p95 s |", "|---|---:|---:|---:|"]
    for name in ["sign-in", *pages]:
        values = timings[name]
        lines.append(f"| {name} | {len(values)} | {percentile(values, .5):.2f} | "
                     f"{percentile(values, .95):.2f} |")
    lines.append(f"| **every page** | {len(every)} | {percentile(every, .5):.2f} | "
                 f"{percentile(every, .95):.2f} |")
    lines += ["", "Time to content: from the click on the page's link to the new heading, the "
              "script done and no skeleton left, as the browser saw it (2 cores shared by "
              "Chromium, both app processes, nginx and PostgreSQL, and on this machine other "
              "work too). Sign-in counts from opening the address, all N at once, and includes "
              "each process's first run (imports, the migration check).", END]
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    """Put the section in bench/results.md, in place of an earlier one."""
    current = RESULTS.read_text() if RESULTS.exists() else ""
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        current = before + section + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(current)


def keep_section(old: str, new: str) -> str:
    """bench.pages rewrites results.md: the load section of the old text is kept."""
    if START in old and END in old and START not in new:
        return new.rstrip("\n") + "\n\n" + START + old.split(START, 1)[1].split(END, 1)[0] + END + "\n"
    return new


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions at once")
    parser.add_argument("--rounds", type=int, default=1, help="times each opens every page")
    args = parser.parse_args(argv)
    from tests import postgres
    from tests.e2e.deployment import deployment
    from tests.e2e.servers import ACCOUNTS, PASSWORD
    folder = Path(tempfile.mkdtemp(prefix="bottega-load-"))
    cluster = postgres.Cluster().start()
    try:
        admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE bottega_load"))
        admin.dispose()
        with deployment(cluster.url("bottega_load"), folder, accounts=("manager",)) as running:
            memory = MemoryWatch([server.process.pid for server in running.apps])
            memory.start()
            timings, errors, wall = asyncio.run(drive(
                running.url, args.sessions, args.rounds, ACCOUNTS["manager"].username, PASSWORD))
            memory.stopping.set()
            memory.join()
            section = report(args, timings, errors, wall, memory, sorted(running.upstreams))
    finally:
        cluster.stop()
    print(section)
    write_section(section)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
