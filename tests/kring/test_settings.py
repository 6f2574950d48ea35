import pytest

from kring.settings import Settings, SettingsError

KEY = "a-test-secret-key"
"""A set key has at least 16 characters (`kring.settings.MIN_SECRET_KEY`)."""


def test_postgres_url_switches_to_postgres():
    settings = Settings.from_env(
        {"KRING_DATABASE_URL": "postgres://u@h:5432/db", "KRING_SECRET_KEY": KEY}
    )
    assert settings.is_postgres


def test_default_is_sqlite_under_var(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite:///var/kring.sqlite" and not settings.is_postgres
    assert (tmp_path / "var" / "secret_key").exists()
    assert Settings.from_env({}).secret_key == settings.secret_key


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KRING_DATABASE_URL", "mysql://root@localhost/kring"),
        ("KRING_SMTP_PORT", "twenty-five"),
        ("KRING_SECURE_COOKIES", "maybe"),
        ("KRING_LANGUAGE", "fr"),
    ],
)
def test_unusable_setting_names_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({"KRING_SECRET_KEY": KEY, name: value})
