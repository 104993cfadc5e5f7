"""Analyses of a run (a comparison with another run, the efficient frontier, fair shares): frozen inputs
in, findings out, as jobs in the run table. `compute` is what a worker's child process runs for one."""

from collections.abc import Callable
from typing import Any

from service.domain.analyses import alternatives, comparison, frontier, robustness, shares, weights
from service.domain.analyses.core import cancel, fetch, list_analyses, public, start, table
from service.domain.models.analysis import AnalysisKind
from service.domain.models.run import RunStage, RunStatus
from service.domain.runs.solving import Outcome
from service.optimiser import Status


def compute(kind: str, parameters: dict[str, Any], inputs: dict[str, Any],
            progress: Callable[[RunStage], None] = lambda _stage: None) -> Outcome:
    """Never raises: an analysis that fails is an outcome with status error."""
    try:
        if kind == AnalysisKind.COMPARISON:
            compared, findings = comparison.compare(inputs)
            return Outcome(RunStatus.DONE, findings[0], "", {"result": compared.model_dump(mode="json"),
                                                              "findings": findings})
        if kind == AnalysisKind.FRONTIER:
            progress(RunStage.SOLVING)
            traced, findings, status = frontier.frontier(inputs)
            done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
            return Outcome(done, findings[0], "", {"result": traced.model_dump(mode="json"), "findings": findings})
        if kind == AnalysisKind.FAIR_SHARES:
            progress(RunStage.SOLVING)
            fair, findings, status = shares.shares(inputs)
            done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
            return Outcome(done, findings[0], "", {"result": fair.model_dump(mode="json") if fair else None,
                                                   "findings": findings})
        if kind == AnalysisKind.ROBUSTNESS:
            progress(RunStage.SOLVING)
            robust, findings, status = robustness.robustness(inputs)
            done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
            return Outcome(done, findings[0], "", {"result": robust.model_dump(mode="json") if robust else None,
                                                   "findings": findings})
        if kind == AnalysisKind.ALTERNATIVES:
            progress(RunStage.SOLVING)
            room, findings, status = alternatives.alternatives(inputs)
            done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
            return Outcome(done, findings[0], "", {"result": room.model_dump(mode="json") if room else None,
                                                   "findings": findings})
        if kind == AnalysisKind.WEIGHTS:
            progress(RunStage.SOLVING)
            ranged, findings, status = weights.weights(inputs)
            done = RunStatus.DONE if status == Status.OPTIMAL else RunStatus(status.value)
            return Outcome(done, findings[0], "", {"result": ranged.model_dump(mode="json") if ranged else None,
                                                   "findings": findings})
        raise ValueError(f"unknown analysis {kind!r}")
    except Exception as exc:  # noqa: BLE001 - recorded on the analysis, never raised in a worker
        return Outcome(RunStatus.ERROR, f"{type(exc).__name__}: {exc}", "", {})


__all__ = ["cancel", "compute", "fetch", "list_analyses", "public", "start", "table"]
