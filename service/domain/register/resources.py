"""The register's resources: the rules each keeps on top of its schema."""

import uuid
from collections import defaultdict
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from service.domain.common.errors import Conflict
from service.domain.common.references import refuse_if_referenced, require_in_partnership
from service.domain.models.funding import (
    Arrangement,
    FundingStream,
    FundingStreamCreate,
    FundingStreamPublic,
    FundingStreamTheme,
)
from service.domain.models.goal import Goal, GoalCreate, GoalPublic, Polarity
from service.domain.models.intervention import (
    EffectIn,
    Intervention,
    InterventionCreate,
    InterventionEffect,
    InterventionPublic,
    InterventionTranche,
    TrancheIn,
)
from service.domain.models.partnership import (
    Partner,
    PartnerCreate,
    PartnerPublic,
    Theme,
    ThemeCreate,
    ThemePublic,
)
from service.domain.models.performance import IndicatorObservation, SpendActual
from service.domain.register.core import Kind


def _guard_partner(session: Session, row: Partner) -> None:
    refuse_if_referenced(session, "partner", row.id, {
        "funding streams": col(FundingStream.partner_id),
        "interventions (as lead partner)": col(Intervention.lead_partner_id),
        "indicator observations (as reporter)": col(IndicatorObservation.partner_id),
        "spend actuals": col(SpendActual.partner_id)})


def _guard_theme(session: Session, row: Theme) -> None:
    refuse_if_referenced(session, "theme", row.id, {
        "goals": col(Goal.theme_id), "interventions": col(Intervention.theme_id),
        "funding-stream ring-fences": col(FundingStreamTheme.theme_id)})


def _guard_goal(session: Session, row: Goal) -> None:
    refuse_if_referenced(session, "goal", row.id, {
        "intervention effects": col(InterventionEffect.goal_id),
        "indicator observations": col(IndicatorObservation.goal_id)})


def _guard_intervention(session: Session, row: Intervention) -> None:
    refuse_if_referenced(session, "intervention", row.id, {"spend actuals": col(SpendActual.intervention_id)})


def _guard_stream(session: Session, row: FundingStream) -> None:
    refuse_if_referenced(session, "funding stream", row.id, {"spend actuals": col(SpendActual.funding_stream_id)})


def _check_stream(session: Session, pid: uuid.UUID, data: FundingStreamCreate, _: Any) -> None:
    require_in_partnership(session, Partner, pid, [data.partner_id], "partner_id")
    require_in_partnership(session, Theme, pid, data.theme_ids, "theme_ids")
    if data.least_contribution > data.most_contribution:
        raise Conflict(f"least_contribution £{data.least_contribution:,.2f} is above "
                       f"most_contribution £{data.most_contribution:,.2f}.")
    if data.most_contribution > data.amount:
        raise Conflict(f"most_contribution £{data.most_contribution:,.2f} is above the "
                       f"stream's amount £{data.amount:,.2f}.")
    if data.arrangement == Arrangement.NOT_SHARED and data.most_contribution > 0:
        raise Conflict("A not_shared stream puts nothing towards the partnership's goals: "
                       "set most_contribution to 0 or make it pooled or aligned.")


def _write_stream_themes(session: Session, row: FundingStream, data: FundingStreamCreate) -> None:
    row.themes = [session.get_one(Theme, theme_id) for theme_id in dict.fromkeys(data.theme_ids)]


def _stream_public(row: FundingStream) -> FundingStreamPublic:
    return FundingStreamPublic.model_validate(
        row, update={"theme_ids": sorted(theme.id for theme in row.themes)})


_STREAM_PAGE = TypeAdapter(list[FundingStreamPublic])


def _stream_page(session: Session, rows: list[FundingStream]) -> list[FundingStreamPublic]:
    """A page of streams with their ring-fences from one query of the link table (no themes loaded)."""
    fences: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    links = select(FundingStreamTheme.funding_stream_id, FundingStreamTheme.theme_id).where(
        col(FundingStreamTheme.funding_stream_id).in_([r.id for r in rows]))
    for stream_id, theme_id in session.exec(links):
        fences[stream_id].append(theme_id)
    # validated from each row's loaded values (all of them: the rows were just read) in one call for the page,
    # several times faster than reading attributes one model at a time
    return _STREAM_PAGE.validate_python([row.__dict__ | {"theme_ids": sorted(fences[row.id])} for row in rows])


def _check_goal(session: Session, pid: uuid.UUID, data: GoalCreate, _: Any) -> None:
    require_in_partnership(session, Theme, pid, [data.theme_id], "theme_id")
    lower = data.polarity == Polarity.LOWER_IS_BETTER
    if data.target_value == data.baseline_value or (data.target_value > data.baseline_value) == lower:
        way = "below" if lower else "above"
        raise Conflict(f"The goal is {data.polarity.value}, so target_value must be {way} "
                       f"baseline_value ({data.baseline_value}); it is {data.target_value}.")


def _check_intervention(session: Session, pid: uuid.UUID, data: InterventionCreate, _: Any) -> None:
    require_in_partnership(session, Theme, pid, [data.theme_id], "theme_id")
    require_in_partnership(session, Partner, pid, [data.lead_partner_id], "lead_partner_id")
    require_in_partnership(session, Goal, pid, [e.goal_id for e in data.effects], "effects.goal_id")
    _check_effects_and_tranches(data)
    for name in ("committed_funding", "min_viable_funding"):
        if getattr(data, name) > data.capacity:
            raise Conflict(f"{name} £{getattr(data, name):,.2f} is above capacity "
                           f"£{data.capacity:,.2f}.")


def _check_effects_and_tranches(data: InterventionCreate) -> None:
    """Rules across entries that no schema can state, so they are conflicts like least above most."""
    goals = [effect.goal_id for effect in data.effects]
    if len(goals) != len(set(goals)):
        raise Conflict("effects name the same goal twice; give one effect per goal.", extra={"field": "effects"})
    for effect in data.effects:
        bounds = [b for b in (effect.low, effect.high) if b is not None]
        if len(bounds) == 2 and not min(bounds) <= effect.per_thousand <= max(bounds):
            raise Conflict(f"The effect on goal {effect.goal_id}: per_thousand, the central estimate, "
                           "must lie between low and high.", extra={"field": "per_thousand"})
    multipliers = [tranche.multiplier for tranche in data.tranches]
    if any(later > earlier for earlier, later in zip(multipliers, multipliers[1:], strict=False)):
        raise Conflict("Tranche multipliers must not increase: returns diminish.", extra={"field": "tranches"})


def _write_intervention_children(session: Session, row: Intervention, data: InterventionCreate) -> None:
    row.effects = [InterventionEffect(intervention_id=row.id, **e.model_dump()) for e in data.effects]
    row.tranches = [InterventionTranche(intervention_id=row.id, position=k, **t.model_dump())
                    for k, t in enumerate(data.tranches)]
    session.flush()  # replaced children go before new ones take their primary keys


def _intervention_public(row: Intervention) -> InterventionPublic:
    return InterventionPublic.model_validate(row, update={
        "effects": [EffectIn.model_validate(e) for e in row.effects],
        "tranches": [TrancheIn.model_validate(t) for t in row.tranches]})


PARTNERS = Kind("partner", Partner, PartnerCreate, PartnerPublic.model_validate,
                guard_delete=_guard_partner, filters=("sector",))
THEMES = Kind("theme", Theme, ThemeCreate, ThemePublic.model_validate, guard_delete=_guard_theme)
FUNDING_STREAMS = Kind(
    "funding stream", FundingStream, FundingStreamCreate, _stream_public, check=_check_stream,
    write_children=_write_stream_themes, children=frozenset({"theme_ids"}),
    filters=("partner_id", "financial_year", "kind", "arrangement"), owner_partner="partner_id",
    public_page=_stream_page, guard_delete=_guard_stream)
GOALS = Kind("goal", Goal, GoalCreate, GoalPublic.model_validate, check=_check_goal,
             guard_delete=_guard_goal, filters=("theme_id", "is_laa_target"))
INTERVENTIONS = Kind(
    "intervention", Intervention, InterventionCreate, _intervention_public,
    check=_check_intervention, write_children=_write_intervention_children,
    children=frozenset({"effects", "tranches"}), filters=("theme_id", "lead_partner_id"),
    eager=("effects", "tranches"), guard_delete=_guard_intervention)
