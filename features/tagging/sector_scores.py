"""What a unit text vector is about, by sector: numpy only, so that scoring a
catalog's profile texts needs neither the model nor the tagger's imports."""

from __future__ import annotations

import numpy as np

__all__ = ["sector_leads", "sector_scores", "text_sector_scores"]


def sector_leads(vectors: np.ndarray, sector_vectors: np.ndarray) -> np.ndarray:
    """Lead of each unit vector's cosine with a sector's mean prototype over its
    median cosine across sectors, ``(n, n_sectors)``: E5 cosines all sit near 0.8,
    so only the lead says what a text is about."""
    cos = vectors @ sector_vectors.T
    return cos - np.median(cos, axis=1, keepdims=True)


def sector_scores(
    vectors: np.ndarray,
    sector_vectors: np.ndarray,
    margin_center: float = 0.03,
    margin_scale: float = 0.008,
) -> np.ndarray:
    """How clearly each sentence vector is about each sector, in [0, 1]: the
    logistic of its :func:`sector_leads`, centred on ``margin_center``."""
    lead = sector_leads(vectors, sector_vectors)
    return 1.0 / (1.0 + np.exp(-(lead - margin_center) / margin_scale))


def text_sector_scores(
    vectors: np.ndarray, sector_vectors: np.ndarray, top: float = 99.0
) -> np.ndarray:
    """How much more each text is about each sector than the other texts, in [0, 1].

    A whole text's :func:`sector_leads` are smaller than a sentence's and differ in
    baseline by sector (most texts describe heritage sites), so each sector's lead
    is rescaled over the texts given: 0 at its median, 1 at its ``top`` percentile.
    """
    lead = sector_leads(vectors, sector_vectors)
    low = np.median(lead, axis=0)
    high = np.percentile(lead, top, axis=0)
    return np.clip((lead - low) / np.maximum(high - low, 1e-6), 0.0, 1.0)
