"""Freezing the register for a run (a `Snapshot`, models/snapshot.py), and turning the frozen copy into
the optimiser's inputs. Floats appear only when the snapshot is handed to the optimiser.

Freezing reads each table once for the whole partnership (streams with their ring-fences, interventions
with their effects and tranches), whatever the size of the register.
"""

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from service.domain.common.errors import Conflict
from service.domain.common.money import pence
from service.domain.models.funding import Arrangement, FundingStream, FundingStreamTheme
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention, InterventionEffect, InterventionTranche
from service.domain.models.partnership import Partner, Theme
from service.domain.models.scenario import Scenario, ScenarioOptions
from service.domain.models.snapshot import (
    GoalSnapshot,
    InterventionSnapshot,
    NamedRecord,
    Snapshot,
    StreamSnapshot,
)
from service.optimiser import problem as opt


def freeze(session: Session, scenario: Scenario) -> Snapshot:
    """The register as this scenario's run sees it: its year's shared streams, everything else whole."""
    pid = scenario.partnership_id

    def rows(table: Any, *where: Any) -> list[Any]:
        return list(session.exec(select(table).where(col(table.partnership_id) == pid, *where)
                                 .order_by(col(table.id))).all())

    streams = rows(FundingStream, col(FundingStream.financial_year) == scenario.financial_year,
                   col(FundingStream.arrangement) != Arrangement.NOT_SHARED)
    ring_fences: dict[Any, list[str]] = defaultdict(list)
    for stream_id, theme_id in session.exec(
            select(FundingStreamTheme.funding_stream_id, FundingStreamTheme.theme_id)
            .join(FundingStream, col(FundingStream.id) == col(FundingStreamTheme.funding_stream_id))
            .where(col(FundingStream.partnership_id) == pid)):
        ring_fences[stream_id].append(str(theme_id))
    effects: dict[Any, list[tuple[str, str]]] = defaultdict(list)
    for effect in session.exec(select(InterventionEffect).join(Intervention).where(
            col(Intervention.partnership_id) == pid).order_by(col(InterventionEffect.goal_id))):
        effects[effect.intervention_id].append((str(effect.goal_id), str(effect.per_thousand)))
    tranches: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for tranche in session.exec(select(InterventionTranche).join(Intervention).where(
            col(Intervention.partnership_id) == pid).order_by(col(InterventionTranche.position))):
        tranches[tranche.intervention_id].append((pence(tranche.width), str(tranche.multiplier)))
    return Snapshot(
        financial_year=scenario.financial_year,
        mode=scenario.mode,
        options=ScenarioOptions.model_validate(scenario.options),
        themes=[NamedRecord(id=str(t.id), name=t.name) for t in rows(Theme)],
        partners=[NamedRecord(id=str(p.id), name=p.name) for p in rows(Partner)],
        streams=[StreamSnapshot(id=str(s.id), name=s.name, partner_id=str(s.partner_id),
                                least=pence(s.least_contribution), most=pence(s.most_contribution),
                                theme_ids=sorted(ring_fences[s.id])) for s in streams],
        goals=[GoalSnapshot(id=str(g.id), name=f"{g.indicator_code} {g.title}", baseline=str(g.baseline_value),
                            target=str(g.target_value), weight=str(g.weight), laa=g.is_laa_target)
               for g in rows(Goal)],
        interventions=[InterventionSnapshot(
            id=str(i.id), name=i.title, theme_id=str(i.theme_id), lead_partner_id=str(i.lead_partner_id),
            min_viable=pence(i.min_viable_funding), capacity=pence(i.capacity),
            committed=pence(i.committed_funding), tranches=tranches[i.id], effects=effects[i.id])
            for i in rows(Intervention)],
    )


def check_references(snap: Snapshot) -> None:
    """Conflict when the scenario names records the register no longer has."""
    known = {"theme": {t.id for t in snap.themes}, "partner": {p.id for p in snap.partners},
             "stream": {s.id for s in snap.streams}, "goal": {g.id for g in snap.goals},
             "intervention": {i.id for i in snap.interventions}}
    o = snap.options
    wanted = {
        "theme": [f.theme_id for f in o.theme_floors],
        "partner": [*o.excluded_partner_ids, *(x.partner_id for x in o.excluded_pairs),
                    *(x.partner_id for x in o.partner_scaling)],
        "intervention": [*o.excluded_intervention_ids, *(x.intervention_id for x in o.locks),
                         *(x.intervention_id for x in o.excluded_pairs)],
        "goal": [*(x.goal_id for x in o.weight_overrides), *(x.goal_id for x in o.required_attainment or [])],
        "stream": [x.funding_stream_id for x in o.stream_scaling],
    }
    missing = sorted({f"{kind} {i}" for kind, ids in wanted.items() for i in ids if str(i) not in known[kind]})
    if missing:
        raise Conflict("The scenario names records that are not in this partnership's register "
                       f"for {snap.financial_year}: {', '.join(missing)}.", extra={"missing": missing})


def to_problem(snap: Snapshot) -> tuple[opt.Problem, opt.Options]:
    problem = opt.Problem(
        partners=tuple(opt.Partner(p.id, p.name) for p in snap.partners),
        themes={t.id: t.name for t in snap.themes},
        streams=tuple(opt.Stream(s.id, s.name, s.partner_id, s.least, s.most, frozenset(s.theme_ids))
                      for s in snap.streams),
        interventions=tuple(opt.Intervention(
            i.id, i.name, i.theme_id, i.lead_partner_id, i.min_viable, i.capacity, i.committed,
            tuple(opt.Tranche(width, float(multiplier)) for width, multiplier in i.tranches))
            for i in snap.interventions),
        goals=tuple(opt.Goal(g.id, g.name, float(g.baseline), float(g.target), float(g.weight), g.laa)
                    for g in snap.goals),
        effects=tuple(opt.Effect(i.id, goal, float(value)) for i in snap.interventions for goal, value in i.effects),
    )
    return problem, options(snap)


def options(snap: Snapshot) -> opt.Options:
    o = snap.options
    required = o.required_attainment
    return opt.Options(
        mode=opt.Mode(snap.mode),
        theme_floors=tuple((str(f.theme_id), float(f.share)) for f in o.theme_floors),
        matched_cap=None if o.matched_cap is None else float(o.matched_cap),
        locks=tuple(opt.Lock(str(x.intervention_id), x.kind, pence(x.amount)) for x in o.locks),
        excluded_interventions=frozenset(str(i) for i in o.excluded_intervention_ids),
        excluded_pairs=frozenset((str(x.partner_id), str(x.intervention_id)) for x in o.excluded_pairs),
        excluded_partners=frozenset(str(p) for p in o.excluded_partner_ids),
        weight_overrides=tuple((str(x.goal_id), float(x.weight)) for x in o.weight_overrides),
        partner_scaling=tuple((str(x.partner_id), float(x.factor)) for x in o.partner_scaling),
        stream_scaling=tuple((str(x.funding_stream_id), float(x.factor)) for x in o.stream_scaling),
        beyond_target_weight=float(o.beyond_target_weight),
        required_attainment=None if required is None else tuple(
            (str(x.goal_id), float(x.attainment)) for x in required),
        time_limit_s=float(o.time_limit_seconds),
        mip_rel_gap=float(o.mip_rel_gap),
        algorithm=opt.Algorithm(o.algorithm),
        formulation=opt.Formulation(o.formulation),
    )


def of(stored: dict[str, Any]) -> Snapshot:
    """A run's stored snapshot, typed."""
    return Snapshot.model_validate(stored)
