"""Optimiser core: which partner's funding stream funds which intervention (numpy/scipy/HiGHS only)."""

from .explain import attainment_by_intervention
from .joint import value_of_joint_working
from .problem import (
    Algorithm,
    Effect,
    Formulation,
    Goal,
    Intervention,
    Lock,
    Mode,
    Options,
    Partner,
    Problem,
    Stream,
    Tranche,
)
from .progress import Stage
from .result import (
    Binding,
    Contribution,
    GoalResult,
    JointWorking,
    Line,
    PartnerResult,
    Relaxation,
    Result,
    ShadowPrice,
    Shortfall,
    SolverInfo,
    Status,
    Timings,
    Total,
)
from .solve import solve

__all__ = [
    "Algorithm",
    "attainment_by_intervention",
    "Binding",
    "Contribution",
    "Effect",
    "Formulation",
    "Goal",
    "GoalResult",
    "Intervention",
    "JointWorking",
    "Line",
    "Lock",
    "Mode",
    "Options",
    "Partner",
    "PartnerResult",
    "Problem",
    "Relaxation",
    "Result",
    "ShadowPrice",
    "Shortfall",
    "SolverInfo",
    "Stage",
    "Status",
    "Stream",
    "Timings",
    "Total",
    "Tranche",
    "solve",
    "value_of_joint_working",
]
