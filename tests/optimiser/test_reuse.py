"""One preparation per run and models reused across its solves give what separate, cold solves give."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.generate import REGIMES, instance
from service.optimiser import value_of_joint_working
from service.optimiser.arrays import prepare, silo_of
from service.optimiser.layout import Stage
from service.optimiser.solve import primary, solved

CASES = [(size, regime, integers) for size in ("small", "medium") for regime in REGIMES for integers in (False, True)
         if not (integers and size == "medium")]


@pytest.mark.parametrize(("size", "regime", "integers"), CASES)
def test_silo_mask_is_a_silo_preparation(size: str, regime: str, integers: bool) -> None:
    problem, options = instance(size, integers=integers, regime=regime)
    masked = silo_of(prepare(problem, options), options.formulation)
    separate = prepare(problem, replace(options, silo=True))
    for field in ("eligible", "group_of", "stream", "group"):
        assert np.array_equal(getattr(masked.pairs, field), getattr(separate.pairs, field)), field
    assert masked.unit == separate.unit and masked.objective_scale == separate.objective_scale


@pytest.mark.parametrize(("size", "regime", "integers"), CASES)
def test_shared_preparation_gives_separate_results(size: str, regime: str, integers: bool) -> None:
    problem, options = instance(size, integers=integers, regime=regime)
    p = prepare(problem, options)
    for opts, prepared in ((options, p), (replace(options, silo=True, explain=False), silo_of(p, options.formulation))):
        shared, _ = solved(problem, opts, None, prepared)
        separate, _ = solved(problem, opts)
        assert shared.status == separate.status
        assert shared.objective == separate.objective
        assert shared.lines == separate.lines
        assert shared.shadow_prices == separate.shadow_prices


@pytest.mark.parametrize(("size", "regime", "integers"), CASES)
def test_reused_models_give_the_cold_optimum_and_allocation(size: str, regime: str, integers: bool) -> None:
    problem, options = instance(size, integers=integers, regime=regime)
    reused = value_of_joint_working(problem, options, parallel=True)
    cold = value_of_joint_working(problem, options, warm=False, parallel=False)
    for a, b in ((reused.pooled, cold.pooled), (reused.silo, cold.silo)):
        assert a.status == b.status
        assert a.objective == b.objective
        assert a.total_pence == b.total_pence
        assert a.lines == b.lines
    assert reused.pooled_least_pence == cold.pooled_least_pence
    assert reused.saving_pence == cold.saving_pence
    if regime != "saturated":  # the only regime whose silos are infeasible
        assert reused.pooled_least_pence is not None


def test_least_pooled_money_matches_a_cold_solve_at_the_silo_floor() -> None:
    problem, options = instance("small", integers=False, regime="tight25")
    joint = value_of_joint_working(problem, options)
    assert joint.silo_attainment is not None
    floor = joint.silo_attainment * (1 - 1e-12)
    run = primary(problem, replace(options, silo=False), 1e18, Stage("money", attainment_floor=floor))
    assert run.allocation is not None and joint.pooled_least_pence == run.allocation.total
