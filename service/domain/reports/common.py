"""What every layer shares: the progress report it is built on, the register's names and themes, the period
reported and the sums of spend figures."""

import calendar
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention, InterventionEffect
from service.domain.models.partnership import Partner, Partnership, Theme
from service.domain.models.progress import GoalProgress, ProgressReport, ProgressStatus, Spend, Thresholds
from service.domain.models.reports import Outcome, StatusCount
from service.domain.observations import periods
from service.domain.progress import report as progress

STRATEGIC = "3 to 4 times a year: the strategic board, on outcomes and LAA indicators"
EXECUTIVE = "6 to 12 times a year: the executive, on outputs and spend"
OPERATIONAL = "12 to 52 times a year: the operational layer, on inputs"
SPEND = list(Spend.model_fields)
NO_THEME = "(no longer in the register)"


@dataclass
class Basis:
    """The progress report and what the layers add to it from the register."""

    progress: ProgressReport
    period: str
    themes: dict[uuid.UUID, str]  # id -> name, every theme
    goal_theme: dict[uuid.UUID, uuid.UUID]
    interventions: dict[uuid.UUID, Intervention]  # by title
    partners: dict[uuid.UUID, str]
    effects: dict[uuid.UUID, list[tuple[uuid.UUID, Decimal]]] = field(default_factory=dict)

    def frame(self, cadence: str) -> dict[str, Any]:
        """The fields every report starts with."""
        p = self.progress
        return {"partnership_id": p.partnership_id, "financial_year": p.financial_year, "period": self.period,
                "as_of": p.as_of, "months_elapsed": p.months_elapsed, "cadence": cadence}

    def theme_of_intervention(self, intervention_id: uuid.UUID) -> tuple[uuid.UUID | None, str]:
        row = self.interventions.get(intervention_id)
        return (row.theme_id, self.themes[row.theme_id]) if row else (None, NO_THEME)


def basis(session: Session, partnership_id: uuid.UUID, financial_year: str, as_of: str | None,
          thresholds: Thresholds) -> Basis:
    """The progress report (which checks the partnership, the year and the period) and the register's names."""
    found = progress.build(session, partnership_id, financial_year, as_of, thresholds)
    month = session.get_one(Partnership, partnership_id).financial_year_start_month
    if as_of is not None:
        label = periods.parse(as_of, month).label
    elif found.as_of == periods.parse(found.financial_year, month).end:
        label = found.financial_year
    else:
        label = f"{calendar.month_name[found.as_of.month]} {found.as_of.year}"
    mine = col(Intervention.partnership_id) == partnership_id
    effects: dict[uuid.UUID, list[tuple[uuid.UUID, Decimal]]] = {}
    for intervention, goal, per_thousand in session.exec(select(
            col(InterventionEffect.intervention_id), col(InterventionEffect.goal_id),
            col(InterventionEffect.per_thousand)).join(
            Intervention, col(Intervention.id) == col(InterventionEffect.intervention_id)).where(mine)):
        effects.setdefault(intervention, []).append((goal, per_thousand))
    return Basis(
        progress=found, period=label,
        themes=dict(session.exec(select(Theme.id, Theme.name).where(col(Theme.partnership_id) == partnership_id)
                                 .order_by(col(Theme.name))).all()),
        goal_theme=dict(session.exec(select(Goal.id, Goal.theme_id).where(
            col(Goal.partnership_id) == partnership_id)).all()),
        interventions={i.id: i for i in session.exec(
            select(Intervention).where(mine).order_by(col(Intervention.title)))},
        partners=dict(session.exec(select(Partner.id, Partner.name).where(
            col(Partner.partnership_id) == partnership_id)).all()),
        effects=effects)


def outcome(goal: GoalProgress) -> Outcome:
    latest = goal.latest
    return Outcome(
        goal_id=goal.goal_id, goal_name=goal.name, indicator_code=goal.indicator_code,
        is_laa_target=goal.is_laa_target, baseline_value=goal.baseline_value, target_value=goal.target_value,
        latest_period=latest.period if latest else None, latest_value=latest.value if latest else None,
        expected_at_latest=goal.expected_at_latest, behind_share=goal.behind_share, status=goal.status,
        forecast_at_target=goal.forecast.value_at_target, forecast_meets_target=goal.forecast.meets_target)


def count(statuses: Iterable[ProgressStatus]) -> StatusCount:
    found = Counter(statuses)
    return StatusCount(**{s.value: found[s] for s in ProgressStatus})


def figures(spend: Spend) -> dict[str, Decimal]:
    """The spend fields of a progress line, to build a report's line from."""
    return {name: getattr(spend, name) for name in SPEND}


def total(lines: Iterable[Spend]) -> Spend:
    """The field-by-field sums, exact: every figure of a total is the sum of its lines'."""
    lines = list(lines)
    return Spend(**{name: sum((getattr(line, name) for line in lines), Decimal("0.00")) for name in SPEND})


ZERO = total([])
