"""The ``FeatureSet``: named numeric blocks over catalog localities, by id.

It owns the id ↔ row mapping. Unknown values stay ``NaN`` (with the ``*_known``
masks); nothing is filled in. Sectors that a worldwide dataset measures for every
place (UNESCO sites, power plants, ports and airports, universities) are *known* —
possibly zero — wherever the place has coordinates; other sectors are known only
where a profile states them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from features.catalog.blocks import (
    MEASURED_SECTORS,
    SCOPE_WEIGHT,
    compute_blocks,
    profile_text,
)
from features.catalog.loading import LEVELS, Catalog, Tie

__all__ = [
    "CooperationCounts",
    "cooperation_counts",
    "FeatureSet",
    "build_feature_set",
    "profile_text",
    "MEASURED_SECTORS",
    "SCOPE_WEIGHT",
    "TextVectors",
]


@dataclass
class TextVectors:
    """Profile-text embeddings keyed by text hash, with the model they came from.

    ``sector_vectors`` (optional, ``(n_sectors, dim)`` in the order of ``sectors``)
    are the sector tagger's mean prototypes under the same model, so that a
    profile text's sectors (:func:`~features.tagging.tagger.sector_scores`) need
    no model at run time.
    """

    model_id: str
    hashes: list[str]
    vectors: np.ndarray
    sectors: tuple[str, ...] = ()
    sector_vectors: np.ndarray | None = None

    def save(self, path: Path) -> None:
        """Write as ``.npz`` (no pickle): float16 vectors, hashes and model id."""
        tmp = Path(path).with_suffix(".tmp.npz")
        extra = (
            {
                "sectors": np.array(self.sectors),
                "sector_vectors": self.sector_vectors.astype(np.float32),
            }
            if self.sector_vectors is not None
            else {}
        )
        np.savez_compressed(
            tmp,
            model_id=np.array(self.model_id),
            hashes=np.array(self.hashes),
            vectors=self.vectors.astype(np.float16),
            **extra,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> TextVectors:
        with np.load(path, allow_pickle=False) as data:
            has_sectors = "sector_vectors" in data.files
            return cls(
                model_id=str(data["model_id"]),
                hashes=[str(h) for h in data["hashes"]],
                vectors=data["vectors"].astype(np.float32),
                sectors=tuple(str(s) for s in data["sectors"]) if has_sectors else (),
                sector_vectors=data["sector_vectors"] if has_sectors else None,
            )


@dataclass(frozen=True)
class CooperationCounts:
    """Cited cooperation projects per candidate and sector, and per partner.

    ``rows``: (m,) rows of the candidates with at least one project (the foreign
    side); ``by_sector``: (m, n_sectors) project counts; ``total``: (m,) project
    counts (a project in two sectors counts once here, in both columns there);
    ``with_partner``: partner row → (positions into ``rows``, (k, n_sectors)
    counts, (k,) totals) of the projects with that catalog partner.
    """

    rows: np.ndarray
    by_sector: np.ndarray
    total: np.ndarray
    with_partner: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]

    def excluding(self, partner_row: int | None) -> tuple[np.ndarray, np.ndarray]:
        """(by_sector, total) without the projects with ``partner_row``: what a
        candidate shows *other* partners, as seen by that partner."""
        shared = self.with_partner.get(partner_row) if partner_row is not None else None
        if shared is None:
            return self.by_sector, self.total
        positions, counts, totals = shared
        by_sector, total = self.by_sector.copy(), self.total.copy()
        by_sector[positions] -= counts
        total[positions] -= totals
        return by_sector, total


def cooperation_counts(catalog: Catalog, row: dict[str, int]) -> CooperationCounts:
    """Count the catalog's cooperation projects by candidate row, sector, partner."""
    sectors = catalog.taxonomy.ids
    col = {s: j for j, s in enumerate(sectors)}
    foreign = sorted({row[p.foreign_id] for p in catalog.cooperation})
    position = {r: i for i, r in enumerate(foreign)}
    by_sector = np.zeros((len(foreign), len(sectors)))
    total = np.zeros(len(foreign))
    pairs: dict[int, dict[int, np.ndarray]] = {}
    for project in catalog.cooperation:
        i = position[row[project.foreign_id]]
        vector = np.zeros(len(sectors))
        vector[[col[s] for s in project.sectors]] = 1.0
        by_sector[i] += vector
        total[i] += 1
        if project.partner_id is not None and project.partner_id in row:
            shared = pairs.setdefault(row[project.partner_id], {})
            shared[i] = shared.get(i, np.zeros(len(sectors) + 1))
            shared[i] += np.r_[vector, 1.0]
    with_partner = {}
    for partner, shared in pairs.items():
        positions = np.array(sorted(shared), dtype=np.int64)
        stacked = np.stack([shared[i] for i in positions])
        with_partner[partner] = (positions, stacked[:, :-1], stacked[:, -1])
    return CooperationCounts(
        rows=np.array(foreign, dtype=np.int64),
        by_sector=by_sector,
        total=total,
        with_partner=with_partner,
    )


@dataclass
class FeatureSet:
    """Named feature blocks, one row per locality; ``ids[i]`` is row ``i``."""

    ids: np.ndarray
    names: np.ndarray
    country: np.ndarray
    level: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    log_population: np.ndarray
    strengths: np.ndarray
    needs: np.ndarray
    text: np.ndarray
    text_known: np.ndarray
    # How clearly the profile text is about each sector, (n, n_sectors) in [0, 1]
    # (NaN: no text); None without the sector prototypes of the text model.
    text_sectors: np.ndarray | None
    sectors: tuple[str, ...]
    ties: tuple[Tie, ...]
    coastal: np.ndarray
    cooperation: CooperationCounts | None = None
    model_id: str | None = None
    catalog: Catalog | None = None
    _row: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._row = {lid: i for i, lid in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, locality_id: str) -> int:
        """Row of a locality id (KeyError for unknown ids)."""
        return self._row[locality_id]

    def find(self, locality_id: str | None) -> int | None:
        """Row of a locality id, or None."""
        return self._row.get(locality_id) if locality_id else None

    def rows(self, locality_ids) -> np.ndarray:
        return np.array([self._row[i] for i in locality_ids], dtype=np.int64)

    @cached_property
    def strengths_known(self) -> np.ndarray:
        return ~np.isnan(self.strengths)

    @cached_property
    def needs_known(self) -> np.ndarray:
        return ~np.isnan(self.needs)

    @cached_property
    def strengths_or_zero(self) -> np.ndarray:
        """Strengths with unknown as 0, for sums that also use ``strengths_known``."""
        return np.nan_to_num(self.strengths, nan=0.0)

    @cached_property
    def needs_or_zero(self) -> np.ndarray:
        return np.nan_to_num(self.needs, nan=0.0)

    @cached_property
    def need_rows(self) -> np.ndarray:
        """Rows with at least one known need (few: needs are declared, not measured)."""
        return np.flatnonzero(self.needs_known.any(axis=1))

    @cached_property
    def population(self) -> np.ndarray:
        """Population (NaN where unknown)."""
        return 10**self.log_population

    @cached_property
    def text_rows(self) -> np.ndarray:
        """Rows with a profile text, and their vectors (contiguous, for one matvec)."""
        return np.flatnonzero(self.text_known)

    @cached_property
    def text_matrix(self) -> np.ndarray:
        return np.ascontiguousarray(self.text[self.text_rows])


def build_feature_set(
    catalog: Catalog,
    embedder=None,
    *,
    text_vectors_path: Path | None = None,
) -> FeatureSet:
    """Turn the catalog into a FeatureSet.

    ``embedder`` (a ``TextEmbedder``) embeds profile texts; texts
    whose vectors are in ``text_vectors_path`` (for the same model) are not embedded
    again, and new vectors are written back there. Without an embedder and without
    stored vectors, text is unknown for every locality.
    """
    locs = catalog.localities
    n = len(locs)
    sectors = catalog.taxonomy.ids
    row = {loc.id: i for i, loc in enumerate(locs)}
    # as the build wrote them for this catalog, or derived now (the same numbers)
    blocks = catalog.feature_blocks or compute_blocks(catalog)
    strengths, needs = blocks.strengths.copy(), blocks.needs.copy()
    coastal = blocks.coastal.copy()
    text = np.zeros((n, 0), dtype=np.float32)
    text_known = np.zeros(n, dtype=bool)
    text_sectors = None
    model_id = None
    stored = (
        TextVectors.load(text_vectors_path)
        if text_vectors_path is not None and Path(text_vectors_path).exists()
        else None
    )
    if embedder is not None:
        model_id = embedder.model_id
        if stored is not None and stored.model_id != model_id:
            stored = None
    elif stored is not None:
        model_id = stored.model_id
    if model_id is not None:
        known = (
            {h: v for h, v in zip(stored.hashes, stored.vectors, strict=True)}
            if stored
            else {}
        )
        wanted = blocks.text_keys
        missing = sorted(
            {
                key: profile_text(catalog, locs[r].id)
                for r, key in wanted.items()
                if key not in known
            }.items()
        )
        sector_vectors = (
            stored.sector_vectors
            if stored is not None and stored.sectors == tuple(sectors)
            else None
        )
        if embedder is not None and (missing or sector_vectors is None):
            from features.tagging.tagger import SectorTagger

            if missing:
                vectors = embedder.embed([t for _, t in missing], kind="query")
                known.update({h: v for (h, _), v in zip(missing, vectors, strict=True)})
            if sector_vectors is None:
                sector_vectors = SectorTagger(catalog.taxonomy, embedder).sector_vectors
            if text_vectors_path is not None:
                hashes = sorted(h for h in known if h in set(wanted.values()))
                TextVectors(
                    model_id,
                    hashes,
                    np.stack([known[h] for h in hashes]),
                    tuple(sectors),
                    sector_vectors,
                ).save(Path(text_vectors_path))
        dim = len(next(iter(known.values()))) if known else 0
        text = np.zeros((n, dim), dtype=np.float32)
        for r, key in wanted.items():
            vec = known.get(key)
            if vec is not None:
                text[r] = vec / max(np.linalg.norm(vec), 1e-12)
                text_known[r] = True
        if sector_vectors is not None and text_known.any():
            from features.tagging.sector_scores import text_sector_scores

            text_sectors = np.full((n, len(sectors)), np.nan, dtype=np.float32)
            text_sectors[text_known] = text_sector_scores(
                text[text_known], sector_vectors.astype(np.float32)
            )
    population = np.array(
        [np.log10(loc.population) if loc.population else np.nan for loc in locs]
    )
    return FeatureSet(
        ids=np.array([loc.id for loc in locs]),
        names=np.array([loc.name for loc in locs]),
        country=np.array([loc.country for loc in locs]),
        level=np.array([LEVELS.index(loc.level) for loc in locs], dtype=np.int8),
        lat=np.array([loc.lat if loc.lat is not None else np.nan for loc in locs]),
        lon=np.array([loc.lon if loc.lon is not None else np.nan for loc in locs]),
        log_population=population,
        strengths=strengths,
        needs=needs,
        text=text,
        text_known=text_known,
        text_sectors=text_sectors,
        sectors=sectors,
        ties=catalog.ties,
        coastal=coastal,
        cooperation=cooperation_counts(catalog, row),
        model_id=model_id,
        catalog=catalog,
    )
