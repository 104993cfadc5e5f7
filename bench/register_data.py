"""A synthetic partnership (bench/generate.py) stored in the register, row by row as the API would store it."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session

from service.domain.common.fields import new_id
from service.domain.common.money import pounds
from service.domain.models.funding import FundingStream, FundingStreamTheme
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention, InterventionEffect, InterventionTranche
from service.domain.models.partnership import Partner, Partnership, Theme
from service.domain.models.scenario import Scenario
from service.optimiser import Options, Problem


def store(session: Session, problem: Problem, options: Options) -> tuple[uuid.UUID, uuid.UUID]:
    """The partnership's id and a scenario's (the bench's options: its theme floors)."""
    partnership = Partnership(name="Benchmark Partnership", area_code="E06000999")
    session.add(partnership)
    session.flush()  # the tables carry no relationships, so each layer goes in before the next
    pid = partnership.id
    ids: dict[str, uuid.UUID] = {}
    for key, name in problem.themes.items():
        ids[key] = new_id()
        session.add(Theme(id=ids[key], partnership_id=pid, name=name))
    for p in problem.partners:
        ids[p.key] = new_id()
        session.add(Partner(id=ids[p.key], partnership_id=pid, name=p.name, sector="other"))
    session.flush()
    for s in problem.streams:
        ids[s.key] = new_id()
        session.add(FundingStream(id=ids[s.key], partnership_id=pid, partner_id=ids[s.partner], name=s.name,
                                  financial_year="2009-10", amount=pounds(s.most_pence), kind="mainstream",
                                  arrangement="pooled", least_contribution=pounds(s.least_pence),
                                  most_contribution=pounds(s.most_pence)))
    session.flush()
    session.add_all(FundingStreamTheme(funding_stream_id=ids[s.key], theme_id=ids[t])
                    for s in problem.streams for t in s.themes)
    for g in problem.goals:
        ids[g.key] = new_id()
        session.add(Goal(id=ids[g.key], partnership_id=pid, theme_id=ids[next(iter(problem.themes))],
                         indicator_code=g.key.upper()[:20], title=g.name, unit="points",
                         polarity="higher_is_better" if g.target > g.baseline else "lower_is_better",
                         baseline_value=Decimal(str(g.baseline)), baseline_year="2008",
                         target_value=Decimal(str(g.target)), target_year="2010-11",
                         weight=Decimal(str(g.weight)), is_laa_target=g.laa_target))
    session.flush()
    for i in problem.interventions:
        ids[i.key] = new_id()
        session.add(Intervention(id=ids[i.key], partnership_id=pid, theme_id=ids[i.theme],
                                 lead_partner_id=ids[i.lead_partner], title=i.name,
                                 min_viable_funding=pounds(i.min_viable_pence), capacity=pounds(i.capacity_pence),
                                 committed_funding=pounds(i.committed_pence)))
        session.add_all(InterventionTranche(intervention_id=ids[i.key], position=n, width=pounds(t.width_pence),
                                            multiplier=Decimal(str(t.multiplier))) for n, t in enumerate(i.tranches))
    session.flush()
    session.add_all(InterventionEffect(intervention_id=ids[e.intervention], goal_id=ids[e.goal],
                                       per_thousand=round(Decimal(repr(e.per_thousand)), 8)) for e in problem.effects)
    scenario = Scenario(partnership_id=pid, name="Benchmark", financial_year="2009-10", options={
        "theme_floors": [{"theme_id": str(ids[t]), "share": str(share)} for t, share in options.theme_floors],
        "time_limit_seconds": 600})
    session.add(scenario)
    session.commit()
    return pid, scenario.id
