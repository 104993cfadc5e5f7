"""The demo's own run of its default scenario, solved as it is seeded, so that every example naming a
run (a proposal's run_id, a run's allocation) works against the demo as it stands."""

from sqlmodel import Session

from service.domain.access.principal import SYSTEM
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID, DEMO_SCENARIO_ID
from service.domain.jobs import claims
from service.domain.jobs.work import outcome_of
from service.domain.models.run import Run
from service.domain.runs import core

SEEDING = core.RunLimits(max_pairs=10_000, burst=1, window_seconds=1)


def solve_demo_run(session: Session) -> Run:
    """Queue, solve (in this process: the demo is small) and store the demo's run."""
    core.start(session, DEMO_PARTNERSHIP_ID, scenario_id=DEMO_SCENARIO_ID, limits=SEEDING, actor=SYSTEM,
               row_id=DEMO_RUN_ID)
    claim = claims.begin(session, session.get_one(Run, DEMO_RUN_ID, with_for_update=True), "seed-demo")
    claims.store(session, claim, outcome_of(claim.job))
    return session.get_one(Run, DEMO_RUN_ID)
