"""The service runs on the runtime lock alone: every package its code imports is in it, pinned and hashed,
and nothing only the tests, linters or benchmarks need is (the image installs that lock and no other)."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEST_ONLY = {"pytest", "hypothesis", "httpx", "schemathesis", "selenium", "pyyaml", "trio", "werkzeug", "ruff",
             "mypy", "import-linter", "pulp"}


def locked(name: str) -> dict[str, str]:
    """Package -> version in a lock, each with at least one hash."""
    text = (REPO / "requirements" / f"{name}.txt").read_text()
    entries = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", text, re.M)
    assert entries, name
    return {package.lower().replace("_", "-"): version for package, version, _ in entries}


def test_every_lock_pins_and_hashes_every_package():
    for name in ("runtime", "test", "lint", "bench"):
        text = (REPO / "requirements" / f"{name}.txt").read_text()
        requirements = re.findall(r"^[A-Za-z0-9._-]+\S*", text, re.M)
        assert requirements and all("==" in r for r in requirements), name
        assert len(locked(name)) == len(requirements), f"{name}: a requirement without a hash"


def test_the_groups_agree_on_every_version_they_share():
    runtime, test = locked("runtime"), locked("test")
    assert {p: v for p, v in test.items() if p in runtime} == runtime
    for name in ("lint", "bench"):
        assert {p: v for p, v in locked(name).items() if p in test} == test


def test_no_test_only_package_is_in_the_runtime_lock():
    assert not TEST_ONLY & set(locked("runtime"))


def third_party_imports() -> set[str]:
    names = set()
    for path in (REPO / "service").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n != "service" and n not in sys.stdlib_module_names}


def test_everything_the_service_imports_comes_from_the_runtime_lock():
    runtime = locked("runtime")
    providers = packages_distributions()
    for module in third_party_imports():
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [])}
        assert dists & set(runtime), f"service imports {module}, which no runtime package provides"
