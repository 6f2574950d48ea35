"""For tests that record several requests of one person on purpose."""

from datetime import timedelta

from kring.clock import utc_now
from tests.conftest import run


def recorded_earlier(table: type) -> None:
    """Every request of `table` as if received a minute ago: the same request recorded again
    within seconds is a repeated submit (`privacy.requests.REPEAT_WINDOW`), not a new one."""
    run(table.update({table.received_at: utc_now() - timedelta(minutes=1)}, force=True))
