"""One model for the effects' bisection of the weight-sensitivity analysis (sensitivity.py): an intervention's
effects made k times stronger change only the goal rows' coefficients of its tranches' money, so the model is
kept in HiGHS, those coefficients are changed, and each solve continues from the last one's basis.

The coefficients keep the unscaled model's goal scales (a stronger effect may exceed a goal's largest, which
a model prepared anew would rescale to): the same linear programme, in other units.
"""

from __future__ import annotations

import numpy as np

from .layout import Stage
from .live import Live
from .model import build
from .prepared import Prepared
from .result import Status


class Stronger:
    """Whether an intervention gets money when its effects are `factor` times stronger, on one model."""

    def __init__(self, p: Prepared) -> None:
        self.p, self.m = p, build(p, Stage("attainment"))
        self.live = Live(self.m)
        att, lay = p.attainment, self.m.lay
        self.owner = p.tranches.intervention[att.tranche]
        self.row = self.m.rows["goal"].start + att.goal
        self.col = lay.fcol[att.tranche]
        self.coef = -att.coef / p.goals.scale[att.goal]  # as model.goal_rows enters them

    def funded(self, key: str, factor: float, time_limit: float) -> bool:
        p, m = self.p, self.m
        i = p.interventions.keys.index(key)
        mine = np.flatnonzero(self.owner == i)
        for e in mine.tolist():
            self.live.h.changeCoeff(int(self.row[e]), int(self.col[e]), float(self.coef[e] * factor))
        try:
            status, _, x, _, _ = self.live.solve("highs-ds", time_limit)
        finally:
            for e in mine.tolist():
                self.live.h.changeCoeff(int(self.row[e]), int(self.col[e]), float(self.coef[e]))
        return status == Status.OPTIMAL and x is not None and bool(x[m.lay.F][i] * p.unit >= 100)
