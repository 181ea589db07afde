"""A throwaway PostgreSQL 15 cluster for the test session: initdb in a temp dir, pg_ctl on a
free local port, stopped and removed at the end. Run as the `postgres` user when we are root
(initdb refuses root).

The cluster keeps the machine's own clock when the tests run under libfaketime (.ci/at): its
lock_timeout and statement_timeout never fire on a faked clock, and the app reads no time from
the server (every stamp is Python's utcnow())."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN = Path(os.environ.get("BOTTEGA_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> bool:
    return (BIN / "initdb").exists() and (BIN / "pg_ctl").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _real_clock(environment) -> dict[str, str]:
    """The environment without libfaketime: no preload of it, none of its settings."""
    kept = {name: value for name, value in environment.items()
            if not name.startswith(("FAKETIME", "DONT_FAKE"))}
    preload = [library for library in kept.pop("LD_PRELOAD", "").split(":")
               if library and "faketime" not in library]
    if preload:
        kept["LD_PRELOAD"] = ":".join(preload)
    return kept


class Cluster:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="bottega-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, cwd="/",
                                env=_real_clock(os.environ))
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr or result.stdout}")

    def start(self) -> "Cluster":
        self._run(str(BIN / "initdb"), "-D", str(self.data), "-U", "bottega", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c shared_buffers=128MB")
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                  "-l", str(self.root / "server.log"), "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://bottega@127.0.0.1:{self.port}/{database}"

    @property
    def running(self) -> bool:
        return self.data.exists()

    def stop(self) -> None:
        try:
            self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
