"""The sign-in cookie key: configured, or generated once with owner-only permissions."""
import stat

from web.keys import cookie_key


def test_generated_once_into_the_data_folder_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("BOTTEGA_COOKIE_KEY", raising=False)
    monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path))
    first = cookie_key()
    assert len(first) >= 48 and first == cookie_key()
    mode = stat.S_IMODE((tmp_path / "cookie_key").stat().st_mode)
    assert mode == 0o600


def test_a_generated_key_differs_between_installs(tmp_path, monkeypatch):
    monkeypatch.delenv("BOTTEGA_COOKIE_KEY", raising=False)
    monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path / "one"))
    one = cookie_key()
    monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path / "two"))
    assert cookie_key() != one


def test_the_environment_key_wins_over_a_generated_one(tmp_path, monkeypatch):
    monkeypatch.setenv("BOTTEGA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BOTTEGA_COOKIE_KEY", "k" * 40)
    assert cookie_key() == "k" * 40
    assert not (tmp_path / "cookie_key").exists()


def test_the_repository_holds_no_real_key():
    from tests.conftest import ROOT
    example = (ROOT / ".streamlit" / "secrets.toml.example").read_text()
    assert "replace-with-a-long-random-value" in example
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
