"""A language per user: chosen in the sidebar, kept in the database, applied at once; the
sign-in page's switch and BOTTEGA_LANGUAGE; every screen in Italian for every role."""
import pytest
from sqlmodel import select

from db.engine import reading, writing
from db.models import AuditEntry, Partner, User
from db.seed.driver import seed_demo
from ui.navigation import SCREENS
from hub.admin import users
from hub.errors import Forbidden, Invalid
from hub.i18n import speaking
from hub.markdown import as_text
from tests.apptest import field, navigation, new_app, open_page, press, signed_in_app, text_of
from tests.conftest import PASSWORD
from tests.italian import english_words, shown_strings, still_english

ITALIAN_NAVIGATION = ["Panoramica", "Occupazione laboratori", "Edificio", "Artigiani", "Corsi",
                      "Calendario", "Partner"]
PAGES = ("overview", "occupancy", "building", "tenants", "courses", "calendar", "partners",
         "billing", "admin")
ROLES = {"manager": "boss", "communication": "carla", "viewer": "vera"}


def language_of(username: str) -> str:
    with reading() as session:
        return session.exec(select(User.language).where(User.username == username)).one()


def choose(at, language: str):
    at.sidebar.selectbox(key="sidebar_language").select(language)
    return at.run()


# --- the rule -------------------------------------------------------------------------------

def test_a_user_sets_their_own_language_and_the_change_is_logged(db_url, make_user):
    viewer = make_user("vera", "viewer")
    with writing() as session, session.begin():
        users.set_language(session, actor=viewer, language="it")
    assert language_of("vera") == "it"
    with reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "users")
                             .order_by(AuditEntry.id.desc())).first()
    assert entry.action == "update" and entry.changes == {"language": ["en", "it"]}


def test_an_unknown_language_is_refused_naming_the_field_and_nothing_is_written(db_url,
                                                                                 make_user):
    viewer = make_user("vera", "viewer")
    with pytest.raises(Invalid) as refusal, writing() as session, session.begin():
        users.set_language(session, actor=viewer, language="fr")
    assert refusal.value.field == "language" and "'fr' is unknown" in str(refusal.value)
    assert language_of("vera") == "en"


def test_a_deactivated_account_cannot_set_its_language(db_url, make_user):
    make_user("boss", "manager")
    viewer = make_user("vera", "viewer")
    with writing() as session, session.begin():
        users.deactivate(session, actor=users.COMMAND_LINE, username="vera")
    with pytest.raises(Forbidden), writing() as session, session.begin():
        users.set_language(session, actor=viewer, language="it")
    assert language_of("vera") == "en"


def test_new_users_get_bottega_language(db_url, make_user, monkeypatch):
    make_user("ada", "manager")
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "it")
    make_user("bea", "viewer")
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "klingon")  # unknown: English
    make_user("cris", "viewer")
    assert [language_of(name) for name in ("ada", "bea", "cris")] == ["en", "it", "en"]


# --- the screens ----------------------------------------------------------------------------

def test_the_sidebar_switch_applies_at_once_and_is_kept_for_the_next_sign_in(db_url,
                                                                             make_user):
    make_user("boss", "manager")
    at = signed_in_app("boss")
    assert navigation(at)[:2] == ["Overview", "Lab occupancy"]
    at = choose(at, "it")
    assert navigation(at) == [*ITALIAN_NAVIGATION, "Fatturazione", "Amministrazione"]
    assert at.title[0].value == "Panoramica"
    assert language_of("boss") == "it"
    later = signed_in_app("boss")           # another browser: the account's language
    assert navigation(later)[0] == "Panoramica"
    later = choose(later, "en")
    assert navigation(later)[0] == "Overview" and language_of("boss") == "en"
    assert not at.exception and not later.exception


def test_the_sign_in_page_has_a_switch_and_the_authenticator_speaks_italian(db_url, make_user):
    make_user("boss", "manager")
    at = new_app().run()
    labels = [w.label for w in at.text_input]
    assert labels == ["Username", "Password"] and [b.label for b in at.button] == ["Login"]
    switch = at.button_group(key="sign_in_language")
    assert switch.label == "Language · Lingua" and switch.value == "en"
    switch.set_value("it").run()
    assert [w.label for w in at.text_input] == ["Nome utente", "Password"]
    assert [b.label for b in at.button] == ["Accedi"]
    assert "Il cruscotto dell'hub artigiano" in text_of(at)
    field(at, "Nome utente").input("boss")
    field(at, "Password").input("wrong-password-1")
    press(at, "Accedi")
    assert "Nome utente o password errati" in text_of(at)
    assert not at.exception


def test_bottega_language_sets_the_sign_in_page(db_url, make_user, monkeypatch):
    monkeypatch.setenv("BOTTEGA_LANGUAGE", "it")
    make_user("boss", "manager")
    at = new_app().run()
    assert [w.label for w in at.text_input] == ["Nome utente", "Password"]


def test_a_hub_refusal_reaches_an_italian_user_in_italian(db_url, make_user):
    """Admin › Users: a new account with a bad address is refused by hub/, in Italian, the
    field's name too, and nothing is written."""
    make_user("boss", "manager")
    with writing() as session, session.begin():
        users.set_language(session, actor=users.find_user(session, "boss"), language="it")
    with speaking("it"):  # what AppTest formats between runs, the browser gets from the run
        at = open_page(signed_in_app("boss"), "admin")
        for label, value in (("Nome utente", "nina"), ("Nome e cognome", "Nina Neri"),
                             ("Email", "nina-at-example"), ("Password", PASSWORD)):
            next(w for w in at.text_input
                 if w.label == label and w.key.startswith("admin_new")).input(value)
        at = press(at, "Aggiungi utente")
    assert (as_text("email: 'nina-at-example' non è un indirizzo email valido "
                    "(come nome@esempio.it)") in [e.value for e in at.error])
    with reading() as session:
        assert users.find_user(session, "nina") is None
    assert not at.exception


@pytest.fixture
def demo_hub(db_url, make_user):
    with writing() as session, session.begin():
        seed_demo(session)
    for role, username in ROLES.items():
        make_user(username, role)
        with writing() as session, session.begin():
            users.set_language(session, actor=users.find_user(session, username),
                               language="it")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", ROLES)
def test_every_screen_reads_in_italian_for_every_role(demo_hub, role):
    """AppTest formats select box values again between runs, in the test's thread: it speaks
    Italian too, as the script's thread does (from the user's language)."""
    words = english_words()
    with reading() as session:   # what people typed is shown as typed: partners' free tags
        typed = {tag.strip() for tags in session.exec(select(Partner.tags)) for tag in
                 tags.split(",")}
    words = {english: italian for english, italian in words.items() if english not in typed}
    assert "ceramics" in typed and "ceramics" not in words   # the demo tags a partner so
    left = {}
    with speaking("it"):
        at = signed_in_app(ROLES[role])
        for page in PAGES:
            if role not in next(screen.roles for screen in SCREENS if screen.key == page):
                continue
            at = open_page(at, page)
            assert not at.exception, (page, at.exception)
            assert len(shown_strings(at)) > 10, page
            left.update({f"{page}: {english}": italian
                         for english, italian in still_english(at, words).items()})
    assert not left, f"shown in English on an Italian screen: {left}"


def test_add_user_takes_a_language_and_refuses_an_unknown_one(db_url, make_user):
    boss = make_user("boss", "manager")
    with writing() as session, session.begin():
        users.add_user(session, actor=boss, username="ilaria", role="viewer", name="Ilaria",
                       email="ilaria@example.org", password=PASSWORD, language="it")
    assert language_of("ilaria") == "it"
    with pytest.raises(Invalid, match="'de' is unknown"), writing() as session, session.begin():
        users.add_user(session, actor=boss, username="dora", role="viewer", name="Dora",
                       email="dora@example.org", password=PASSWORD, language="de")
    with reading() as session:
        assert users.find_user(session, "dora") is None
