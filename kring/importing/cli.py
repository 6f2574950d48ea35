"""`kring import …`: organisers' import commands."""

import click


@click.group("import")
def importing() -> None:
    """Import members from a CRM export (CSV or XLSX)."""
