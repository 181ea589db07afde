"""The registry's world, built once per backend in a database of its own."""
from __future__ import annotations


import pytest
from sqlmodel import Session, select

from db.engine import engine_for
from db.models import User
from tests.conftest import BACKENDS, new_database
from tests.registry.world import build_world


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory):
    """(engine, ids): a database of its own for this module, with the world in it."""
    folder = tmp_path_factory.mktemp("registry")
    with new_database(request, request.param, folder, prefix="registry") as url:
        engine = engine_for(url)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            ids = build_world(session)
        with Session(engine) as session:
            by_name = {user.username: user for user in session.exec(select(User))}
        actors = {"manager": by_name["boss"], "communication": by_name["carla"],
                  "viewer": by_name["vera"]}
        yield engine, ids, actors
        engine.dispose()
        engine_for.cache_clear()
