"""Solving a frozen snapshot: what a worker computes for a run, away from any database session."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from service.domain.models.run import RunStage, RunStatus
from service.domain.models.snapshot import Snapshot
from service.domain.runs import snapshot
from service.domain.runs.report import lines, report
from service.domain.summaries import of_run
from service.optimiser import Mode, Stage, Status, solve, value_of_joint_working

STAGES = {Stage.SOLVING: RunStage.SOLVING, Stage.EXPLAINING: RunStage.EXPLAINING,
          Stage.COMPARING_WITH_SILOS: RunStage.COMPARING_WITH_SILOS}


@dataclass(frozen=True)
class Outcome:
    status: RunStatus
    message: str
    solver: str
    result: dict[str, Any]


def compute(snap: Snapshot, progress: Callable[[RunStage], None] = lambda _stage: None) -> Outcome:
    """Solve a snapshot: the proposal, its explanations and the value of joint working, telling
    `progress` each stage as it begins. Never raises."""
    try:
        problem, options = snapshot.to_problem(snap)

        def told(stage: Stage) -> None:
            progress(STAGES[stage])

        joint = value_of_joint_working(problem, options, progress=told)
        result = joint.pooled if options.mode == Mode.MAXIMISE_ATTAINMENT else solve(problem, options, progress=told)
        found = report(result, joint if joint.gain is not None else None, names=snap.names())
        status, allocated = RunStatus(result.status.value), lines(result)
        summary = None if status == RunStatus.ERROR else of_run(
            status, found, (str(line.intervention_id) for line in allocated if line.amount > 0), snap)
        solver = f"{found.solver.name} ({found.solver.algorithm}), {found.solver.version}"
        return Outcome(status, result.message, solver,
                       {"report": found.model_dump(mode="json"),
                        "allocation": [line.model_dump(mode="json") for line in allocated],
                        "summary": None if summary is None else summary.model_dump(mode="json")})
    except Exception as exc:  # noqa: BLE001 - a run that cannot be solved is recorded, never raised
        return Outcome(RunStatus(Status.ERROR.value), f"{type(exc).__name__}: {exc}", "", {})
