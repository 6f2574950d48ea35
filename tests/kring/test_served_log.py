"""The log of `kring serve` started with its default flags, read from the process's own output."""

from __future__ import annotations

import json
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

from events.feeds import new_feed
from kring.choices import Role
from kring.clock import utc_now
from mailings.clicks import click_url
from mailings.unsubscribe import unsubscribe_token
from tests import factories
from tests.conftest import run
from tests.served import raw_request, wait_for_output


def test_every_request_gets_an_access_line_without_client_query_or_identity(served_app):
    raw_request(served_app.url, "GET", "/health?q=jan.peeters@werk.example.be")
    raw_request(served_app.url, "GET", "/leden/jan.peeters%40werk.example.be")
    raw_request(served_app.url, "POST", "//api/challenges", {"content-type": "text/plain"}, b"{}")

    access = wait_for_output(served_app.stdout, '"POST /api/challenges HTTP/1.1" 401')
    assert '- - "GET /health?… HTTP/1.1" 200' in access
    assert '- - "GET /leden/[e-mail] HTTP/1.1" 404' in access
    assert '- - "POST /api/challenges HTTP/1.1" 401' in access
    everything = access + served_app.stderr()
    assert "Logging error" not in everything and "Traceback" not in everything
    assert "jan.peeters" not in everything
    requests = [line for line in access.splitlines() if " HTTP/1.1" in line]
    assert requests and all(line.split(":", 1)[1].lstrip().startswith("- - ") for line in requests)


def test_a_path_cannot_forge_a_log_line_nor_drive_the_terminal(served_app):
    """uvicorn logs the decoded path: %0a started a forged line ("INFO: ... 200 OK"), %1b
    sent terminal escapes, %00 a NUL. They are written as escapes instead."""
    forged = "/nothing%0aINFO:%20%20-%20-%20%22GET%20/forged%20HTTP/1.1%22%20200%1b%5b31mRED%00x"
    raw_request(served_app.url, "GET", forged)
    access = wait_for_output(served_app.stdout, "RED")
    assert '"GET /nothing\\nINFO:  - - "GET /forged HTTP/1.1" 200\\x1b[31mRED\\x00x' in access
    everything = access + served_app.stderr()
    assert "\x1b" not in everything and "\x00" not in everything
    assert not any(line.startswith('INFO:  - - "GET /forged') for line in everything.splitlines())


def test_a_unicode_line_separator_cannot_forge_a_log_line_either(served_app):
    """U+2028 and U+2029 (%E2%80%A8, %E2%80%A9) are line breaks to every reader that splits
    lines by Unicode's rules (Python's `splitlines`, as this test reads the log): they were
    written as they came and started a forged line there. They are escapes too."""
    forged = "/nothing%E2%80%A8INFO:%20%20-%20-%20%22GET%20/forged%20HTTP/1.1%22%20200%E2%80%A9x"
    raw_request(served_app.url, "GET", forged)
    access = wait_for_output(served_app.stdout, "forged")
    assert '"GET /nothing\\u2028INFO:  - - "GET /forged HTTP/1.1" 200\\u2029x' in access
    everything = access + served_app.stderr()
    assert "\u2028" not in everything and "\u2029" not in everything
    assert not any(line.startswith('INFO:  - - "GET /forged') for line in everything.splitlines())


def test_secret_tokens_in_paths_stay_out_of_the_access_log(served_app):
    """A calendar feed's token opens the member's calendar to whoever reads the log; a signed
    click or unsubscribe token names the member (and the article they clicked)."""
    member_id = factories.member(factories.organisation())
    feed = run(new_feed(member_id))
    click = urlsplit(click_url(member_id, 7, "https://example.org/artikel"))
    unsubscribe = unsubscribe_token(member_id)
    assert raw_request(served_app.url, "GET", f"/events/feed/{feed}").status == 200
    raw_request(served_app.url, "GET", f"{click.path}?{click.query}")
    raw_request(served_app.url, "GET", f"/mailings/unsubscribe/{unsubscribe}")
    raw_request(served_app.url, "GET", "/static/vendor/swagger-ui/swagger-ui-standalone-preset.js")

    access = wait_for_output(served_app.stdout, "swagger-ui-standalone-preset.js")
    assert '"GET /events/feed/… HTTP/1.1" 200' in access
    assert '"GET /mailings/r/…?… HTTP/1.1"' in access
    assert '"GET /mailings/unsubscribe/… HTTP/1.1"' in access
    assert '"GET /static/vendor/swagger-ui/swagger-ui-standalone-preset.js HTTP/1.1" 200' in access
    everything = access + served_app.stderr()
    for secret in (feed, click.path.rsplit("/", 1)[1], unsubscribe):
        assert secret not in everything


def test_a_client_that_hangs_up_mid_body_leaves_no_error_in_the_log(served_app):
    """Content-Length promised 100 bytes, 2 came, then the connection closed: an everyday
    event on mobile networks, which was logged as an unhandled error with its traceback."""
    port = int(served_app.url.rsplit(":", 1)[1])
    for path in ("/api/tokens", "/login"):
        with socket.create_connection(("127.0.0.1", port)) as connection:
            connection.sendall(
                f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 100\r\n\r\n{}".encode()
            )
    time.sleep(0.5)
    raw_request(served_app.url, "GET", "/health?after-hang-up")
    wait_for_output(served_app.stdout, "GET /health?… HTTP/1.1")
    time.sleep(0.2)
    log = served_app.stderr()
    assert "unhandled error" not in log and "Traceback" not in log
    assert "client disconnected" not in log


def test_a_pdf_export_leaves_no_glyph_list_in_the_log(served_app):
    """fontTools logged every PDF's glyph subset at INFO (about 40 lines): the glyph names
    ('idieresis', 'odieresis') tell which letters the participants' names hold."""
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member, factories.member(first_name="Zoë", last_name="Loïc"))
    start = (utc_now() + timedelta(days=10)).replace(microsecond=0)
    event = {
        "title": "Bedrijfsbezoek",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": 5,
        "list_visibility": "participants",
    }
    json_headers = {"content-type": "application/json"}
    made = raw_request(
        served_app.url,
        "POST",
        "/api/events",
        organiser.headers | json_headers,
        json.dumps(event).encode(),
    )
    event_id = json.loads(made.body)["id"]
    path = f"/api/events/{event_id}/registration"
    registered = raw_request(served_app.url, "POST", path, member.headers | json_headers, b"{}")
    assert registered.status == 201
    pdf = raw_request(
        served_app.url, "GET", f"/api/events/{event_id}/exports/pdf", organiser.headers
    )
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF")
    log = served_app.stderr()
    assert "fontTools" not in log and "dieresis" not in log
