"""The JSON shape of a screening (the CLI's ``screen --json`` and the API's)."""

from __future__ import annotations

from matcher.screening import Screening
from service.cli.match import recommendation_json

__all__ = ["screening_json"]


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


def screening_json(screening: Screening) -> dict:
    """``{"party", "offers", "seeks", "provinces", "concreteness", "flags", …}``.

    ``provinces`` holds all 34 units (none when a Vietnamese unit writes: party
    ``kind`` ``"vietnamese_unit"``), best first, each in the shape of
    :func:`service.cli.match.recommendation_json`.
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
        "provinces": [recommendation_json(r) for r in s.provinces],
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
        "flags": [{"code": f.code, "message": f.message} for f in s.flags],
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
