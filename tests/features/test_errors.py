"""The one error hierarchy: status and code per class, messages in en and vi."""

import string

import pytest

import features.errors as errors_module
from features.errors import (
    LANGUAGES,
    MESSAGES,
    CatalogError,
    EmbeddingError,
    InvalidParameterError,
    ModelFormatError,
    ModelNotFoundError,
    PartnerMatchError,
    TextInputError,
    UnknownCountryError,
    UnknownLocalityError,
    UnknownSectorError,
)
from features.names.script import accent_form, compact_accent_form, is_cjk
from features.params import Interval, Options, Real, validate_params
from service.storage.errors import ConflictError, NotFoundError, StorageError


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_in_both_languages_with_the_same_params():
    for key, templates in MESSAGES.items():
        assert set(templates) == set(LANGUAGES), key
        assert _fields(templates["en"]) <= _fields(templates["vi"]) | {"expected"}, key


def _classes(base=PartnerMatchError):
    for sub in base.__subclasses__():
        yield sub
        yield from _classes(sub)


def test_every_error_class_has_a_status_and_a_catalogued_code():
    classes = set(_classes())
    assert {EmbeddingError, ModelFormatError, ModelNotFoundError} <= classes
    assert {StorageError, ConflictError, NotFoundError} <= classes
    for cls in classes | {PartnerMatchError}:
        assert 400 <= cls.status <= 599, cls
        assert cls.code in MESSAGES, cls
        if cls.internal:
            assert f"{cls.code}.public" in MESSAGES, cls


def test_public_names():
    public = {
        name
        for name, value in vars(errors_module).items()
        if isinstance(value, type) and issubclass(value, Exception)
    }
    assert public <= set(errors_module.__all__)


def test_field_and_status_come_from_the_constructor_and_the_class():
    plain = UnknownLocalityError("Ha Tay", ["Hà Tây"])
    assert (plain.http_status, plain.field, plain.code) == (
        404,
        None,
        "unknown_locality",
    )
    named = UnknownLocalityError("Ha Tay", ["Hà Tây"], field="locality_id")
    assert (named.http_status, named.field) == (422, "locality_id")
    assert str(named) == "unknown locality 'Ha Tay'; closest: Hà Tây"
    assert named.message("vi") == "không tìm thấy địa phương 'Ha Tay'; gần nhất: Hà Tây"
    assert UnknownSectorError("x").field == "sector"
    assert UnknownCountryError("x", field="filters.country").field == "filters.country"
    assert TextInputError(reason="empty").field == "text"
    assert isinstance(ModelNotFoundError("/x"), FileNotFoundError)
    assert isinstance(NotFoundError("gone"), LookupError)


def test_messages_render_in_english_and_vietnamese():
    error = TextInputError(reason="too_large", params={"size": 2048, "max_bytes": 1024})
    assert str(error) == (
        "the text is too large (2,048 bytes); at most 1,024 bytes are accepted"
    )
    assert (
        error.message("vi")
        == "văn bản quá lớn (2,048 byte); chỉ nhận tối đa 1,024 byte"
    )
    assert error.message("fr") == str(error)
    catalog = CatalogError("bad value", file="a.csv", row=3, field="lat")
    assert str(catalog) == "file a.csv, row 3, field 'lat': bad value"
    assert catalog.public_message("vi") == "không đọc được danh mục"


def test_one_template_names_the_parameter_what_it_must_be_and_what_it_got():
    constraints = {
        "weight": [Interval(Real, 0, None, closed="left")],
        "share": [Interval(Real, 0, 1, closed="neither")],
        "mode": [None, Options(("a", "b"))],
    }
    validate_params(constraints, {"weight": 0, "share": 0.5, "mode": None})
    with pytest.raises(InvalidParameterError) as caught:
        validate_params(constraints, {"weight": -1.0, "share": 0.5, "mode": "a"})
    assert (
        str(caught.value)
        == "the 'weight' parameter must be a finite number ≥ 0; got -1.0"
    )
    assert caught.value.message("vi") == (
        "tham số 'weight' phải là một số hữu hạn ≥ 0; nhận được -1.0"
    )
    for bad in (True, float("nan"), "1"):
        with pytest.raises(InvalidParameterError, match="'weight'"):
            validate_params(constraints, {"weight": bad, "share": 0.5, "mode": "a"})
    with pytest.raises(InvalidParameterError, match=r"must be a number in \(0, 1\)"):
        validate_params(constraints, {"weight": 1, "share": 1, "mode": "a"})
    with pytest.raises(InvalidParameterError, match=r"one of \['a', 'b'\]; got 'c'"):
        validate_params(constraints, {"weight": 1, "share": 0.5, "mode": "c"})


@pytest.mark.parametrize(
    ("text", "cjk"),
    [
        ("東京", True),
        ("とうきょう", True),
        ("カタカナ", True),
        ("\uf900", True),  # a CJK compatibility ideograph
        ("5㎞", False),  # a CJK compatibility *symbol* is not a word
        ("서울", False),  # Hangul uses spaces
        ("Hà Nội", False),
        ("", False),
    ],
)
def test_is_cjk(text, cjk):
    assert is_cjk(text) is cjk


def test_accent_forms_unify_eth_and_keep_accents():
    assert accent_form("ĐÀ  Nẵng") == accent_form("ðà nẵng") == "đà nẵng"
    assert accent_form("Ðà Nẵng") == "đà nẵng"
    assert accent_form("Đà Nang") != accent_form("Đà Nẵng")
    assert compact_accent_form("Bà Rịa–Vũng Tàu") == compact_accent_form(
        "bà rịa - vũng tàu"
    )
    assert compact_accent_form("ðà_nẵng") == "đànẵng"
