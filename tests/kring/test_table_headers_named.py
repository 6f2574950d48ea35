"""Every column of every table has a header a screen reader can read: an empty `<th>` (the
API tokens' column of revoke buttons) was read as a column without a name (axe-core:
empty-table-header). A column of buttons is named "Actions", visually hidden."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).parents[2] / "kring" / "templates"
EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>\s*</th>")


def test_no_template_has_an_empty_table_header():
    empty = [
        f"{path.relative_to(TEMPLATES)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for text in [path.read_text(encoding="utf-8")]
        for match in EMPTY_HEADER.finditer(text)
    ]
    assert empty == []
