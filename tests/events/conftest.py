"""Fixtures of the events tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from events import registration_mails
from kring.settings import get_settings


@pytest.fixture
def mailbox(smtp_server: Any) -> Iterator[Any]:
    """The SMTP server's collector; event mails go there for the length of the test."""
    registration_mails.settings_override = replace(
        get_settings(), smtp_port=smtp_server.port, base_url="https://kring.example"
    )
    try:
        yield smtp_server
    finally:
        registration_mails.settings_override = None
