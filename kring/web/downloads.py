"""How the OpenAPI document describes an operation whose answer is a file.

A handler that returns ``Response[bytes]`` is documented by Litestar as a JSON string, so a
generated client would try to parse a CSV, a spreadsheet or a PDF as JSON. An export route
names its real media types with ``operation_class=answers_file(...)``; the 200 answer then
lists each of them, text as a string and everything else as binary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIFormat, OpenAPIType


@dataclass
class FileOperation(Operation):
    media_types: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        answer = (self.responses or {}).get("200")
        if isinstance(answer, OpenAPIResponse):
            answer.content = {
                media_type: OpenAPIMediaType(schema=file_schema(media_type))
                for media_type in self.media_types
            }


def file_schema(media_type: str) -> Schema:
    if media_type.startswith("text/"):
        return Schema(type=OpenAPIType.STRING)
    return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)


def answers_file(*media_types: str) -> type[Operation]:
    """The operation class of a route whose 200 answer is a file in one of `media_types`
    (binary ones first: a generator that takes the first type it knows then reads bytes)."""
    ordered = sorted(media_types, key=lambda media_type: media_type.startswith("text/"))
    return type("FileOperation", (FileOperation,), {"media_types": tuple(ordered)})
