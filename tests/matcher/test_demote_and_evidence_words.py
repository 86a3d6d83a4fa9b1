"""Demoted candidates, a comparison for a focus, and evidence sentences in both
languages: the ranking's own numbers, the product's words from matcher.wording."""

from __future__ import annotations

import re

import numpy as np

from features.catalog.countries import country_name, country_name_vi
from features.screening.facts import Flag
from matcher.comparison import compare, explain_candidates
from matcher.model import Profile
from matcher.ranking import DEMOTED, Filters, recommend
from matcher.wording import (
    EVIDENCE_SENTENCES,
    FLAGS,
    cooperation_sentences,
    project_years,
    shared_project_lines,
    tie_lines,
)

DA_NANG = "vn:48"
HUE = "vn:46"
FUKUOKA = "iso:JP-40"  # JICA projects with Thai, Chinese and Vietnamese partners


# -- demotion --------------------------------------------------------------------


def test_demoted_candidates_go_last_with_their_scores_and_a_flag(engine):
    plain = recommend(engine.matcher, DA_NANG, k=8, focus=["water"])
    demote = [plain[1].id, plain[4].id, "nowhere:1"]  # an unknown id changes nothing
    demoted = recommend(engine.matcher, DA_NANG, k=8, focus=["water"], demote=demote)
    kept = [r for r in plain if r.id not in demote]
    last = [r for r in plain if r.id in demote]
    assert [r.id for r in demoted] == [r.id for r in kept + last]
    by_id = {r.id: r for r in plain}
    for r in demoted:
        before = by_id[r.id]
        assert (r.score, r.fit, r.feasibility) == (
            before.score,
            before.fit,
            before.feasibility,
        )
        assert r.contributions == before.contributions
        if r.id in demote:
            assert r.flags == (*before.flags, Flag(DEMOTED))
        else:
            assert r == before
    rows = recommend(
        engine.matcher, DA_NANG, k=8, focus=["water"], demote=demote,
        explain_results=False,
    )  # fmt: skip
    assert [str(engine.feature_set.ids[i]) for i in rows] == [r.id for r in demoted]
    assert set(FLAGS[DEMOTED]) == {"en", "vi"}


def test_demotion_reorders_the_top_k_only(engine):
    plain = recommend(engine.matcher, DA_NANG, k=5)
    shown = {r.id for r in plain}
    outside = next(
        r.id
        for r in recommend(engine.matcher, DA_NANG, k=30)[::-1]
        if r.id not in shown
    )
    assert recommend(engine.matcher, DA_NANG, k=5, demote=[outside]) == plain
    first = recommend(engine.matcher, DA_NANG, k=5, demote=[plain[0].id])
    assert [r.id for r in first] == [r.id for r in plain[1:]] + [plain[0].id]


# -- comparison for a focus --------------------------------------------------------


def test_compare_for_a_focus_is_the_ranking_for_it(engine):
    ranked = recommend(engine.matcher, DA_NANG, k=6, focus=["water"])
    picked = [ranked[5].id, ranked[0].id]
    compared = compare(engine.matcher, DA_NANG, picked, focus=["water"])
    by_id = {r.id: r for r in ranked}
    assert [c.recommendation for c in compared] == [by_id[i] for i in picked]
    without = compare(engine.matcher, DA_NANG, picked)  # the declared needs
    assert [c.recommendation.fit for c in without] != [
        c.recommendation.fit for c in compared
    ]


# -- evidence sentences ------------------------------------------------------------


def _said(text: str) -> str:
    """``text`` without what it quotes (“…”): the product's own words."""
    return re.sub(r"“[^”]*”", "“”", text)


def _old_english(p) -> str:
    """The sentence as matcher.cooperation built it in English before wording."""
    partner = p.partner_locality or "a partner (not named)"
    country = f", {country_name(p.partner_country)}" if p.partner_country else ""
    years = f" ({p.years})" if p.years else ""
    return f"{p.foreign_name}: project with {partner}{country}{years}: " + (
        f"{p.theme} [{p.programme}]"
    )


def _old_shared(p) -> str:
    return (
        "shared cooperation project"
        + (f" ({p.years})" if p.years else "")
        + f": {', '.join(p.sectors) or 'no listed sector'} — {p.theme} <{p.url}>"
    )


def test_english_evidence_is_said_as_before_and_vietnamese_in_vietnamese(engine):
    labels = {s.id: (s.label_en, s.label_vi) for s in engine.catalog.taxonomy.sectors}
    projects = engine.catalog.cooperation
    assert len(projects) > 100
    for p in projects:
        assert project_years(p.start, p.end, "en") == p.years
        en, vi = cooperation_sentences(p)
        assert en == _old_english(p)
        assert vi.startswith(f"{p.foreign_name}: dự án với ")
        assert f"“{p.theme}”" in vi and "project with" not in _said(vi)
        if p.partner_country:
            assert country_name_vi(p.partner_country) in vi
        shared_en, shared_vi = shared_project_lines(p, labels)
        assert shared_en == _old_shared(p)
        assert f"“{p.theme}” <{p.url}>" in shared_vi
        for sector in p.sectors:
            assert labels[sector][1] in shared_vi
    assert project_years(2013, None, "vi") == "từ 2013"
    assert project_years(None, 2016, "vi") == "đến 2016"
    assert tie_lines("formal agreement/MoU", 2010, "sister city") == (
        "formal agreement/MoU (2010) — sister city",
        "thỏa thuận chính thức/MoU (2010) — “sister city”",
    )
    assert all(set(t) == {"en", "vi"} for t in EVIDENCE_SENTENCES.values())


def test_a_card_with_cooperation_evidence_in_both_languages(engine):
    ranked = recommend(
        engine.matcher, HUE, k=20, filters=Filters(countries=["JP"]),
        focus=["environment"], regions=engine.regions,
    )  # fmt: skip
    (fukuoka,) = [r for r in ranked if r.id == FUKUOKA]
    projects = [e for e in fukuoka.evidence if e.role == "cooperation project"]
    assert len(projects) >= 3
    for e in projects:
        assert e.text.startswith("Fukuoka Prefecture: project with ")
        assert e.text_vi.startswith("Fukuoka Prefecture: dự án với ")
        assert "project with" not in _said(e.text_vi)
    # its project with Huế itself is history, said in both languages
    assert [t[:26] for t in fukuoka.existing_ties] == ["shared cooperation project"]
    assert fukuoka.existing_ties_vi[0].startswith(
        "dự án hợp tác đã có với chính địa phương này (2020–2023): "
    )
    # profile evidence is the source's own text: no Vietnamese wording of it
    assert all(e.text_vi is None for e in fukuoka.evidence if e.scope == "locality"
               and e.role != "cooperation project")  # fmt: skip


def test_country_level_values_say_so_in_the_answers_language(engine):
    """A water need inherited from the country, for a statement strong in water."""
    sectors = engine.feature_set.sectors
    strengths = np.full(len(sectors), np.nan)
    strengths[sectors.index("water")] = 0.9
    query = Profile(strengths=strengths, needs=np.full(len(sectors), np.nan))
    (result,) = explain_candidates(
        engine.matcher, query, ["iso:AE-DU"], focus=["water"]
    )
    (found,) = [e for e in result.recommendation.evidence if e.scope == "country"][:1]
    assert found.text.endswith(" [country-level value · giá trị cấp quốc gia]")
    assert found.text_vi == found.text.split(" [")[0] + " [giá trị cấp quốc gia]"
