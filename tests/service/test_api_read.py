"""Reading endpoints: health, search, locality profile, sectors, recommendations."""

from __future__ import annotations

import math

import pytest

from matcher import Filters, Profile, recommend
from service.api.serialisation import recommendation_json


def _codes(result: dict) -> set[str]:
    """The flag codes of one result."""
    return {f["code"] for f in result["flags"]}


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["engine_loaded"] and ready.json()["database"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Quang Nam", "vn:48"),
        ("quảng nam", "vn:48"),
        ("Da Nang", "vn:48"),
        ("Hue", "vn:46"),
    ],
)
def test_search_accepts_plain_and_old_names(client, q, expected):
    data = client.get("/v1/localities", params={"q": q, "country": "VN"}).json()
    assert data["results"][0]["id"] == expected


def test_search_old_name_has_note(client):
    first = client.get(
        "/v1/localities", params={"q": "Quang Nam", "country": "VN"}
    ).json()["results"][0]
    assert first["name"] == "Đà Nẵng"
    assert "Quảng Nam" in first["note"]


def test_search_nothing_found_gives_suggestions(client):
    data = client.get("/v1/localities", params={"q": "Daa Nangg Xyz"}).json()
    assert data["results"] == [] or data["results"][0]["score"] < 1
    empty = client.get("/v1/localities", params={"q": "Qqqqzzzz"}).json()
    assert empty["results"] == []
    assert isinstance(empty["suggestions"], list)


def test_listing_without_q(client):
    data = client.get("/v1/localities", params={"country": "VN", "limit": 100}).json()
    assert len(data["results"]) == 34
    assert {r["country"] for r in data["results"]} == {"VN"}


def test_locality_profile_has_evidence_and_sources(client):
    data = client.get("/v1/localities/vn:48").json()
    assert data["name"] == "Đà Nẵng"
    assert data["profile"], "Đà Nẵng has declared strengths and needs"
    for entry in data["profile"]:
        assert entry["evidence"] and entry["source"]
        assert entry["origin"] == "catalog"
    assert data["profile_version"] is None
    assert data["ties"] and all(t["partner_id"] for t in data["ties"])
    assert "Quảng Nam" in data["other_names"]


def test_sectors(client, service_engine):
    data = client.get("/v1/sectors").json()
    assert [s["id"] for s in data["sectors"]] == list(
        service_engine.catalog.taxonomy.ids
    )
    assert all(s["label_vi"] and s["label_en"] for s in data["sectors"])


def test_recommendations_match_the_matcher(client, service_engine):
    data = client.get("/v1/localities/vn:48/recommendations", params={"k": 12}).json()
    expected = recommend(service_engine.matcher, "vn:48", k=12, filters=Filters())
    assert [r["id"] for r in data["results"]] == [r.id for r in expected]
    assert data["weights_version"] == service_engine.weights.version
    for got, rec in zip(data["results"], expected, strict=True):
        cli = recommendation_json(rec, "en")
        for key, value in cli.items():
            if key == "contributions":
                for a, b in zip(got[key], value, strict=True):
                    assert {k: a[k] for k in b} == b
            else:
                assert got[key] == value, key
        assert math.isclose(got["score"], sum(c["value"] for c in got["contributions"]))


def test_recommendations_filters(client):
    data = client.get(
        "/v1/localities/vn:48/recommendations",
        params={
            "k": 10,
            "country": ["JP", "Korea"],
            "level": "admin1",
            "max_per_country": 6,
        },
    ).json()
    assert len(data["results"]) == 10
    assert {r["country"] for r in data["results"]} <= {"JP", "KR"}
    assert all(r["level"] == "admin1" for r in data["results"])
    by_sector = client.get(
        "/v1/localities/vn:48/recommendations",
        params={"k": 5, "sector": "heritage_tourism"},
    ).json()
    assert len(by_sector["results"]) == 5


def test_include_existing_keeps_partners(client, service_engine):
    base = client.get("/v1/localities/vn:48/recommendations", params={"k": 200}).json()
    assert not any("already_partner" in _codes(r) for r in base["results"])
    more = client.get(
        "/v1/localities/vn:48/recommendations",
        params={"k": 200, "include_existing": "true"},
    ).json()
    assert any("already_partner" in _codes(r) for r in more["results"])
    flags = [f for r in more["results"] for f in r["flags"]]
    assert {"already a partner"} <= {f["message"] for f in flags}


def test_post_recommendations_adhoc_profile(client):
    body = {
        "country": "VN",
        "level": "admin1",
        "strengths": {"fisheries": 0.9, "agriculture": 0.7},
        "needs": {"water": 0.9, "renewable_energy": 0.6},
        "k": 10,
        "filters": {"country": ["JP"]},
    }
    data = client.post("/v1/recommendations", json=body).json()
    assert data["query"]["locality_id"] is None
    assert len(data["results"]) == 10
    assert all(r["country"] == "JP" for r in data["results"])
    assert all(r["needs_total"] == 2 for r in data["results"])


def test_post_recommendations_overlays_a_locality(client, service_engine):
    plain = client.post(
        "/v1/recommendations", json={"locality_id": "vn:48", "k": 5}
    ).json()
    by_id = client.get("/v1/localities/vn:48/recommendations", params={"k": 5}).json()
    assert [r["id"] for r in plain["results"]] == [r["id"] for r in by_id["results"]]
    for a, b in zip(plain["results"], by_id["results"], strict=True):
        assert math.isclose(a["score"], b["score"], rel_tol=1e-9)
    fs = service_engine.feature_set
    row = fs.row("vn:48")
    strengths, needs = fs.strengths[row].copy(), fs.needs[row].copy()
    strengths[fs.sectors.index("fisheries")] = 1.0
    needs[fs.sectors.index("water")] = 0.9
    loc = service_engine.catalog.get("vn:48")
    profile = Profile(
        strengths=strengths,
        needs=needs,
        country="VN",
        level="admin1",
        text=fs.text[row] if fs.text_known[row] else None,
        population=loc.population,
        lat=loc.lat,
        lon=loc.lon,
        locality_id="vn:48",
    )
    expected = recommend(service_engine.matcher, profile, k=30)
    changed = client.post(
        "/v1/recommendations",
        json={
            "locality_id": "vn:48",
            "strengths": {"fisheries": 1.0},
            "needs": {"water": 0.9},
            "k": 30,
        },
    ).json()
    assert changed["query"]["locality_id"] == "vn:48"
    assert [(r["id"], r["score"]) for r in changed["results"]] == [
        (r.id, r.score) for r in expected
    ]


def test_overlay_needs_show_in_the_explanation(client):
    changed = client.post(
        "/v1/recommendations",
        json={"locality_id": "vn:48", "needs": {"fisheries": 1.0}, "k": 5},
    ).json()
    assert all("fisheries" in r["needs_met"] + r["gaps"] for r in changed["results"])


def test_post_recommendations_tags_the_text(client_on, tagger, tmp_path):
    text = (
        "Tỉnh có thế mạnh về nuôi trồng và chế biến thủy sản. "
        "Tỉnh cần hợp tác về cấp nước sạch và xử lý nước thải."
    )
    with client_on(f"sqlite:///{tmp_path / 'tag.db'}", tagger=tagger) as client:
        data = client.post(
            "/v1/recommendations",
            json={"text": text, "needs": {"healthcare": 0.4}, "k": 5},
        ).json()
    tags = {t["sector"]: t for t in data["text_tags"]}
    assert tags["fisheries"]["used_as"] == "strength"
    assert tags["water"]["used_as"] == "need"
    assert len(data["results"]) == 5
    assert data["results"][0]["needs_total"] >= 2


def test_sector_filter_without_strong_candidates_answers_with_notes(
    client, service_engine
):
    fs = service_engine.feature_set
    strong = fs.strengths_known & (fs.strengths_or_zero >= 0.25)
    sector = next(
        s for j, s in enumerate(fs.sectors) if not strong[fs.country == "KH", j].any()
    )
    for lang, word in (("en", "candidates"), ("vi", "ứng viên")):
        response = client.get(
            "/v1/localities/vn:48/recommendations",
            params={"sector": sector, "country": "KH"},
            headers={"Accept-Language": lang},
        )
        assert response.status_code == 200
        data = response.json()
        assert data["results"] == []
        assert sector in data["notes"][0] and word in data["notes"][0]
