"""Analyses of a run (a comparison with another run, for now): frozen inputs in, findings out, as jobs
in the run table. `compute` is what a worker's child process runs for one."""

from collections.abc import Callable
from typing import Any

from service.domain.analyses import comparison
from service.domain.analyses.core import cancel, fetch, list_analyses, public, start
from service.domain.models.analysis import AnalysisKind
from service.domain.models.run import RunStage, RunStatus
from service.domain.runs.solving import Outcome


def compute(kind: str, parameters: dict[str, Any], inputs: dict[str, Any],
            progress: Callable[[RunStage], None] = lambda _stage: None) -> Outcome:
    """Never raises: an analysis that fails is an outcome with status error."""
    try:
        if kind != AnalysisKind.COMPARISON:
            raise ValueError(f"unknown analysis {kind!r}")
        found, findings = comparison.compare(inputs)
        return Outcome(RunStatus.DONE, findings[0], "", {"comparison": found.model_dump(mode="json"),
                                                          "findings": findings})
    except Exception as exc:  # noqa: BLE001 - recorded on the analysis, never raised in a worker
        return Outcome(RunStatus.ERROR, f"{type(exc).__name__}: {exc}", "", {})


__all__ = ["cancel", "compute", "fetch", "list_analyses", "public", "start"]
