"""`kring mailings send ID` as organisers run it: asks before queueing a draft, then sends with
progress until done, through a real SMTP server."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from click.testing import CliRunner

from assembly.cli import main
from kring.settings import get_settings
from mailings import cli as mailings_cli
from mailings import sending
from mailings.delivery_tables import MailingRecipient
from mailings.tables import Mailing
from tests.conftest import run
from tests.mailings.delivery_scene import build


def _state(mailing_id: int) -> str:
    return run(Mailing.select(Mailing.state).where(Mailing.id == mailing_id).first())["state"]


def test_send_asks_then_sends_everyone_once(smtp_server, monkeypatch):
    relay = dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    monkeypatch.setattr(sending, "settings_override", relay)
    monkeypatch.setenv("KRING_BASE_URL", relay.base_url)  # the command sends mail
    scene = build()
    m = str(scene.mailing_id)
    cli = CliRunner()
    declined = cli.invoke(main, ["mailings", "send", m], input="n\n")
    assert declined.exit_code == 1 and "2 recipient(s)" in declined.output
    assert _state(scene.mailing_id) == "draft" and run(MailingRecipient.count()) == 0

    sent = cli.invoke(main, ["mailings", "send", m, "--yes"])
    assert sent.exit_code == 0, sent.output
    assert f"mailing {m}: 2 sent, 0 left out, 0 failed, 0 waiting" in sent.output
    assert _state(scene.mailing_id) == "sent" and len(smtp_server.messages) == 2

    again = cli.invoke(main, ["mailings", "send", m])
    assert again.exit_code == 0 and "nothing to send" in again.output
    missing = cli.invoke(main, ["mailings", "send", "999999"])
    assert missing.exit_code == 2 and "error:" in missing.output
    assert len(smtp_server.messages) == 2


def test_a_relay_that_does_not_answer_is_not_said_to_refuse(monkeypatch):
    """With nothing listening on the relay's port the mails wait for `kring worker`; the
    command said 'the relay refused some mails', which sends an organiser looking for a
    refusal in a relay that never answered."""
    import socket
    from datetime import date

    from privacy.processors import add_processor

    run(add_processor("Test relay", "outgoing mail", "e-mail", date(2025, 1, 1), key="smtp"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    relay = dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=port)
    monkeypatch.setattr(sending, "settings_override", relay)
    monkeypatch.setenv("KRING_BASE_URL", relay.base_url)
    # Hand the retries to the worker at once instead of after waiting up to two minutes.
    monkeypatch.setattr(mailings_cli, "HANDED_TO_WORKER", timedelta(0))
    scene = build()
    sent = CliRunner().invoke(main, ["mailings", "send", str(scene.mailing_id), "--yes"])
    assert sent.exit_code == 1, sent.output
    assert "2 waiting" in sent.output
    assert "the relay refused some mails" not in sent.output
    assert "did not go yet (the relay refused them or did not answer)" in sent.output
