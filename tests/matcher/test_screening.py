"""Tests of screening's ranking: all 34 units, the matcher's scores, orientation."""

from functools import partial

import numpy as np
import pytest

from matcher.explain import explain
from matcher.facets import FACETS
from matcher.screening import (
    SCREENING_LABELS,
    letter_focus,
    party_profile,
    screen_provinces,
    screen_text,
)
from matcher.screening_eval import CRITERIA, evaluate_letters
from matcher.wording import PROVINCE_FACET_LABELS, SENDER_FACET_LABELS, flag_message
from service.settings import PROJECT_ROOT

LETTERS = PROJECT_ROOT / "tests" / "data" / "screening_letters"
# Measured with the shipped catalog, weights and tagger (see the README and the
# screen-eval command); the failures are explained in the module's notes below.
MEASURED = {
    "party": 307,
    "offers": 309,
    "seeks": 301,
    "concreteness": 310,
    "old_province": 313,
}
# (307, 309, 301, 310, 313 of 314 in session 6, with the tenth batch's 42 letters
# from three blind writers, first screened at 27, 42, 33, 39, 41 of 42 (party
# 6, 12, 9 of 14 by writer): a foreign place written by ear in kana or Hangul
# (ウムヌゴビ県, 크즐오르다주) matched by sound in the country written before it,
# a qualifier after a name (Halle (Saale)), a phone's calling code as the
# sender's country, krai/oblys/viloyat as type words, a reply's quoted original
# under "RE:" cut, a Vietnamese province writing "Thay mặt …" from its own
# address; left in party: a sender named only in a subject line (en_47), a
# signature "Gouvernement de Hokkaïdo" (fr_41), a Polish genitive letterhead
# (de_40), Chinese transliterations of foreign places (zh_36, zh_37), a Land's
# ministry (de_44) and a recipient province in traditional characters (zh_41).)
# (243, 243, 243, 244, 244, from 242, 236, 232, 241, 243, once needs stated as a
# problem ("nous manquons de", "…が不足しています"), a shortage of workers as
# vocational training, a partner sought for cooperation as an interest, an offered
# sector proposed together as sought too, 安 read Yên (安沛省), PDF wraps in CJK
# and subject lines, on-site experts and shared experience as concrete actions are
# read; left: en_32 (offers, seeks: "greenhouse" is no keyword, the need is
# implied by imports).)
# (party 242 once a numbered city district ("13e arrondissement de Paris") is read
# and resolved by the catalog's form of it, and a letterhead in an alphabet the
# catalog does not read ("ΠΕΡΙΦΕΡΕΙΑ …") is the unit of its level its address
# names: fr_34, fr_16. Left: ja_14 上勝町 and ja_19 津和野町, not in the catalog in
# Japanese script (Kamikatsu not at all).)
# (party 240 once a Vietnamese document headed by the state motto is a letter
# without a salutation, its two-column lines as wide as their widest column: vi_34.)
# (party 239 once the recipient's letterhead lines and columns are not the sender,
# a foreign sender's country is never guessed as Vietnam, "・" ends a CJK chain,
# 구청장 and chat lines are read, a form's organisation field names the sender and a
# country alone after "greetings from" is not the writer: en_35, en_37, en_38,
# ja_29, ja_30, ko_22, ko_27; the other criteria unchanged.)
# (269, 270, 268, 271, 272 once learning from the partner ("技術を学ばせていただき",
# "경험을 배우고 싶습니다", "nous souhaiterions bénéficier") and a lasting difficulty
# ("reste difficile", "faute d'un") are needs; the ninth batch then 25, 27, 25, 27, 28.)
# (party 269 once a district's namesakes are told apart by the city written before
# it or named in the letter: 深圳市南山区 is Shenzhen's, not Hegang's.)
# (268, 269, 266, 271, 272 with the roles pass, the tag cache keyed by the tagger's
# words, 州 as a first-level type word, 知事府 as an office and separator lines in
# the channel layer; the ninth batch: 24, 26, 23, 27, 28 after the roles pass, still
# untuned on it, 25, 26, 23, 27, 28 after the last three rules drawn from it.)
# (272 letters with a ninth batch of 28 written blind after the channel layer and the
# sender pass (ordinary letters from regions the set had few of): 22, 26, 20, 26, 28
# of 28 on first screening; 24 once 旗 (banner) was a type word and the judge read
# 특례시 as a type ending (고양특례시 is Goyang).)
# (244 letters with the fifth session's two blind batches of 28 (channel noise: PDF
# copies, forward chains, chats, forms; senders the set lacked): 232, 238, 230, 241,
# 243 before the channel layer (features.text.channel), the 56 new: 47, 54, 44, 53,
# 55; with it 232, 236, 231, 241, 243 (offers lost where a joined sentence shows the
# tagger's missing words: "solar-powered", 해상풍력).)
# (party 185 once a Chinese sender written in Han characters is read by its pinyin:
# zh_18 寿光市 → Shouguang; held-out unchanged.)
# (party 186 with Japanese municipalities and Chinese county-level units in the
# catalog: ja_14 上勝町 and ja_19 津和野町 now pass; zh_20 北京市朝阳区 now resolves to
# Beijing's Chaoyang District while its label says the catalog lacks it.)
# (182 and 187 before three labels were corrected: de_16 Emsland and ja_23 江戸川区
# are in the catalog, zh_22's 平阳省 is Bình Dương; see tests/data/README.md.)
# 188 letters with the seventh batch (32 written blind, on who the sender is): 172,
# 179, 183, 182, 187 before its rules (the 32: 21, 25, 27, 26, 31), 182, 184, 186,
# 188, 187 after them (the 32: 31, 30, 30, 32, 31): forwarding bodies, name-first
# and two-word type words, typed names in the address, CJK offices after a unit,
# Hangul names in a body and romanised, official and own-language country names,
# goal and subject lines, stated offers and strengths, dairy/open-data keywords.
# The 34 first letters all pass (before the greeting, offer, stated-need, vote,
# second-role and CJK letterhead rules: 33, 32, 30, 33, 34). The 6 letters added
# with those rules (ko_02, en_09, fr_06, de_05, zh_04, ja_04) scored 3, 4, 5, 5, 6
# on the code before them and 3, 6, 3, 6, 6 on the first version of the rules;
# their failures then shaped the e-mail closings, "missing"/"brauchen" cues, the
# writer-as-subject cue ("Das Land Steiermark …") and signature/Hangul sender
# names, so they are dev letters, not held out.
# 24 letters in new sender styles (vi_11–14, en_10–13, fr_07–09, de_06–08,
# ja_05–08, zh_05–07, ko_03–05), labelled before they were screened, scored 21, 15,
# 19, 16, 22 on the code before them (the 40 then: 40, 40, 39, 40, 40); their
# failures shaped the attachment, fax-header, history, Vietnamese-news home-unit,
# stated-once, writing-for-a-member, dotted-date, people/costs and Hangul
# old-name rules. A second batch of 8 (vi_15, en_14–15, fr_10, de_09, ja_09,
# zh_08, ko_06), labelled before it was screened, scored 6, 7, 7, 7, 8 on those
# rules (party failures then: Shire/Canton as type words); a third batch of 8
# (vi_16, en_16–17, fr_11, de_10, ja_10, zh_09, ko_07) scored 6, 4, 6, 5, 8 (its
# failures then: self-introductions, From headers, separator-line signatures,
# Swiss closings, zh/ja/ko related-news markers, consulates, a few keywords); a
# fourth batch of 8 (vi_17, en_18–19, fr_12, de_11, ja_11, zh_10, ko_08), after
# about a hundred ja/zh/ko keywords, scored 7, 8, 7, 6, 8 (then: English
# possessives "Tacoma's", casual greetings and closings, "đào tạo thợ").
# A fifth batch of 28 (vi_18–21, en_20–23, fr_13–16, de_12–15, ja_12–15,
# zh_11–14, ko_09–12), written and labelled blind to the reader by another writer
# (counties, regencies, aimags, a câmara, 町/村, 县/縣, 군), scored 15, 26, 26, 21,
# 23 on the reader as it was (the 116 then: 103, 112, 113, 105, 111); its failures
# shaped the type-word sender rules (features/screening/sender_unit.py and
# letterhead.py: a unit written with its type word names the sender, a chain's
# innermost unit, a county's seat flagged uncertain, ad hoc with the letter's
# country), distribution lists, and the plan rules of concreteness (the letter's
# own date and recalled years are no plan, dated activities, local phones, 民國
# dates, deadlines after the date, costs for a number of people, hedged
# maybe-someday sectors) and courtesy wishes of good health (ご健康: no healthcare
# claim), and provinces dissolved before 2025 (catalogued historical names: Hà
# Tây, Sông Bé, Cửu Long, Vĩnh Phú, Hà Nam Ninh; flag historical_province); after
# them 21, 27, 26, 27, 28.
# Failing now: party fr_16 (a Greek region under a Greek letterhead, "Crète": the
# catalog knows only Kríti), de_15 (Kreis Nordfriesland), ja_12 (ニセコ町), ja_14
# (上勝町), ko_09 (완도군), ko_11 (평창군), ko_12 (의성군): labelled in the catalog,
# which lacks them; the reader gives an ad-hoc party with its country (JP, KR) and
# does not take the resolver's nearest wrong place (완주군 for 완도군).
# Offers ja_05 (traditional crafts read as heritage, labelled culture and
# training), fr_10 (one keyword each for viticulture and wine tourism in a long
# sentence: below the tagger's threshold), de_14 ("Umweltbereich" in a hedged
# sentence read as culture, labelled environment); seeks fr_10 (hotel
# schools read as higher education, labelled vocational), fr_14 and zh_11 (trade
# and investment sought, not found; fr_14 reads its port as sought too);
# concreteness zh_06 and fr_15 (one sector, no date, amount or contact: vague,
# labelled moderate; fr_09, alike, is labelled vague). The screen-eval party
# check now also strips 縣/县/郡/町/村 from an expected CJK name (屏東縣 is
# catalogued as 屏東), as it did 県/市/省.
# Then (109, 113, 113, 114, 116 → 113, 114, 115, 114, 116): the catalog gained the
# Korean counties (GeoNames admin-2 with Hangul names: 완도군, 의성군, 평창군) and
# the JP/KR/TW towns under 15k named in their own script (ニセコ); sharing one's
# experience reads as an offer, attracting companies as a need, and hotel schools,
# wine tourism and "implantation"/投资兴业 are sector words (fr_10, fr_14). Then
# (→ 114, 114, 115, 116, 116): German Kreise from NUTS 2021 (de_15), GeoNames'
# names of ISO units (Crete, Bavaria), and one sector with a concrete action
# proposed in its sentence (inviting, sending, hosting, learning from each other)
# counts as two (zh_06, fr_15; fr_09 names a focus, no action: still vague). Still
# failing: party fr_16 (the Greek letterhead "ΠΕΡΙΦΕΡΕΙΑ ΚΡΗΤΗΣ" names the
# sender), ja_14 (上勝町: not in GeoNames cities500); offers ja_05, de_14; seeks
# zh_11.
# A sixth batch of 40 (vi_22–27, en_24–29, fr_17–22, de_16–21, ja_16–21, zh_15–19,
# ko_13–17), written and labelled blind to the reader, scored 31, 35, 34, 29, 39 on
# the reader as it was (the 156 then: 140, 148, 147, 143, 155); its failures shaped
# the closing-run signature, recipient-block, two-column Vietnamese letterhead,
# letter-spaced and métropole sender rules, past and year-only dates, CJK and
# Korean amounts, list items under a stated need, Korean particles on sector
# words, a few stated offers and keywords, and 越南 before a dissolved province's
# Han name; after them 37, 40, 40, 40, 40. Failing among them: party ja_19
# (津和野町), zh_18 (寿光市), ko_13 (제주특별자치도): catalog name resolution.
HOLDOUT = PROJECT_ROOT / "tests" / "data" / "screening_letters_holdout"
# Held-out letters, written and labelled before any tuning and never used to tune
# (the first 12 before the letterhead, stated-need, date and Vietnamese-sender
# rules: party 9, offers 11, seeks 8, concreteness 9, old 12; after them 10, 11,
# 10, 9, 12). The 16 letters added on 2026-12-03 were written blind to the reader
# and screened once, after the greeting/offer/stated-need rules of that day:
# first 12 → 11, 11, 9, 9, 12; new 16 → 12, 14, 14, 13, 13; all 28: 23, 25, 23,
# 22, 25. Session 3 (2026-12-03): 24 more written and labelled blind (vi_h06–h09,
# en_h06–h09, fr_h05–h07, de_h05–h08, ja_h05–h07, zh_h04–h06, ko_h04–h06), screened
# once with the reader as it was (16, 23, 21, 18, 20) and once after the rules built
# on 48 new dev letters (17, 22, 21, 18, 20); those 28 then 23, 26, 24, 22, 25.
# After the sender-unit, letterhead, plan-date and historical-province rules built
# on 28 more dev letters written blind by another writer: the 28 of the earlier
# sessions 24, 26, 24, 21, 28; the 24 new 17, 22, 21, 20, 23 (the judge's added
# 縣/县/郡/町/村 stripping changes no held-out total). All 52 below (totals only
# were read; no held-out failure was looked at). After the catalog additions
# (Korean counties, JP/KR/TW local-script towns, German Kreise, ISO units'
# GeoNames names) and the one-sector-with-an-action concreteness rule: 41, 48, 45,
# 41, 51 → 40, 48, 45, 42, 51.
# The sixth dev batch's rules alone: 41, 48, 45, 41, 51 → 42, 48, 45, 43, 51.
# Both passes together, on the rebuilt catalog: 41, 48, 45, 44, 51.
# The seventh dev batch's rules (sender identity): 41, 48, 45, 44, 51 → 40, 48, 46,
# 44, 51 (measured once before and once after them).
# Japanese municipalities and Chinese county-level units in the catalog: 40, 48, 46,
# 44, 51 → 41, 48, 46, 44, 51 (totals only, read from this test's assertion).
# Fifth session: 28 held-out letters added (two blind writers, 14 each, written with
# the 56 dev letters of the eighth batch and never read): the 80 scored 64, 74, 71,
# 67, 79 before the channel layer (the 52: 40, 48, 46, 44, 51; the 28: 24, 26, 25,
# 23, 28) and 64, 74, 72, 68, 79 with it (the 28: 24, 26, 26, 24, 28); at the end of
# the session (the Japanese municipalities and Chinese counties in the catalog, the
# sender and roles passes on the eighth and ninth dev batches, the e-mail domain):
# 66, 75, 75, 70, 79 (the 52: 41, 49, 48, 46, 51; the 28: 25, 26, 27, 24, 28).
# Session 6: 24 more held-out letters (part C, from the tenth batch's three blind
# writers, copied in unread); measured once at the end: all 104: 85, 98, 95, 89,
# 103 (the 80 of before: 66, 75, 75, 70, 79, unchanged; part C: 19, 23, 20, 19,
# 24).
HOLDOUT_MEASURED = {
    "party": 85,
    "offers": 98,
    "seeks": 95,
    "concreteness": 89,
    "old_province": 103,
}


@pytest.fixture(scope="module")
def wernigerode(samples_dir, engine, tagger):
    path = samples_dir / "wernigerode-hoi-an-2022.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return screen_text(path.read_bytes(), engine=engine, tagger=tagger)


def test_wernigerode_existing_partner_from_the_tie_network(wernigerode, engine):
    assert (wernigerode.party.id, wernigerode.party.country) == ("gn:2810808", "DE")
    fs, network = engine.feature_set, engine.matcher.network_
    ties = network.ties_between(fs.row("gn:2810808"), fs.row("vn:48"))
    assert any(t.evidence == "twinning/sister (explicit)" for t in ties)
    partner_flags = [f for f in wernigerode.flags if f.code == "existing_partner"]
    assert len(partner_flags) == 1
    assert "Đà Nẵng (vn:48)" in flag_message(
        "existing_partner", partner_flags[0].params, "en"
    )
    danang = next(r for r in wernigerode.provinces if r.id == "vn:48")
    assert "already_partner" in {f.code for f in danang.flags} and danang.existing_ties
    old = [
        flag_message(f.code, f.params, "en")
        for f in wernigerode.flags
        if f.code == "old_province"
    ]
    assert len(old) == 1 and old[0].startswith("Quảng Nam → Đà Nẵng (vn:48)")
    assert {"renewable_energy", "vocational_training"} <= {
        c.sector for c in wernigerode.offers
    }


def test_all_34_units_ranked_and_scores_are_sums(wernigerode, engine):
    provinces = wernigerode.provinces
    assert len(provinces) == 34 == len(engine.catalog.vietnam_units())
    assert {r.id for r in provinces} == {u.id for u in engine.catalog.vietnam_units()}
    # fit first: by the number of focus sectors served, then by score
    keys = [(len(r.needs_met), r.score) for r in provinces]
    assert keys == sorted(keys, reverse=True)
    assert wernigerode.focus and provinces[0].needs_met
    for r in provinces:
        assert abs(r.score - sum(c.value for c in r.contributions)) < 1e-9
    c = wernigerode.concreteness
    assert abs(c.score - sum(p.value for p in c.contributions)) < 1e-9


def test_same_numbers_as_score_all(engine):
    matcher = engine.matcher
    profile = party_profile(
        matcher,
        offers={"water": 0.9},
        seeks={"agriculture": 0.8},
        locality_id="gn:1842943",
    )
    scored = matcher.score_all(profile)
    fs = engine.feature_set
    for r in screen_provinces(matcher, profile):
        row = fs.row(r.id)
        assert r.score == pytest.approx(float(scored.scores[row]), abs=1e-12)
        parts = {c.facet: c.value for c in r.contributions}
        for j, facet in enumerate(FACETS):
            if facet.name in parts:
                assert parts[facet.name] == float(scored.contributions[row, j])
            else:
                assert facet.name in r.skipped


def test_labels_and_summaries_speak_for_the_screening(engine):
    """Same contributions as the plain explanation; the sender-side wording."""
    matcher, fs = engine.matcher, engine.feature_set
    profile = party_profile(
        matcher,
        offers={"water": 0.9},
        seeks={"agriculture": 0.8},
        locality_id="gn:1842943",
    )
    scored = matcher.score_all(profile)
    plain_labels = {f.name: (f.label_en, f.label_vi) for f in FACETS}
    seen = set()
    for r in screen_provinces(matcher, profile):
        plain = explain(matcher, profile, scored, fs.row(r.id))
        numbers = [(c.facet, c.value, c.facet_value, c.weight) for c in r.contributions]
        assert numbers == [
            (c.facet, c.value, c.facet_value, c.weight) for c in plain.contributions
        ]
        for c in r.contributions:
            labels = SCREENING_LABELS.get(c.facet, plain_labels[c.facet])
            assert (c.label_en, c.label_vi) == labels
            seen.add(c.facet)
        top = [c for c in r.contributions if c.value > 0][:2]
        # a label inside a sentence starts lower case; "Việt Nam" keeps its capital
        assert r.summary_en.endswith(
            "main reasons: "
            + ", ".join(c.label_en[0].lower() + c.label_en[1:] for c in top)
            + "."
        )
        assert r.summary_vi.endswith(
            "lý do chính: "
            + ", ".join(c.label_vi[0].lower() + c.label_vi[1:] for c in top)
            + "."
        )
        assert f"of the {r.needs_total} sectors the sender seeks" in r.summary_en
        assert "bên gửi đang tìm" in r.summary_vi
        for text in (r.summary_en, r.summary_vi):
            assert "our needs" not in text and "của ta" not in text
    assert set(SCREENING_LABELS) <= seen
    for facet, (en, vi) in SCREENING_LABELS.items():
        assert (en, vi) != plain_labels[facet]
    for en, vi in SENDER_FACET_LABELS.values():
        assert "sender" in en and "bên gửi" in vi.lower()
    for en, vi in PROVINCE_FACET_LABELS.values():
        # a screened candidate is a Vietnamese province, not a foreign place
        assert "Vietnam" in en and "Việt Nam" in vi
        assert "partner" not in en and "nước bạn" not in vi


def test_orientation_their_needs_vs_our_strengths(engine):
    """needs_met = the party's sought sectors covered by the province's strengths."""
    matcher = engine.matcher
    fs = engine.feature_set
    j = fs.sectors.index("heritage_tourism")
    profile = party_profile(
        matcher, offers={}, seeks={"heritage_tourism": 1.0}, country="FR"
    )
    ranked = screen_provinces(matcher, profile)
    for r in ranked:
        strength = fs.strengths[fs.row(r.id), j]
        facet = {c.facet: c.facet_value for c in r.contributions}
        if np.isnan(strength):
            assert "needs_met" in r.skipped
        else:
            assert facet["needs_met"] == pytest.approx(strength)
            assert (r.needs_met == ("heritage_tourism",)) == (strength >= 0.25)


def test_ad_hoc_party_is_ranked_without_place_facets(engine, tagger):
    text = (
        "Je vous écris au nom du conseil municipal de Saint-Aubin-les-Trois-Ormes. "
        "Notre commune possède un savoir-faire reconnu pour l'eau potable."
    )
    s = screen_text(text, engine=engine, tagger=tagger)
    assert s.party.id is None and s.party.confidence == 0.0
    assert [f.code for f in s.flags][0] == "sender_unresolved"
    assert len(s.provinces) == 34
    assert all("proximity" in r.skipped for r in s.provinces)


def test_letter_set_pass_counts(engine, tagger):
    screen = partial(screen_text, engine=engine, tagger=tagger)
    report = evaluate_letters(LETTERS, screen, engine)
    assert report.n_letters == 314 >= 20
    assert set(report.totals) == set(CRITERIA)
    failures = {
        c: [r.file for r in report.letters if not r.passed[c]] for c in CRITERIA
    }
    assert report.totals == MEASURED, failures


def test_held_out_letter_pass_counts(engine, tagger):
    """The held-out letters' measured totals (never tuned on; see tests/data)."""
    screen = partial(screen_text, engine=engine, tagger=tagger)
    report = evaluate_letters(HOLDOUT, screen, engine)
    assert report.n_letters == 104
    assert report.totals == HOLDOUT_MEASURED


def test_vietnamese_sender_ranks_no_province(engine, tagger):
    s = screen_text(
        "Chúng tôi tìm kiếm đối tác nước ngoài về đào tạo nghề cho lao động trẻ.",
        sender="Tây Ninh",
        engine=engine,
        tagger=tagger,
    )
    assert (s.party.id, s.party.kind) == ("vn:80", "vietnamese_unit")
    assert s.provinces == ()
    assert [f.code for f in s.flags][0] == "vietnamese_unit"


def test_a_letter_naming_no_sector_asks_the_sender(engine, tagger):
    """No 34-province ranking without a sector: "ask the sender which sectors"."""
    s = screen_text(
        "Kumamoto Prefecture wishes to deepen friendship and mutual understanding "
        "with a Vietnamese province.",
        engine=engine,
        tagger=tagger,
    )
    assert s.offers == () == s.seeks and s.focus == ()
    assert s.ask_sender_sectors and s.provinces == ()
    assert s.party.id is not None and s.party.country == "JP"
    assert s.concreteness.level
    codes = [f.code for f in s.flags]
    assert codes[-1] == "ask_sender_sectors" and "no_sector" in codes
    assert flag_message("ask_sender_sectors", {}, "en").startswith(
        "ask the sender which sectors"
    )
    assert flag_message("ask_sender_sectors", {}, "vi").startswith("hãy hỏi bên gửi")


def test_offers_and_seeks_are_the_focus_both_ways(engine):
    """Offers and seeks are the focus: a province serves a focus sector by its
    strength there, or by needing it where the sender is strong."""
    matcher, fs = engine.matcher, engine.feature_set
    focus = letter_focus(matcher, ["agriculture"], ["healthcare"])
    assert focus == ("agriculture", "healthcare")
    profile = party_profile(
        matcher,
        offers={"agriculture": 0.9},
        seeks={"healthcare": 0.9},
        locality_id="iso:JP-43",
        focus=focus,
    )
    ranked = screen_provinces(matcher, profile)
    ag, hc = fs.sectors.index("agriculture"), fs.sectors.index("healthcare")
    for r in ranked:
        row = fs.row(r.id)
        assert r.needs_total == 2 and set(r.needs_met) | set(r.gaps) == set(focus)
        strong = fs.strengths[row] >= 0.25
        expected = {
            s
            for s, j in (("agriculture", ag), ("healthcare", hc))
            if strong[j] or (s == "agriculture" and fs.needs[row, j] > 0)
        }
        assert set(r.needs_met) == expected, r.id
        assert r.score == pytest.approx(r.fit + r.feasibility, abs=1e-12)
        assert "serves" in r.summary_en and "fit " in r.summary_en


def test_care_workers_fit_comes_before_hubs(engine):
    """A Japanese prefecture seeking care workers (healthcare) and vocational
    training: provinces with known strength in them rank above every province
    without, whatever its hubs and size; checked against the catalog's values."""
    matcher, fs = engine.matcher, engine.feature_set
    seeks = {"healthcare": 1.0, "vocational_training": 1.0}
    profile = party_profile(
        matcher,
        offers={},
        seeks=seeks,
        locality_id="iso:JP-43",  # Kumamoto
        focus=letter_focus(matcher, [], list(seeks)),
    )
    ranked = screen_provinces(matcher, profile)
    cols = [fs.sectors.index(s) for s in seeks]
    strong = {r.id for r in ranked if (fs.strengths[fs.row(r.id), cols] >= 0.25).any()}
    assert len(strong) >= 3  # in the shipped catalog: Nghệ An, Huế, Cần Thơ, …
    place = {r.id: i for i, r in enumerate(ranked)}
    last_strong = max(place[i] for i in strong)
    assert all(place[r.id] > last_strong for r in ranked if r.id not in strong)
    assert {r.id for r in ranked if r.needs_met} == strong
    # Hồ Chí Minh City: placed by its own values, not by its ties or size
    hcmc_strong = bool((fs.strengths[fs.row("vn:79"), cols] >= 0.25).any())
    assert ("vn:79" in strong) == hcmc_strong
    # within a number of focus sectors served, the score decides (best first)
    for a, b in zip(ranked, ranked[1:], strict=False):
        if len(a.needs_met) == len(b.needs_met):
            assert a.score >= b.score
    prominence = {c.facet: c for c in ranked[0].contributions}.get("prominence")
    if prominence is not None:
        assert prominence.label_en == "One of Vietnam's leading provinces"
        assert (
            prominence.label_vi == "Một trong những tỉnh, thành hàng đầu của Việt Nam"
        )
