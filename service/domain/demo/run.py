"""The demo's own runs, solved as it is seeded, and what follows from them: the default scenario's run (which
every example naming a run uses), a first draft from the "safer communities first" scenario, the draft
declined and revised, the revision agreed, and the year's spend against it (agreement.py)."""

import uuid

from sqlmodel import Session

from service.domain.access.principal import SYSTEM
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.demo import agreement
from service.domain.demo.data import DEMO
from service.domain.jobs import claims
from service.domain.jobs.work import outcome_of
from service.domain.models.proposal import Proposal
from service.domain.models.run import Run
from service.domain.runs import core

SEEDING = core.RunLimits(max_pairs=10_000, burst=2, window_seconds=1)


def _solve(session: Session, scenario_id: uuid.UUID, run_id: uuid.UUID) -> Run:
    """Queue, solve (in this process: the demo is small) and store one run."""
    core.start(session, DEMO_PARTNERSHIP_ID, scenario_id=scenario_id, limits=SEEDING, actor=SYSTEM, row_id=run_id)
    claim = claims.begin(session, session.get_one(Run, run_id, with_for_update=True), "seed-demo")
    claims.store(session, claim, outcome_of(claim.job))
    return session.get_one(Run, run_id)


def solve_demo_run(session: Session) -> Run:
    """The draft's run, the demo's own run, the agreement and the spend; returns the demo's own run."""
    _solve(session, demo_id("scenario", "safer-first"), agreement.DRAFT_RUN_ID)
    run = _solve(session, DEMO_SCENARIO_ID, DEMO_RUN_ID)
    agreement.agree(session)
    partners = {demo_id("partner", p["key"]): p["key"] for p in DEMO["partners"]}
    agreement.spend(session, session.get_one(Proposal, agreement.AGREED_ID).allocation, partners)
    return session.get_one(Run, run.id)
