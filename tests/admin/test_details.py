"""A detail mutation testing found unguarded: a reset password must be typed twice alike."""
import pytest
from sqlmodel import select

from db.engine import reading
from db.models import AuditEntry, User
from hub.admin import users
from hub.errors import Invalid
from tests.worlds import write


def test_a_reset_password_must_be_repeated_exactly_and_nothing_changes_otherwise(base):
    with reading() as session:
        before = session.exec(select(User.password_hash).where(User.username == "vera")).one()
    with pytest.raises(Invalid) as refused:
        write(users.reset_password, actor=base["manager"], username="vera",
              password="New-Password-42", repeat="New-Password-43")
    assert (refused.value.field, refused.value.message) == (
        "repeat password", "the two passwords do not match")
    with reading() as session:
        assert session.exec(select(User.password_hash).where(
            User.username == "vera")).one() == before
        assert session.exec(select(AuditEntry).where(
            AuditEntry.action == "reset_password")).all() == []
