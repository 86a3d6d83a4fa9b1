"""The cooperation_record facet: projects with others count, shared ones do not."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from features.screening.facts import Flag
from matcher.explain import Explainer
from matcher.facets import FACET_NAMES

KASAMA = "gn:2112343"  # its only cited project is with Sơn La
KITAKYUSHU = "gn:1859307"
COL = FACET_NAMES.index("cooperation_record")


@pytest.fixture(scope="module")
def matcher(engine):
    """The engine's matcher with the cooperation record weighted in."""
    return engine.matcher.with_weights(
        {**engine.weights.weights, "cooperation_record": 1.5}
    )


def _province(engine, name):
    return next(u.id for u in engine.catalog.vietnam_units() if u.name == name)


def _reference(engine, candidate, query):
    """The facet value from the catalog's project list, computed directly."""
    projects = [
        p for p in engine.catalog.cooperation_of(candidate) if p.partner_id != query
    ]
    needs = engine.feature_set.needs[engine.feature_set.row(query)]
    needs = np.nan_to_num(needs, nan=0.0)
    if needs.sum() == 0:
        return len(projects) / (len(projects) + 1)
    counts = Counter(s for p in projects for s in p.sectors)
    sectors = engine.feature_set.sectors
    strength = np.array([counts[s] / (counts[s] + 1) for s in sectors])
    return float(strength @ needs / needs.sum())


def test_projects_with_the_asking_province_are_shared_history(engine, matcher):
    son_la = _province(engine, "Sơn La")
    (project,) = engine.catalog.cooperation_of(KASAMA)
    assert project.partner_id == son_la
    scored = matcher.score_all(son_la)
    row = engine.feature_set.row(KASAMA)
    assert scored.values_of([row])[0, COL] == 0.0  # known, and no strength from it
    rec = Explainer(matcher, scored).explain(row)
    assert any(t.startswith("shared cooperation project (") for t in rec.existing_ties)
    assert any(project.url in t for t in rec.existing_ties)
    assert Flag("shared_history", {"projects": 1}) in rec.flags
    assert not [e for e in rec.evidence if e.role == "cooperation project"]
    assert "cooperation_record" not in rec.skipped


def test_the_same_project_is_evidence_for_another_province(engine, matcher):
    ha_noi = _province(engine, "Hà Nội")
    scored = matcher.score_all(ha_noi)
    row = engine.feature_set.row(KASAMA)
    value = scored.values_of([row])[0, COL]
    assert value == pytest.approx(_reference(engine, KASAMA, ha_noi), abs=1e-6)
    rec = Explainer(matcher, scored).explain(row)
    (shown,) = [e for e in rec.evidence if e.role == "cooperation project"]
    assert shown.side == "candidate" and shown.source.startswith("http")
    assert "Sơn La" in shown.text and not rec.existing_ties


@pytest.mark.parametrize("province", ["Hải Phòng", "Hà Nội", "Huế", "Đà Nẵng"])
def test_values_match_a_direct_count(engine, matcher, province):
    query = _province(engine, province)
    scored = matcher.score_all(query)
    with_projects = sorted({p.foreign_id for p in engine.catalog.cooperation})
    rows = engine.feature_set.rows(with_projects)
    values = scored.values_of(rows)[:, COL]
    expected = [_reference(engine, c, query) for c in with_projects]
    np.testing.assert_allclose(values, expected, atol=1e-6)  # float32 storage
    assert ((values >= 0) & (values <= 1)).all()


def test_candidates_without_any_project_are_unknown(engine, matcher):
    scored = matcher.score_all(_province(engine, "Hải Phòng"))
    has = {p.foreign_id for p in engine.catalog.cooperation}
    values = scored.values[:, COL]
    known = {str(i) for i in engine.feature_set.ids[~np.isnan(values)]}
    assert known == has
    row = engine.feature_set.row("gn:1850147")  # Tokyo: no cited project here
    assert "gn:1850147" not in has
    rec = Explainer(matcher, scored).explain(row)
    assert "cooperation_record" in rec.skipped


def test_score_is_the_sum_of_contributions_with_the_record(engine, matcher):
    hai_phong = _province(engine, "Hải Phòng")
    scored = matcher.score_all(hai_phong)
    rows = engine.feature_set.rows(
        sorted({p.foreign_id for p in engine.catalog.cooperation})
    )
    explainer = Explainer(matcher, scored)
    for rec in explainer.explain_rows(rows):
        assert rec.score == pytest.approx(sum(c.value for c in rec.contributions))
        assert rec.score == matcher.score_pair(hai_phong, rec.id)
    kitakyushu = explainer.explain(engine.feature_set.row(KITAKYUSHU))
    part = {c.facet: c for c in kitakyushu.contributions}["cooperation_record"]
    assert part.value == pytest.approx(1.5 * part.facet_value)
    # its projects with Hải Phòng are history; the others are evidence
    shared = [t for t in kitakyushu.existing_ties if t.startswith("shared cooperation")]
    assert len(shared) == 3
    shown = [e for e in kitakyushu.evidence if e.role == "cooperation project"]
    assert shown and all("Hải Phòng" not in e.text for e in shown)
