"""Nearest-point look-ups on the sphere, for placing sites, plants and ports."""

from __future__ import annotations

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "PointIndex", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat_r, lon_r = np.radians(lat), np.radians(lon)
    return np.column_stack(
        (np.cos(lat_r) * np.cos(lon_r), np.cos(lat_r) * np.sin(lon_r), np.sin(lat_r))
    )


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; broadcasts over numpy arrays."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


class PointIndex:
    """A k-d tree over points given as (lat, lon) degrees."""

    def __init__(self, lat, lon) -> None:
        from scipy.spatial import cKDTree  # only the build places points

        self._tree = cKDTree(_unit_vectors(np.asarray(lat), np.asarray(lon)))

    def nearest(self, lat, lon, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """Distances (km) and indices of the ``k`` nearest points to each query."""
        chord, idx = self._tree.query(
            _unit_vectors(np.atleast_1d(lat), np.atleast_1d(lon)), k=k
        )
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0, 1)), idx

    def within(self, lat: float, lon: float, radius_km: float) -> list[int]:
        """Indices of the points within ``radius_km`` of one query point."""
        chord = 2 * np.sin(radius_km / (2 * EARTH_RADIUS_KM))
        return sorted(
            self._tree.query_ball_point(_unit_vectors([lat], [lon])[0], chord)
        )
