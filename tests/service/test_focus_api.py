"""Focus, regions, subtotals and variety: API, cached path and CLI."""

from __future__ import annotations

import json

import pytest

from matcher import Filters, recommend
from service.api.routes.recommendations import plain_ranking
from service.api.schemas.recommendations import RecommendationQuery
from service.cli import main as cli
from service.cli import match as cli_match

RECS = "/v1/localities/vn:48/recommendations"
SOUTHEAST_ASIA = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL"}


def served_from_cache(monkeypatch) -> list[str]:
    """Paths answered by the fast path from now on."""
    import service.api.cached_reads as cached_reads

    hits: list[str] = []
    original = cached_reads.CachedRecommendationsMiddleware._cached

    async def spy(self, scope):
        body = await original(self, scope)
        if body is not None:
            hits.append(scope["path"])
        return body

    monkeypatch.setattr(cached_reads.CachedRecommendationsMiddleware, "_cached", spy)
    return hits


def test_get_with_focus_is_the_matchers_answer(client, service_engine):
    response = client.get(RECS, params={"k": 8, "focus": ["ports_logistics", "water"]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    expected = recommend(
        service_engine.matcher, "vn:48", k=8, focus=["ports_logistics", "water"]
    )
    assert [r["id"] for r in results] == [r.id for r in expected]
    for got in results:
        assert got["needs_total"] == 2
        assert set(got["needs_met"]) | set(got["gaps"]) == {"ports_logistics", "water"}
        assert got["fit"] + got["feasibility"] == got["score"]
        assert got["score"] == pytest.approx(
            sum(c["value"] for c in got["contributions"]), abs=1e-12
        )


def test_post_takes_a_focus(client):
    body = {"locality_id": "vn:48", "k": 5, "focus": ["ports_logistics"]}
    response = client.post("/v1/recommendations", json=body)
    assert response.status_code == 200, response.text
    assert all(r["needs_total"] == 1 for r in response.json()["results"])
    bad = client.post("/v1/recommendations", json={**body, "focus": ["moon"]})
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert error["field"] == "focus" and "water" in error["suggestions"]


@pytest.mark.parametrize(
    ("region", "countries"),
    [("Đông Nam Á", SOUTHEAST_ASIA), ("ASEAN", SOUTHEAST_ASIA - {"TL"})],
)
def test_region_filter_in_the_api(client, region, countries):
    response = client.get(RECS, params={"k": 20, "region": region})
    assert response.status_code == 200, response.text
    got = {r["country"] for r in response.json()["results"]}
    assert got and got <= countries


def test_region_europe_and_its_typo(client, service_engine):
    europe = service_engine.regions.countries("Europe")
    response = client.get(RECS, params={"k": 20, "region": "Europe"})
    assert {r["country"] for r in response.json()["results"]} <= europe
    bad = client.get(RECS, params={"region": "Eurpoe"})
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert error["code"] == "unknown_region" and error["field"] == "region"
    assert any("Europe" in s for s in error["suggestions"])


def test_country_cap_and_same_place_switches(client):
    capped = client.get(RECS, params={"k": 30}).json()["results"]
    counts: dict[str, int] = {}
    for r in capped:
        counts[r["country"]] = counts.get(r["country"], 0) + 1
    assert max(counts.values()) <= 5
    free = client.get(RECS, params={"k": 30, "max_per_country": 0}).json()["results"]
    counts = {}
    for r in free:
        counts[r["country"]] = counts.get(r["country"], 0) + 1
    assert max(counts.values()) > 5
    both = client.get(
        RECS, params={"k": 30, "country": "JP", "allow_same_place": "true"}
    )
    assert both.status_code == 200


def test_cached_path_honours_focus_and_region(client_on, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'focus.db'}"
    with client_on(url) as client:
        hits = served_from_cache(monkeypatch)
        plain = client.get(RECS, params={"k": 6})
        focused = client.get(RECS, params={"k": 6, "focus": "ports_logistics"})
        again = client.get(RECS, params={"k": 6, "focus": "ports_logistics"})
        region = client.get(RECS, params={"k": 6, "region": "ASEAN"})
        region_again = client.get(RECS, params={"k": 6, "region": "ASEAN"})
        assert hits == [RECS] * 4  # after the first, all answered before routing
        assert focused.content == again.content != plain.content
        assert region.content == region_again.content != plain.content
        assert all(r["needs_total"] == 1 for r in focused.json()["results"])
        assert {r["country"] for r in region.json()["results"]} <= SOUTHEAST_ASIA


def test_plain_ranking_leaves_unknown_focus_to_the_route(service_engine):
    query = RecommendationQuery(focus=["moon"])
    assert plain_ranking(service_engine, "vn:48", query, "en") is None


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_cli_focus_and_region_json_is_the_api_answer(
    client, service_engine, monkeypatch, capsys, lang
):
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    argv = ["--k", "7", "--for", "water", "--for", "environment", "--region", "Europe"]
    assert cli.main(["recommend", "vn:48", "--json", "--lang", lang, *argv]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    from_api = client.get(
        RECS,
        params={"k": 7, "focus": ["water", "environment"], "region": "Europe"},
        headers={"Accept-Language": lang},
    ).json()
    assert from_cli["results"] == from_api["results"]
    assert all(r["needs_total"] == 2 for r in from_cli["results"])


def test_cli_prints_the_subtotals(service_engine, monkeypatch, capsys):
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    assert cli.main(["recommend", "vn:48", "--k", "3", "--for", "water"]) == 0
    out = capsys.readouterr().out
    assert out.count("= fit ") == 3 and "feasibility" in out


def test_filters_model_feeds_the_matcher_filters():
    query = RecommendationQuery(
        region=["ASEAN"], country=["TH"], allow_same_place=True, max_per_country=0
    )
    assert query.filters.to_filters() == Filters(
        countries=["TH"], regions=["ASEAN"], allow_same_place=True, max_per_country=0
    )


def test_focus_coverage_is_switchable_in_the_api_and_the_cli(
    client, service_engine, monkeypatch, capsys
):
    """By default a focus sector no top card serves gets a card (flag
    ``covers_focus``); ``no_focus_coverage`` ranks by score alone."""
    focus = ["environment", "ports_logistics", "renewable_energy"]
    url = "/v1/localities/vn:01/recommendations"
    covered = client.get(url, params={"k": 10, "focus": focus})
    plain = client.get(
        url, params={"k": 10, "focus": focus, "no_focus_coverage": "true"}
    )
    assert covered.status_code == plain.status_code == 200

    def codes(response):
        return [[f["code"] for f in r["flags"]] for r in response.json()["results"]]

    assert any("covers_focus" in c for c in codes(covered))
    assert not any("covers_focus" in c for c in codes(plain))
    served = {s for r in covered.json()["results"] for s in r["needs_met"]}
    assert served == set(focus)
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    args = ["recommend", "vn:01", "--k", "10", "--json", "--no-focus-coverage"]
    for sector in focus:
        args += ["--for", sector]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "covers_focus" not in out
