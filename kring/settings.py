"""All configuration, read once from the environment into one typed object."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from kring.validation import briefly

DEFAULT_DATABASE_URL = "sqlite:///var/kring.sqlite"


class SettingsError(ValueError):
    """A setting in the environment that Kring cannot use; its text is one line naming the
    variable, the value (briefly) and what it may be, which every command and the web app
    print instead of a traceback (`assembly`)."""


def _refused(name: str, shown: str, allowed: str, most: int = 24) -> SettingsError:
    return SettingsError(f"{name} is {briefly(shown, most)!r}: {allowed}")


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    base_url: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_sender: str
    smtp_starttls: bool
    secure_cookies: bool
    session_hours: int
    default_language: str
    database_pool_size: int
    erasure_ledger: Path
    accounting_retention_years: int
    upload_max_mb: int

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        database_url = _database_url(env.get("KRING_DATABASE_URL") or DEFAULT_DATABASE_URL)
        base_url = (env.get("KRING_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")
        language = env.get("KRING_LANGUAGE", "").strip() or "nl"
        if language not in ("nl", "en"):
            raise _refused("KRING_LANGUAGE", language, "it must be nl or en")
        return cls(
            database_url=database_url,
            secret_key=env.get("KRING_SECRET_KEY") or _local_secret_key(database_url),
            base_url=base_url,
            smtp_host=env.get("KRING_SMTP_HOST", "127.0.0.1"),
            smtp_port=_integer(env, "KRING_SMTP_PORT", 25, 1, 65535),
            smtp_user=env.get("KRING_SMTP_USER", ""),
            smtp_password=env.get("KRING_SMTP_PASSWORD", ""),
            smtp_sender=env.get("KRING_SMTP_SENDER", "Kring <noreply@kring.local>"),
            smtp_starttls=_flag(env, "KRING_SMTP_STARTTLS", False),
            secure_cookies=_flag(env, "KRING_SECURE_COOKIES", base_url.startswith("https://")),
            session_hours=_integer(env, "KRING_SESSION_HOURS", 12, 1, 24 * 366),
            default_language=language,
            database_pool_size=_integer(env, "KRING_DATABASE_POOL_SIZE", 10, 0, 1000),
            erasure_ledger=Path(
                env.get("KRING_ERASURE_LEDGER")
                or _data_folder(database_url) / "erasure-ledger.jsonl"
            ),
            accounting_retention_years=_integer(env, "KRING_ACCOUNTING_RETENTION_YEARS", 7, 0, 100),
            upload_max_mb=_integer(env, "KRING_UPLOAD_MAX_MB", 20, 1, 10_000),
        )


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def _database_url(url: str) -> str:
    """SQLite with a file's path, or PostgreSQL with an address its driver can read: a port
    that is no number failed only at the first query, deep inside the driver."""
    allowed = (
        "it must be sqlite:/// and a file (e.g. sqlite:///var/kring.sqlite) or a PostgreSQL "
        "address (e.g. postgres://kring@127.0.0.1:5432/kring)"
    )
    if url.startswith("sqlite:///") and url.removeprefix("sqlite:///").strip():
        return url
    if url.startswith(("postgres://", "postgresql://")):
        try:
            port = urlsplit(url).port  # ValueError: not a number, or not one below 65536
        except ValueError:
            port = -1
        if port != -1:
            return url
    # An address is longer than most values, and what is wrong may sit at its end (the port).
    raise _refused("KRING_DATABASE_URL", _without_password(url), allowed, most=60)


def _integer(env: dict[str, str], name: str, default: int, least: int, most: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None
    if number is None or not least <= number <= most:
        raise _refused(name, raw, f"it must be a whole number from {least} to {most}")
    return number


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise _refused(name, env[name], "it must be true or false (or 1 or 0, yes or no, on or off)")


def _without_password(url: str) -> str:
    """A refused address as it may be printed: a password in it is not."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return url.split("@")[-1]
    userinfo, at, host = netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return url.replace(netloc, f"{userinfo.partition(':')[0]}:…@{host}", 1)


def sqlite_path(database_url: str) -> Path:
    return Path(database_url.removeprefix("sqlite:///"))


def _data_folder(database_url: str) -> Path:
    return sqlite_path(database_url).parent if database_url.startswith("sqlite") else Path("var")


def _local_secret_key(database_url: str) -> str:
    """Without KRING_SECRET_KEY, keep a key beside the data so every local process shares it.

    Production sets KRING_SECRET_KEY; this keeps the zero-set-up promise of the embedded default.
    """
    folder = _data_folder(database_url)
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


@cache
def get_settings() -> Settings:
    return Settings.from_env()
