"""/healthz: whether this process can serve, for monitoring and for the upgrade steps of
"Running Bottega for real" (README). 200 when the database answers, its schema is at the
newest migration and it takes writes; else 503 with the reason. The answer is for operators
and machines: its words are fixed codes, not translated."""
from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from db.engine import FULL, READ_ONLY, get_engine, write_probe
from db.migrate import is_at_head

log = logging.getLogger("bottega")

REASONS = {"unreachable": "the database does not answer",
           "behind": "the schema is behind the newest migration",
           READ_ONLY: "the database does not take writes: it is read-only",
           FULL: "the database does not take writes: its disk is full"}


def health() -> dict[str, Any]:
    """The database's state: reachable, at the newest migration, taking writes (a rolled-back
    write, db.engine.write_probe). A `reason` says what is wrong, for the operator."""
    report: dict[str, Any] = {"database": "unreachable", "schema": "unknown"}
    try:
        engine = get_engine()
        at_head = is_at_head(engine)
        report["database"] = "reachable"
        report["schema"] = "at head" if at_head else "behind"
        fault = write_probe(engine) if at_head else None
        if fault:
            report["database"] = fault
    except Exception as error:  # any failure to reach the database is the answer itself
        log.warning("healthz: database unreachable: %s", type(error).__name__)
        report["database"], report["schema"] = "unreachable", "unknown"
    ok = report["database"] == "reachable" and report["schema"] == "at head"
    report["status"] = "ok" if ok else "unavailable"
    if not ok:
        report["reason"] = REASONS.get(report["database"]) or REASONS[report["schema"]]
    return report


def healthz(request: Request) -> JSONResponse:
    """200 when the database answers, is at the newest migration and takes writes; else 503
    with the reason."""
    report = health()
    return JSONResponse(report, status_code=200 if report["status"] == "ok" else 503,
                        headers={"Cache-Control": "no-store"})
