"""Passwords (argon2) and random tokens, of which only hashes are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kring.settings import own_number


def _hasher_from_environment() -> PasswordHasher:
    """argon2id with its library's defaults (64 MiB, 3 passes: RFC 9106's second choice), unless
    `KRING_ARGON2_MEMORY_KIB` / `KRING_ARGON2_TIME_COST` say otherwise: raise them on strong
    hardware; the test suite lowers them, because it creates hundreds of accounts. A hash made
    with other parameters is replaced at the next login (`check_password`)."""
    memory = own_number("KRING_ARGON2_MEMORY_KIB")  # bounds: `kring.settings.own_settings`
    passes = own_number("KRING_ARGON2_TIME_COST")
    return PasswordHasher(time_cost=passes, memory_cost=memory)


_hasher = _hasher_from_environment()


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps a login for an unknown e-mail as slow as one for a known
    e-mail. Made at the first login, not at import: hashing takes a third of a second that
    every `kring` command and every start of the app paid."""
    return _hasher.hash("kring-no-such-account")


MIN_PASSWORD_LENGTH = 10


def normalise_password(password: str) -> str:
    """The same typed password in every Unicode form: 'é' may come as one code point (NFC,
    most keyboards) or as 'e' plus an accent (NFD, some macOS and mobile input); hashed as
    NFC, both open the account."""
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(normalise_password(password))


@dataclass(frozen=True)
class PasswordCheck:
    verified: bool
    rehash: bool
    """The hash should be made again: older argon2 parameters, or made from a form other than
    NFC (before passwords were normalised)."""


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password_hash: str | None, password: str) -> PasswordCheck:
    """NFC first; a hash made before normalisation from the password as typed (NFD, or mixed)
    still matches its own form. Which forms are tried depends on the password alone, so an
    unknown account (the dummy hash) costs as much as a wrong password."""
    stored = password_hash or _dummy_hash()
    nfc = normalise_password(password)
    forms = [nfc] + [
        other
        for other in dict.fromkeys((unicodedata.normalize("NFD", password), password))
        if other != nfc
    ]
    for number, form in enumerate(forms):
        if _matches(stored, form):
            if password_hash is None:
                return PasswordCheck(False, False)
            return PasswordCheck(True, number > 0 or _hasher.check_needs_rehash(password_hash))
    return PasswordCheck(False, False)


def verify_password(password_hash: str | None, password: str) -> bool:
    return check_password(password_hash, password).verified


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough to make a stolen table useless."""
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_hash(secret_key: str, value: str) -> str:
    """For values with little entropy (an e-mail, an address) a keyed hash prevents guessing."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()
