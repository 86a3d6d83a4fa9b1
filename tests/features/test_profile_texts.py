"""Quoted profile texts of foreign places: a cited table, tagged into evidence."""

from __future__ import annotations

import csv
import re

import pytest

from features.build.profile_text_curation import _city_unit_rows
from features.build.profile_texts import (
    TEXT_THRESHOLD,
    TEXTS_FILE,
    load_profile_texts,
    tag_profile_texts,
)
from features.errors import CatalogError
from features.featureset import profile_text
from features.tagging.tagger import SectorTagger
from features.text.reading import split_sentences
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
TABLE = DATA / TEXTS_FILE


def _table() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_is_cited_dated_and_links_to_a_foreign_catalog_locality(catalog):
    rows = _table()
    # 1,265 localities with the restated rows (751 before them; see README)
    assert len({r["locality_id"] for r in rows}) >= 1_000
    for row in rows:
        loc = catalog.get(row["locality_id"])
        assert not loc.is_vietnamese, row["locality_id"]
        assert loc.country == row["country"], row["locality_id"]
        assert re.match(r"^https?://\S+$", row["source_url"]), row
        assert row["source_title"].strip() and row["licence"].strip(), row
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", row["retrieved"]), row
        assert row["source_date"] == "" or re.match(r"^\d{4}", row["source_date"])
        assert len(row["text"]) >= 80, row["locality_id"]
    # Wikipedia is CC BY-SA: its rows say so and point at the article.
    wiki = [r for r in rows if "wikipedia.org/wiki/" in r["source_url"]]
    assert wiki and all("CC BY-SA" in r["licence"] for r in wiki)
    # No UNESCO World Heritage site description counts here.
    assert not [r for r in rows if "whc.unesco.org" in r["source_url"]]


def test_a_city_text_describes_the_first_level_unit_only_when_it_is_that_city(
    catalog,
):
    rows = [
        {"locality_id": "gn:1816670", "text": "Beijing ..."},
        {"locality_id": "gn:1835848", "text": "Seoul ..."},
        {"locality_id": "gn:2911298", "text": "Hamburg ..."},
        {"locality_id": "gn:1857910", "text": "Kyoto ..."},
    ]
    units = {r["locality_id"] for r in _city_unit_rows(rows, catalog)}
    # Municipality, special city and city-state Land are the city; a prefecture is not.
    assert units == {"iso:CN-BJ", "iso:KR-11", "iso:DE-HH"}


def test_the_loader_checks_ids_and_citations(tmp_path, catalog):
    ids = {loc.id for loc in catalog.localities}
    assert load_profile_texts(DATA, ids)
    folder = tmp_path / "profile_texts"
    folder.mkdir()
    header = TABLE.read_text(encoding="utf-8").splitlines()[0]
    good = _table()[0]
    for field, value in (
        ("locality_id", "vn:01"),
        ("locality_id", "gn:0"),
        ("source_url", "somewhere"),
        ("retrieved", ""),
    ):
        row = {**good, field: value}
        with (folder / "foreign_profile_texts.csv").open("w", newline="") as handle:
            handle.write(header + "\n")
            csv.DictWriter(handle, fieldnames=header.split(",")).writerow(row)
        with pytest.raises(CatalogError) as err:
            load_profile_texts(tmp_path, ids)
        assert err.value.field == field


def test_a_text_becomes_tagged_strengths_with_its_sentence_as_evidence(
    catalog, embedder, tmp_path
):
    """Pune's Wikipedia lead: its manufacturing sentence becomes a cited strength."""
    rows = [r for r in _table() if r["locality_id"] == "gn:1259229"]
    row = next(r for r in rows if "en.wikipedia.org" in r["source_url"])
    tagger = SectorTagger(catalog.taxonomy, embedder, threshold=TEXT_THRESHOLD)
    cache = tmp_path / "tags.csv.gz"
    entries, counts = tag_profile_texts([row], tagger, cache)
    assert counts["tagged_now"] == 1
    sentences = {s.text for s in split_sentences(row["text"])}
    manufacturing = [e for e in entries if e["sector"] == "manufacturing"]
    assert manufacturing, entries
    for entry in entries:
        assert entry["locality_id"] == "gn:1259229"
        assert entry["role"] == "strength"
        assert entry["evidence"] in sentences
        assert row["source_url"] in entry["source"]
        assert entry["method"].startswith("text:")
        assert 0 < float(entry["value"]) <= 0.5
    assert "manufacturing" in manufacturing[0]["evidence"]

    # Cached: the same entries without the model, and the same bytes when saved.
    first = cache.read_bytes()
    again, counts = tag_profile_texts([row], None, cache)
    assert again == entries and counts["from_cache"] == 1
    tag_profile_texts([row], tagger, cache)
    assert cache.read_bytes() == first


def test_the_catalog_embeds_quoted_texts_and_keeps_their_tags(catalog):
    texts = catalog.texts_of("gn:1259229")
    assert texts and all(t.source and t.licence for t in texts)
    text = profile_text(catalog, "gn:1259229")
    assert texts[0].text[:60] in text
    tagged = [e for e in catalog.profile("gn:1259229") if e.method.startswith("text:")]
    assert tagged
    for entry in tagged:
        assert any(entry.evidence in t.text for t in texts), entry.evidence
    with_text = {t.locality_id for t in catalog.texts}
    assert len(with_text) >= 700
    assert not any(catalog.get(lid).is_vietnamese for lid in with_text)


def test_restated_rows_are_short_cited_and_say_nothing_of_cooperation(catalog):
    """Our own wording of cited facts: short, at most two pages per place, and
    never about twin towns or cooperation (which would let a project vouch for
    itself through the partner's profile)."""
    with (DATA / "profile_texts" / "restated.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len({r["locality_id"] for r in rows}) >= 500
    per_place: dict[str, int] = {}
    for row in rows:
        assert row["locality_id"] in catalog, row["locality_id"]
        assert 0 < len(row["text"]) <= 450, row["locality_id"]
        assert re.match(r"^https?://\S+$", row["source_url"]), row
        assert row["retrieved"] == "2026-12-03"
        assert not re.search(r"sister cit|twin(ned|ning| town)", row["text"], re.I), row
        per_place[row["locality_id"]] = per_place.get(row["locality_id"], 0) + 1
    assert max(per_place.values()) <= 2
    table = {(r["locality_id"], r["source_url"]) for r in _table()}
    assert all((r["locality_id"], r["source_url"]) in table for r in rows)
