"""Every constraint is named by the convention however the tables are first imported (a fresh interpreter
importing them in the order migrations/env.py does, and one importing a single table module directly)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBE = """
import json, {first}
from sqlmodel import SQLModel
import service.domain.models
names = [c.name for t in SQLModel.metadata.tables.values() for c in [*t.constraints, *t.indexes]]
print(json.dumps({{"names": names, "convention": SQLModel.metadata.naming_convention}}))
"""


@pytest.mark.parametrize("first", ["service.domain.models", "service.domain.models.funding",
                                   "service.domain.common.db"])
def test_every_constraint_is_named_whatever_is_imported_first(first):
    done = subprocess.run([sys.executable, "-c", PROBE.format(first=first)], cwd=REPO, capture_output=True,
                          text=True, check=True)
    found = json.loads(done.stdout)
    assert found["convention"]["fk"].startswith("fk_")
    assert found["names"] and all(isinstance(n, str) and n for n in found["names"])
