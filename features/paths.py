"""Where the committed data lives: the data folder's layout, named once.

The engine, the build, the service, the notebooks and the tests read these names
instead of spelling the paths; a notebook finds its checkout's folder with
:func:`find_data_dir`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DEFAULT_DATA_DIR",
    "CATALOG",
    "TAXONOMY",
    "TEXT_VECTORS",
    "CURRENT_WEIGHTS",
    "find_data_dir",
]

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""The ``data/`` folder of this checkout."""

CATALOG = Path("catalog")
"""The catalog's folder (localities, names, profiles, ties; gzip CSV)."""

TAXONOMY = Path("taxonomy") / "sectors.json"
"""The sector taxonomy."""

TEXT_VECTORS = Path("features") / "profile_text_vectors.npz"
"""The embedded profile texts, written by the build."""

CURRENT_WEIGHTS = Path("weights") / "current.json"
"""The shipped weight file."""


def find_data_dir(start: Path) -> Path:
    """The committed ``data/`` folder of the checkout that holds ``start``.

    Raises:
        FileNotFoundError: No folder above ``start`` holds ``data/catalog/``.
    """
    for folder in (start, *start.parents):
        if (folder / "data" / CATALOG / "localities.csv.gz").is_file():
            return folder / "data"
    raise FileNotFoundError(f"no data/catalog/ above {start}: set DATA_DIR by hand")
