"""Regenerates the README's screenshots (`make screenshots`): the demo network in a temporary
directory, served by `kring serve`, photographed page by page as each demo user in Debian's
chromium, in Dutch, at 1280 px and a few at 390 px (a phone).

Run: .venv/bin/python -m tests.web.screenshots [--only NAME…]
The pictures land in tests/web/screenshots/, cropped and reduced to a palette so the
repository stays small. Nothing of the developer's own database is touched.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from assembly.demo_data import DEMO_PASSWORD
from tests.web.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.web.helpers import log_in

OUT = Path(__file__).parent / "screenshots"
KRING = Path(sys.executable).parent / "kring"
WIDE, PHONE = 1280, 390
ORGANISER, OFFICER, ADMIN = "organisator@kring.demo", "privacy@kring.demo", "admin@kring.demo"
MEMBER = "the first member login `kring demo` prints"


@dataclass(frozen=True)
class Shot:
    name: str
    """The file name, without `.png`."""
    login: str
    path: str
    """A path, or `{event}` for the first upcoming event."""
    width: int = WIDE
    height: int = 1000
    """Crop the full page to this many pixels."""
    before: Callable[[Any], None] | None = None
    """What to do on the page first (open a menu)."""
    ready: str = "main"
    """What to wait for before the picture (the admin builds itself with scripts)."""


def _open_phone_menu(page: Any) -> None:
    page.click("details.phone-menu > summary")


def _refused_event_form(page: Any) -> None:
    """The new-event form sent with four fields empty and a link that is no web address: the
    browser's own checks are switched off, so the server's answer (every error at once) shows."""
    for field in ("title", "starts_at", "ends_at", "capacity"):
        page.fill(f"#field-{field}", "")
    page.fill("#field-venue", "Zaal Leie")
    page.fill("#field-online_url", "javascript:alert(1)")
    page.eval_on_selector("main form.grid", "form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.click("main form.grid button[type=submit]")
    page.wait_for_selector("#error-summary")


def _refused_edition_form(page: Any) -> None:
    """A new award edition whose jury deadline lies before its submission deadline and whose
    criterion weighs -5: both refusals show at once."""
    page.fill("#field-name", "Prijs 2031")
    page.fill("#field-submission_deadline", "2031-03-01T17:00")
    page.fill("#field-jury_deadline", "2031-02-01T17:00")
    page.fill("#category-1", "Kmo's")
    page.fill("#criterion-name-1", "Resultaten")
    page.fill("#criterion-weight-1", "-5")
    page.eval_on_selector("main form.grid", "form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.click("main form.grid > button[type=submit]")
    page.wait_for_selector("#error-summary")


def _retire_an_item(page: Any) -> None:
    """The demo retires nothing: the organiser retires the first item, as on its page."""
    if page.locator("li.record.closed").count() == 0:
        page.locator("li.record .item-title a").first.click()
        page.click("#retire > summary")
        page.locator("#retire button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(page.url.split("/library")[0] + "/library", wait_until="networkidle")


SHOTS = [
    Shot("member-home", MEMBER, "/"),
    Shot("member-introductions", MEMBER, "/introductions"),
    Shot("member-event", MEMBER, "{event}"),
    Shot("member-my-data", MEMBER, "/privacy"),
    Shot("member-my-data-phone", MEMBER, "/privacy", PHONE, 1600),
    Shot("member-home-phone", MEMBER, "/", PHONE, 844),
    Shot("member-menu-phone", MEMBER, "/", PHONE, 844, _open_phone_menu),
    Shot("organiser-home", ORGANISER, "/"),
    Shot("organiser-members", ORGANISER, "/members"),
    Shot("organiser-member", ORGANISER, "/members/1", height=1400),
    Shot("organiser-participants", ORGANISER, "{event}/participants"),
    Shot("organiser-participants-phone", ORGANISER, "{event}/participants", PHONE, 844),
    Shot("organiser-registrations", ORGANISER, "{event}/registrations"),
    Shot("organiser-registrations-phone", ORGANISER, "{event}/registrations", PHONE, 844),
    Shot("organiser-duplicates", ORGANISER, "/import/duplicates"),
    Shot("member-award", MEMBER, "/awards"),
    # the demo's draft: after last year's four candidacies (assembly/demo_awards.py)
    Shot("member-candidacy", MEMBER, "/awards/candidacies/5/edit", height=1400),
    Shot("organiser-jury", ORGANISER, "/awards/editions/1/jury", height=1400),
    Shot("member-project", MEMBER, "/projects/1", height=1400),
    Shot("member-project-phone", MEMBER, "/projects/1", PHONE, 1600),
    Shot("member-library", MEMBER, "/library/for-you", height=1200),
    Shot("organiser-mailing", ORGANISER, "/mailings/2", height=1200),
    Shot("organiser-mailing-preview", ORGANISER, "/mailings/2/preview", height=1400),
    Shot("organiser-usage", ORGANISER, "/usage", height=1100),
    Shot("organiser-usage-phone", ORGANISER, "/usage", PHONE, 1300),
    Shot("organiser-library-retired", ORGANISER, "/library", 1280, 1100, _retire_an_item),
    Shot("organiser-library-retired-phone", ORGANISER, "/library", PHONE, 1300, _retire_an_item),
    Shot("privacy-desk", OFFICER, "/privacy/desk"),
    Shot("privacy-register", OFFICER, "/privacy/desk/register", height=900),
    Shot("privacy-register-phone", OFFICER, "/privacy/desk/register", PHONE, 1000),
    Shot("organiser-event-form-errors", ORGANISER, "/events/new", 1280, 1400, _refused_event_form),
    Shot(
        "organiser-event-form-errors-phone",
        ORGANISER,
        "/events/new",
        PHONE,
        1800,
        _refused_event_form,
    ),
    Shot(
        "organiser-edition-form-errors",
        ORGANISER,
        "/awards/editions/new",
        1280,
        1300,
        _refused_edition_form,
    ),
    Shot(
        "organiser-edition-form-errors-phone",
        ORGANISER,
        "/awards/editions/new",
        PHONE,
        1500,
        _refused_edition_form,
    ),
    Shot("member-not-found", MEMBER, "/nope", height=600),
    Shot("member-not-found-phone", MEMBER, "/nope", PHONE, 700),
    Shot("admin-home", ADMIN, "/", height=700),
    Shot("admin-tables", ADMIN, "/admin/#/member", height=700, ready="table td"),
]


def _run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([str(KRING), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"kring {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("kring serve stopped before it answered")
        try:
            with urllib.request.urlopen(f"{base}/login", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"kring serve did not answer on {base} within {seconds:.0f} s")


def _save(png: bytes, name: str, height: int) -> Path:
    """Crop to `height` and keep a 256-colour palette: a tenth of the size, the same look."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, height)))
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target = OUT / f"{name}.png"
    small.save(target, optimize=True)
    return target


def _prepare(page: Any, base: str) -> None:
    """The demo has no open privacy requests: the officer records two, so the desk shows work."""
    log_in(page, base, OFFICER, DEMO_PASSWORD)
    for kind, member, channel in (("access", "12", "phone"), ("erasure", "40", "paper")):
        page.goto(f"{base}/privacy/desk")
        form = page.locator("#record-request")
        form.locator("select[name=kind]").select_option(kind)
        form.locator("input[name=member_id]").fill(member)
        form.locator("select[name=channel]").select_option(channel)
        form.locator("input[name=identity_checked]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()


def _photograph(browser: Any, base: str, shots: list[Shot], member: str) -> None:
    event: str | None = None
    by_login: dict[tuple[str, int], Any] = {}
    for shot in shots:
        login = member if shot.login == MEMBER else shot.login
        key = (login, shot.width)
        if key not in by_login:
            viewport = {"width": shot.width, "height": 844 if shot.width == PHONE else 900}
            context = browser.new_context(locale="nl-BE", viewport=viewport)
            page = context.new_page()
            log_in(page, base, login, DEMO_PASSWORD)
            by_login[key] = page
        page = by_login[key]
        if "{event}" in shot.path and event is None:
            page.goto(f"{base}/events")
            event = page.locator("main table a").first.get_attribute("href")
        page.goto(base + shot.path.format(event=event), wait_until="networkidle")
        page.wait_for_selector(shot.ready, state="attached")
        if shot.before:
            shot.before(page)
        target = _save(page.screenshot(full_page=True), shot.name, shot.height)
        print(f"{target.relative_to(Path.cwd())}  {target.stat().st_size // 1024} kB")
    for page in by_login.values():
        page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="the names of the shots to take again")
    wanted = parser.parse_args().only
    shots = [s for s in SHOTS if not wanted or s.name in wanted]
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kring-screenshots-") as folder:
        env = os.environ | {
            "KRING_DATABASE_URL": f"sqlite:///{folder}/kring.sqlite",
            "KRING_LANGUAGE": "nl",
        }
        env.pop("KRING_SECRET_KEY", None)  # a key of its own, kept in the folder
        print("Building the demo network in", folder)
        _run("migrate", env=env)
        members = re.findall(r"^\s+member\s+(\S+@\S+)\s*$", _run("demo", "--yes", env=env), re.M)
        base = f"http://127.0.0.1:{_free_port()}"
        server = subprocess.Popen(
            [str(KRING), "serve", "--host", "127.0.0.1", "--port", base.rsplit(":", 1)[1]],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(base, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                context = browser.new_context(locale="nl-BE")
                _prepare(context.new_page(), base)
                context.close()
                _photograph(browser, base, shots, members[0])
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
