"""Versioned weight files: the facet weights with the data and code they came from."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from features.errors import InvalidParameterError
from features.params import validate_params
from matcher.facets import FACET_NAMES, WEIGHT_CONSTRAINT

__all__ = [
    "WeightSet",
    "load_weights",
    "save_weights",
    "validate_weights",
    "MISSING_FACET_WEIGHTS",
]

FORMAT = "partner-match-weights/1"

# The weight of a facet that a weight file written before it existed does not name
# (until the weights are refitted); a facet missing from a file and from this table
# is an error. ``fit_unknown`` = 2.0: a candidate with no fit data on the focus
# loses 2 points, about what one strong feasibility facet gives (country
# affinity ≈ 4.6 × value, nearby ≈ 4.4 × value in the shipped weights);
# ``focus_text`` = 1.0, about the weight of its neighbour ``text_similarity``.
MISSING_FACET_WEIGHTS: dict[str, float] = {
    "fit_unknown": 2.0,
    "focus_text": 1.0,
    "proven_fit": 0.0,
}


@dataclass
class WeightSet:
    """Facet weights plus provenance (version, training data, code, metrics)."""

    weights: dict[str, float]
    version: str
    trained_on: dict = field(default_factory=dict)
    code_version: str = ""
    metrics: dict = field(default_factory=dict)
    note: str = ""

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": self.version,
            "weights": self.weights,
            "trained_on": self.trained_on,
            "code_version": self.code_version,
            "metrics": self.metrics,
            "note": self.note,
        }


def validate_weights(weights: dict) -> dict[str, float]:
    """Every facet present once, finite and ≥ 0; names the offending key.

    A facet listed in :data:`MISSING_FACET_WEIGHTS` may be absent: it takes the
    weight given there.
    """
    if not isinstance(weights, dict):
        raise InvalidParameterError("weights", "an object of facet → number", weights)
    unknown = sorted(set(weights) - set(FACET_NAMES))
    if unknown:
        raise InvalidParameterError(
            unknown[0], f"one of the facets {list(FACET_NAMES)}", weights[unknown[0]]
        )
    weights = {
        **{k: v for k, v in MISSING_FACET_WEIGHTS.items() if k in FACET_NAMES},
        **weights,
    }
    missing = [f for f in FACET_NAMES if f not in weights]
    if missing:
        raise InvalidParameterError(
            missing[0], "present (every facet needs a weight)", None
        )
    clean = {}
    validate_params({name: [WEIGHT_CONSTRAINT] for name in FACET_NAMES}, weights)
    for name in FACET_NAMES:
        clean[name] = float(weights[name])
    return clean


def load_weights(path: Path) -> WeightSet:
    """Read and validate a weight file."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidParameterError(
            "weights file", "a readable JSON weight file", str(path)
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InvalidParameterError(
            "format", repr(FORMAT), raw.get("format") if isinstance(raw, dict) else raw
        )
    return WeightSet(
        weights=validate_weights(raw.get("weights")),
        version=str(raw.get("version", "")),
        trained_on=raw.get("trained_on", {}),
        code_version=str(raw.get("code_version", "")),
        metrics=raw.get("metrics", {}),
        note=str(raw.get("note", "")),
    )


def save_weights(weight_set: WeightSet, path: Path) -> None:
    """Write atomically (temp file, then rename)."""
    validate_weights(weight_set.weights)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(
            weight_set.to_json(), handle, indent=2, ensure_ascii=False, sort_keys=True
        )
        handle.write("\n")
    os.replace(tmp, path)
