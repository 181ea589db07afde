"""The environment variables of the HTTP side (README, "Configuration"):

- BOTTEGA_FEEDS=0 turns the feeds off (every feed address answers 404);
- BOTTEGA_FRAME_ANCESTORS: the origins that may show public.html in a frame, separated by
  spaces (e.g. "https://www.example.org"); unset, no page may be framed;
- BOTTEGA_HTTPS=1 adds Strict-Transport-Security and the Secure cookie attribute (set it only
  when served over HTTPS);
- BOTTEGA_PUBLIC_URL: the address people reach Bottega at, for the feed links the screens
  show (unset: the address the browser used).
"""
from __future__ import annotations

import os
import re

def feeds_on() -> bool:
    return os.environ.get("BOTTEGA_FEEDS", "1") != "0"


def https_on() -> bool:
    return os.environ.get("BOTTEGA_HTTPS", "0") == "1"


def frame_ancestors() -> list[str]:
    """The origins allowed to frame public.html (only well-formed http(s) origins)."""
    origins = os.environ.get("BOTTEGA_FRAME_ANCESTORS", "").split()
    return [origin for origin in origins
            if re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?|'self'", origin)]


def feed_path(site_code: str, name: str) -> str:
    return f"/feeds/{site_code}/{name}"


def feed_url(site_code: str, name: str, base: str | None = None) -> str:
    """The full address of a feed: BOTTEGA_PUBLIC_URL, else `base` (the browser's)."""
    root = (os.environ.get("BOTTEGA_PUBLIC_URL") or base or "").rstrip("/")
    return root + feed_path(site_code, name)

