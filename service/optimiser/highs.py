"""Adaptor to HiGHS through scipy: milp when there are integers, linprog (dual simplex or interior
point) otherwise so that duals are available. The model stays in row-bound form until here."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.optimize import LinearConstraint, linprog, milp

from .model import Model
from .prepared import F64
from .problem import Algorithm
from .result import Status

SIMPLEX_BELOW = 20_000  # money variables (eligible pairs or stream x group pairs)
SIMPLEX_ROWS_BELOW = 4_000  # measured: beyond either, interior point (with crossover) wins


def highs_version() -> str:
    try:
        from scipy.optimize._highspy import _core as core  # private: only for the version string

        return f"{core.HIGHS_VERSION_MAJOR}.{core.HIGHS_VERSION_MINOR}.{core.HIGHS_VERSION_PATCH}"
    except Exception:  # noqa: BLE001 - version is informational only
        return "unknown"


SOLVER = f"HiGHS {highs_version()} via scipy {scipy.__version__}"


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


def choose(algorithm: Algorithm, n_money: int, n_rows: int = 0) -> str:
    if algorithm == Algorithm.SIMPLEX:
        return "highs-ds"
    if algorithm == Algorithm.IPM:
        return "highs-ipm"
    return "highs-ds" if n_money < SIMPLEX_BELOW and n_rows < SIMPLEX_ROWS_BELOW else "highs-ipm"


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


def split_rows(
    A: sp.csr_array, lo: F64, hi: F64
) -> tuple[sp.csr_array, F64, sp.csr_array, F64, np.ndarray, np.ndarray, np.ndarray]:
    """Row-bound form -> linprog's A_ub x <= b_ub, A_eq x = b_eq (lower bounds negated)."""
    eq = lo == hi
    up = np.flatnonzero(np.isfinite(hi) & ~eq)
    dn = np.flatnonzero(np.isfinite(lo) & ~eq)
    eqi = np.flatnonzero(eq)
    a_ub = sp.vstack([A[up], -A[dn]], format="csr")
    return a_ub, np.r_[hi[up], -lo[dn]], A[eqi], lo[eqi], up, dn, eqi


def solve_lp(m: Model, method: str, time_limit: float) -> Solution:
    t = time.perf_counter()
    a_ub, b_ub, a_eq, b_eq, up, dn, eqi = split_rows(m.A, m.lo, m.hi)
    res = linprog(
        m.c,
        A_ub=a_ub if len(b_ub) else None,
        b_ub=b_ub if len(b_ub) else None,
        A_eq=a_eq if len(b_eq) else None,
        b_eq=b_eq if len(b_eq) else None,
        bounds=np.c_[m.lb, m.ub],
        method=method,
        options={"time_limit": max(time_limit, 1e-3), "presolve": True},
    )
    x = None if res.x is None else np.asarray(res.x)
    status = _status(res.status)
    dual_lo = dual_hi = dual_lb = dual_ub = None
    if status == Status.OPTIMAL and getattr(res, "ineqlin", None) is not None:
        n = len(m.lo)
        dual_lo, dual_hi = np.zeros(n), np.zeros(n)
        mu = np.asarray(res.ineqlin.marginals) if len(b_ub) else np.zeros(0)
        dual_hi[up] = mu[: len(up)]
        dual_lo[dn] = -mu[len(up) :]
        if len(b_eq):
            dual_lo[eqi] = dual_hi[eqi] = np.asarray(res.eqlin.marginals)
        dual_lb, dual_ub = np.asarray(res.lower.marginals), np.asarray(res.upper.marginals)
    return Solution(
        status,
        str(res.message),
        x if status == Status.OPTIMAL else None,
        None if res.fun is None else float(res.fun),
        None,
        dual_lo,
        dual_hi,
        dual_lb,
        dual_ub,
        method,
        time.perf_counter() - t,
    )


def run(m: Model, algorithm: Algorithm, time_limit: float, gap: float) -> Solution:
    if m.integrality.any():
        return solve_milp(m, time_limit, gap)
    return solve_lp(m, choose(algorithm, m.lay.y.stop - m.lay.y.start, m.A.shape[0]), time_limit)
