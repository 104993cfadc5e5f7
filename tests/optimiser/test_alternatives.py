"""Near-optimal alternatives against separate solves: each partner's least and most within a tolerance,
found again by an independent min/max with the attainment floor; bands widen with the tolerance."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.generate import instance
from service.optimiser import Status
from service.optimiser.alternatives import near_optimal
from service.optimiser.arrays import prepare
from service.optimiser.highs import run
from service.optimiser.layout import Stage
from service.optimiser.model import build

CASES = [("small", "tight25", False), ("small", "out_of_reach", False), ("small", "tight25", True)]


def separately(problem, options, partner: int, floor: float, sense: float) -> float:
    """A partner's least (sense 1) or most (sense -1) contribution at the floor, in pence: one cold solve."""
    p = prepare(problem, options)
    m = build(p, Stage("money", attainment_floor=floor))
    c = np.zeros(m.lay.n)
    c[m.lay.y] = sense * (p.streams.partner[p.pairs.stream] == partner)
    sol = run(replace(m, c=c), options.algorithm, 60, options.mip_rel_gap)
    assert sol.status == Status.OPTIMAL
    return abs(float(c @ sol.x)) * p.unit


@pytest.mark.parametrize(("size", "regime", "integers"), CASES)
def test_each_partners_room_matches_separate_min_and_max_solves(size, regime, integers):
    problem, options = instance(size, integers=integers, regime=regime)
    found = near_optimal(problem, options, (0.01, 0.05))
    assert found.status == Status.OPTIMAL and len(found.bands) == 2
    narrow, wide = found.bands
    for k in (0, len(narrow.partners) - 1):
        room = narrow.partners[k]
        assert room.least_pence <= room.most_pence
        assert room.least_pence == pytest.approx(separately(problem, options, k, narrow.floor, 1.0), rel=1e-6, abs=2)
        assert room.most_pence == pytest.approx(separately(problem, options, k, narrow.floor, -1.0), rel=1e-6, abs=2)
    for a, b in zip(narrow.partners + narrow.themes, wide.partners + wide.themes, strict=True):
        assert b.least_pence <= a.least_pence + 2 and b.most_pence >= a.most_pence - 2, (a, b)  # wider band
    assert wide.different_attainment >= wide.floor - 1e-7 * abs(wide.floor)


@pytest.mark.parametrize("regime", ["tight25", "saturated"])
def test_the_kept_model_gives_the_bands_of_models_solved_anew(regime):
    problem, options = instance("small", integers=False, regime=regime)
    kept = near_optimal(problem, options, (0.01, 0.05))
    anew = near_optimal(problem, options, (0.01, 0.05), reuse=False)
    assert kept.status == anew.status == Status.OPTIMAL
    assert kept == anew
