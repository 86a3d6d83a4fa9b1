"""The layers: data/ → features → matcher → service; nothing imports upstream."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "features": ("matcher", "service"),
    "matcher": ("service",),
    "service": (),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_flow_downstream(package):
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = _imports(path) & set(FORBIDDEN[package])
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert offenders == []


def test_no_grab_bag_modules():
    names = {p.stem for pkg in FORBIDDEN for p in (ROOT / pkg).rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "common"}


@pytest.mark.parametrize("package", ["features", "matcher"])
def test_public_names_exist(package):
    """Every name a module lists in ``__all__`` is defined there."""
    pkg = importlib.import_module(package)
    modules = [pkg] + [
        importlib.import_module(f"{package}.{m.name}")
        for m in pkgutil.walk_packages(pkg.__path__)
        if not m.ispkg
    ]
    missing = [
        f"{mod.__name__}.{name}"
        for mod in modules
        for name in getattr(mod, "__all__", ())
        if not hasattr(mod, name)
    ]
    assert missing == []
