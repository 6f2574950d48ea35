"""The OpenAPI document says what the server does with a body: every bound it enforces, no key
it refuses, whether a body may be left out, and the multipart form of the uploads.

Litestar's schema of a msgspec struct drops a bound of 0 (`ge=0`, read as "no bound") and
the bounds of a dict's values, says nothing of `forbid_unknown_fields`, documents every body as
required and gives a route that reads its own multipart form no body at all. Schemathesis and
generated clients believed the document; here it is made to match.

It also says which operations need a token: the bearer scheme `BEARER` is required by every API
operation whose guards are not `public` (`document_security`), derived from the guards that
answer 401, so a new route is documented as it is guarded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import msgspec
from litestar import Litestar
from litestar.enums import RequestEncodingType
from litestar.openapi.spec import (
    Components,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
    SecurityScheme,
)
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition
from msgspec import Struct

from kring.web.areas import AREA_KEY, Area
from kring.web.auth import public
from kring.web.uploads import UPLOAD_BODY_BYTES

FORM_FIELDS = "form_fields"
"""A route's `opt` key: the fields besides `file` of the multipart form it reads itself,
name -> description (`members.importing.api`); upload routes (`UPLOAD_BODY_BYTES`) have none."""

JSON_BODY = "json_body"
"""A route's `opt` key: the struct it also reads as an `application/json` body, beside its
multipart form (`FORM_FIELDS`); such a route refuses any other type with a 415."""

BOUNDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minItems": "min_items",
    "maxItems": "max_items",
    "minProperties": "min_properties",
    "maxProperties": "max_properties",
    "enum": "enum",
}
"""JSON Schema's bounds, by the name msgspec writes and the one Litestar's `Schema` holds. An
`enum` is among them for a text a handler reads itself, to refuse it in its own words, whose
values the field's `Meta(extra_json_schema=...)` lists (an edition's next state)."""


class StructBounds(OpenAPISchemaPlugin):
    """Litestar's own schema of a struct, completed from msgspec's schema of it."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return not field_definition.is_union and field_definition.is_subclass_of(Struct)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        litestar_own = next(
            plugin
            for plugin in schema_creator.plugins
            if plugin is not self
            and isinstance(plugin, OpenAPISchemaPlugin)
            and plugin.is_plugin_supported_field(field_definition)
        )
        schema = litestar_own.to_openapi_schema(field_definition, schema_creator)
        complete(schema, field_definition.annotation)
        return schema


def complete(schema: Schema, struct: type[Struct]) -> None:
    """Add to `schema` what msgspec enforces on `struct` and Litestar left out."""
    if struct.__struct_config__.forbid_unknown_fields:
        schema.additional_properties = False
    enforced = _msgspec_schema(struct).get("properties", {})
    for name, property_schema in (schema.properties or {}).items():
        if isinstance(property_schema, Schema) and name in enforced:
            _add_bounds(property_schema, enforced[name])


@cache
def _msgspec_schema(struct: type[Struct]) -> dict[str, Any]:
    try:
        _, components = msgspec.json.schema_components([struct])
    except TypeError:  # a field of a type msgspec has no schema for: leave Litestar's
        return {}
    return components.get(struct.__name__, {})


def _add_bounds(schema: Schema, enforced: dict[str, Any]) -> None:
    """Copy each bound of `enforced` that `schema` lacks, into the items and values too.
    Litestar writes the bounds of an optional value beside its `oneOf`, so they go there."""
    branches = [b for b in enforced.get("anyOf", [enforced]) if b.get("type") != "null"]
    if len(branches) != 1:
        return
    enforced = branches[0]
    for key, attribute in BOUNDS.items():
        if key in enforced and getattr(schema, attribute) is None:
            setattr(schema, attribute, enforced[key])
    inner = _non_null(schema)
    for key, attribute in (("items", "items"), ("additionalProperties", "additional_properties")):
        if isinstance(enforced.get(key), dict) and isinstance(getattr(inner, attribute), Schema):
            _add_bounds(getattr(inner, attribute), enforced[key])


def _non_null(schema: Schema) -> Schema:
    """The schema of the value when `schema` is "this or null"."""
    for branch in schema.one_of or []:
        if isinstance(branch, Schema) and branch.type != OpenAPIType.NULL:
            return branch
    return schema


def document_bodies(app: Litestar) -> None:
    """Give every API operation the request body it really reads (see the module's doc)."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if handler.opt.get(AREA_KEY) is Area.api:
                handler.operation_class = _operation_for(handler)


def _operation_for(handler: Any) -> Callable[..., Operation]:
    data = handler.parsed_fn_signature.parameters.get("data")
    optional = data is not None and data.is_optional
    form = handler.opt.get(FORM_FIELDS)
    if form is None and data is None and _takes_upload(handler):
        form = {}
    declared = handler.operation_class  # a download's own (`kring.web.downloads`)
    json_body = handler.opt.get(JSON_BODY)

    def operation(**fields: Any) -> Operation:
        if form is not None:
            fields["request_body"] = multipart_body(form)
            if json_body is not None:
                fields["request_body"].content[RequestEncodingType.JSON] = OpenAPIMediaType(
                    schema=inline_schema(json_body)
                )
        elif optional and fields.get("request_body") is not None:
            fields["request_body"].required = False
        return declared(**fields)

    return operation


def _takes_upload(handler: Any) -> bool:
    limit = handler.resolve_request_max_body_size()
    return limit is not None and limit >= UPLOAD_BODY_BYTES


def multipart_body(fields: Mapping[str, str]) -> RequestBody:
    """A multipart/form-data body of one file in `file` and the text `fields` beside it."""
    properties = {"file": Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)} | {
        name: Schema(type=OpenAPIType.STRING, description=description)
        for name, description in fields.items()
    }
    form = Schema(type=OpenAPIType.OBJECT, properties=properties, required=["file"])
    return RequestBody(
        required=True,
        content={RequestEncodingType.MULTI_PART: OpenAPIMediaType(schema=form)},
    )


def inline_schema(struct: type[Struct]) -> dict[str, Any]:
    """msgspec's JSON Schema of `struct`, written out in place (a struct of plain fields, which
    refers to no other schema)."""
    found = msgspec.json.schema(struct)
    (written,) = found["$defs"].values()
    if "$ref" in msgspec.json.encode(written).decode():
        raise ValueError(f"{struct.__name__} refers to other schemas; declare it as `data`")
    return written


BEARER = "bearer"
"""The name of the security scheme: a token from `POST /api/tokens`, sent as
`Authorization: Bearer <token>`."""


def security_components() -> Components:
    return Components(
        security_schemes={
            BEARER: SecurityScheme(
                type="http",
                scheme="bearer",
                description="A token from `POST /api/tokens`: `Authorization: Bearer <token>`.",
            )
        }
    )


def document_security(app: Litestar) -> None:
    """Every API operation needs the bearer token unless a layer of it is guarded `public`
    (the token route itself, the privacy codes' `/verify`, health): read from the guards, so
    the document says what an anonymous call meets, a 401 or an answer."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if handler.opt.get(AREA_KEY) is not Area.api:
                continue
            open_to_all = any(public in (layer.guards or ()) for layer in handler.ownership_layers)
            handler.security = None if open_to_all else [{BEARER: []}]
