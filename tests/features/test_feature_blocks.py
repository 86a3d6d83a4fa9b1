"""The build's ready-to-load files: consistent with the catalog tables they describe."""

import dataclasses
import gzip
import json
import shutil

import numpy as np

from features.catalog import prebuilt
from features.catalog.blocks import BLOCK_FILES, compute_blocks, load_blocks
from features.catalog.loading import (
    LOCALITY_COLUMNS,
    Catalog,
    Locality,
    _load_localities,
    load_catalog,
)
from features.catalog.locality_table import TABLE_FILES, read_locality_table
from features.digests import file_sha256
from features.featureset import build_feature_set
from features.names.keys import KEY_FILES
from features.paths import DEFAULT_DATA_DIR, TEXT_VECTORS

DATA = DEFAULT_DATA_DIR


def _same(a, b) -> bool:
    return np.array_equal(a, b, equal_nan=True)


def test_shipped_catalog_loads_its_block_files(catalog):
    assert catalog.feature_blocks is not None


def test_loaded_blocks_equal_blocks_derived_from_the_tables(catalog):
    loaded, derived = catalog.feature_blocks, compute_blocks(catalog)
    assert _same(loaded.strengths, derived.strengths)
    assert _same(loaded.needs, derived.needs)
    assert _same(loaded.coastal, derived.coastal)
    assert loaded.text_keys == derived.text_keys
    assert len(loaded.text_keys) > 1000  # quoted texts and declared statements
    assert int(np.nansum(loaded.needs > 0)) > 100


def test_feature_set_is_the_same_with_or_without_block_files(catalog):
    derived = Catalog(
        **{
            f.name: getattr(catalog, f.name)
            for f in dataclasses.fields(Catalog)
            if f.init and f.name != "feature_blocks"
        }
    )
    assert derived.feature_blocks is None
    fast = build_feature_set(catalog, text_vectors_path=DATA / TEXT_VECTORS)
    slow = build_feature_set(derived, text_vectors_path=DATA / TEXT_VECTORS)
    for block in ("strengths", "needs", "coastal", "text", "text_known"):
        assert _same(getattr(fast, block), getattr(slow, block)), block
    assert fast.model_id == slow.model_id


def test_manifest_names_the_ready_to_load_files():
    folder = DATA / "catalog"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["ready_to_load"] == {
        name: file_sha256(folder / name)
        for name in (*KEY_FILES, *BLOCK_FILES, *TABLE_FILES)
    }


def test_stale_or_broken_block_files_are_not_used(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "catalog", data / "catalog")
    shutil.copytree(DATA / "taxonomy", data / "taxonomy")
    folder = data / "catalog"
    catalog = load_catalog(data)
    sectors = tuple(catalog.taxonomy.ids)
    assert load_blocks(folder, catalog.localities, sectors) is not None
    assert load_blocks(folder, catalog.localities, sectors[:-1]) is None
    path = folder / "texts.csv.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()) + b"\n"))
    assert load_blocks(folder, catalog.localities, sectors) is None
    shutil.copy(DATA / "catalog" / "texts.csv.gz", path)
    (folder / BLOCK_FILES[1]).write_bytes(b"not an array")
    assert load_blocks(folder, catalog.localities, sectors) is None


def test_fast_locality_reader_knows_the_columns_in_order():
    fields = tuple(f.name for f in dataclasses.fields(Locality))
    assert prebuilt._LOCALITY_COLUMNS == LOCALITY_COLUMNS == fields


def test_profile_rows_on_demand_equal_the_full_read(catalog):
    ids = ["vn:48", "vn:01", "gn:1850147", "iso:TR-31", "no:such-place"]
    ids += [e.locality_id for e in list(catalog.profiles)[::5000]]
    for locality_id in ids:
        wanted = tuple(e for e in catalog.profiles if e.locality_id == locality_id)
        assert catalog.profile_rows.get(locality_id) == wanted


def test_locality_table_equals_the_validated_csv_rows(catalog, tmp_path):
    folder = DATA / "catalog"
    source = folder / "localities.csv.gz"
    validated = _load_localities(source)
    table = read_locality_table(folder, file_sha256(source), Locality)
    assert table == validated == catalog.localities
    assert any(loc.population is None for loc in table)
    assert any(loc.parent_id is None for loc in table)
    assert read_locality_table(folder, "0" * 64, Locality) is None  # stale
    shutil.copytree(folder, tmp_path / "catalog")
    (tmp_path / "catalog" / TABLE_FILES[1]).write_bytes(b"not an array")
    assert (
        read_locality_table(tmp_path / "catalog", file_sha256(source), Locality) is None
    )
