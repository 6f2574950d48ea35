"""Two organisers changing one award edition at once each keep their change. The edition form
sends every field it shows, so a save wrote back what it held when it was opened: an organiser
who renamed a category, or moved the jury deadline, while a colleague had
/awards/editions/N/edit open saw the old one back when the colleague saved a new name for the
edition, without a word. The form carries the edition as it was shown (`_seen`,
`kring.seen`), and a save writes only what was changed."""

from __future__ import annotations

import re
from html import unescape

from litestar.testing import TestClient

from awards.editions import get_edition
from tests import factories
from tests.awards.helpers import edition, organiser
from tests.conftest import _app, run

HTML = {"accept": "text/html"}


def _form(html: str, action: str) -> dict[str, list[str]]:
    """Every value a browser would send with the form posting to `action`, in order (the
    edition form repeats its category and criterion fields)."""
    form = html[html.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    fields: dict[str, list[str]] = {}
    pattern = r'<input[^>]*name="([^"]+)"[^>]*>|<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>'
    for tag in re.finditer(pattern, form, re.S):
        if tag.group(1):
            found = re.search(r'value="([^"]*)"', tag.group(0))
            fields.setdefault(tag.group(1), []).append(unescape(found.group(1) if found else ""))
        else:
            fields.setdefault(tag.group(2), []).append(unescape(tag.group(3)))
    return fields


def _two_save(client, edition_id: int, theirs: dict, mine: dict) -> None:
    path = f"/awards/editions/{edition_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, organiser().email)
        factories.log_in(other, organiser().email)
        opened = _form(client.get(path, headers=HTML).text, path)
        shown = _form(other.get(path, headers=HTML).text, path)
        saved = other.post(path, data=shown | theirs, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=opened | mine, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]


def test_a_save_keeps_the_category_a_colleague_renamed_meanwhile(client):
    made = edition(name="Kwaliteitsprijs")
    names = [c["name"] for c in run(get_edition(made.id))["categories"]]
    renamed = ["Kleine en middelgrote ondernemingen", *names[1:]]
    _two_save(client, made.id, {"category_name": renamed}, {"name": "Kwaliteitsprijs Vlaanderen"})
    held = run(get_edition(made.id))
    assert held["name"] == "Kwaliteitsprijs Vlaanderen"
    assert [c["name"] for c in held["categories"]] == renamed


def test_a_save_keeps_the_jury_deadline_a_colleague_moved_meanwhile(client):
    made = edition(name="Kwaliteitsprijs")
    before = run(get_edition(made.id))["jury_deadline"]
    path = f"/awards/editions/{made.id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as probe:
        factories.log_in(probe, organiser().email)
        shown = _form(probe.get(path, headers=HTML).text, path)["jury_deadline"][0]
    later = re.sub(r"\d{4}", lambda year: str(int(year.group()) + 1), shown, count=1)
    _two_save(client, made.id, {"jury_deadline": later}, {"name": "Kwaliteitsprijs Vlaanderen"})
    held = run(get_edition(made.id))
    assert held["name"] == "Kwaliteitsprijs Vlaanderen"
    assert held["jury_deadline"].year == before.year + 1


def test_a_name_changed_by_both_organisers_is_refused_with_both_values(client):
    made = edition(name="Kwaliteitsprijs")
    path = f"/awards/editions/{made.id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, organiser().email)
        factories.log_in(other, organiser().email)
        opened = _form(client.get(path, headers=HTML).text, path)
        shown = _form(other.get(path, headers=HTML).text, path)
        saved = other.post(path, data=shown | {"name": ["Prijs Vlaanderen"]}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]

        refused = client.post(path, data=opened | {"name": ["Prijs Gent"]}, headers=HTML)

        assert refused.status_code == 409, refused.text[:300]
        page = unescape(refused.text)
        assert re.search(r'class="meanwhile-value">\s*Prijs Vlaanderen\s*<', page)
        assert re.search(r'name="name"[^>]*value="Prijs Gent"', page)
        assert run(get_edition(made.id))["name"] == "Prijs Vlaanderen"
        again = {k: v for k, v in _form(refused.text, path).items() if not k.startswith("_keep")}
        resaved = client.post(path, data=again, headers=HTML, follow_redirects=False)
        assert resaved.status_code == 303, resaved.text[:300]
    assert run(get_edition(made.id))["name"] == "Prijs Gent"
