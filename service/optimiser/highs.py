"""Adaptor to HiGHS: scipy's milp when there are integers, otherwise HiGHS's own Python interface (dual
simplex or interior point with crossover; live.py), which keeps the model for the run's later solves and
gives duals. The model stays in row-bound form throughout."""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.metadata import version

import numpy as np
import scipy
from scipy.optimize import LinearConstraint, milp

from .live import Live
from .model import Model
from .prepared import F64
from .problem import Algorithm
from .result import Status

SIMPLEX_BELOW = 20_000  # money variables (eligible pairs or stream x group pairs)
SIMPLEX_ROWS_BELOW = 1_500  # measured (bench/run.py): beyond either, interior point (with crossover) wins
MONEY_ROWS_BELOW = 4_000  # the same for minimising money (stage 2): dual simplex wins further (bench/choices.py)


def highs_version() -> str:
    try:
        from scipy.optimize._highspy import _core as core  # private: only for the version string

        return f"{core.HIGHS_VERSION_MAJOR}.{core.HIGHS_VERSION_MINOR}.{core.HIGHS_VERSION_PATCH}"
    except Exception:  # noqa: BLE001 - version is informational only
        return "unknown"


SOLVER = f"HiGHS {highs_version()} via scipy {scipy.__version__} and highspy {version('highspy')}"


@dataclass(frozen=True, eq=False)
class Solution:
    status: Status
    message: str
    x: F64 | None
    fun: float | None
    mip_gap: float | None
    dual_lo: F64 | None  # d objective / d row lower bound (minimisation sense)
    dual_hi: F64 | None
    dual_lb: F64 | None  # d objective / d variable lower bound
    dual_ub: F64 | None
    method: str
    seconds: float
    live: Live | None = None  # the LP as HiGHS holds it after this solve, to change and solve again


def choose(algorithm: Algorithm, n_money: int, n_rows: int = 0, rows_below: int = SIMPLEX_ROWS_BELOW) -> str:
    if algorithm == Algorithm.SIMPLEX:
        return "highs-ds"
    if algorithm == Algorithm.IPM:
        return "highs-ipm"
    return "highs-ds" if n_money < SIMPLEX_BELOW and n_rows < rows_below else "highs-ipm"


# scipy's status codes for linprog and milp: 1 is a limit reached, and the only limit set here is time.
STATUS = {0: Status.OPTIMAL, 1: Status.TIME_LIMIT, 2: Status.INFEASIBLE, 3: Status.ERROR, 4: Status.ERROR}


def _status(code: int) -> Status:
    return STATUS.get(code, Status.ERROR)


def solve_milp(m: Model, time_limit: float, gap: float) -> Solution:
    t = time.perf_counter()
    res = milp(
        m.c,
        integrality=m.integrality,
        bounds=(m.lb, m.ub),
        constraints=LinearConstraint(m.A, m.lo, m.hi),
        options={"time_limit": max(time_limit, 1e-3), "mip_rel_gap": gap, "presolve": True},
    )
    x = None if res.x is None else np.asarray(res.x)
    status = _status(res.status)
    return Solution(
        status,
        str(res.message),
        x,
        None if x is None else float(res.fun),
        getattr(res, "mip_gap", None),
        None,
        None,
        None,
        None,
        "milp",
        time.perf_counter() - t,
    )


def solve_lp(m: Model | Live, method: str, time_limit: float) -> Solution:
    """Solve an LP in HiGHS directly; a `Live` model continues from its last solve (live.py)."""
    t = time.perf_counter()
    live = m if isinstance(m, Live) else Live(m)
    status, message, x, fun, duals = live.solve(method, time_limit)
    dual_lo, dual_hi, dual_lb, dual_ub = duals or (None, None, None, None)
    return Solution(status, message, x, fun, None, dual_lo, dual_hi, dual_lb, dual_ub, method,
                    time.perf_counter() - t, live)


def run(m: Model, algorithm: Algorithm, time_limit: float, gap: float) -> Solution:
    if m.integrality.any():
        return solve_milp(m, time_limit, gap)
    below = MONEY_ROWS_BELOW if m.stage.objective == "money" else SIMPLEX_ROWS_BELOW
    return solve_lp(m, choose(algorithm, m.lay.y.stop - m.lay.y.start, m.A.shape[0], below), time_limit)
