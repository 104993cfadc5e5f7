"""What a job computes, by its kind: an allocation run solves its snapshot, an analysis its inputs."""

from collections.abc import Callable
from typing import Any

from service.domain import analyses
from service.domain.models.run import ALLOCATION, RunStage
from service.domain.runs import snapshot
from service.domain.runs.solving import Outcome, compute


def outcome_of(job: dict[str, Any], progress: Callable[[RunStage], None] = lambda _stage: None) -> Outcome:
    """Never raises: a job that fails is an outcome with status error."""
    if job["kind"] == ALLOCATION:
        return compute(snapshot.of(job["inputs"]), progress)
    return analyses.compute(job["kind"], job["parameters"], job["inputs"], progress)
