"""Failed sign-ins in hub/admin/sign_in.py: counted per username and address, the same answer
for a username with or without an account, pauses that a stranger cannot extend to the
account's owner elsewhere, and what ends them."""
from datetime import timedelta

import bcrypt
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, SignInFailure, utcnow
from hub.admin import sign_in, users

HERE, THERE = "203.0.113.7", "198.51.100.20"


def write(action, **arguments):
    with writing() as session, session.begin():
        return action(session, **arguments)


def fail(username, address=HERE, now=None, times=1):
    return [write(sign_in.record_failed_sign_in, username=username, address=address, now=now)
            for _ in range(times)]


def usable(username, address, now=None) -> bool:
    with reading() as session:
        accounts = sign_in.credentials(session, address=address, now=now)["usernames"]
        return accounts[username]["password"] != sign_in.unusable_hash()


def told(username, address=HERE, now=None) -> str:
    with reading() as session:
        return sign_in.failure_message(session, username=username, address=address, now=now)


def test_failures_count_down_in_words_then_pause_the_username_at_that_address(db_url,
                                                                              make_user):
    make_user("ada", "manager")
    messages = fail("ada", times=5)
    assert messages[0] == ("username or password is incorrect; 4 more failures with this "
                           "username from this address pause signing in with it here for "
                           "15 minutes")
    assert messages[3] == ("username or password is incorrect; 1 more failure with this "
                           "username from this address pauses signing in with it here for "
                           "15 minutes")
    assert messages[4] == ("too many failed sign-ins with this username from this address; "
                           "try again in 15 minutes")
    assert not usable("ada", HERE)


def test_a_stranger_s_failures_do_not_pause_the_account_at_another_address(db_url, make_user):
    make_user("ada", "manager")
    fail("ada", HERE, times=12)
    assert not usable("ada", HERE)
    assert usable("ada", THERE)
    assert told("ada", THERE).startswith("username or password is incorrect; 5 more failures")


def test_a_username_without_an_account_is_answered_word_for_word_like_one_with(db_url,
                                                                              make_user):
    make_user("ada", "manager")
    for_the_account = fail("ada", HERE, times=6)
    for_nobody = fail("nobody", THERE, times=6)
    assert for_the_account == for_nobody
    with reading() as session:
        names = set(session.exec(select(SignInFailure.username)))
    assert names == {"ada", "nobody"}


def test_a_username_is_counted_as_the_form_compares_it(db_url, make_user):
    make_user("ada", "manager")
    fail(" ADA ", times=4)
    fail("Ada")
    assert not usable("ada", HERE)


def test_a_pause_ends_when_its_failures_are_fifteen_minutes_old(db_url, make_user):
    make_user("ada", "manager")
    start = utcnow()
    fail("ada", now=start, times=5)
    assert told("ada", now=start + timedelta(minutes=14, seconds=30)) == (
        "too many failed sign-ins with this username from this address; try again in 1 minute")
    assert not usable("ada", HERE, start + timedelta(minutes=14, seconds=59))
    assert usable("ada", HERE, start + timedelta(minutes=15, seconds=1))
    assert told("ada", now=start + timedelta(minutes=15, seconds=1)).startswith(
        "username or password is incorrect; 5 more failures")


def test_an_address_failing_with_name_after_name_is_paused_for_every_name(db_url, make_user):
    make_user("ada", "manager")
    for number in range(sign_in.ADDRESS_LIMIT - 1):
        fail(f"guess{number}")
    assert usable("ada", HERE)
    assert fail("guess-last") == ["too many failed sign-ins from this address; try again in "
                                  "15 minutes"]
    assert not usable("ada", HERE)
    assert told("someone-else") == told("ada")
    assert usable("ada", THERE)


def test_the_right_password_clears_its_username_s_failures_at_its_address_only(db_url,
                                                                              make_user):
    ada = make_user("ada", "manager")
    fail("ada", HERE, times=4)
    fail("ada", THERE, times=4)
    signed_in = write(sign_in.record_sign_in, user=ada, address=HERE)
    assert signed_in.id == ada.id
    assert told("ada", HERE).startswith("username or password is incorrect; 5 more failures")
    assert told("ada", THERE).startswith("username or password is incorrect; 1 more failure ")
    with reading() as session:
        assert users.find_user(session, "ada").last_login_at is not None


def test_a_manager_s_unlock_lifts_the_username_s_pauses_everywhere_and_is_audited(db_url,
                                                                                 make_user):
    make_user("boss", "manager")
    make_user("ada", "viewer")
    fail("ada", HERE, times=5)
    fail("ada", THERE, times=5)
    with reading() as session:
        assert sign_in.paused_accounts(session) == {"ada": 2}
    write(users.unlock, actor=users.COMMAND_LINE, username="ada")
    assert usable("ada", HERE) and usable("ada", THERE)
    with reading() as session:
        assert sign_in.paused_accounts(session) == {}
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
    assert entry.changes == {"failed_sign_ins": [10, 0]}


def test_a_new_password_lifts_the_pauses_too(db_url, make_user):
    make_user("boss", "manager")
    make_user("ada", "viewer")
    fail("ada", HERE, times=5)
    write(users.reset_password, actor=users.COMMAND_LINE, username="ada",
          password="A-New-Password-9")
    assert usable("ada", HERE)


def test_failures_older_than_a_day_are_deleted_as_new_ones_come(db_url, make_user):
    now = utcnow()
    fail("ada", now=now - timedelta(days=1, minutes=1), times=3)
    fail("ada", now=now)
    with reading() as session:
        assert list(session.exec(select(SignInFailure.at))) == [now]


def test_a_deactivated_account_keeps_its_hash_so_only_its_owner_learns_why(db_url, make_user):
    make_user("boss", "manager")
    make_user("ada", "viewer")
    write(users.deactivate, actor=users.COMMAND_LINE, username="ada")
    assert usable("ada", HERE)
    with reading() as session:
        ada = users.find_user(session, "ada")
    assert sign_in.sign_in_refusal(ada) == ("this account is deactivated; ask a manager to "
                                            "reactivate it")


def test_the_check_for_a_name_without_an_account_costs_what_a_real_one_does(monkeypatch):
    """The unusable hash is made at the rounds new passwords get, and a name without an
    account is checked against it: the answer takes as long as for an account."""
    monkeypatch.setenv("BOTTEGA_BCRYPT_ROUNDS", "5")
    checked = []
    real_check = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw",
                        lambda password, hashed: checked.append(hashed) or real_check(password,
                                                                                      hashed))
    sign_in.spend_a_password_check("whatever-password")
    assert [hashed[:7] for hashed in checked] == [b"$2b$05$"]
    assert users.hash_password("A-New-Password-9")[:7] == "$2b$05$"
    sign_in.spend_a_password_check("x" * 100)   # bcrypt refuses over 72 bytes: no traceback


def test_sign_out_returns_its_moment(db_url, make_user):
    ada = make_user("ada", "manager")
    moment = write(sign_in.record_sign_out, user_id=ada.id)
    with reading() as session:
        assert users.find_user(session, "ada").sessions_valid_after == moment
