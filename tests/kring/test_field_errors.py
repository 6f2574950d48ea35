"""Every validation message and every domain error can be shown in Dutch, and every field
they name has a label.

Read from the source with `ast`: a `FieldError` or `DomainError` whose message is not a marked
literal would never reach the catalogue and would show English on a Dutch page.
"""

import ast
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from kring.errors import Conflict, Forbidden, NotFound
from kring.i18n import gettext_for
from kring.messages import FIELD_LABELS, N_, FieldName, FieldNames, Term, field_key, field_label
from kring.validation import FieldError
from kring.web.errors import _detail_for_people

ROOT = Path(__file__).parents[2]
PACKAGES = ("kring", "members", "events", "introductions", "privacy", "assembly")


@cache
def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(), str(path)))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    ]


def _calls(*names: str) -> list[tuple[str, ast.Call]]:
    return [
        (f"{where}:{node.lineno}", node)
        for where, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names
    ]


def _domain_errors() -> set[str]:
    """`DomainError` and every class that inherits from it (`NotFound`, `Gone`, ...)."""
    classes = [
        (node.name, {getattr(base, "id", None) for base in node.bases})
        for _, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    family = {"DomainError"}
    while grown := {name for name, bases in classes if bases & family} - family:
        family |= grown
    return family


def _message(call: ast.Call) -> ast.expr:
    return call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "message")


def _marked_text(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "N_"
        and isinstance(node.args[0], ast.Constant)
    ):
        return node.args[0].value
    return None


def _dutch() -> dict[str, str]:
    with (ROOT / "kring/locale/nl/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and not m.fuzzy}


@cache
def _marked_constants() -> dict[str, dict[str, str]]:
    """Per file its module-level names bound to a marked text (`NO_BODY = N_("...")`)."""
    return {
        where: {
            node.targets[0].id: text
            for node in tree.body
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and (text := _marked_text(node.value)) is not None
        }
        for where, tree in _sources()
    }


@cache
def _imported_constants() -> dict[str, dict[str, str]]:
    """Per file the marked constants it imports by name from another scanned module
    (`from members.importing.runs import NOTHING_RECOGNISED`)."""
    constants = _marked_constants()
    found: dict[str, dict[str, str]] = {}
    for where, tree in _sources():
        names: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                source = constants.get(node.module.replace(".", "/") + ".py", {})
                names |= {
                    a.asname or a.name: source[a.name] for a in node.names if a.name in source
                }
        found[where] = names
    return found


REBUILT = {("members/importing/runs.py", "error_in")}
"""Functions that rebuild a `FieldError` stored with a run (JSON) from its stored message id,
which was marked where the refusal was first made."""


def _rebuilt(where: str) -> bool:
    path, line = where.rsplit(":", 1)
    tree = dict(_sources())[path]
    return any(
        isinstance(node, ast.FunctionDef)
        and (path, node.name) in REBUILT
        and node.lineno <= int(line) <= (node.end_lineno or node.lineno)
        for node in ast.walk(tree)
    )


def _field_error_text(where: str, node: ast.expr) -> str | None:
    """The marked text a `FieldError` is given: written in the call, or a constant marked
    where it is written, in its module or imported from another (a message two refusals
    share)."""
    if isinstance(node, ast.Name):
        path = where.rsplit(":", 1)[0]
        return _marked_constants()[path].get(node.id) or _imported_constants()[path].get(node.id)
    return _marked_text(node)


def test_every_field_error_message_is_marked_and_has_dutch():
    calls = _calls("FieldError", "WrongCode")  # WrongCode is a FieldError
    assert len(calls) > 80  # the scan sees the code
    dutch = _dutch()
    unmarked = [
        where
        for where, call in calls
        if _field_error_text(where, call.args[1]) is None and not _rebuilt(where)
    ]
    untranslated = [
        (where, text)
        for where, call in calls
        if (text := _field_error_text(where, call.args[1])) is not None and not dutch.get(text)
    ]
    assert unmarked == []
    assert untranslated == []


def test_every_domain_error_message_is_marked_and_has_dutch():
    family = _domain_errors()
    assert {"NotFound", "Conflict", "Forbidden", "TooManyAttempts", "Gone"} <= family
    calls = _calls(*family)
    assert len(calls) > 100  # the scan sees the code
    dutch = _dutch()
    # A variable hands on a message id marked where it is written (`Conflict(reason)`);
    # tests/kring/test_i18n.py checks every marked text has Dutch.
    unmarked = [
        where
        for where, call in calls
        if not isinstance(_message(call), ast.Name) and _marked_text(_message(call)) is None
    ]
    untranslated = [
        (where, text)
        for where, call in calls
        if (text := _marked_text(_message(call))) is not None and not dutch.get(text)
    ]
    assert unmarked == []
    assert untranslated == []


APPS = (*PACKAGES, "awards", "projects", "mailings", "library", "matching")
NOT_SHOWN_TO_PEOPLE = {
    "": "a whole request (inputs.py)",
    "next": "where a form returns to, never refused",
    "List-Unsubscribe": "sent by mail programs (RFC 8058), never typed",
    "_seen": "a hidden copy of what an edit form showed; unreadable, it is ignored, never refused",
    "_keep": "the box that keeps a value saved meanwhile (kring.seen.KEEP): ticked or not",
}
"""Field keys no page shows; environment variables (`KRING_...`) are named as they are."""


def _named_fields() -> dict[str, str]:
    """Every field key an error can name, with where: the literal given as the `field` of any
    function that takes one (`FieldError`, `normalise_email(raw, "contributor")`,
    `Conflict(..., field="ends_on")`), in every app."""
    trees = [
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(), str(path)))
        for package in APPS
        for path in (ROOT / package).rglob("*.py")
    ]
    position = {"FieldError": 0, "FieldName": 0}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [arg.arg for arg in node.args.args]
                if "field" in names and node.name != "__init__":
                    position[node.name] = names.index("field")
    named: dict[str, str] = {}
    for where, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            given = [k.value for k in node.keywords if k.arg == "field"]
            if called in position and len(node.args) > position[called]:
                given.append(node.args[position[called]])
            for value in given:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    named.setdefault(value.value, f"{where}:{node.lineno}")
    return named


def _form_fields() -> dict[str, str]:
    """Every control a page's form sends: `name="..."` and `form.field("...", ...)`."""
    import re

    control = re.compile(r'<(?:input|select|textarea)\b[^>]*?\bname="([^"{]+)"')
    macro = re.compile(r'\bfield\(\s*"([^"]+)"')
    found: dict[str, str] = {}
    for path in (ROOT / "kring/templates").rglob("*.html"):
        text = path.read_text()
        for pattern in (control, macro):
            for name in pattern.findall(text):
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_every_field_an_error_names_has_a_label():
    """Found from outside: "contributor: geen lid heeft…" and "ends_on: de einddatum…" in
    Dutch summaries; those apps were not scanned and the keys came through helpers."""
    named = {**_form_fields(), **_named_fields()}
    assert {"contributor", "ends_on", "starts_on", "title"} <= named.keys()  # the scan sees both
    unlabelled = {
        key: where
        for name, where in named.items()
        if (key := field_key(name)) not in FIELD_LABELS
        and name not in NOT_SHOWN_TO_PEOPLE
        and key not in NOT_SHOWN_TO_PEOPLE  # `_keep.audience_kind`: its key is `_keep`
        and not name.startswith("KRING_")
    }
    assert unlabelled == {}
    dutch = _dutch()
    assert [label for label in FIELD_LABELS.values() if not dutch.get(label)] == []


def test_a_field_error_reads_english_for_the_api_and_dutch_on_a_page():
    error = FieldError("ends_at", "must be after %(other)s", other=FieldName("starts_at"))
    assert str(error) == "ends_at: must be after starts_at"
    assert error.message == "must be after starts_at"
    assert error.translate(gettext_for("nl")) == "moet na ‘Begin’ liggen"
    assert error.translate(gettext_for("en")) == "must be after ‘Starts’"


def test_a_field_path_is_labelled_by_its_field():
    assert field_label("tags[2]", gettext_for("nl")) == "Tags"
    assert field_label("met_via", gettext_for("nl")) == "Ontmoet via"


def test_a_domain_error_reads_english_for_the_api_and_dutch_on_a_page():
    error = Conflict(
        N_("a %(status)s registration cannot be checked in"),
        field="status",
        status=Term("cancelled"),
    )
    assert error.message == str(error) == "a cancelled registration cannot be checked in"
    assert error.translate(gettext_for("nl")) == (
        "een inschrijving met status ‘geannuleerd’ kan niet inchecken"
    )
    refused = Forbidden(N_("you may not change %(fields)s"), fields=FieldNames(["email", "phone"]))
    assert refused.message == "you may not change email, phone"
    assert refused.translate(gettext_for("en")) == "you may not change ‘E-mail address’, ‘Phone’"


def test_the_error_page_shows_a_domain_error_in_the_viewers_language():
    error = NotFound(N_("member %(member_id)s not found"), member_id=7)
    assert _detail_for_people(error, error.message, 404, "nl") == ("lid 7 niet gevonden", "nl")
    assert _detail_for_people(error, error.message, 404, "en") == ("member 7 not found", "en")


def test_a_domain_error_without_dutch_shows_as_before():
    clash = Conflict("this clashes with something")
    assert _detail_for_people(clash, clash.message, 409, "nl") == (clash.message, "en")
    missing = NotFound("nothing here")
    assert _detail_for_people(missing, missing.message, 404, "nl") == ("", "nl")
    assert _detail_for_people(missing, missing.message, 404, "en") == ("nothing here", "en")


def test_an_unexpected_error_says_it_once_in_either_language():
    """The English 500 page said "Something went wrong on our side; it has been logged" twice:
    as its explanation and again as the detail; the Dutch page once."""
    from kring.web.errors import describe

    status, detail, _, _ = describe(RuntimeError("a bug"))
    assert status == 500
    for language in ("en", "nl"):
        assert _detail_for_people(RuntimeError("a bug"), detail, 500, language) == ("", language)


def test_every_path_parameter_has_a_label():
    """A page whose address holds an impossible id names the parameter by its label."""
    import re

    from tests.conftest import _app

    names = {
        found.group(1) for route in _app().routes for found in re.finditer(r"\{(\w+):", route.path)
    }
    assert names - FIELD_LABELS.keys() == set()


def test_every_query_parameter_of_a_page_that_can_be_refused_has_a_label():
    """Found from outside: `/events?upcoming_offset=veel` said "Upcoming_offset: “veel” is geen
    geheel getal" (a query parameter named by its Python name, capitalised as a label)."""
    from tests.conftest import _app

    unlabelled = {
        name: route.path
        for route in _app().routes
        if not route.path.startswith(("/api", "/schema", "/admin"))
        for handler in getattr(route, "route_handlers", [])
        for name, parameter in handler.parsed_fn_signature.parameters.items()
        if "{" + name + ":" not in route.path
        and name not in ("request", "data", "state", "scope", "headers", "cookies")
        and parameter.annotation is not str
        and field_key(name) not in FIELD_LABELS
    }
    assert unlabelled == {}


def test_a_page_says_litestars_refusal_of_a_parameter_in_dutch(client):
    """Found from outside: `/projects/0` said "project_id: Expected `int` >= 1" on a Dutch
    page. The API says it in its plain English; the page says the label and the reason in
    Dutch."""
    from kring.choices import Role
    from tests import factories

    login = factories.account(Role.organiser)
    factories.log_in(client, login.email)
    html = {"accept": "text/html", "accept-language": "nl"}
    for path, said in [
        ("/projects/0", "Project: moet minstens 1 zijn"),
        ("/library/-5", "Bibliotheekitem: moet minstens 1 zijn"),
        ("/import/merge?survivor=9999999999", "Eerste lid: mag hoogstens 2147483647 zijn"),
    ]:
        answer = client.get(path, headers=html)
        assert answer.status_code in (400, 405), (path, answer.status_code)
        if said is not None:
            assert said in answer.text, (path, answer.text[:2000])
            assert "Expected" not in answer.text
    api = client.get("/api/projects/0", headers=login.headers)
    assert api.status_code == 400 and "project_id: must be at least 1" in api.text


def test_an_empty_json_body_is_named_as_empty(client):
    """Found from outside: the answer was `data: 'data'`, a KeyError's text."""
    from kring.choices import Role
    from tests import factories

    login = factories.account(Role.organiser)
    headers = {**login.headers, "content-type": "application/json"}
    for path in ("/api/projects", "/api/events"):
        answer = client.post(path, content=b"", headers=headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"] == [
            {"field": "body", "message": "is empty: send a JSON object"}
        ]


def test_the_audit_filters_refuse_in_dutch_with_labels(client):
    """Found from outside: English detail and raw keys (`actor`) on the officer's Dutch page."""
    from kring.choices import Role
    from tests import factories

    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    html = {"accept": "text/html", "accept-language": "nl"}
    huge = client.get("/privacy/desk/audit?member=99999999999999999999", headers=html)
    assert huge.status_code == 400 and "is hoger dan 2147483647" in huge.text  # named
    typed = client.get("/privacy/desk/audit?actor=1.5", headers=html)
    assert typed.status_code == 400 and "Gedaan door" in typed.text and "actor:" not in typed.text


def test_the_summary_names_an_apps_field_by_its_label(client):
    """Found from outside: "ends_on: de einddatum ligt voor de startdatum" on /projects/new
    and "contributor: geen lid heeft het e-mailadres …" on /library/new."""
    from kring.choices import Role
    from tests import factories

    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    html = {"accept": "text/html", "accept-language": "nl"}
    project = {"title": "Audits", "starts_on": "2026-05-01", "ends_on": "2026-04-01"}
    item = {
        "title": "Slides",
        "kind": "slides",
        "language": "nl",
        "summary": "De slides.",
        "body_format": "markdown",
        "contributor": "niemand.zq81@example.com",
    }
    for path, data, said, raw in [
        ("/projects/new", {**project, "state": "planned"}, "Einddatum: ", "ends_on:"),
        ("/library/new", item, "E-mailadres van wie het bijdroeg: ", "contributor:"),
    ]:
        answer = client.post(
            path, data={"_csrf_token": factories.csrf_token(client), **data}, headers=html
        )
        assert answer.status_code in (400, 404), (path, answer.status_code)
        assert said in answer.text and raw not in answer.text, path


def test_a_reason_shown_as_a_sentence_starts_with_a_capital(client):
    """Found from outside: "de organisator van dit evenement deelt…" on a forbidden page."""
    from datetime import timedelta

    from kring.choices import Role
    from kring.clock import utc_now
    from tests import factories

    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    starts = utc_now() + timedelta(days=30)
    event = {
        "title": "Lerend netwerk",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "capacity": 5,
        "list_visibility": "organisers",
    }
    event_id = client.post("/api/events", json=event, headers=organiser.headers).json()["id"]
    factories.log_in(client, member.email)
    page = client.get(
        f"/events/{event_id}/participants",
        headers={"accept": "text/html", "accept-language": "nl"},
    )
    assert page.status_code == 403
    assert "De organisator van dit evenement deelt de deelnemerslijst niet met jou" in page.text
