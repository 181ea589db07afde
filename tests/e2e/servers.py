"""Serving the app for browser tests: fresh databases (conftest's new_database), accounts made with the CLI,
`streamlit run app.py` on a free port (waiting for Streamlit: tests/e2e/waiting.py)."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, new_database
from tests.postgres import free_port
from tests.e2e.waiting import (IDLE, SETTLE_MS, SKELETON, TIMEOUT_MS, WIRE,  # noqa: F401
                               click_to_send, count_sent, only_form, wait_idle, wait_until)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "E2e-Correct-Horse-42"
STARTUP_SECONDS = 180
EXPECT_MS = 30_000

SETUP_CODE = re.compile(r"Bottega setup code for the first manager account: ([A-Z0-9-]{14})")


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    name: str
    language: str = "en"

    @property
    def email(self) -> str:
        return f"{self.username}@example.org"


# Created once per server. The log-out and wrong-password tests get accounts of their own:
# logging out ends a user's sign-ins everywhere, and wrong passwords count towards a pause.
ACCOUNTS = {
    "manager": Account("maria", "manager", "Maria Bianchi"),
    "communication": Account("carla", "communication", "Carla Verdi"),
    "viewer": Account("vito", "viewer", "Vito Neri"),
    "leaver": Account("lea", "viewer", "Lea Rossi"),
    "forgetful": Account("fred", "viewer", "Fred Gialli"),
    "guessed": Account("gina", "viewer", "Gina Blu"),      # a stranger's guesses pause her name
    "speaker": Account("lucia", "communication", "Lucia Mori"),   # switches her language
    "manager_it": Account("marta", "manager", "Marta Conti", "it"),
    "second_manager": Account("mauro", "manager", "Mauro Galli"),   # two managers at once
    "viewer_it": Account("vanna", "viewer", "Vanna Riva", "it"),
}


@dataclass
class Server:
    url: str
    backend: str
    env: dict
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def setup_code(self) -> str:
        """The first manager's setup code, as an operator reads it in the server's log."""
        found = SETUP_CODE.search(self.log.read_text(errors="replace"))
        assert found, f"no setup code in the server's log:\n{self.log_tail()}"
        return found.group(1)


# --- databases, accounts and servers --------------------------------------------------------

def server_env(database_url: str, data_dir: Path, *, demo: bool) -> dict:
    data_dir.mkdir(parents=True, exist_ok=True)
    return {**os.environ,
            "DATABASE_URL": database_url,
            "BOTTEGA_DATA_DIR": str(data_dir),
            "BOTTEGA_DEMO": "1" if demo else "0",
            "BOTTEGA_COOKIE_KEY": secrets.token_urlsafe(36),  # 48 characters
            "PYTHONUNBUFFERED": "1"}


def start_add_accounts(env: dict, accounts) -> list:
    """`python -m db add-user` for each account, concurrently, password on standard input."""
    running = []
    for account in accounts:
        command = [sys.executable, "-m", "db", "add-user", account.username, "--role",
                   account.role, "--name", account.name, "--email", account.email,
                   "--language", account.language]
        read_end, write_end = os.pipe()
        os.write(write_end, (PASSWORD + "\n").encode())
        os.close(write_end)
        try:
            running.append((account, subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=read_end, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True)))
        finally:
            os.close(read_end)
    return running


def add_accounts_problems(running: list) -> list[str]:
    """Waits for the add-user commands; their failures, one line each."""
    problems = []
    for account, process in running:
        out, err = process.communicate(timeout=120)
        if process.returncode:
            problems.append(f"add-user {account.username}: {(err or out).strip()}")
    return problems


def launch_server(env: dict, folder: Path, backend: str) -> Server:
    port = free_port()
    log = folder / "streamlit.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    return Server(f"http://127.0.0.1:{port}", backend, env, process, log)


def is_healthy(server: Server) -> bool:
    try:
        with urllib.request.urlopen(server.url + "/_stcore/health", timeout=1) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


def wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"streamlit exited with status {server.process.returncode} before it "
                        f"was healthy:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    pytest.fail(f"streamlit was not healthy within {STARTUP_SECONDS} s:\n{server.log_tail()}")


def stop_server(server: Server) -> None:
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(server.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        server.process.wait(timeout=10)


@dataclass
class Boot:
    """A server on its way up: its process, its database (in `stack`), the add-user commands
    still running, and the browser page of its first run once that has been started."""
    server: Server
    stack: ExitStack
    accounts: list
    problems: list | None = None
    page: object = None

    def accounts_done(self) -> bool:
        return all(process.poll() is not None for _account, process in self.accounts)


class Servers:
    """Starts the servers the selected tests need, all at once, so that their boots (Python
    imports, add-user, the first run's migration check and demo data) overlap instead of
    adding up. A demo server serves the whole run (one per backend); an empty server serves
    one test and is stopped after it."""

    def __init__(self, request, tmp_path_factory, browser):
        self.request = request
        self.tmp_path_factory = tmp_path_factory
        self.browser = browser
        self.boots: dict[tuple[str, str], Boot] = {}
        self.prelaunched = False

    def wanted(self) -> list[tuple[str, str]]:
        wanted = []
        for item in self.request.session.items:
            params = getattr(getattr(item, "callspec", None), "params", {})
            for kind in ("app_server", "empty_server"):
                if kind in item.fixturenames and (kind, params.get(kind)) not in wanted:
                    wanted.append((kind, params.get(kind)))
        # SQLite first: those servers boot while the PostgreSQL cluster is being initialised.
        return sorted(wanted, key=lambda key: key[1] != "sqlite")

    def _boot(self, kind: str, backend: str) -> None:
        stack = ExitStack()
        try:
            folder = self.tmp_path_factory.mktemp(f"e2e-{backend}-{kind}")
            database_url = stack.enter_context(
                new_database(self.request, backend, folder, prefix="e2e"))
            demo = kind == "app_server"
            env = server_env(database_url, folder / "data", demo=demo)
            # The accounts are created while the server boots; its own start (migration check,
            # demo data) takes the write lock for a few seconds, which add-user waits for.
            server = launch_server(env, folder, backend)
            stack.callback(stop_server, server)
            accounts = start_add_accounts(env, ACCOUNTS.values() if demo else ())
        except BaseException:
            stack.close()
            raise
        self.boots[kind, backend] = Boot(server, stack, accounts)

    def _start_first_run(self, boot: Boot) -> None:
        """Open the server's start page without waiting for it: the first run begins."""
        if boot.problems is None:
            boot.problems = add_accounts_problems(boot.accounts)
        if boot.problems:
            return
        context = self.browser.new_context()
        try:
            page = context.new_page()
            page.goto(boot.server.url, timeout=TIMEOUT_MS, wait_until="commit")
        except BaseException:
            context.close()
            raise
        boot.page = page

    def _start_ready_first_runs(self) -> None:
        """Start the first run of every server that is up, without waiting for the others."""
        for boot in self.boots.values():
            if boot.page is None and boot.problems is None and boot.accounts_done() \
                    and is_healthy(boot.server):
                try:
                    self._start_first_run(boot)
                except Exception:
                    pass  # tried again, and reported, by get()

    def prelaunch(self) -> None:
        if self.prelaunched:
            return
        self.prelaunched = True
        for kind, backend in self.wanted():
            try:
                self._boot(kind, backend)
            except (Exception, pytest.skip.Exception, pytest.fail.Exception):
                pass  # raised again, in its own test, when that server is asked for

    @contextmanager
    def get(self, kind: str, backend: str):
        self.prelaunch()
        if (kind, backend) not in self.boots:
            self._boot(kind, backend)
        self._start_ready_first_runs()
        boot = self.boots.pop((kind, backend))
        with boot.stack:
            wait_healthy(boot.server)
            if boot.page is None:
                self._start_first_run(boot)
            if boot.problems:
                pytest.fail("could not create the e2e accounts:\n" + "\n".join(boot.problems))
            try:
                wait_idle(boot.page, timeout_ms=180_000)
                ready = "Login" if kind == "app_server" else "Create manager account"
                boot.page.get_by_role("button", name=ready).wait_for(timeout=TIMEOUT_MS)
            except Exception as error:
                pytest.fail(f"the {backend} server did not show its start page: {error}\n"
                            f"{boot.server.log_tail()}")
            finally:
                boot.page.context.close()
            self._start_ready_first_runs()
            yield boot.server

    def close(self) -> None:
        for boot in self.boots.values():
            if boot.page is not None:
                boot.page.context.close()
            for _account, process in boot.accounts:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            boot.stack.close()
