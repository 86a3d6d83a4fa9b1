"""The cached-read fast path, the JSON writer it serves, the lanes, the text vector."""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest

from matcher import FACET_NAMES, Filters, Profile, WeightSet, recommend, save_weights
from service.api.middleware import ConcurrencyLimitMiddleware
from service.api.schemas.recommendations import RecommendationOut, RecommendationsOut
from service.api.serialisation import recommendation_json
from service.api.state import ResponseCache
from service.storage.database import Store
from service.storage.keys import create_key, revoke_key
from service.storage.profile_edits import add_profile_edit
from service.storage.weight_sets import put_weight_set

RECS = "/v1/localities/vn:48/recommendations"


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cached.db'}"


def served_from_cache(client, monkeypatch) -> list[str]:
    """Paths answered by the fast path from now on (the route is never reached)."""
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


def test_json_writer_matches_the_models(service_engine):
    recs = recommend(service_engine.matcher, "vn:48", k=25, filters=Filters())
    for rec in recs:
        data = recommendation_json(rec, "en")
        model = RecommendationOut.model_validate(data)
        assert model.model_dump() == data
        assert list(data) == list(RecommendationOut.model_fields)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(no_focus_coverage=True),
        Filters(countries=["JP", "KR"], max_per_country=2, no_focus_coverage=True),
        Filters(
            level="city",
            sector="ports_logistics",
            max_per_country=1,
            no_focus_coverage=True,
        ),
    ],
)
def test_a_ranking_answers_every_smaller_k(service_engine, filters):
    """By score alone, prefixes of a long ranking are byte for byte the answers
    computed afresh."""
    from service.api.routes.recommendations import _answer, _ranking
    from service.api.schemas.recommendations import QueryOut

    query = QueryOut(locality_id="vn:48", name="Đà Nẵng", country="VN", level="admin1")
    long = _ranking(service_engine, "vn:48", query, 47, filters, "en")
    for k in (1, 7, 20, 47):
        fresh = _answer(service_engine, "vn:48", query, k, filters, "en")
        assert long.answer(k) == fresh
        assert RecommendationsOut.model_validate_json(fresh).model_dump_json() == (
            fresh.decode()
        )
    assert long.answer(48) is None or long.complete


def test_cached_answer_is_the_routes_answer(client_on, url, monkeypatch):
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        params = {"k": 7, "country": ["JP", "KR"], "include_existing": "false"}
        first = client.get(RECS, params=params)
        second = client.get(RECS, params=params)
        assert hits == [RECS]
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        assert second.headers["content-type"] == "application/json"
        RecommendationsOut.model_validate_json(second.content)
        metrics = client.get("/metrics").text
        assert (
            'route="/v1/localities/{locality_id}/recommendations",status="200"} 2.0'
            in metrics
        )


@pytest.mark.parametrize(
    "query", ["k=2_0", "k=%2B20", "k=20&k=20", "k=20&unknown=1", "include_existing=1"]
)
def test_unusual_parameters_go_to_the_route(client_on, url, monkeypatch, query):
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        client.get(RECS, params={"k": 20})
        client.get(f"{RECS}?{query}")
        assert hits == []


def test_refused_parameters_are_refused_with_a_ranking_cached(
    client_on, url, monkeypatch
):
    """The fast path validates with the route's model: ``k=0`` is the route's 422,
    not the first 0 results of the cached ranking."""
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        assert client.get(RECS, params={"k": 20}).status_code == 200
        for params, field in (({"k": 0}, "k"), ({"max_per_country": -1}, None)):
            response = client.get(RECS, params=params)
            assert response.status_code == 422, response.text
            assert response.json()["error"]["field"] == (field or "max_per_country")
        assert hits == []


def test_each_language_has_its_own_cached_ranking(client_on, url, monkeypatch):
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        params = {"k": 60, "include_existing": "true"}
        said = {}
        for lang in ("vi", "en", "vi"):
            response = client.get(
                RECS, params=params, headers={"Accept-Language": lang}
            )
            said.setdefault(lang, []).append(response.content)
        # the first answer is the route's; English is computed on the fast path
        # (its own key), the second Vietnamese answer comes from the cache
        assert hits == [RECS, RECS]
        assert said["vi"][0] == said["vi"][1] != said["en"][0]
        assert "đã là đối tác".encode() in said["vi"][0]


def test_changes_by_another_process_are_seen(client_on, url, tmp_path, monkeypatch):
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        before = client.get(RECS, params={"k": 5}).json()
        assert client.get(RECS, params={"k": 5}).json() == before
        other = Store(url)  # another process writing to the same database
        path = tmp_path / "w.json"
        weights = {name: 1.0 for name in FACET_NAMES}
        save_weights(WeightSet(weights=weights, version="other-1", note="t"), path)
        with other.transaction() as session:
            put_weight_set(session, json.loads(path.read_text()), actor="other")
        reweighted = client.get(RECS, params={"k": 5}).json()
        assert reweighted["weights_version"] == "other-1"
        entry = {
            "sector": "fisheries",
            "role": "need",
            "value": 1.0,
            "evidence": "declared",
            "source": "test",
        }
        with other.transaction() as session:
            add_profile_edit(session, "vn:48", [entry], actor="other")
        edited = client.get(RECS, params={"k": 5}).json()
        assert edited["query"]["profile_version"] == 1
        assert client.get(RECS, params={"k": 5}).json() == edited
        other.dispose()
        assert hits == [RECS, RECS]


def test_keys_are_checked_on_cached_answers(client_on, url, monkeypatch):
    store = Store(url)
    store.upgrade()
    with store.transaction() as session:
        _, token = create_key(session, name="reader", role="editor", actor="t")
    with client_on(url, open_read=False) as client:
        hits = served_from_cache(client, monkeypatch)
        key = {"X-API-Key": token}
        assert client.get(RECS, headers=key).status_code == 200
        assert client.get(RECS, headers=key).status_code == 200
        assert client.get(RECS).status_code == 401
        bearer = {"Authorization": f"Bearer {token}"}
        assert client.get(RECS, headers=bearer).status_code == 200
        assert client.get(RECS, headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.get(RECS, headers={"Authorization": "Basic x"}).status_code == 401
        with store.transaction() as session:
            revoke_key(session, "reader", actor="t")
        assert client.get(RECS, headers=key).status_code == 401
        assert hits == [RECS, RECS]
    store.dispose()


def test_smaller_k_is_cut_from_a_cached_ranking(client_on, url, tmp_path, monkeypatch):
    by_score = {"no_focus_coverage": "true"}
    with client_on(url) as client:
        hits = served_from_cache(client, monkeypatch)
        long = client.get(RECS, params={"k": 30, "country": "JP", **by_score}).json()
        short = client.get(RECS, params={"k": 4, "country": "JP", **by_score}).json()
        assert hits == [RECS]
        assert short["k"] == 4 and short["results"] == long["results"][:4]
        longer = client.get(RECS, params={"k": 31, "country": "KR"})
        assert hits == [RECS, RECS], "a miss is ranked before routing too"
    with client_on(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        routed = fresh.get(RECS, params={"k": 31, "country": "KR"})
    assert longer.content == routed.content


def test_with_focus_coverage_each_k_is_its_own_ranking(service_engine):
    """A card that came in to cover a focus sector depends on k: the cache key
    holds k, and each answer is the one computed for its k."""
    from service.api.cached_reads import ranking_key
    from service.api.schemas.recommendations import FiltersIn

    def key(filters, k):
        return ranking_key(
            "vn:48",
            filters,
            k=k,
            lang="en",
            weights_marker=None,
            weights_version="v",
            profile_version=None,
        )

    assert key(FiltersIn(), 5) != key(FiltersIn(), 10)
    by_score = FiltersIn(no_focus_coverage=True)
    assert key(by_score, 5) == key(by_score, 10)


def test_response_cache_is_bounded_by_size():
    cache = ResponseCache(max_bytes=25)
    for i in range(5):
        cache.put(i, b"x" * 10)
    assert len(cache) == 2 and cache.bytes == 20
    assert cache.get(0) is None and cache.get(4) == b"x" * 10
    cache.put(3, b"y" * 10)
    cache.put(5, b"z" * 10)
    assert cache.get(4) is None and cache.get(3) == b"y" * 10


def test_text_requests_have_their_own_lane():
    """A text request holding its lane neither blocks reads nor lets a second in."""
    release = asyncio.Event()
    started: list[str] = []

    async def app(scope, receive, send):
        started.append(scope["path"])
        if scope["method"] == "POST":
            await release.wait()

    async def scenario():
        limiter = ConcurrencyLimitMiddleware(app, limit=1, text_limit=1)

        def call(method, path):
            scope = {"type": "http", "method": method, "path": path}
            return asyncio.create_task(limiter(scope, None, None))

        screening = call("POST", "/v1/screenings")
        queued = call("POST", "/v1/recommendations")
        await asyncio.sleep(0)
        await asyncio.wait_for(call("GET", "/v1/sectors"), timeout=30)
        assert started == ["/v1/screenings", "/v1/sectors"]
        release.set()
        await asyncio.wait_for(asyncio.gather(screening, queued), timeout=30)
        assert started[-1] == "/v1/recommendations"

    asyncio.run(scenario())


def test_text_of_a_statement_is_compared_with_profiles(
    client_on, tagger, tmp_path, service_engine
):
    text = (
        "Our prefecture is known for its historic old town, temples and cultural "
        "heritage tourism. We seek partners in heritage conservation."
    )
    with client_on(f"sqlite:///{tmp_path / 'text.db'}", tagger=tagger) as client:
        data = client.post("/v1/recommendations", json={"text": text, "k": 5}).json()
        plain = client.post(
            "/v1/recommendations", json={"strengths": {"heritage_tourism": 1}}
        ).json()
    assert all("text_similarity" in r["skipped_facets"] for r in plain["results"])
    assert any(
        c["facet"] == "text_similarity" and c["facet_value"] > 0
        for r in data["results"]
        for c in r["contributions"]
    )
    vector = tagger.embedder.embed([text], kind="query")[0]
    assert vector.dtype == np.float32
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    fs = service_engine.feature_set
    sectors = {t["sector"]: t for t in data["text_tags"]}
    strengths = np.full(len(fs.sectors), np.nan)
    needs = np.full(len(fs.sectors), np.nan)
    for sector, tag in sectors.items():
        target = strengths if tag["used_as"] == "strength" else needs
        if tag["used_as"] != "ignored":
            i = fs.sectors.index(sector)
            target[i] = np.fmax(target[i], tag["score"])
    expected = recommend(
        service_engine.matcher,
        Profile(strengths=strengths, needs=needs, text=vector),
        k=5,
    )
    assert [(r["id"], r["score"]) for r in data["results"]] == [
        (r.id, r.score) for r in expected
    ]
