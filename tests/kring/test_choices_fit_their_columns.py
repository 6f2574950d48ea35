"""Every value a column's choices allow fits the column: SQLite stores a longer one without a
word, PostgreSQL refuses the write, so the mistake showed only in the PostgreSQL run, as a
400 naming no field (a mail's refusal code 'bad_address' in 10 characters, 90e6620)."""

from __future__ import annotations

from enum import Enum

from piccolo.columns import Varchar
from piccolo.conf.apps import Finder


def test_every_choice_fits_its_column():
    checked, too_long = 0, []
    for table in Finder().get_table_classes():
        for column in table._meta.columns:
            if not isinstance(column, Varchar) or column._meta.choices is None:
                continue
            checked += 1
            for choice in column._meta.choices:
                value = choice.value.value if isinstance(choice.value, Enum) else choice.value
                if isinstance(value, str) and len(value) > column.length:
                    too_long.append(f"{table._meta.tablename}.{column._meta.name}: {value!r}")
    assert checked > 30  # the scan sees the tables
    assert too_long == []
