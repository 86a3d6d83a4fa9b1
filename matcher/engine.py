"""The loaded product: catalog, name resolver, feature set and fitted matcher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from features.catalog.loading import Catalog, load_catalog
from features.catalog.regions import REGIONS_FILE, Regions, load_regions
from features.featureset import FeatureSet, build_feature_set
from features.names.resolver import NameResolver
from features.paths import CURRENT_WEIGHTS, TEXT_VECTORS
from matcher.model import PartnerMatcher
from matcher.weights import WeightSet, load_weights

__all__ = ["Engine", "load_engine"]


@dataclass
class Engine:
    """Everything needed to answer a query, loaded once."""

    catalog: Catalog
    resolver: NameResolver
    feature_set: FeatureSet
    matcher: PartnerMatcher
    weights: WeightSet
    regions: Regions | None = None

    def with_weights(self, weight_set: WeightSet) -> Engine:
        """A copy whose matcher uses other weights (sharing fitted state and cache)."""
        matcher = self.matcher.with_weights(weight_set.weights)
        return Engine(
            self.catalog,
            self.resolver,
            self.feature_set,
            matcher,
            weight_set,
            self.regions,
        )

    def warm(self) -> Engine:
        """Cache the facet values of the 34 Vietnamese units (≈ 1 s, ≈ 100 MB)."""
        self.matcher.warm(u.id for u in self.catalog.vietnam_units())
        return self


def load_engine(
    data_dir: Path, *, embedder=None, weights_path: Path | None = None
) -> Engine:
    """Load the catalog under ``data_dir`` and fit the matcher with the shipped weights.

    Profile-text vectors come from ``data_dir/features/profile_text_vectors.npz``;
    with an ``embedder`` missing ones are embedded (and stored there).
    """
    data_dir = Path(data_dir)
    path = weights_path or data_dir / CURRENT_WEIGHTS
    if weights_path is not None or Path(path).exists():
        # a file asked for must load (load_weights names the problem, before the
        # catalog is read); only a checkout without the shipped file falls back
        weight_set = load_weights(path)
    else:
        weight_set = WeightSet(
            weights=PartnerMatcher().get_params(),
            version="uniform",
            note="no weight file",
        )
    catalog = load_catalog(data_dir)
    feature_set = build_feature_set(
        catalog, embedder, text_vectors_path=data_dir / TEXT_VECTORS
    )
    matcher = PartnerMatcher(**weight_set.weights).fit(feature_set)
    # the region filter needs the table; a data folder without it has no regions
    regions = load_regions(data_dir) if (data_dir / REGIONS_FILE).exists() else None
    return Engine(
        catalog, NameResolver(catalog), feature_set, matcher, weight_set, regions
    )
