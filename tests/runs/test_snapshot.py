"""Freezing builds the snapshot from the database's values without validating them again, so it must be
exactly the snapshot that validating the register's records (read as ORM objects) gives."""

from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from service.domain.common.money import pence
from service.domain.demo import load_demo
from service.domain.models.funding import Arrangement, FundingStream
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention, InterventionEffect, InterventionTranche
from service.domain.models.partnership import Partner, Theme
from service.domain.models.scenario import Scenario
from service.domain.models.snapshot import Snapshot
from service.domain.runs import snapshot


def validated_from_records(session: Session, scenario: Scenario) -> Snapshot:
    def records(table: Any, *where: Any) -> list[Any]:
        return list(session.exec(select(table).where(col(table.partnership_id) == scenario.partnership_id, *where)
                                 .order_by(col(table.id))))

    streams = records(FundingStream, col(FundingStream.financial_year) == scenario.financial_year,
                      col(FundingStream.arrangement) != Arrangement.NOT_SHARED)
    return Snapshot.model_validate({
        "financial_year": scenario.financial_year, "mode": scenario.mode, "options": scenario.options,
        "themes": [{"id": str(t.id), "name": t.name} for t in records(Theme)],
        "partners": [{"id": str(p.id), "name": p.name} for p in records(Partner)],
        "streams": [{"id": str(s.id), "name": s.name, "partner_id": str(s.partner_id),
                     "least": pence(s.least_contribution), "most": pence(s.most_contribution),
                     "theme_ids": sorted(str(t.id) for t in s.themes)} for s in streams],
        "goals": [{"id": str(g.id), "name": f"{g.indicator_code} {g.title}", "baseline": str(g.baseline_value),
                   "target": str(g.target_value), "weight": str(g.weight), "laa": g.is_laa_target,
                   "code": g.indicator_code}
                  for g in records(Goal)],
        "interventions": [{
            "id": str(i.id), "name": i.title, "theme_id": str(i.theme_id), "lead_partner_id": str(i.lead_partner_id),
            "min_viable": pence(i.min_viable_funding), "capacity": pence(i.capacity),
            "committed": pence(i.committed_funding),
            "tranches": [(pence(t.width), str(t.multiplier)) for t in i.tranches],
            "effects": [(str(e.goal_id), str(e.per_thousand)) for e in i.effects],
            "ranges": sorted((str(e.goal_id), str(e.per_thousand if e.low is None else e.low),
                              str(e.per_thousand if e.high is None else e.high))
                             for e in i.effects if e.low is not None or e.high is not None)}
            for i in records(Intervention)],
    })


def test_the_frozen_snapshot_is_the_validated_register(session):
    load_demo(session)
    # values whose spelling the database and Decimal change: trailing zeros, exponents
    effects = list(session.exec(select(InterventionEffect).order_by(col(InterventionEffect.goal_id))).all())
    for effect, value in zip(effects, ["100", "0.00000001", "-2.50000000", "1.0"], strict=False):
        effect.per_thousand = Decimal(value)
    session.exec(select(InterventionTranche)).first().multiplier = Decimal("1.00")  # type: ignore[union-attr]
    for partner in session.exec(select(Partner)):  # each on the partnership's year: apportioning is tests/calendar's
        partner.financial_year_start_month = 4
    session.flush()
    session.expire_all()
    scenario = session.get_one(Scenario, DEMO_SCENARIO_ID)

    frozen = snapshot.freeze(session, scenario)

    expected = validated_from_records(session, scenario)
    assert frozen == expected
    assert frozen.model_dump(mode="json") == expected.model_dump(mode="json")
    assert Snapshot.model_validate(frozen.model_dump(mode="json")) == frozen
    assert any(value == "1E+2" for i in frozen.interventions for _, value in i.effects)
    assert all(isinstance(i.tranches[0], tuple) for i in frozen.interventions if i.tranches)
