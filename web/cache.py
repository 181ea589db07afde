"""Built feeds keyed on the data version (db/stamp.py): any number of requests between two
writes costs one build per feed and language — and one compression."""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from db import stamp
from db.engine import get_engine

STAMP_MEMO_SECONDS = 1.0   # a burst of polling reads the data version once a second at most

GZIP_MINIMUM = 500   # bytes: a smaller body is sent as it is (gzip would save next to nothing)


@dataclass(frozen=True)
class Encoded:
    """One representation of a feed: its bytes, and an ETag of its own."""
    body: bytes
    etag: str
    encoding: str | None   # the Content-Encoding, None for the plain bytes


@dataclass(frozen=True)
class Built:
    plain: Encoded
    gzipped: Encoded | None   # None: too small to be worth compressing
    media_type: str
    last_modified: datetime

    @classmethod
    def of(cls, body: bytes, media_type: str, last_modified: datetime) -> Built:
        """The feed's bytes, and gzipped once here: Streamlit's server would gzip every
        answer again, under the plain bytes' ETag. Each encoding gets its own strong ETag
        (the same hash, `-gzip` added), as a cache must not take one for the other."""
        tag = hashlib.sha256(body).hexdigest()[:32]
        gzipped = None
        if len(body) >= GZIP_MINIMUM:
            gzipped = Encoded(gzip.compress(body, compresslevel=6, mtime=0), f'"{tag}-gzip"',
                              "gzip")
        return cls(Encoded(body, f'"{tag}"', None), gzipped, media_type, last_modified)

    def for_reader(self, gzip_accepted: bool) -> Encoded:
        return self.gzipped if gzip_accepted and self.gzipped is not None else self.plain


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

