"""Evaluation of the sector tagger on a labelled file: per-sector P/R/F1, roles."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from features.catalog.taxonomy import Taxonomy
from features.errors import CatalogError
from features.tagging.roles import TEXT_ROLES
from features.tagging.tagger import SectorTagger

__all__ = [
    "LabelledSentence",
    "SectorScore",
    "TagEvaluation",
    "load_labelled",
    "evaluate_tagging",
]


@dataclass(frozen=True)
class LabelledSentence:
    """One row of a labelled file: gold sectors (may be empty) and role."""

    id: str
    lang: str
    text: str
    sectors: tuple[str, ...]
    role: str | None


@dataclass(frozen=True)
class SectorScore:
    """Precision, recall and F1 of one sector over sentences (multi-label)."""

    sector: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class TagEvaluation:
    """Per-sector scores, their macro-F1, and role accuracy on correct tags.

    ``role_accuracy`` is measured on the sentences whose predicted sectors include
    at least one gold sector (``role_support`` of them).
    """

    per_sector: list[SectorScore]
    macro_f1: float
    micro_f1: float
    role_accuracy: float
    role_support: int
    n_sentences: int


def load_labelled(path, taxonomy: Taxonomy) -> list[LabelledSentence]:
    """Read a labelled CSV (``id,lang,text,sectors,role``; sectors ``;``-separated).

    Args:
        path: The CSV file (UTF-8).
        taxonomy: Sector ids are checked against it.

    Returns:
        The rows, in file order.

    Raises:
        CatalogError: A column is missing, or a sector id or role is unknown; the
            message names the file, row and field.
    """
    import csv
    from pathlib import Path

    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise CatalogError(
            f"cannot read the labelled file: {exc}", file=str(path)
        ) from None
    with handle:
        reader = csv.DictReader(handle)
        missing = {"id", "lang", "text", "sectors", "role"} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise CatalogError(
                f"missing columns {sorted(missing)}; expected "
                "id,lang,text,sectors,role",
                file=str(path),
            )
        out = []
        for row_number, row in enumerate(reader, start=2):
            sectors = tuple(s.strip() for s in row["sectors"].split(";") if s.strip())
            for sector in sectors:
                if sector not in taxonomy.ids:
                    raise CatalogError(
                        f"unknown sector {sector!r}; valid: {', '.join(taxonomy.ids)}",
                        file=str(path),
                        row=row_number,
                        field="sectors",
                    )
            role = row["role"].strip() or None
            if role is not None and role not in TEXT_ROLES:
                raise CatalogError(
                    f"unknown role {role!r}; valid: {', '.join(TEXT_ROLES)} or empty",
                    file=str(path),
                    row=row_number,
                    field="role",
                )
            out.append(
                LabelledSentence(
                    id=row["id"],
                    lang=row["lang"],
                    text=unicodedata.normalize("NFC", row["text"]),
                    sectors=sectors,
                    role=role,
                )
            )
    return out


def evaluate_tagging(
    tagger: SectorTagger, examples: Sequence[LabelledSentence]
) -> TagEvaluation:
    """Score a tagger sentence by sentence against gold labels.

    Each sentence is tagged alone (no boilerplate step). Sector-level multi-label:
    per sector, precision and recall over sentences; macro-F1 averages the sectors
    that occur in the gold labels or the predictions.

    Args:
        tagger: The tagger to evaluate.
        examples: Labelled sentences, e.g. from :func:`load_labelled`.

    Returns:
        A :class:`TagEvaluation`.
    """
    tags = tagger.score_sentences([e.text for e in examples])
    per_sector = []
    tp_all = fp_all = fn_all = 0
    for sector in tagger.taxonomy.ids:
        gold = [sector in e.sectors for e in examples]
        pred = [sector in t.sectors for t in tags]
        tp = sum(g and p for g, p in zip(gold, pred, strict=True))
        fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
        fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        if tp + fp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        per_sector.append(
            SectorScore(
                sector, precision, recall, f1, support=tp + fn, predicted=tp + fp
            )
        )
    macro = float(np.mean([s.f1 for s in per_sector])) if per_sector else 0.0
    micro = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all else 0.0
    judged = [
        (e.role, t.role)
        for e, t in zip(examples, tags, strict=True)
        if e.role is not None and set(e.sectors) & set(t.sectors)
    ]
    role_accuracy = (
        sum(g == p for g, p in judged) / len(judged) if judged else float("nan")
    )
    return TagEvaluation(
        per_sector=per_sector,
        macro_f1=macro,
        micro_f1=micro,
        role_accuracy=role_accuracy,
        role_support=len(judged),
        n_sentences=len(examples),
    )
