"""The shape of a timed job: an idempotent coroutine that reports how many rows it handled."""

from collections.abc import Awaitable, Callable

Job = Callable[[], Awaitable[int]]
