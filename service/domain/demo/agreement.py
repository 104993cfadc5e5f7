"""The demo's 2009-10 agreement and the year's spend (illustrative): a first draft, from the "safer
communities first" run, that the police decline; its revision from the default run, confirmed by every
partner and agreed by the board; then each partner's monthly spend on each intervention it funds, April
2009 to March 2010, near the agreed allocation with a few interventions over or under.

Every id is fixed and every figure comes from a seeded generator, so the demo is the same each time."""

import calendar
import random
import uuid
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session

from service.domain.access.principal import SYSTEM
from service.domain.actuals import bulk
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID, demo_id
from service.domain.common.money import pence, pounds
from service.domain.demo.interventions import INTERVENTIONS
from service.domain.models.performance import ActualCreate, ObservedQuality
from service.domain.models.proposal import Approval, ProposalCreate, ProposalRevision, SignOffAnswer
from service.domain.proposals import core, revisions, transitions

DRAFT_RUN_ID = demo_id("run", "safer-first")
DECLINED_ID = demo_id("proposal", "first-draft")
AGREED_ID = demo_id("proposal", "revised")
POLICE = demo_id("partner", "police")
SEED = 200910
# Interventions that run over or under their profile all year; the rest within a few per cent of it.
PACE = {"drug-treatment": Decimal("1.18"), "family-intervention": Decimal("1.14"),
        "burglary-reduction": Decimal("1.12"), "home-insulation": Decimal("0.70"),
        "apprenticeships-neet": Decimal("0.80"), "alcohol-iba": Decimal("0.85")}
FIRST_ACTUAL = ("teen-preg-outreach", "health", "April 2009")  # the one the examples have always named


def agree(session: Session) -> None:
    """The declined draft, its revision and the revision agreed (each step commits, as the API's do)."""
    p = DEMO_PARTNERSHIP_ID
    core.create(session, p, ProposalCreate(run_id=DRAFT_RUN_ID, title="2009-10 pooled budget: first draft"),
                SYSTEM, row_id=DECLINED_ID)
    transitions.submit(session, p, DECLINED_ID, None, SYSTEM)
    transitions.decline(session, p, DECLINED_ID, SignOffAnswer(partner_id=POLICE, comment=(
        "Illustrative: the police year runs January to December; the draft commits calendar 2010 money before "
        "the police authority sets its budget.")), None, SYSTEM)
    revised = revisions.revise(session, p, DECLINED_ID, ProposalRevision(
        run_id=DEMO_RUN_ID, title="2009-10 pooled budget, revised after the police's decline"), None, SYSTEM,
        row_id=AGREED_ID)
    transitions.submit(session, p, AGREED_ID, None, SYSTEM)
    for sign_off in revised.sign_offs:
        transitions.confirm(session, p, AGREED_ID, SignOffAnswer(partner_id=sign_off.partner_id, comment=(
            "Illustrative: within our budget for the year.")), None, SYSTEM)
    transitions.approve(session, p, AGREED_ID, Approval(reason="Illustrative: agreed by the board."), None, SYSTEM)


def _keys(kind: str, items: list[dict]) -> dict[uuid.UUID, str]:
    return {demo_id(kind, item["key"]): item["key"] for item in items}


def monthly(allocated: int, pace: Decimal, wobble: Decimal) -> Decimal:
    """A month's spend in pounds: a twelfth of the allocation at the intervention's pace, wobbled."""
    exact = Decimal(allocated) * pace * (1 + wobble) / 12
    return pounds(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def actuals(allocation: list[dict], partners: dict[uuid.UUID, str]) -> list[tuple[str, ActualCreate]]:
    """(key, actual) for each intervention, partner and month of the agreed allocation."""
    interventions = _keys("intervention", INTERVENTIONS)
    lines: dict[tuple[uuid.UUID, uuid.UUID], int] = defaultdict(int)
    for line in allocation:
        lines[uuid.UUID(line["intervention_id"]), uuid.UUID(line["partner_id"])] += pence(Decimal(line["amount"]))
    draw = random.Random(SEED)
    months = [f"{calendar.month_name[(3 + k) % 12 + 1]} {2009 + (3 + k) // 12}" for k in range(12)]  # April 2009 on
    found = []
    for (intervention, partner), allocated in sorted(lines.items(), key=lambda x: (interventions[x[0][0]],
                                                                                      partners[x[0][1]])):
        name = interventions[intervention]
        pace = PACE.get(name, Decimal(draw.randint(96, 104)) / 100)
        for month in months:
            key = f"{name}-{partners[partner]}-{month}"
            found.append((key, ActualCreate(
                intervention_id=intervention, partner_id=partner, period=month,
                amount=monthly(allocated, pace, Decimal(draw.randint(-4, 4)) / 100),
                data_quality=ObservedQuality.OUTTURN, note="Illustrative: ledger at month end")))
    return found


def spend(session: Session, allocation: list[dict], partners: dict[uuid.UUID, str]) -> None:
    """The year's actuals: one batch, stored with their audit events in one commit."""
    found = actuals(allocation, partners)
    first = "-".join(FIRST_ACTUAL)
    bulk.store_json(session, DEMO_PARTNERSHIP_ID, [body.model_dump(mode="json") for _, body in found], SYSTEM,
                    dry_run=False, row_ids=[demo_id("spend_actual", "teen-preg-outreach-2009-04" if key == first
                                                    else key) for key, _ in found])
