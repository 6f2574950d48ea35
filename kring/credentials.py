"""Passwords (argon2) and random tokens, of which only hashes are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kring.settings import own_number


def _hasher_from_environment() -> PasswordHasher:
    """argon2id with its library's defaults (64 MiB, 3 passes: RFC 9106's second choice), unless
    `KRING_ARGON2_MEMORY_KIB` / `KRING_ARGON2_TIME_COST` say otherwise: raise them on strong
    hardware; the test suite lowers them, because it creates hundreds of accounts. A hash made
    with other parameters is replaced at the next login (`password_needs_rehash`)."""
    memory = own_number("KRING_ARGON2_MEMORY_KIB")  # bounds: `kring.settings.own_settings`
    passes = own_number("KRING_ARGON2_TIME_COST")
    return PasswordHasher(time_cost=passes, memory_cost=memory)


_hasher = _hasher_from_environment()
# Verifying against this keeps a login for an unknown e-mail as slow as one for a known e-mail.
_DUMMY_HASH = _hasher.hash("kring-no-such-account")

MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough to make a stolen table useless."""
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_hash(secret_key: str, value: str) -> str:
    """For values with little entropy (an e-mail, an address) a keyed hash prevents guessing."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()
