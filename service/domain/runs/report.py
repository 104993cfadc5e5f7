"""What a run found, in the register's terms: ids, names and exact money, ready to store and show."""

import uuid
from decimal import Decimal

import scipy

from service.domain.common.money import pounds
from service.domain.models.report import (
    AllocationLine,
    Contributor,
    Explanation,
    GoalOutcome,
    JointWorkingValue,
    NamedLine,
    PartnerOutcome,
    Relaxation,
    RunReport,
    Shortfall,
    SiloGoal,
    Solver,
    Subtotal,
)
from service.optimiser import JointWorking, Result


def tidy(value: float, figures: int = 9) -> float:
    """A solver's float as a person or a client should see it: 9 significant figures, so that arithmetic
    noise (0.8399999999000001) and negative zero go."""
    return 0.0 if value == 0 else float(f"{value:.{figures}g}")


def percent(fraction: float) -> float:
    return round(fraction * 100, 1) + 0.0


def maybe_tidy(value: float | None) -> float | None:
    return None if value is None else tidy(value)


def report(result: Result, joint: JointWorking | None, names: dict[str, str] | None = None) -> RunReport:
    """The stored report; `names` (id to name, from the run's snapshot) names the contributors."""
    named = names or {}
    return RunReport(
        weighted_attainment=maybe_tidy(result.objective),
        total_allocated=pounds(result.total_pence),
        goals=[GoalOutcome(goal_id=g.key, name=g.name, baseline=tidy(g.baseline), projected=tidy(g.projected),
                           target=tidy(g.target), weight=tidy(g.weight), attainment=tidy(g.attainment),
                           attainment_percent=percent(g.attainment),
                           top_contributors=[Contributor(intervention_id=c.intervention,
                                                         name=named.get(c.intervention, ""), change=tidy(c.amount))
                                             for c in g.contributions]) for g in result.goals],
        partners=[PartnerOutcome(partner_id=p.key, name=p.name, contribution=pounds(p.contributed_pence),
                                 unallocated=pounds(p.unallocated_pence), share_of_total=tidy(p.share),
                                 share_percent=percent(p.share))
                  for p in result.partners],
        shadow_prices=[Explanation(kind=s.kind, id=s.key, name=s.name, bound=pounds(s.bound_pence),
                                   attainment_per_thousand=tidy(s.per_thousand), sentence=s.sentence)
                       for s in result.shadow_prices],
        binding_constraints=[Explanation(kind=b.kind, id=b.key, name=b.name, bound=pounds(b.bound_pence),
                                         attainment_per_thousand=tidy(b.shadow_per_thousand), sentence=b.sentence)
                             for b in result.binding],
        relaxations=[Relaxation(kind=r.kind, id=r.key, name=r.name, amount=pounds(r.amount_pence),
                                attainment_points=tidy(r.amount_points), sentence=r.sentence)
                     for r in result.relaxations],
        shortfalls=[Shortfall(goal_id=s.goal, name=named.get(s.goal, ""), required=tidy(s.required),
                              attainable=tidy(s.attainable), shortfall=tidy(s.shortfall))
                    for s in result.shortfalls],
        diagnosis=list(result.diagnosis),
        warnings=list(result.warnings),
        joint_working=None if joint is None else _joint(joint),
        solver=Solver(name=result.solver.name, version=f"scipy {scipy.__version__}",
                      algorithm=result.solver.algorithm, formulation=result.solver.formulation,
                      mip_gap=result.solver.mip_gap, variables=result.solver.variables,
                      rows=result.solver.rows, integers=result.solver.integers,
                      build_seconds=result.timings.build_s, solve_seconds=result.timings.solve_s,
                      total_seconds=result.timings.total_s),
    )


def _joint(j: JointWorking) -> JointWorkingValue:
    def maybe(pence: int | None) -> Decimal | None:
        return None if pence is None else pounds(pence)

    return JointWorkingValue(
        pooled_attainment=maybe_tidy(j.pooled_attainment), silo_attainment=maybe_tidy(j.silo_attainment),
        attainment_gained=maybe_tidy(j.gain), silo_spend=maybe(j.silo_spend_pence),
        pooled_money_for_silo_attainment=maybe(j.pooled_least_pence),
        money_saved=maybe(j.saving_pence), silo_status=j.silo.status.value, sentence=j.sentence,
        silo_relaxations=list(j.silo_relaxations),
        goals=[SiloGoal(goal_id=g.key, goal_name=g.name, attainment=tidy(g.attainment),
                        attainment_percent=percent(g.attainment)) for g in j.silo.goals])


def lines(result: Result) -> list[AllocationLine]:
    return [AllocationLine(funding_stream_id=line.stream, partner_id=line.partner,
                           intervention_id=line.intervention, amount=pounds(line.pence))
            for line in result.lines if line.pence]


def subtotals(lines: list[NamedLine], id_field: str, name_field: str) -> list[Subtotal]:
    sums: dict[uuid.UUID, Subtotal] = {}
    for line in lines:
        key = getattr(line, id_field)
        sub = sums.setdefault(key, Subtotal(id=key, name=getattr(line, name_field), amount=Decimal("0.00")))
        sub.amount += line.amount
    return sorted(sums.values(), key=lambda s: (-s.amount, s.name))
