"""What Beheer (Piccolo Admin) is told to call tables and columns (kring/admin_names.py)."""

from __future__ import annotations

import json

from kring.admin_names import (
    admin_column_label,
    admin_words,
    shown_names,
    titled_schema,
    with_names,
)
from kring.admin_site import ADMIN_TABLES
from kring.i18n import gettext_for


def test_every_column_beheer_shows_has_a_dutch_title():
    dutch = gettext_for("nl")
    for table in ADMIN_TABLES:
        name = table._meta.tablename
        columns = [column._meta.name for column in table._meta.columns]
        schema = {"properties": {column: {"title": column.title()} for column in columns}}
        titled = titled_schema(name, schema, dutch)["properties"]
        raw = [c for c in columns if admin_column_label(name, c, dutch) == c]
        assert raw == [], f"{name}: no label for {raw}"
        assert [titled[c]["title"] for c in columns] == [
            admin_column_label(name, c, dutch) for c in columns
        ]
    assert admin_column_label("member", "first_name", dutch) == "Voornaam"


def test_every_table_beheer_shows_has_a_name_of_its_own():
    names = shown_names([table._meta.tablename for table in ADMIN_TABLES], gettext_for("nl"))
    assert names["organisation domain"] == "E-maildomeinen van organisaties"
    assert names["member"] == "Leden"
    assert all(names[key] != key for key in names if key != "expertise")
    assert admin_words(["member"], gettext_for("nl"))["per page"] == "per pagina"


def test_a_name_cannot_end_the_data_block_it_travels_in():
    page = b"<html><head><title>Piccolo Admin</title></head><body></body></html>"
    written = with_names(page, {"member": "</script><script>alert(1)</script>"}).decode()
    block = written.split('id="kring-table-names">')[1].split("</script>")[0]
    assert json.loads(block) == {"member": "</script><script>alert(1)</script>"}
    assert written.count("</script>") == 5  # the data block's and the four scripts' own
