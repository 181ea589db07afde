"""The web side served for real: web/'s routes and middleware and ui/sign_in/cookie.py's route on
uvicorn, in a thread of this process (so each test's DATABASE_URL applies), asked over HTTP
with urllib. Inside our middleware sits Streamlit's own gzip layer, as in streamlit.starlette's
App (which wraps the routes it is given in it)."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from streamlit.web.server.starlette.starlette_gzip_middleware import SelectiveGZipMiddleware
from streamlit.web.server.starlette.starlette_server_config import (GZIP_COMPRESSLEVEL,
                                                                    GZIP_MINIMUM_SIZE)

from tests.postgres import free_port
from ui.sign_in import cookie
from web import cache, feeds, routes
from web.headers import middleware


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@pytest.fixture(scope="session")
def web_root():
    streamlit_gzip = Middleware(SelectiveGZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE,
                                compresslevel=GZIP_COMPRESSLEVEL)
    app = Starlette(routes=[*routes.routes(), cookie.route()],
                    middleware=[*middleware(), streamlit_gzip])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def get(web_root, monkeypatch):
    """get(path, **headers) -> Answer; each test starts with an empty feed cache and reads
    the data version on every request."""
    feeds.cache.clear()
    monkeypatch.setattr(cache, "STAMP_MEMO_SECONDS", 0)

    def fetch(path: str, method: str = "GET", **headers: str) -> Answer:
        request = urllib.request.Request(web_root + path, method=method, headers={
            name.replace("_", "-"): value for name, value in headers.items()})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                              response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, {k.lower(): v for k, v in error.headers.items()},
                          error.read())
    yield fetch
    feeds.cache.clear()
