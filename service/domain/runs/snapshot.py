"""Freezing the register for a run (a `Snapshot`, models/snapshot.py), and turning the frozen copy into
the optimiser's inputs. Floats appear only when the snapshot is handed to the optimiser.

Freezing reads each table once for the whole partnership (streams with their ring-fences, interventions
with their effects and tranches), whatever the size of the register.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, String, type_coerce
from sqlmodel import Session, col, select

from service.domain.calendar import streams as calendar_streams
from service.domain.common.errors import Conflict
from service.domain.common.money import pence
from service.domain.common.types import exact
from service.domain.models.funding import Arrangement, FundingStream, FundingStreamTheme
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention, InterventionEffect, InterventionTranche
from service.domain.models.partnership import Partner, Theme
from service.domain.models.scenario import Mode, Scenario, ScenarioOptions
from service.domain.models.snapshot import (
    ApportionedPart,
    GoalSnapshot,
    InterventionSnapshot,
    NamedRecord,
    Snapshot,
    StreamSnapshot,
)
from service.optimiser import problem as opt

# Columns read as the database holds them, skipping the per-value conversion to Python objects: the ids
# become text, money stays pence and exact decimals stay text (or NUMERIC) for `_decimal` to spell.
_RAW = frozenset({"id", "amount", "partner_id", "theme_id", "lead_partner_id", "goal_id", "intervention_id",
                  "funding_stream_id", "least_contribution", "most_contribution", "min_viable_funding",
                  "capacity", "committed_funding", "width", "per_thousand", "multiplier", "baseline_value",
                  "target_value", "weight"})


def _raw(column: Any) -> Any:
    """A uuid, money or exact-decimal column as the database holds it: a large register is tens of
    thousands of values."""
    kind = getattr(column.type, "impl", column.type)
    return type_coerce(column, BigInteger if isinstance(kind, BigInteger) else String).label(column.key)


@lru_cache(maxsize=65_536)
def _id(value: Any) -> str:
    """An id as text with hyphens, whether the driver gave a UUID (PostgreSQL) or 32 hex digits (SQLite)."""
    text = str(value)
    return text if len(text) != 32 else f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _decimal(value: object) -> str:
    """A stored exact decimal as the snapshot's text, spelt as the register reads it (types.exact)."""
    return str(exact(value))


def freeze(session: Session, scenario: Scenario) -> Snapshot:
    """The register as this scenario's run sees it: its year's shared streams, everything else whole.

    One query per table, reading columns rather than ORM objects, row by row (no list of rows is kept).
    The records are built with `model_construct`, not validated again: every value comes from a NOT NULL
    column of the register (checked when it was written) already in the type the snapshot declares (ids
    and decimals as text, money as pence), and the scenario's options, the one part stored as free JSON,
    are validated. Validating would copy every list and tuple, and on a large register the garbage
    collector's passes over those copies cost more than the rest of the freeze.
    """
    pid = scenario.partnership_id

    def core(statement: Any) -> Iterable[Any]:  # plain rows, streamed: no ORM loading machinery
        return session.connection().execute(statement)

    def columns(*wanted: Any) -> list[Any]:
        return [_raw(c) if c.key in _RAW else c for c in wanted]

    def rows(*wanted: Any, where: Sequence[Any] = ()) -> Iterable[Any]:
        table = wanted[0].class_
        return core(select(*columns(*wanted)).where(col(table.partnership_id) == pid, *where)
                    .order_by(col(table.id)))

    def children(*wanted: Any, order: Sequence[Any] = ()) -> Iterable[Any]:
        return core(select(*columns(*wanted)).join(Intervention)
                    .where(col(Intervention.partnership_id) == pid).order_by(*order))

    ring_fences: dict[str, list[str]] = defaultdict(list)
    for stream_id, theme_id in core(
            select(*columns(FundingStreamTheme.funding_stream_id, FundingStreamTheme.theme_id))
            .join(FundingStream, col(FundingStream.id) == col(FundingStreamTheme.funding_stream_id))
            .where(col(FundingStream.partnership_id) == pid)):
        ring_fences[_id(stream_id)].append(_id(theme_id))
    # keyed by the intervention's id as the driver gives it; effects in goal order, sorted here rather than
    # by the database (ids sort alike as text and as UUIDs), which would read them through an index
    effects: dict[Any, list[tuple[str, str]]] = defaultdict(list)
    ranges: dict[Any, list[tuple[str, str, str]]] = defaultdict(list)
    for owner, goal_id, value, low, high in children(
            InterventionEffect.intervention_id, InterventionEffect.goal_id, InterventionEffect.per_thousand,
            InterventionEffect.low, InterventionEffect.high):
        effects[owner].append((_id(goal_id), _decimal(value)))
        if low is not None or high is not None:
            ranges[owner].append((_id(goal_id), _decimal(value if low is None else low),
                                  _decimal(value if high is None else high)))
    for listed in effects.values():
        listed.sort()
    for ranged in ranges.values():
        ranged.sort()
    tranches: dict[Any, list[tuple[int, str]]] = defaultdict(list)
    for owner, width, multiplier in children(InterventionTranche.intervention_id, InterventionTranche.width,
                                             InterventionTranche.multiplier,
                                             order=[col(InterventionTranche.position)]):
        tranches[owner].append((width, _decimal(multiplier)))
    streams, apportioned = _streams(session, scenario, ring_fences)
    return Snapshot.model_construct(
        financial_year=scenario.financial_year,
        mode=Mode(scenario.mode),
        options=ScenarioOptions.model_validate(scenario.options),
        themes=[NamedRecord.model_construct(id=_id(i), name=n) for i, n in rows(Theme.id, Theme.name)],
        partners=[NamedRecord.model_construct(id=_id(i), name=n) for i, n in rows(Partner.id, Partner.name)],
        streams=streams,
        apportioned=apportioned,
        goals=[GoalSnapshot.model_construct(
            id=_id(i), name=f"{code} {title}", baseline=_decimal(baseline), target=_decimal(target),
            weight=_decimal(weight), laa=laa, code=code)
            for i, code, title, baseline, target, weight, laa in rows(
                Goal.id, Goal.indicator_code, Goal.title, Goal.baseline_value, Goal.target_value, Goal.weight,
                Goal.is_laa_target)],
        interventions=[InterventionSnapshot.model_construct(
            id=_id(i), name=title, theme_id=_id(theme), lead_partner_id=_id(lead),
            min_viable=minimum, capacity=capacity, committed=committed,
            tranches=tranches.get(i, []), effects=effects.get(i, []), ranges=ranges.get(i, []))
            for i, title, theme, lead, minimum, capacity, committed in rows(
                Intervention.id, Intervention.title, Intervention.theme_id, Intervention.lead_partner_id,
                Intervention.min_viable_funding, Intervention.capacity, Intervention.committed_funding)],
    )


def _streams(session: Session, scenario: Scenario, ring_fences: dict[str, list[str]]
             ) -> tuple[list[StreamSnapshot], list[ApportionedPart]]:
    """The year's shared streams, each counted whole or by the part of its partner's year in the run's year."""
    year = scenario.financial_year
    read: tuple[Any, ...] = (
        FundingStream.id, FundingStream.name, FundingStream.partner_id, FundingStream.financial_year,
        FundingStream.amount, FundingStream.least_contribution, FundingStream.most_contribution)
    wanted = [_raw(c) if c.key in _RAW else c for c in read]
    query = calendar_streams.counting(year, *wanted).where(
        col(FundingStream.partnership_id) == scenario.partnership_id,
        col(FundingStream.arrangement) != Arrangement.NOT_SHARED).order_by(col(FundingStream.id))
    streams, apportioned = [], []
    for i, name, partner, stream_year, amount, least, most, month, partnership_month, _ in (
            session.connection().execute(query)):
        part = calendar_streams.part(month, partnership_month, stream_year, year, amount, least, most)
        if part is None:
            continue
        streams.append(StreamSnapshot.model_construct(
            id=_id(i), name=name, partner_id=_id(partner), least=part.least, most=part.most,
            theme_ids=sorted(ring_fences[_id(i)])))
        if not part.whole:
            apportioned.append(ApportionedPart.model_construct(
                stream_id=_id(i), partner_year=stream_year, days=part.days, of_days=part.of_days,
                stream_amount=amount, amount=part.amount))
    return streams, apportioned


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
