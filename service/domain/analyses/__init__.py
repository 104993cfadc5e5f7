"""Analyses of a run (a comparison with another run, the efficient frontier, fair shares, robustness,
alternatives, weight sensitivity): frozen inputs in, findings out, as jobs in the run table. `compute` is
what a worker's child process runs for one."""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from service.domain.analyses import alternatives, comparison, contribution, frontier, robustness, shares, weights
from service.domain.analyses.core import cancel, fetch, list_analyses, public, start, table
from service.domain.models.analysis import AnalysisKind
from service.domain.models.run import RunStage, RunStatus
from service.domain.runs.solving import Outcome
from service.optimiser import Status

Found = tuple[BaseModel | None, list[str], Status]


def _compared(inputs: dict[str, Any]) -> Found:
    found, findings = comparison.compare(inputs)
    return found, findings, Status.OPTIMAL


ANALYSE: dict[str, Callable[[dict[str, Any]], Found]] = {
    AnalysisKind.COMPARISON: _compared,
    AnalysisKind.FRONTIER: frontier.frontier,
    AnalysisKind.FAIR_SHARES: shares.shares,
    AnalysisKind.ROBUSTNESS: robustness.robustness,
    AnalysisKind.ALTERNATIVES: alternatives.alternatives,
    AnalysisKind.WEIGHTS: weights.weights,
    AnalysisKind.CONTRIBUTION_CHANGE: contribution.contribution_change,
}


def compute(kind: str, parameters: dict[str, Any], inputs: dict[str, Any],
            progress: Callable[[RunStage], None] = lambda _stage: None) -> Outcome:
    """Never raises: an analysis that fails is an outcome with status error."""
    try:
        analyse = ANALYSE.get(kind)
        if analyse is None:
            raise ValueError(f"unknown analysis {kind!r}")
        progress(RunStage.SOLVING)
        found, findings, status = analyse(inputs)
        done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
        return Outcome(done, findings[0], "", {"result": None if found is None else found.model_dump(mode="json"),
                                               "findings": findings})
    except Exception as exc:  # noqa: BLE001 - recorded on the analysis, never raised in a worker
        return Outcome(RunStatus.ERROR, f"{type(exc).__name__}: {exc}", "", {})


__all__ = ["cancel", "compute", "fetch", "list_analyses", "public", "start", "table"]
