"""A real SMTP server on loopback that refuses the addresses a test names: for good (550, as a
relay answers for a mailbox that does not exist) or for now (451, a busy mailbox); it takes
the others. Use beside the `smtp_server` fixture, which records the relay's signed agreement."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.served import free_port


class RefusingRelay:
    def __init__(self) -> None:
        self.for_good: set[str] = set()
        self.for_now: set[str] = set()
        self.asked: list[str] = []
        """Every address a sender offered, in order (once per attempt)."""
        self.messages: list[Any] = []
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        self.asked.append(address)
        if address in self.for_good:
            return "550 5.1.1 no such mailbox"
        if address in self.for_now:
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope)
        return "250 OK"


@contextmanager
def refusing_relay() -> Iterator[RefusingRelay]:
    from aiosmtpd.controller import Controller

    handler = RefusingRelay()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
