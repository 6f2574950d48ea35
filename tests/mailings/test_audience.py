"""Who a mailing reaches: every kind of audience, and never anyone who opted out, is restricted,
erased, paused or has no address, whatever the kind."""

from __future__ import annotations

import pytest

from kring.errors import NotFound
from kring.validation import FieldError
from mailings.audience import audience_ids, audience_summary, check_exists, parse_audience
from tests.conftest import run
from tests.mailings.delivery_scene import build


def test_every_audience_leaves_out_who_may_not_be_mailed():
    scene = build()
    p = scene.people

    def ids(kind: str, **params) -> set[int]:
        spec = parse_audience(kind, params)
        run(check_exists(spec))
        return set(run(audience_ids(spec)))

    everyone = ids("all_members")
    assert {p["control"], p["english"]} <= everyone
    left_out = {p[k] for k in ("opted_out", "restricted", "erased", "paused", "no_email")}
    assert everyone.isdisjoint(left_out)
    # Registered: control, english, opted_out, erased; only the first two may be mailed.
    assert ids("event", event=str(scene.event_id)) == {p["control"], p["english"]}
    assert ids("organisations", organisations=[str(scene.org_a)]) == {p["control"]}
    assert ids("organisations", organisations=[scene.org_a, scene.org_b]) == {
        p["control"],
        p["english"],
    }
    # 'iso9001' matches 'ISO-9001' (same concept), never 'ISO 14001' (another number); the
    # opted-out member's 'iso 9001' challenge does not bring them in.
    assert ids("tags", tags="iso9001") == {p["control"]}
    assert ids("tags", tags="Veiligheid, onbekend") == {p["english"]}
    assert ids("tags", tags="iso 14001") == set()

    summary = run(audience_summary(parse_audience("all_members", {})))
    assert summary["count"] == len(everyone)
    names = {row["last_name"] for row in summary["sample"]}
    assert "Controle" in names and names.isdisjoint({"Afgemeld", "Beperkt", "Gepauzeerd"})

    with pytest.raises(NotFound):
        run(check_exists(parse_audience("event", {"event": "999999"})))
    with pytest.raises(NotFound):
        run(check_exists(parse_audience("organisations", {"organisations": ["999999"]})))
    for kind, params, field in (
        ("nobody", {}, "audience_kind"),
        ("event", {}, "event"),
        ("event", {"event": "²"}, "event"),
        ("organisations", {"organisations": []}, "organisations"),
        ("organisations", {"organisations": ["-1"]}, "organisations"),
        ("tags", {"tags": " , "}, "tags"),
        ("tags", {"tags": "x" * 41}, "tags"),
    ):
        with pytest.raises(FieldError) as refused:
            parse_audience(kind, params)
        assert refused.value.field == field, (kind, params)
