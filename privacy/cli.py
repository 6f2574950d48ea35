"""`kring privacy …`: the privacy officer's commands."""

import click


@click.group("privacy")
def privacy() -> None:
    """Access, erasure, retention and registers."""
