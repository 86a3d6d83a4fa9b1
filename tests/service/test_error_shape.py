"""Every 4xx/5xx answer has the one error shape (datasette's test_error_shape)."""

from __future__ import annotations

import pytest

WEIGHT_FILE = {"format": "partner-match-weights/1", "version": "x", "weights": {}}
FEEDBACK = {"province_id": "vn:48", "candidate_id": "iso:JP-35", "verdict": "useful"}
PROFILE = {"entries": []}

# (method, path, request kwargs, who calls, expected status, expected field)
CASES = [
    ("GET", "/v1/localities/vn:999", {}, None, 404, None),
    ("GET", "/v1/localities/nowhere/recommendations", {}, None, 404, None),
    ("GET", "/v1/localities/vn:999/profile/history", {}, None, 404, None),
    ("GET", "/v1/localities", {"params": {"q": "x", "limit": 0}}, None, 422, "limit"),
    (
        "GET",
        "/v1/localities",
        {"params": {"q": "x", "level": "moon"}},
        None,
        422,
        "level",
    ),
    (
        "GET",
        "/v1/localities",
        {"params": {"q": "x", "country": "Narnia"}},
        None,
        422,
        "country",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"k": 0}},
        None,
        422,
        "k",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"k": 501}},
        None,
        422,
        "k",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"k": "ten"}},
        None,
        422,
        "k",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"sector": "space"}},
        None,
        422,
        "sector",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"country": "Narnia"}},
        None,
        422,
        "country",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"max_per_country": -1}},
        None,
        422,
        "max_per_country",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"focus": ["water", "spaceflight"]}},
        None,
        422,
        "focus",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations",
        {"params": {"region": "Eurpoe"}},
        None,
        422,
        "region",
    ),
    (
        "POST",
        "/v1/recommendations",
        {"json": {"needs": {"space": 1}}},
        None,
        422,
        "needs.space",
    ),
    (
        "POST",
        "/v1/recommendations",
        {"json": {"needs": {"water": 2}}},
        None,
        422,
        "needs.water",
    ),
    ("POST", "/v1/recommendations", {"json": {"k": -1}}, None, 422, "k"),
    (
        "POST",
        "/v1/recommendations",
        {"json": {"filters": {"sector": "space"}}},
        None,
        422,
        "filters.sector",
    ),
    (
        "POST",
        "/v1/recommendations",
        {"json": {"filters": {"country": ["Narnia"]}}},
        None,
        422,
        "filters.country",
    ),
    (
        "POST",
        "/v1/recommendations",
        {"json": {"locality_id": "vn:999"}},
        None,
        422,
        "locality_id",
    ),
    ("POST", "/v1/recommendations", {"json": {"colour": "red"}}, None, 422, "colour"),
    (
        "POST",
        "/v1/recommendations",
        {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
        None,
        422,
        "body",
    ),
    (
        "POST",
        "/v1/feedback",
        {"json": {**FEEDBACK, "verdict": "meh"}},
        "editor",
        422,
        "verdict",
    ),
    (
        "PUT",
        "/v1/weights",
        {"json": {**WEIGHT_FILE, "format": "v0"}},
        "analyst",
        422,
        "format",
    ),
    (
        "GET",
        "/v1/feedback/export",
        {"params": {"format": "xml"}},
        "admin",
        422,
        "format",
    ),
    # the officer's desk: compare, shortlists, documents, screening status
    (
        "GET",
        "/v1/localities/vn:48/compare",
        {"params": {"candidates": "iso:JP-35,nowhere:1"}},
        None,
        422,
        "candidates",
    ),
    (
        "GET",
        "/v1/localities/vn:48/compare",
        {"params": {"candidates": "iso:JP-35,iso:JP-13,iso:KR-41,iso:CN-GD"}},
        None,
        422,
        "candidates",
    ),
    (
        "GET",
        "/v1/localities/vn:48/recommendations/export",
        {"params": {"format": "pdf"}},
        None,
        422,
        "format",
    ),
    (
        "GET",
        "/v1/shortlists/vn:48/export",
        {"params": {"format": "pdf"}},
        "editor",
        422,
        "format",
    ),
    ("PUT", "/v1/shortlists/vn:48/items/nowhere:1", {"json": {}}, "editor", 404, None),
    ("DELETE", "/v1/shortlists/vn:48/items/iso:JP-35", {}, "editor", 404, None),
    ("PUT", "/v1/shortlists/vn:48/items/iso:JP-35", {"json": {}}, None, 401, None),
    ("PUT", "/v1/shortlists/vn:48/items/iso:JP-35", {"json": {}}, "analyst", 403, None),
    (
        "PATCH",
        "/v1/screenings/1",
        {"json": {"status": "lost"}},
        "editor",
        422,
        "status",
    ),
    ("PATCH", "/v1/screenings/99", {"json": {"status": "new"}}, "editor", 404, None),
    # 401 without a key, for every write
    ("PUT", "/v1/weights", {"json": WEIGHT_FILE}, None, 401, None),
    ("POST", "/v1/weights/learned-1/restore", {}, None, 401, None),
    ("POST", "/v1/feedback", {"json": FEEDBACK}, None, 401, None),
    ("GET", "/v1/feedback/export", {}, None, 401, None),
    ("PUT", "/v1/localities/vn:48/profile", {"json": PROFILE}, None, 401, None),
    ("PUT", "/v1/weights", {"json": WEIGHT_FILE}, "bad-key", 401, None),
    ("GET", "/v1/weights", {}, "bad-key", 401, None),
    # 403 with a weaker role
    ("PUT", "/v1/weights", {"json": WEIGHT_FILE}, "editor", 403, None),
    ("POST", "/v1/weights/learned-1/restore", {}, "editor", 403, None),
    ("GET", "/v1/feedback/export", {}, "editor", 403, None),
    ("PUT", "/v1/localities/vn:48/profile", {"json": PROFILE}, "analyst", 403, None),
    # others
    ("GET", "/no/such/route", {}, None, 404, None),
    ("DELETE", "/v1/weights", {}, None, 405, None),
]


def _id(case) -> str:
    method, path, kwargs, who, status, field = case
    return f"{status}-{method}-{path}-{field or who or ''}"


def check_shape(response, status: int, field: str | None = None) -> dict:
    """Assert the one error shape; returns the error object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["suggestions"], list)
    assert error["field"] == field
    for leak in ("Traceback", "/work/", "site-packages", '.py"', "pm_"):
        assert leak not in response.text
    return error


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_error_shape(client, as_role, case):
    method, path, kwargs, who, status, field = case
    headers = dict(kwargs.pop("headers", {})) if "headers" in kwargs else {}
    if who == "bad-key":
        headers["X-API-Key"] = "pm_not-a-real-key"
    elif who is not None:
        headers.update(as_role[who])
    response = client.request(method, path, headers=headers, **kwargs)
    check_shape(response, status, field)


def test_unknown_locality_has_suggestions(client):
    error = check_shape(client.get("/v1/localities/Danang"), 404)
    assert error["code"] == "unknown_locality"
    assert any("Đà Nẵng" in s for s in error["suggestions"])


def test_error_message_in_the_language_asked_for(client):
    english = check_shape(client.get("/v1/localities/Danang"), 404)
    vietnamese = check_shape(
        client.get("/v1/localities/Danang", headers={"Accept-Language": "vi-VN,vi"}),
        404,
    )
    assert english["message"].startswith("unknown locality 'Danang'")
    assert vietnamese["message"].startswith("không tìm thấy địa phương 'Danang'")
    assert vietnamese["code"] == english["code"]
    assert vietnamese["suggestions"] == english["suggestions"]
    weights = client.get(
        "/v1/localities/vn:48/recommendations",
        params={"k": 3, "sector": "watr"},
        headers={"Accept-Language": "vi"},
    )
    assert check_shape(weights, 422, "sector")["message"].startswith(
        "không có lĩnh vực 'watr'"
    )


def test_unknown_sector_suggests_valid_ids(client):
    response = client.get(
        "/v1/localities/vn:48/recommendations", params={"sector": "watr"}
    )
    assert "water" in check_shape(response, 422, "sector")["suggestions"]


def test_nan_and_negative_weights_name_the_field(client, as_role):
    from matcher import FACET_NAMES

    weights = {name: 1.0 for name in FACET_NAMES}
    for bad in ("NaN", "-0.5", "Infinity"):
        text = (
            '{"format": "partner-match-weights/1", "version": "bad", "weights": {'
            + ", ".join(f'"{n}": {bad if n == "proximity" else 1.0}' for n in weights)
            + "}}"
        )
        response = client.put(
            "/v1/weights",
            content=text,
            headers={**as_role["analyst"], "Content-Type": "application/json"},
        )
        check_shape(response, 422, "weights.proximity")


def test_body_over_limit_by_content_length(client, as_role):
    big = b'{"note": "' + b"x" * (70 * 1024) + b'"}'
    response = client.post(
        "/v1/feedback",
        content=big,
        headers={**as_role["editor"], "Content-Type": "application/json"},
    )
    check_shape(response, 413, "body")


def test_body_over_limit_while_streaming(client, as_role):
    def chunks():
        yield b'{"note": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'"}'

    response = client.post(
        "/v1/recommendations",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    check_shape(response, 413, "body")


def test_bearer_header_is_accepted(client, keys):
    response = client.get(
        "/v1/feedback/export", headers={"Authorization": f"Bearer {keys['analyst']}"}
    )
    assert response.status_code == 200
    bad = client.get("/v1/feedback/export", headers={"Authorization": "Basic abc"})
    check_shape(bad, 401)
    assert bad.headers["www-authenticate"].startswith("Bearer")
