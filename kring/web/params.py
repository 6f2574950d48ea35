"""Parameter types shared by routes: bounded ids never overflow a database integer."""

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

from kring.queries import MAX_OFFSET
from kring.validation import MAX_ID

PathId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
QueryOffset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)]
"""A list's offset: the pages clamp to the same bound (``kring.queries.page``)."""
