"""All configuration, read once from the environment into one typed object."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///var/kring.sqlite"


class SettingsError(ValueError):
    """A setting in the environment that Kring cannot use."""


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
        database_url = env.get("KRING_DATABASE_URL", DEFAULT_DATABASE_URL)
        if not database_url.startswith(("sqlite:///", "postgres://", "postgresql://")):
            raise SettingsError(
                "KRING_DATABASE_URL must start with sqlite:/// or postgres://, "
                f"not {database_url.split(':', 1)[0]!r}"
            )
        base_url = (env.get("KRING_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")
        language = env.get("KRING_LANGUAGE", "nl")
        if language not in ("nl", "en"):
            raise SettingsError("KRING_LANGUAGE must be nl or en")
        return cls(
            database_url=database_url,
            secret_key=env.get("KRING_SECRET_KEY") or _local_secret_key(database_url),
            base_url=base_url,
            smtp_host=env.get("KRING_SMTP_HOST", "127.0.0.1"),
            smtp_port=_integer(env, "KRING_SMTP_PORT", 25),
            smtp_user=env.get("KRING_SMTP_USER", ""),
            smtp_password=env.get("KRING_SMTP_PASSWORD", ""),
            smtp_sender=env.get("KRING_SMTP_SENDER", "Kring <noreply@kring.local>"),
            smtp_starttls=_flag(env, "KRING_SMTP_STARTTLS", False),
            secure_cookies=_flag(env, "KRING_SECURE_COOKIES", base_url.startswith("https://")),
            session_hours=_integer(env, "KRING_SESSION_HOURS", 12),
            default_language=language,
            database_pool_size=_integer(env, "KRING_DATABASE_POOL_SIZE", 10),
            erasure_ledger=Path(
                env.get("KRING_ERASURE_LEDGER")
                or _data_folder(database_url) / "erasure-ledger.jsonl"
            ),
            accounting_retention_years=_integer(env, "KRING_ACCOUNTING_RETENTION_YEARS", 7),
            upload_max_mb=_integer(env, "KRING_UPLOAD_MAX_MB", 20),
        )


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def _integer(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


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
