"""The one JSON shape of a recommendation and of a screening, in a chosen language.

Used by the API (answers, cached rankings, stored screenings) and the CLI
(``recommend --json``, ``screen --json``) alike. Numbers and labels in both
languages are language-free; flag messages are said in ``lang``
(:mod:`matcher.wording`), next to each flag's code and parameters, and so are the
evidence sentences and tie lines the product words itself (English otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from features.screening.flags import Flag
from matcher.wording import flag_message

if TYPE_CHECKING:  # annotations only: a recommendation does not load screening
    from matcher.comparison import Compared
    from matcher.explain import Recommendation
    from matcher.screening import Screening
    from matcher.ties import TieFact

__all__ = [
    "LEGACY_FLAG",
    "flag_json",
    "recommendation_json",
    "tie_json",
    "screening_json",
    "localise_flags",
    "compared_json",
]


def flag_json(flag: Flag, lang: str) -> dict[str, Any]:
    """``{"code", "params", "message"}``: the message in ``lang``."""
    return {
        "code": flag.code,
        "params": dict(flag.params),
        "message": flag_message(flag.code, flag.params, lang),
    }


def tie_json(tie: TieFact) -> dict[str, Any]:
    """A known tie in ``TieFactOut``'s fields and order."""
    return {
        "partner_id": tie.partner_id,
        "partner_name": tie.partner_name,
        "partner_country": tie.partner_country,
        "year": tie.year,
        "kind": tie.kind,
        "evidence": tie.evidence,
        "follow_through": round(tie.follow_through, 3),
        "sources": list(tie.sources),
    }


def recommendation_json(rec: Recommendation, lang: str) -> dict[str, Any]:
    """A result as plain JSON data, in ``RecommendationOut``'s fields and order
    (``pydantic_core.to_json`` writes it as the model would)."""
    return {
        "id": rec.id,
        "name": rec.name,
        "country": rec.country,
        "level": rec.level,
        "score": float(rec.score),
        "fit": float(rec.fit),
        "feasibility": float(rec.feasibility),
        "contributions": [
            {
                "facet": c.facet,
                "value": c.value,
                "facet_value": c.facet_value,
                "weight": c.weight,
                "label_en": c.label_en,
                "label_vi": c.label_vi,
            }
            for c in rec.contributions
        ],
        "skipped_facets": list(rec.skipped),
        "needs_met": list(rec.needs_met),
        "needs_total": rec.needs_total,
        "gaps": list(rec.gaps),
        "offers_to_them": list(rec.offers_to_them),
        "evidence": [
            {
                "side": e.side,
                "locality_id": e.locality_id,
                "sector": e.sector,
                "role": e.role,
                "text": e.text_vi if lang == "vi" and e.text_vi else e.text,
                "source": e.source,
                "date": None if e.date is None else str(e.date),
            }
            for e in rec.evidence
        ],
        "flags": [flag_json(f, lang) for f in rec.flags],
        "existing_ties": list(
            rec.existing_ties_vi
            if lang == "vi" and len(rec.existing_ties_vi) == len(rec.existing_ties)
            else rec.existing_ties
        ),
        "summary_vi": rec.summary_vi,
        "summary_en": rec.summary_en,
        "lat": rec.lat,
        "lon": rec.lon,
        "distance_km": rec.distance_km,
        "ties_vietnam": [tie_json(t) for t in rec.ties_vietnam],
        "ties_vietnam_total": rec.ties_vietnam_total,
        "ties_abroad": [tie_json(t) for t in rec.ties_abroad],
        "ties_abroad_total": rec.ties_abroad_total,
    }


def compared_json(compared: Compared, lang: str) -> dict[str, Any]:
    """A compared candidate: its :func:`recommendation_json` (with ``distance_km``)."""
    return recommendation_json(compared.recommendation, lang)


def _claim(c) -> dict:
    return {
        "sector": c.sector,
        "label_en": c.label_en,
        "label_vi": c.label_vi,
        "role": c.role,
        "score": c.score,
        "weight": c.weight,
        "evidence": list(c.evidence),
    }


def screening_json(screening: Screening, lang: str) -> dict:
    """``{"party", "offers", "seeks", "provinces", "concreteness", "flags", …}``.

    ``provinces`` holds all 34 units (none when a Vietnamese unit writes: party
    ``kind`` ``"vietnamese_unit"``, and none when the letter names no sector:
    ``ask_sender_sectors`` true, with its flag), fit first, each a
    :func:`recommendation_json`; ``focus``: the sectors the letter offers or seeks.
    """
    s = screening
    return {
        "party": {
            "id": s.party.id,
            "name": s.party.name,
            "country": s.party.country,
            "level": s.party.level,
            "confidence": s.party.confidence,
            "source": s.party.source,
            "matched": s.party.matched,
            "kind": s.party.kind,
        },
        "offers": [_claim(c) for c in s.offers],
        "seeks": [_claim(c) for c in s.seeks],
        "focus": list(s.focus),
        "ask_sender_sectors": s.ask_sender_sectors,
        "provinces": [recommendation_json(r, lang) for r in s.provinces],
        "concreteness": {
            "level": s.concreteness.level,
            "score": s.concreteness.score,
            "contributions": [
                {
                    "name": c.name,
                    "value": c.value,
                    "signal_value": c.signal_value,
                    "weight": c.weight,
                    "evidence": c.evidence,
                }
                for c in s.concreteness.contributions
            ],
        },
        "flags": [flag_json(f, lang) for f in s.flags],
        "old_provinces": [
            {
                "written": o.written,
                "old_name": o.old_name,
                "successor_id": o.successor_id,
                "successor_name": o.successor_name,
            }
            for o in s.old_provinces
        ],
        "localities": [
            {"id": m.id, "name": m.name, "country": m.country, "mentions": m.mentions}
            for m in s.localities
        ],
        "text": {
            "kind": s.text_kind,
            "sentences": s.n_sentences,
            "boilerplate_share": round(s.boilerplate_share, 4),
        },
        "weights_version": s.weights_version,
    }


# The code of a flag stored before flags had codes (a sentence, kept as written).
LEGACY_FLAG = "legacy"


def _reworded(flags: Iterable, lang: str) -> list[dict]:
    out = []
    for f in flags:
        if isinstance(f, str):
            f = {"code": LEGACY_FLAG, "params": {}, "message": f}
        elif "params" in f:
            f = {**f, "message": flag_message(f["code"], f["params"], lang)}
        out.append(f)
    return out


# Key of a stored screening ``result`` holding it as said in the other languages.
OTHER_LANGUAGES = "other_languages"


def localise_flags(result: dict, lang: str) -> dict:
    """A stored screening ``result`` as said in ``lang``.

    A result stored with its other languages (:data:`OTHER_LANGUAGES`) gives the
    one asked for whole — summaries, labels and evidence included. Older results
    have only their posting language: their flags stored with parameters are
    worded again, older ones stay as written (a bare sentence becomes a
    :data:`LEGACY_FLAG` flag).
    """
    out = dict(result)
    others = out.pop(OTHER_LANGUAGES, None) or {}
    if lang in others:
        return dict(others[lang])
    if "flags" in out:
        out["flags"] = _reworded(out["flags"], lang)
    if "provinces" in out:
        out["provinces"] = [
            {**p, "flags": _reworded(p.get("flags", ()), lang)}
            for p in out["provinces"]
        ]
    return out
