"""Privacy is an invariant: a table with personal data that is not declared fails this test."""

import re

from piccolo.columns import Text, Varchar

from kring.declarations import REGISTER
from kring.schema import all_tables

PERSONAL_NAME = re.compile(
    r"(name|email|e_mail|phone|address|note|body|title|username|token|ip|birth|comment|reason)"
)


def _personal_looking(table) -> set[str]:
    return {
        column._meta.name
        for column in table._meta.columns
        if PERSONAL_NAME.search(column._meta.name) and isinstance(column, Varchar | Text)
    }


def test_every_table_with_personal_looking_columns_is_declared():
    undeclared = [
        table._meta.tablename
        for table in all_tables()
        if _personal_looking(table) and not REGISTER.is_declared(table)
    ]
    assert undeclared == []


def test_declared_tables_list_every_personal_looking_column():
    missing = {
        name: sorted(_personal_looking(d.table) - set(d.columns))
        for name, d in REGISTER.personal.items()
    }
    missing = {name: columns for name, columns in missing.items() if columns}
    # Tables whose only personal-looking columns are deleted with the row declare delete_row.
    allowed = {
        name: set(columns)
        for name, columns in missing.items()
        if "delete_row" in {str(v) for v in REGISTER.personal[name].columns.values()}
    }
    assert {n: c for n, c in missing.items() if n not in allowed} == {}


def test_every_table_with_a_member_link_is_declared():
    linked = [
        table._meta.tablename
        for table in all_tables()
        if any(fk._meta.name == "member" for fk in table._meta.foreign_key_columns)
    ]
    assert linked and all(REGISTER.is_declared_name(name) for name in linked)


def test_the_detector_would_catch_an_undeclared_table():
    from piccolo.table import Table

    class Visitor(Table):
        full_name = Varchar()
        phone_number = Varchar()

    assert _personal_looking(Visitor) == {"full_name", "phone_number"}
    assert not REGISTER.is_declared(Visitor)
