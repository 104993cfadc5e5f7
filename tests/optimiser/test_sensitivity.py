"""Weight sensitivity against separate solves: inside a goal's weight range the allocation is unchanged;
an unfunded intervention gets money once its effects are the stated factor stronger, and not before."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.generate import instance
from service.optimiser.arrays import prepare
from service.optimiser.highs import run
from service.optimiser.layout import Stage
from service.optimiser.model import build
from service.optimiser.sensitivity import _funded_at, sensitivity


def money(problem, options, overrides=()) -> np.ndarray:
    opts = replace(options, weight_overrides=tuple(overrides))
    p = prepare(problem, opts)
    m = build(p, Stage("attainment"))
    return run(m, opts.algorithm, 60, opts.mip_rel_gap).x[m.lay.F] * p.unit


@pytest.mark.parametrize("regime", ["tight25", "out_of_reach"])
def test_inside_each_weights_range_the_allocation_stays_the_same(regime):
    problem, options = instance("small", integers=False, regime=regime)
    found = sensitivity(problem, options)
    base = money(problem, options)
    for w in found.weights[:6]:
        assert w.low is None or w.low <= w.weight + 1e-9
        assert w.high is None or w.high >= w.weight - 1e-9
        for inside in (w.low, w.high):
            if inside is not None:
                nudged = w.weight + 0.5 * (inside - w.weight)
                assert np.allclose(money(problem, options, [(w.goal, nudged)]), base, rtol=1e-6, atol=5), (w, nudged)


def test_an_unfunded_intervention_gets_money_at_the_factor_and_not_before():
    problem, options = instance("small", integers=False, regime="tight25")
    found = sensitivity(problem, options)
    assert found.effects
    deadline = float("inf")
    for needed in [e for e in found.effects if e.factor is not None][:4]:
        assert _funded_at(problem, options, needed.intervention, needed.factor * 1.01, deadline)
        assert not _funded_at(problem, options, needed.intervention, needed.factor * 0.99, deadline)


@pytest.mark.parametrize("regime", ["out_of_reach", "saturated"])
def test_the_kept_model_gives_the_factors_and_ranges_of_models_prepared_anew(regime):
    problem, options = instance("small", integers=False, regime=regime)
    kept, anew = sensitivity(problem, options), sensitivity(problem, options, reuse=False)
    assert kept.status == anew.status and kept.effects
    assert kept.weights == anew.weights
    assert kept.effects == anew.effects
