"""Progress reporting: a caller may pass `progress`, called with each stage of a run as it starts."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Stage(StrEnum):
    SOLVING = "solving"  # the primary solve (and, maximising attainment, the least-money tie-break)
    EXPLAINING = "explaining"  # shadow prices and explanations (only when `Options.explain`)
    COMPARING_WITH_SILOS = "comparing_with_silos"  # value_of_joint_working's silo solve and least pooled money


Progress = Callable[[Stage], None]


def report(progress: Progress | None, stage: Stage) -> None:
    if progress is not None:
        progress(stage)
