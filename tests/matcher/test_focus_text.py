"""The focus_text facet: how much a candidate's profile text is about the focus."""

from __future__ import annotations

import numpy as np
import pytest

from features.featureset import TextVectors
from features.paths import DEFAULT_DATA_DIR, TEXT_VECTORS
from features.tagging.tagger import SectorTagger, sector_leads, text_sector_scores
from matcher.facets import FACET_NAMES, group_of

COL = FACET_NAMES.index("focus_text")


def test_focus_text_is_a_fit_facet():
    assert group_of("focus_text") == "fit"


def test_the_shipped_vectors_carry_the_sector_prototypes(engine):
    stored = TextVectors.load(DEFAULT_DATA_DIR / TEXT_VECTORS)
    fs = engine.feature_set
    assert stored.sectors == tuple(fs.sectors)
    assert stored.sector_vectors.shape == (len(fs.sectors), fs.text.shape[1])
    assert fs.text_sectors is not None
    known = fs.text_sectors[fs.text_known]
    assert np.isfinite(known).all() and known.min() >= 0 and known.max() <= 1
    assert np.isnan(fs.text_sectors[~fs.text_known]).all()


def test_values_are_the_rescaled_leads_weighted_by_the_focus(engine):
    fs = engine.feature_set
    stored = TextVectors.load(DEFAULT_DATA_DIR / TEXT_VECTORS)
    rows = np.flatnonzero(fs.text_known)
    reference = text_sector_scores(fs.text[rows], stored.sector_vectors)
    water, env = fs.sectors.index("water"), fs.sectors.index("environment")
    scored = engine.matcher.score_all("vn:31", focus=["water", "environment"])
    expected = (reference[:, water] + reference[:, env]) / 2
    np.testing.assert_allclose(scored.values[rows, COL], expected, rtol=1e-5)
    assert np.isnan(scored.values[~fs.text_known, COL]).all()


def test_the_best_water_text_leads_on_a_water_focus(engine):
    fs = engine.feature_set
    water = fs.sectors.index("water")
    best = int(np.nanargmax(fs.text_sectors[:, water]))
    scored = engine.matcher.score_all("vn:31", focus=["water"])
    values = scored.values[:, COL]
    assert values[best] == pytest.approx(np.nanmax(values))
    heritage = fs.sectors.index("heritage_tourism")
    assert fs.text_sectors[best, water] > fs.text_sectors[best, heritage]


def test_the_model_reads_what_a_text_is_about(catalog, embedder):
    tagger = SectorTagger(catalog.taxonomy, embedder)
    texts = [
        "The city runs its own water supply, wastewater treatment plants and "
        "flood-control works on the river delta.",
        "The old town's temples, castle and historic streets are a UNESCO World "
        "Heritage site visited by many tourists.",
    ]
    leads = sector_leads(embedder.embed(texts, kind="query"), tagger.sector_vectors)
    ids = catalog.taxonomy.ids
    water, heritage = ids.index("water"), ids.index("heritage_tourism")
    assert leads[0, water] > leads[0, heritage]
    assert leads[1, heritage] > leads[1, water]
    assert int(np.argmax(leads[0])) == water
