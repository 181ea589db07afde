"""The server brings the schema to head, and adds the demo hub, as it starts (web/start.py, the
App's lifespan): /healthz answers 200 before anyone has opened a page. While no account exists
it prints the first manager's setup code in its log."""
from __future__ import annotations

import itertools
import json
import logging
import os
import re
import threading
import time
import urllib.error
import urllib.request

import pytest
import uvicorn
from sqlalchemy import text
from starlette.applications import Starlette

from db.engine import engine_for, reading
from db.migrate import is_at_head
from db.models import Site
from hub.admin import users
from tests.e2e.servers import launch_server, server_env, stop_server
from tests.postgres import free_port
from web import keys, routes, start

_names = itertools.count()


@pytest.fixture(params=("sqlite", "postgresql"))
def never_migrated(request, tmp_path, monkeypatch):
    """An empty database nothing has migrated yet; DATABASE_URL points at it."""
    monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path / "data"))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'new.db'}"
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        engine_for(url).dispose()
        return
    cluster, admin = request.getfixturevalue("pg_cluster")
    name = f"never_{os.getpid()}_{next(_names)}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = cluster.url(name)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    engine_for(url).dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def serve(app) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def health(root: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(root + "/healthz", timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_lifespan_migrates_and_seeds_before_the_first_request(never_migrated, monkeypatch,
                                                                  caplog):
    monkeypatch.setenv("BOTTEGA_DEMO", "1")
    caplog.set_level(logging.WARNING, logger="bottega")
    server, thread, root = serve(Starlette(routes=routes.routes(), lifespan=start.lifespan))
    try:
        assert health(root) == (200, {"database": "reachable", "schema": "at head",
                                      "status": "ok"})
        with reading() as session:
            assert session.exec(Site.__table__.select()).first() is not None
        assert is_at_head(engine_for(never_migrated))
        assert f"Bottega setup code for the first manager account: {keys.setup_code()}" in \
            caplog.text
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_streamlit_run_answers_healthz_200_before_any_page_is_opened(tmp_path):
    """The real server of `streamlit run app.py`, on a new SQLite file: nobody opens a page."""
    env = server_env(f"sqlite:///{tmp_path / 'new.db'}", tmp_path / "data", demo=False)
    server = launch_server(env, tmp_path, "sqlite")
    try:
        deadline = time.monotonic() + 180
        answer = None
        while time.monotonic() < deadline:
            assert server.process.poll() is None, server.log_tail()
            try:
                answer = health(server.url)
                break
            except OSError:   # not listening yet
                time.sleep(0.3)
        assert answer == (200, {"database": "reachable", "schema": "at head", "status": "ok"}), \
            server.log_tail()
        code = re.search(r"Bottega setup code for the first manager account: ([A-Z0-9-]{14})",
                         server.log.read_text())
        assert code and code.group(1) == users.setup_code(env["BOTTEGA_COOKIE_KEY"]), \
            server.log_tail()
    finally:
        stop_server(server)
