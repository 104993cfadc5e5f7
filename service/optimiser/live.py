"""A linear model kept in HiGHS (`highspy`, the solver scipy wraps) across the solves of a run.

Stage 2 of maximise-attainment changes the objective to pooled money and adds the attainment floor row;
the least-pooled-money solve then lowers that row's bound. Neither change makes the last basis primal
infeasible, so HiGHS continues from it (no presolve, a few simplex iterations) instead of starting over.
Duals are returned in the row-bound form's own terms (model.py), per row lower and upper bound.
"""

from __future__ import annotations

import highspy
import numpy as np
from numpy.typing import NDArray

from .model import Model, Rows
from .prepared import F64
from .result import Status

I32 = NDArray[np.int32]

MODEL_STATUS = {
    highspy.HighsModelStatus.kOptimal: Status.OPTIMAL,
    highspy.HighsModelStatus.kModelEmpty: Status.OPTIMAL,
    highspy.HighsModelStatus.kInfeasible: Status.INFEASIBLE,
    highspy.HighsModelStatus.kUnboundedOrInfeasible: Status.INFEASIBLE,
    highspy.HighsModelStatus.kTimeLimit: Status.TIME_LIMIT,
    highspy.HighsModelStatus.kIterationLimit: Status.TIME_LIMIT,
}


class Live:
    """One LP in HiGHS; `solve` re-solves from wherever the last solve left it."""

    def __init__(self, m: Model) -> None:
        A = m.A.tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = m.lay.n, A.shape[0]
        lp.col_cost_, lp.col_lower_, lp.col_upper_ = m.c, m.lb, m.ub
        lp.row_lower_, lp.row_upper_ = m.lo, m.hi
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = A.indptr, A.indices, A.data
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.passModel(lp)
        self.model, self.lo, self.hi = m, m.lo, m.hi

    def value(self, method: str, time_limit: float) -> tuple[Status, str, float | None]:
        """(status, message, objective when optimal): a solve whose solution is not read back."""
        h = self.h
        h.setOptionValue("solver", "ipm" if method == "highs-ipm" else "simplex")
        h.setOptionValue("simplex_strategy", 4 if method == "highs-ps" else 1)  # primal, or dual as highs-ds
        h.setOptionValue("time_limit", max(time_limit, 1e-3))
        h.run()
        code = h.getModelStatus()
        status = MODEL_STATUS.get(code, Status.ERROR)
        message = f"{h.modelStatusToString(code)} (HiGHS model status {int(code)})"
        return status, message, float(h.getInfo().objective_function_value) if status == Status.OPTIMAL else None

    def solve(self, method: str, time_limit: float) -> tuple[Status, str, F64 | None, float | None, tuple[F64, ...]]:
        """(status, message, x, objective, (dual_lo, dual_hi, dual_lb, dual_ub) when optimal)."""
        h = self.h
        status, message, _ = self.value(method, time_limit)
        if status != Status.OPTIMAL:
            return status, message, None, None, ()
        sol = h.getSolution()
        x, y, s = np.asarray(sol.col_value), np.asarray(sol.row_dual), np.asarray(sol.col_dual)
        return status, message, x, float(h.getInfo().objective_function_value), (*self._row_duals(y), *_col_duals(s))

    def _row_duals(self, y: F64) -> tuple[F64, F64]:
        """d objective / d lower and d upper bound of each row: a ranged row's dual goes to the bound its
        sign says is active (non-negative at the lower bound of a minimisation)."""
        lo, hi = self.lo, self.hi
        eq, has_lo, has_hi = lo == hi, np.isfinite(lo), np.isfinite(hi)
        ranged = has_lo & has_hi & ~eq
        dual_lo = np.where(eq, y, np.where(ranged, np.maximum(y, 0.0), np.where(has_lo, y, 0.0)))
        dual_hi = np.where(eq, y, np.where(ranged, np.minimum(y, 0.0), np.where(has_hi, y, 0.0)))
        return dual_lo, dual_hi

    def anew(self) -> Live:
        """The same model, its solver state dropped: the next solve starts from scratch, as a model passed
        anew would (stage 2), without passing the model to HiGHS again."""
        self.h.clearSolver()
        return self

    def minimise(self, c: F64, row: Rows) -> None:
        """A new objective and one more row (stage 2: pooled money above the attainment floor)."""
        n = len(c)
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(c, dtype=np.float64))
        self.add_row(row)

    def add_row(self, row: Rows) -> None:
        """One more row (a single-row `Rows`), last in the model."""
        self.h.addRow(float(row.lo[0]), float(row.hi[0]), len(row.c), row.c.astype(np.int32),
                      np.asarray(row.v, dtype=np.float64))
        self.lo, self.hi = np.r_[self.lo, row.lo], np.r_[self.hi, row.hi]

    def set_rows(self, rows: I32, lower: F64, upper: F64) -> None:
        """New bounds for these rows (highspy changes one row at a time: only the rows that change)."""
        lower, upper = np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)
        changed = (lower != self.lo[rows]) | (upper != self.hi[rows])
        for r, lo, hi in zip(rows[changed].tolist(), lower[changed].tolist(), upper[changed].tolist(), strict=True):
            self.h.changeRowBounds(r, lo, hi)
        self.lo, self.hi = self.lo.copy(), self.hi.copy()
        self.lo[rows], self.hi[rows] = lower, upper

    def set_row_upper(self, upper: float) -> None:
        """Change the last row's upper bound (the frontier's budget)."""
        last = len(self.lo) - 1
        self.h.changeRowBounds(last, float(self.lo[last]), float(upper))
        self.hi = np.r_[self.hi[:last], upper]

    def set_floor(self, lower: float) -> None:
        """Change the added row's lower bound (a wider tolerance, or the silo attainment as the floor)."""
        last = len(self.lo) - 1
        self.h.changeRowBounds(last, float(lower), float(self.hi[last]))
        self.lo = np.r_[self.lo[:last], lower]


def _col_duals(s: F64) -> tuple[F64, F64]:
    """Reduced costs split by sign: non-negative at a lower bound, non-positive at an upper (minimisation)."""
    return np.where(s > 0, s, 0.0), np.where(s < 0, s, 0.0)
