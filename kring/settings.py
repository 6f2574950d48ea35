"""All configuration, read once from the environment into one typed object."""

from __future__ import annotations

import ipaddress
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from email_validator import EmailNotValidError, validate_email

from kring.validation import briefly

DEFAULT_DATABASE_URL = "sqlite:///var/kring.sqlite"


class SettingsError(ValueError):
    """A setting in the environment that Kring cannot use; its text is one line naming the
    variable, the value (briefly) and what it may be, which every command and the web app
    print instead of a traceback (`assembly`)."""


def _refused(name: str, shown: str, allowed: str, most: int = 24) -> SettingsError:
    value = f"is {briefly(shown, most)!r}" if shown else "is not set"
    return SettingsError(f"{name} {value}: {allowed}")


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
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        database_url = _database_url(env.get("KRING_DATABASE_URL") or DEFAULT_DATABASE_URL)
        base_url = _base_url(env.get("KRING_BASE_URL", "").strip()) or DEFAULT_BASE_URL
        language = env.get("KRING_LANGUAGE", "").strip() or "nl"
        if language not in ("nl", "en"):
            raise _refused("KRING_LANGUAGE", language, "it must be nl or en")
        return cls(
            database_url=database_url,
            secret_key=_secret_key(env) or _local_secret_key(database_url),
            base_url=base_url,
            smtp_host=_host(env, "KRING_SMTP_HOST", "127.0.0.1"),
            smtp_port=_integer(env, "KRING_SMTP_PORT", 25, 1, 65535),
            smtp_user=_text(env, "KRING_SMTP_USER"),
            smtp_password=_text(env, "KRING_SMTP_PASSWORD"),
            smtp_sender=_sender(env, "KRING_SMTP_SENDER", "Kring <noreply@kring.local>"),
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


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
"""PostgreSQL's `sslmode` values (the driver also reads `verify_ca`, `verify_full`)."""


def _database_url(url: str) -> str:
    """SQLite with a file's path, or PostgreSQL with an address its driver can read: a port
    that is no number, or an `sslmode` it does not know, failed only at the first query, deep
    inside the driver."""
    allowed = (
        "it must be sqlite:/// and a file (e.g. sqlite:///var/kring.sqlite) or a PostgreSQL "
        "address (e.g. postgres://kring@127.0.0.1:5432/kring)"
    )
    if url.startswith("sqlite:///") and url.removeprefix("sqlite:///").strip():
        return url
    if url.startswith(("postgres://", "postgresql://")):
        try:
            parts = urlsplit(url)
            port = parts.port  # ValueError: not a number, or not one below 65536
        except ValueError:
            port = -1
        if port != -1:
            modes = parse_qs(parts.query, keep_blank_values=True).get("sslmode", [])
            known = (*SSL_MODES, "verify_ca", "verify_full")
            if all(mode in known for mode in modes):
                return url
            allowed = f"its sslmode must be one of {', '.join(SSL_MODES)}"
    # An address is longer than most values, and what is wrong may sit at its end (the port).
    raise _refused("KRING_DATABASE_URL", without_password(url), allowed, most=60)


def _base_url(address: str) -> str:
    """The public address, without a closing slash; one no browser opens (no scheme, another
    scheme, no host) would be written into every mail's and calendar feed's links."""
    if not address:
        return ""
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.hostname and " " not in address:
        return address.rstrip("/")
    raise _refused(
        "KRING_BASE_URL",
        address,
        "it must be an http:// or https:// address with a host, like https://kring.example.be",
        most=60,
    )


MIN_SECRET_KEY = 16


def _secret_key(env: Mapping[str, str]) -> str:
    """A set key signs the CSRF tokens and keys the stored hashes of every process: a short
    one can be guessed."""
    key = env.get("KRING_SECRET_KEY", "")
    if key and len(key.strip()) < MIN_SECRET_KEY:
        # The key itself is never printed, as a password in an address is not.
        raise SettingsError(
            f"KRING_SECRET_KEY has {len(key.strip())} characters: it must have at least "
            f"{MIN_SECRET_KEY} (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )
    return key


def _text(env: Mapping[str, str], name: str, most: int = 256) -> str:
    """A login or password for the mail relay: any text on one line, of a sensible length."""
    raw = env.get(name, "")
    if len(raw) > most or any(not character.isprintable() for character in raw):
        shown = "…" if name.endswith("PASSWORD") else raw
        allowed = f"it must be text on one line of at most {most} characters"
        raise _refused(name, shown, allowed)
    return raw


def _host(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if len(raw) > 253 or any(character.isspace() for character in raw):
        raise _refused(name, raw, "it must be a host name or address, like smtp.example.be")
    return raw


def _sender(env: Mapping[str, str], name: str, default: str) -> str:
    """The From of every mail, and the domain of its Message-ID: an address with a domain,
    written as every relay and the email package take it: an international domain in its
    ASCII form (`bücher.be` could not be written in a From header: every mail failed), and
    a part before the @ in ASCII."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    _, address = parseaddr(raw)
    local, at, domain = address.rpartition("@")
    if not (local and at and domain) or any(character.isspace() for character in address):
        raise _refused(
            name, raw, "it must be an e-mail address, like Kring <noreply@kring.example.be>", 60
        )
    if not local.isascii():
        raise _refused(name, raw, "its part before the @ must be plain ASCII, as relays need")
    if "=?" in raw:  # the email package decodes an RFC 2047 word in it, line breaks and all
        raise _refused(name, raw, "it must not hold '=?', which mail programs decode as a word")
    if domain.isascii():
        return raw
    try:
        ascii_domain = validate_email(address, check_deliverability=False).ascii_domain
    except EmailNotValidError:
        raise _refused(name, raw, "its domain must be an internet domain, like kring.be") from None
    at_address = raw.rindex(address)
    return raw[:at_address] + f"{local}@{ascii_domain}" + raw[at_address + len(address) :]


def _integer(env: Mapping[str, str], name: str, default: int, least: int, most: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None
    if number is None or not least <= number <= most:
        raise _refused(name, raw, f"it must be a whole number from {least} to {most}")
    return number


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise _refused(name, env[name], "it must be true or false (or 1 or 0, yes or no, on or off)")


def database_refused(database_url: str, problem: str) -> SettingsError:
    """KRING_DATABASE_URL refused for what its first connection met (`kring.database`): the
    address shown without its password, the problem in one line."""
    line = " ".join(problem.split())
    return _refused("KRING_DATABASE_URL", without_password(database_url), line, most=60)


def without_password(url: str) -> str:
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
    # On PostgreSQL the key goes in var/: setting KRING_SECRET_KEY is the way out.
    name, shown = ("KRING_DATABASE_URL", database_url)
    if database_url.startswith(("postgres://", "postgresql://")):
        name, shown = ("KRING_SECRET_KEY", "")
    _usable_folder(name, shown, folder)
    key_file = folder / "secret_key"
    try:
        if not key_file.exists():
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return key_file.read_text().strip()
    except OSError as error:
        problem = f"the key file {key_file} cannot be made or read ({error.strerror or error})"
        raise _refused(name, shown, problem, most=60) from None


def _usable_folder(name: str, shown: str, folder: Path) -> None:
    """The folder a file of Kring's goes in (the SQLite database, its key, the erasure ledger)
    exists, or only it is missing and is made, and Kring can write in it: a mistyped path
    made a tree of folders, or failed at the first write in a traceback."""
    existing = folder if folder.exists() else folder.parent
    problem = ""
    if not existing.exists():
        problem = f"the folder {existing} does not exist"
    elif not existing.is_dir():
        problem = f"{existing} is a file, not a folder"
    else:
        try:
            folder.mkdir(exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as error:
            problem = f"Kring cannot write in the folder {folder} ({error.strerror or error})"
    if problem:
        raise _refused(name, shown, problem, most=60)


@cache
def get_settings() -> Settings:
    return Settings.from_env()


# -- settings a module reads itself -----------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A whole number from `least` to `most`; blank or unset is `default`."""

    default: int
    least: int
    most: int

    def read(self, name: str, env: Mapping[str, str]) -> int:
        return _integer(env, name, self.default, self.least, self.most)


@dataclass(frozen=True)
class OneOf:
    """One of `choices` (the first is the default), compared without case when `fold`."""

    choices: tuple[str, ...]
    fold: bool = False

    def read(self, name: str, env: Mapping[str, str]) -> str:
        raw = env.get(name, "").strip()
        chosen = (raw.lower() if self.fold else raw) or self.choices[0]
        if chosen not in self.choices:
            *first, last = self.choices
            raise _refused(name, raw, f"it must be {', '.join(first)} or {last}")
        return chosen


@dataclass(frozen=True)
class Flag:
    default: bool

    def read(self, name: str, env: Mapping[str, str]) -> bool:
        return _flag(env, name, self.default)


@dataclass(frozen=True)
class Proxies:
    """`*`, or addresses and networks separated by commas; uvicorn takes anything else as a
    name no client ever has, so a typo trusted nobody, silently."""

    def read(self, name: str, env: Mapping[str, str]) -> str:
        raw = env.get(name, "").strip()
        if raw in ("", "*"):
            return raw
        for item in raw.split(","):
            try:
                ipaddress.ip_network(item.strip())
            except ValueError:
                allowed = (
                    f"{item.strip()!r} is no IP address or network: it must be * or addresses "
                    "and networks separated by commas, like 127.0.0.1,10.0.0.0/8"
                )
                raise _refused(name, raw, allowed, most=60) from None
        return raw


@dataclass(frozen=True)
class SemanticModel:
    """A model registered in `matching.semantic.MODELS` (blank: its default, which matching
    picks). Its names are imported only when one is set: that module loads numpy and the
    encoders, a second of every start that only checks settings."""

    def read(self, name: str, env: Mapping[str, str]) -> str:
        if not env.get(name, "").strip():
            return ""
        from matching.semantic import MODELS

        return OneOf(MODELS, fold=True).read(name, env)


Rule = Number | OneOf | Flag | Proxies | SemanticModel


@cache
def own_settings() -> dict[str, Rule]:
    """The settings a module reads from the environment itself: each time it uses them (tests
    change them per test), or once as it is imported (argon2's cost). Every process checks
    them all at start (`check_at_start`), with the rule the module reads them by, so a bad
    value is one line then, never a 500 at its first use. `matching` reads its two itself (it
    imports no Kring package), by the same words."""
    month = 60 * 24 * 31
    return {
        "KRING_ARGON2_MEMORY_KIB": Number(65536, 64, 4 * 1024 * 1024),
        "KRING_ARGON2_TIME_COST": Number(3, 1, 100),
        "KRING_TRUSTED_PROXIES": Proxies(),
        "KRING_INTRODUCTION_EXPIRY_DAYS": Number(14, 1, 365),
        "KRING_WHO_TO_MEET_DAYS": Number(2, 1, 60),
        "KRING_SEMANTIC": Flag(True),
        "KRING_SEMANTIC_MODEL": SemanticModel(),
        "KRING_SERVE_MATCHING": Flag(True),
        "KRING_SERVE_RESUMES_IMPORTS": Flag(True),
        "KRING_ERASURE_APPROVAL": OneOf(("two-officers", "one-officer")),
        "KRING_DOWNLOAD_LINK_MINUTES": Number(60, 1, month),
        "KRING_DOWNLOADS_PER_HOUR": Number(5, 1, 1000),
        "KRING_REAUTH_MINUTES": Number(10, 1, month),
        "KRING_VERIFICATION_MINUTES": Number(60, 1, month),
        "KRING_MAILING_PER_MINUTE": Number(120, 1, 60_000),
    }


def own_number(name: str, env: Mapping[str, str] | None = None) -> int:
    """A number a module reads itself, now, by its declared rule (`own_settings`)."""
    rule = own_settings()[name]
    assert isinstance(rule, Number), name
    return rule.read(name, os.environ if env is None else env)


def own_flag(name: str, env: Mapping[str, str] | None = None) -> bool:
    rule = own_settings()[name]
    assert isinstance(rule, Flag), name
    return rule.read(name, os.environ if env is None else env)


def own_choice(name: str, env: Mapping[str, str] | None = None) -> str:
    rule = own_settings()[name]
    assert isinstance(rule, OneOf | Proxies), name
    return rule.read(name, os.environ if env is None else env)


def check_at_start(env: Mapping[str, str] | None = None) -> Settings:
    """Every setting, as every process reads it before it does anything (`assembly`): the
    settings object, each module's own setting, and the folders Kring writes in. The first
    unusable one raises a SettingsError; the database itself is checked at its first
    connection (`kring.database`)."""
    settings = get_settings() if env is None else Settings.from_env(env)
    environment = os.environ if env is None else env
    for name, rule in own_settings().items():
        rule.read(name, environment)
    if not settings.is_postgres:
        database = sqlite_path(settings.database_url)
        _usable_folder("KRING_DATABASE_URL", settings.database_url, database.parent)
        if database.is_dir():
            raise _refused(
                "KRING_DATABASE_URL", settings.database_url, f"{database} is a folder", 60
            )
    ledger = settings.erasure_ledger
    _usable_folder("KRING_ERASURE_LEDGER", str(ledger), ledger.parent)
    if ledger.is_dir():
        raise _refused("KRING_ERASURE_LEDGER", str(ledger), "it is a folder, not a file", 60)
    return settings
