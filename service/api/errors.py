"""One JSON error shape for every 4xx and 5xx answer, and the handlers that make it.

Every error body is ``{"error": {"status", "code", "message", "field",
"suggestions"}}``. A product error (``features.errors.PartnerMatchError`` and its
tree, storage errors included) is answered with the ``status``, ``code`` and
``field`` its class declares and its message in the language ``Accept-Language``
asks for (vi or en; default en); an internal one (catalog, model, database) says
only a summary. The other errors map as::

    RequestValidationError      422 validation_error   (field: the first bad field)
    unreadable body             422 validation_error   (field: body; not UTF-8/JSON)
    HTTPException               its status (401 unauthorized, 403 forbidden, …)
    anything else               500 internal_error     (logged as one line, no trace)

No answer carries a stack trace, a key or a file path.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from features.errors import MESSAGES, VALIDATION_VI, PartnerMatchError
from service.api.language import answer_language
from service.api.schemas.recommendations import ErrorResponse

__all__ = [
    "ApiError",
    "request_language",
    "error_body",
    "error_response",
    "install_error_handlers",
    "ERROR_RESPONSES",
    "responses",
    "STATUS_CODES",
    "payload_too_large_message",
]

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    503: "not_ready",
}


class ApiError(StarletteHTTPException):
    """An HTTP error with a code, the offending field and suggestions."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        suggestions: Sequence[str] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or STATUS_CODES.get(status, "error")
        self.field = field
        self.suggestions = list(suggestions)


def error_body(
    status: int,
    message: str,
    *,
    code: str | None = None,
    field: str | None = None,
    suggestions: Sequence[str] = (),
) -> dict:
    """The JSON error body."""
    return {
        "error": {
            "status": status,
            "code": code or STATUS_CODES.get(status, "error"),
            "message": message,
            "field": field,
            "suggestions": list(suggestions),
        }
    }


def error_response(
    status: int,
    message: str,
    *,
    headers: dict[str, str] | None = None,
    **fields,
) -> JSONResponse:
    """A JSON response in the error shape (``fields``: code, field, suggestions)."""
    return JSONResponse(
        error_body(status, message, **fields), status_code=status, headers=headers
    )


def _field_of(loc: Sequence) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or None


def _validation_vi(first: dict, field: str | None, more: int) -> str:
    """The Vietnamese sentence of a refused request (``VALIDATION_VI`` by type)."""
    if first.get("type") == "json_invalid":
        return MESSAGES["validation_error.json_invalid"]["vi"]
    template = VALIDATION_VI.get(str(first.get("type")), "")
    context = first.get("ctx") or {}
    try:
        detail = template.format(**context)
    except (KeyError, IndexError, ValueError):
        detail = ""
    detail = detail or VALIDATION_VI["other"]
    message = (
        MESSAGES["validation_error"]["vi"].format(name=field, message=detail)
        if field
        else detail
    )
    if more:
        message += MESSAGES["validation_error.more"]["vi"].format(count=more)
    return message


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = _field_of(first.get("loc", ()))
    if first.get("type") == "json_invalid":
        field = "body"
    if request_language(request) == "vi":
        return error_response(
            422, _validation_vi(first, field, len(errors) - 1), field=field
        )
    message = str(first.get("msg", "invalid value"))
    if first.get("type") == "json_invalid":
        message = "the body is not valid JSON"
    elif field:
        message = f"the {field!r} parameter is invalid: {message}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem(s))"
    return error_response(422, message, field=field)


def payload_too_large_message(limit: int, lang: str) -> str:
    """The 413 sentence in ``lang`` (vi or en)."""
    return MESSAGES["payload_too_large"][lang if lang == "vi" else "en"].format(
        limit=limit
    )


# FastAPI answers a body it cannot decode (not UTF-8, not JSON) with this 400; the
# API documents one answer for an unreadable body: 422 naming the field ``body``.
_UNPARSABLE_BODY = "There was an error parsing the body"


def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY:
        return error_response(422, "the body is not valid JSON", field="body")
    if isinstance(exc, ApiError):
        limit = getattr(exc, "limit", None)
        return error_response(
            exc.status_code,
            str(exc.detail)
            if limit is None
            else payload_too_large_message(limit, request_language(request)),
            code=exc.code,
            field=exc.field,
            suggestions=exc.suggestions,
            headers=exc.headers,
        )
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return error_response(exc.status_code, message, headers=exc.headers)


def request_language(request: Request) -> str:
    """``"vi"`` or ``"en"``, as ``Accept-Language`` prefers (default en)."""
    return answer_language(request.headers.get("accept-language"))


def _product(request: Request, exc: PartnerMatchError) -> JSONResponse:
    """Any product error, by the status, code and field its class declares."""
    return error_response(
        exc.http_status,
        exc.public_message(request_language(request)),
        code=exc.code,
        field=None if exc.internal else exc.field,
        suggestions=exc.suggestions,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(PartnerMatchError, _product)


ERROR_RESPONSES: dict[int, str] = {
    401: "No key, or an unknown or revoked key.",
    403: "The key's role may not do this.",
    404: "Unknown locality or stored item (with suggestions).",
    409: "The write clashes with stored data.",
    413: "The request body is larger than max_body_bytes.",
    422: "A parameter or field is invalid (the error names it).",
}


def responses(*statuses: int) -> dict:
    """OpenAPI ``responses`` entries in the error shape for these statuses."""
    return {
        status: {"model": ErrorResponse, "description": ERROR_RESPONSES[status]}
        for status in statuses
    }
