"""Parameter types shared by routes: bounded ids never overflow a database integer."""

from typing import Annotated, Any

from litestar.openapi.spec import OpenAPIType
from litestar.params import PathParameter, QueryParameter

from kring.queries import MAX_OFFSET
from kring.validation import MAX_ID

PathId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
QueryOffset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)]
"""A list's offset: the pages clamp to the same bound (``kring.queries.page``)."""


def number_read_as_text(minimum: int, maximum: int, default: int) -> Any:
    """A query parameter that its route reads as text, so that its own check names the bounds
    as the route's page does (`parse_months`, `parse_search`), documented as the whole number
    it must be: the document said any string, and a generated client offered a text box."""
    return QueryParameter(
        schema_extra={
            "type": OpenAPIType.INTEGER,
            "minimum": minimum,
            "maximum": maximum,
            "default": default,
        }
    )
