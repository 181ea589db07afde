"""The routes the server answers beside Streamlit's screens (app.py adds the sign-in cookie's,
ui/sign_in/cookie.py): /healthz and the public feeds. Handlers are thin: what a feed holds is
read in hub/feeds."""
from __future__ import annotations

from starlette.routing import Route

from web.feeds import METHODS, feed
from web.health import healthz


def routes() -> list[Route]:
    return [Route("/healthz", healthz, methods=["GET", "HEAD"]),
            Route("/feeds/{site}/{feed}", feed, methods=list(METHODS))]
