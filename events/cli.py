"""`kring events …`: organisers' commands."""

import click


@click.group("events")
def events() -> None:
    """Events and participant lists."""
