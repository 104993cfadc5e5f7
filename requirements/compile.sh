#!/usr/bin/env bash
# Regenerate the locks from pyproject.toml: each group pinned with hashes, each constrained by the one
# below it so that a package has one version everywhere. Needs network access to the package index.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-uv}
compile() { "$uv" pip compile --quiet --generate-hashes --python-version 3.11 --no-header "$@"; }
compile pyproject.toml -o requirements/runtime.txt
compile pyproject.toml --extra test -c requirements/runtime.txt -o requirements/test.txt
compile pyproject.toml --extra test --extra lint -c requirements/test.txt -o requirements/lint.txt
compile pyproject.toml --extra test --extra bench -c requirements/test.txt -o requirements/bench.txt
