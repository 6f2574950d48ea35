"""Every table of data on every page sits in a focusable region that scrolls sideways
(`_table.html`): found from outside, the phone's CSS made each table a scroll region of its
own that a keyboard could not reach (axe-core: scrollable-region-focusable) on /privacy,
/projects/1, /usage and the privacy desk. The browser crawl (tests/web/test_navigation.py)
runs axe-core at 390 px; this test keeps a new table from skipping the region."""

import re

from kring.web.templating import STATIC, TEMPLATES

TABLE = re.compile(r"<table\b(?![^>]*role=\"presentation\")")
OPENS = re.compile(r"\{%-?\s*call scrolling\(")
CLOSES = re.compile(r"\{%-?\s*endcall\s*-?%\}")


def _outside_a_region(text: str) -> list[int]:
    """Line numbers of the tables not inside `{% call scrolling(…) %}`."""
    found = []
    for table in TABLE.finditer(text):
        before = text[: table.start()]
        opened = [m.start() for m in OPENS.finditer(before)]
        closed = [m.start() for m in CLOSES.finditer(before)]
        if not opened or (closed and closed[-1] > opened[-1]):
            found.append(before.count("\n") + 1)
    return found


def test_every_table_of_every_template_is_in_a_scrolling_region():
    templates = sorted(TEMPLATES.rglob("*.html"))
    outside = {
        str(path.relative_to(TEMPLATES)): lines
        for path in templates
        if (lines := _outside_a_region(path.read_text()))
    }
    assert len(templates) > 50
    assert outside == {}


def test_the_check_finds_a_bare_table():
    assert _outside_a_region("<h2>x</h2>\n<table>\n</table>") == [2]
    wrapped = '{% call scrolling(_("x")) %}\n<table>\n</table>\n{% endcall %}\n'
    wrapped += '<table role="presentation">'
    assert _outside_a_region(wrapped) == []


def test_no_table_scrolls_by_itself():
    """Only the region scrolls: a table made a scroll region of its own cannot take focus."""
    css = (STATIC / "kring.css").read_text()
    rules = re.findall(r"(?:^|[}\s])table\s*\{([^}]*)\}", css)
    assert rules and not any("overflow" in rule or "display: block" in rule for rule in rules)


def test_a_region_can_take_the_keyboards_focus_and_is_named():
    macro = (TEMPLATES / "_table.html").read_text()
    assert 'tabindex="0" role="region" aria-label="{{ label }}"' in macro


LABEL = re.compile(r"""\{%-?\s*call scrolling\(_\((["'])(.+?)\1\)\)""")
HEADING = re.compile(
    r"""<h[1-6][^>]*\bid="([^"]+)"[^>]*>\s*\{\{\s*_\((["'])(.+?)\2\)\s*\}\}\s*</h[1-6]>"""
)
NAMED_SECTION = re.compile(r'<section\b[^>]*\baria-labelledby="([^"]+)"')


def _named_as_its_section(text: str) -> set[str]:
    """Region labels that repeat the heading naming a section of the same template: a screen
    reader then lists two landmarks of one name (axe-core: landmark-unique)."""
    sections = {found.group(1) for found in NAMED_SECTION.finditer(text)}
    headings = {found.group(3) for found in HEADING.finditer(text) if found.group(1) in sections}
    return {found.group(2) for found in LABEL.finditer(text)} & headings


def test_no_region_repeats_the_name_of_its_section():
    """Found from outside on the jury and project pages (4f936f8), then on the home's privacy
    requests panel and a mailing's audience."""
    repeated = {
        str(path.relative_to(TEMPLATES)): names
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (names := _named_as_its_section(path.read_text()))
    }
    assert repeated == {}


def test_the_check_finds_a_region_named_as_its_section():
    page = (
        '<section aria-labelledby="t"><h2 id="t">{{ _("Jurors") }}</h2>\n'
        '{% call scrolling(_("Jurors")) %}<table>'
    )
    assert _named_as_its_section(page) == {"Jurors"}
    assert (
        _named_as_its_section(page.replace('scrolling(_("Jurors"))', 'scrolling(_("x"))')) == set()
    )
    assert _named_as_its_section(page.replace('aria-labelledby="t"', "")) == set()
