"""Every introduction test sends its mails to a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from introductions import mails
from kring.settings import get_settings


@pytest.fixture(autouse=True)
def mailbox(smtp_server: Any) -> Iterator[Any]:
    """The SMTP server's collector; `mails` sends there for the length of the test."""
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        yield smtp_server
    finally:
        mails.settings_override = None
