"""The build's name keys: equal to freshly computed keys, and ignored when stale."""

import gzip
import shutil

import numpy as np
import pytest

from features.catalog.loading import (
    _load_localities,
    _load_names,
    _read_localities,
    load_catalog,
)
from features.names.keys import KEY_FILES, compute_name_keys
from features.names.resolver import NameResolver
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
QUERIES = ["Hà Tây", "Hue", "Da Lat", "Chăm-pa-xắc", "Xiêm Riệp", "Saiki (Oita)", "Qzx"]


@pytest.fixture(scope="module")
def computed(catalog):
    """Keys computed in Python from the catalog's names, as without key files."""
    return compute_name_keys(catalog.names)


def test_shipped_catalog_loads_its_key_files(catalog):
    assert catalog.name_keys is not None


def test_loaded_keys_equal_computed_keys(catalog, computed):
    loaded = catalog.name_keys
    assert loaded.exact.keys == computed.exact.keys
    assert loaded.exact.as_dict() == computed.exact.as_dict()
    assert loaded.phonetic.as_dict() == computed.phonetic.as_dict()
    assert loaded.display_keys == computed.display_keys
    assert np.array_equal(loaded.display_rows, computed.display_rows)
    rows = range(len(catalog.names))
    assert [loaded.row(i) for i in rows] == [computed.row(i) for i in rows]
    assert [loaded.row(i) for i in rows] == [
        (pn.locality_id, pn.name, pn.kind) for pn in catalog.names
    ]


def test_deferred_parts_equal_validated_reads(catalog):
    folder = DATA / "catalog"
    localities = _load_localities(folder / "localities.csv.gz")
    assert _read_localities(folder / "localities.csv.gz") == localities
    ids = {loc.id for loc in localities}
    assert catalog.names == _load_names(folder / "names.csv.gz", ids)


def _copy_catalog(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "catalog", data / "catalog")
    shutil.copytree(DATA / "taxonomy", data / "taxonomy")
    return data


def _answers(resolver):
    return [resolver.resolve(q) + [resolver.suggest(q)] for q in QUERIES]


def test_missing_key_files_fall_back_to_the_same_answers(tmp_path, resolver):
    data = _copy_catalog(tmp_path)
    (data / "catalog" / KEY_FILES[1]).unlink()
    fallback = load_catalog(data)
    assert fallback.name_keys is None
    assert isinstance(fallback.names, tuple)  # read and validated now
    assert _answers(NameResolver(fallback)) == _answers(resolver)


def test_stale_key_files_are_not_used(tmp_path):
    data = _copy_catalog(tmp_path)
    path = data / "catalog" / "names.csv.gz"
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(
        gzip.compress((text + "vn:01,Thăng Long Xưa,alternate,test\n").encode())
    )
    stale = load_catalog(data)
    assert stale.name_keys is None  # the resolver computes keys from these names
    assert stale.names[-1].name == "Thăng Long Xưa"


def test_corrupt_key_file_falls_back(tmp_path):
    data = _copy_catalog(tmp_path)
    (data / "catalog" / KEY_FILES[2]).write_bytes(b"not an array")
    assert load_catalog(data).name_keys is None
