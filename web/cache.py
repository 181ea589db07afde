"""Built feeds keyed on the data version (db/stamp.py): any number of requests between two
writes costs one build per feed and language."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from db import stamp
from db.engine import get_engine

STAMP_MEMO_SECONDS = 1.0   # a burst of polling reads the data version once a second at most

@dataclass(frozen=True)
class Built:
    body: bytes
    media_type: str
    etag: str
    last_modified: datetime




class FeedCache:
    """Built feeds keyed on (site, feed, data version, language): any number of requests
    between two writes costs one build. Only the newest version's entries are kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._built: dict[tuple, Built] = {}
        self._version: tuple[int, datetime | None] | None = None
        self._read_at = 0.0
        self.builds = 0

    def clear(self) -> None:
        with self._lock:
            self._built.clear()
            self._version, self._read_at = None, 0.0

    def version(self) -> tuple[int, datetime]:

        now = time.monotonic()
        with self._lock:
            if self._version is not None and now - self._read_at < STAMP_MEMO_SECONDS:
                return self._version
        with get_engine().connect() as connection:
            found = (stamp.current(connection), stamp.changed_at(connection))
        with self._lock:
            self._version, self._read_at = found, now
        return found

    def get(self, site_code: str, name: str,
            build: Callable[[int, datetime], Built | None], lang: str = "en") -> Built | None:
        version, changed = self.version()
        key = (site_code.upper(), name, version, lang)
        with self._lock:
            if key in self._built:
                return self._built[key]
        built = build(version, changed)
        if built is None:   # no such site: nothing kept, or made-up codes would fill memory
            return None
        with self._lock:
            self.builds += 1
            for old in [k for k in self._built if k[2] != version]:
                del self._built[old]
            self._built[key] = built
        return built

