"""Imports flow one way: api -> domain -> optimiser."""

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[2] / "service"
FORBIDDEN = {
    "domain": ("fastapi", "starlette", "service.api"),
    "optimiser": ("fastapi", "starlette", "sqlmodel", "sqlalchemy", "pydantic", "service.api",
                  "service.domain"),
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    files = list((SERVICE / layer).rglob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            assert not module.startswith(FORBIDDEN[layer]), f"{path.relative_to(SERVICE)} imports {module}"
