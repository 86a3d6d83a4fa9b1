"""Refused requests are said in the language asked for: Vietnamese when the page
asks, English (pydantic's own sentence, unchanged) otherwise."""

from __future__ import annotations

import pytest

VI = {"Accept-Language": "vi"}
RECS = "/v1/localities/vn:48/recommendations"


@pytest.mark.parametrize(
    ("path", "params", "field", "vi"),
    [
        (RECS, {"k": 0}, "k", "tham số 'k' không hợp lệ: phải lớn hơn hoặc bằng 1"),
        (RECS, {"k": "x"}, "k", "tham số 'k' không hợp lệ: phải là số nguyên"),
        (
            RECS,
            {"max_per_country": 501},
            "max_per_country",
            "tham số 'max_per_country' không hợp lệ: phải nhỏ hơn hoặc bằng 500",
        ),
        (
            "/v1/localities",
            {"q": "a" * 300},
            "q",
            "tham số 'q' không hợp lệ: dài tối đa 200 ký tự",
        ),
    ],
)
def test_validation_errors_in_vietnamese(client, path, params, field, vi):
    said = client.get(path, params=params, headers=VI)
    assert said.status_code == 422
    assert said.json()["error"]["message"] == vi
    assert said.json()["error"]["field"] == field
    english = client.get(path, params=params).json()["error"]["message"]
    assert english.startswith(f"the {field!r} parameter is invalid: ")


def test_filters_that_leave_nothing_in_vietnamese(client):
    said = client.get(RECS, params={"country": "VA"}, headers=VI).json()["error"]
    assert said["message"].startswith(
        "tham số 'filters' phải là bộ lọc còn giữ lại ít nhất một đối tác"
    )


def test_body_too_large_and_bad_json_in_vietnamese(client, keys):
    headers = {**VI, "X-API-Key": keys["editor"]}
    big = client.post("/v1/screenings", json={"text": "a" * 70_000}, headers=headers)
    assert big.status_code == 413
    assert big.json()["error"]["message"] == (
        f"nội dung yêu cầu lớn hơn {64 * 1024} byte (giới hạn của máy chủ)"
    )
    english = client.post(
        "/v1/screenings",
        json={"text": "a" * 70_000},
        headers={"X-API-Key": keys["editor"]},
    )
    assert english.json()["error"]["message"] == (
        f"the request body is larger than {64 * 1024} bytes"
    )
    bad = client.post(
        "/v1/screenings",
        content=b"{not json",
        headers={**headers, "Content-Type": "application/json"},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["message"] == "nội dung yêu cầu không phải JSON hợp lệ"
