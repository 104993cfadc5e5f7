"""A partnership whose runs take as long as their time limit: a hard knapsack for the optimiser."""

import uuid

import numpy as np
from sqlalchemy import Engine
from sqlmodel import Session

from bench.register_data import store
from service.domain.models.scenario import Scenario
from service.optimiser import problem as opt


def slow_scenario(engine: Engine, seconds: int, interventions: int = 200) -> tuple[str, uuid.UUID]:
    """All-or-nothing interventions whose value is strongly correlated with their cost, and money for half
    of them: HiGHS searches until the limit, so each of a run's solves lasts about `seconds`."""
    rng = np.random.default_rng(3)
    caps = rng.integers(1_000, 10_000, interventions) * 100
    problem = opt.Problem(
        partners=(opt.Partner("p", "Slow partner"),), themes={"t": "Slow theme"},
        streams=(opt.Stream("s", "Slow stream", "p", 0, int(caps.sum() // 2), frozenset()),),
        interventions=tuple(opt.Intervention(f"i{k}", f"Item {k}", "t", "p", int(c), int(c), 0, ())
                            for k, c in enumerate(caps)),
        goals=(opt.Goal("g", "Far goal", 0.0, 1e12, 1.0, False),),
        effects=tuple(opt.Effect(f"i{k}", "g", 1.0 + 1e6 / float(c)) for k, c in enumerate(caps)))
    with Session(engine) as session:
        pid, sid = store(session, problem, opt.Options())
        scenario = session.get_one(Scenario, sid)
        scenario.options = {**scenario.options, "time_limit_seconds": seconds, "mip_rel_gap": 1e-9}
        session.add(scenario)
        session.commit()
    return f"/v1/partnerships/{pid}", sid
