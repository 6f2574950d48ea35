"""A value Piccolo Admin's validation cannot repeat in its answer was a 500 (found probing the
served admin): a member's `job_title` sent as JSON's `NaN` or `Infinity` (which Python's JSON
reads) or as text holding a lone surrogate (`"\\ud800"`, no character) made FastAPI's 422, which
quotes the input, fail to write itself. The admin mount reads a row's body first: such a value
is a 400 naming the field, and the row keeps its value."""

import pytest

from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
TABLES = "/admin/api/tables"


@pytest.fixture
def admin(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.headers.update(
        {
            "X-CSRFToken": client.cookies.get("csrftoken", ""),
            "accept": "application/json",
            "content-type": "application/json",
        }
    )
    return client


def _job_title(member_id: int) -> str:
    from kring.tables import Member

    row = run(Member.select(Member.job_title).where(Member.id == member_id).first())
    return row["job_title"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"job_title": NaN}', "job_title: NaN is no value JSON has; send text"),
        (b'{"job_title": Infinity}', "job_title: Infinity is no value JSON has; send text"),
        (b'{"job_title": -Infinity}', "job_title: -Infinity is no value JSON has; send text"),
        (b'{"job_title": "ab\\ud800"}', "job_title: contains the control character U+D800"),
        (b'{"job_title": ["\\udfff"]}', "job_title: contains the control character U+DFFF"),
        (b'{"\\ud800": "x"}', 'body: the field "\\ud800" contains the control character U+D800'),
    ],
)
def test_a_value_piccolo_cannot_quote_is_a_400_naming_the_field(admin, body, detail):
    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    before = _job_title(member_id)
    answer = admin.patch(f"{TABLES}/member/{member_id}/", content=body)
    assert answer.status_code == 400, answer.text[:300]
    assert answer.json()["detail"].startswith(detail), answer.json()
    assert _job_title(member_id) == before
    answer = admin.post(f"{TABLES}/challenge/", content=body.replace(b"job_title", b"title"))
    assert answer.status_code == 400, answer.text[:300]
