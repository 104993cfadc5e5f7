"""The executive layer, 6 to 12 times a year: spend and outputs against the allocation by partner and theme,
listing only the exceptions (red and amber goals; interventions off their profile by more than the threshold).

An intervention is an exception when its variance to profile is more than `threshold` times its profile to
date (exactly at the threshold it is not), or when it has spend but nothing profiled yet.
"""

import uuid
from collections import defaultdict
from decimal import Decimal

from sqlmodel import Session

from service.domain.common.money import format_pounds
from service.domain.models.progress import InterventionSpend, ProgressStatus, Spend, Thresholds
from service.domain.models.reports import ExecutiveReport, InterventionException, Outcome, PartnerSpend, ThemeSpend
from service.domain.reports import common, strategic

SHARE = Decimal("1e-6")


def build(session: Session, partnership_id: uuid.UUID, financial_year: str, as_of: str | None,
          thresholds: Thresholds, variance_threshold: Decimal) -> ExecutiveReport:
    basis = common.basis(session, partnership_id, financial_year, as_of, thresholds)
    found = basis.progress
    by_theme = themes(basis, {g.goal_id: g.status for g in found.goals})
    exceptions = sorted((e for line in found.interventions if (e := exception(basis, line, variance_threshold))),
                        key=lambda e: (-abs(e.variance_to_profile), e.intervention_name))
    goal_exceptions = strategic.reddest([common.outcome(g) for g in found.goals])
    totals = common.total(found.interventions)
    return ExecutiveReport(
        **basis.frame(common.EXECUTIVE), proposal_id=found.proposal_id, variance_threshold=variance_threshold,
        summary=summary(basis.period, found.proposal_id is not None, totals, len(exceptions), goal_exceptions,
                        variance_threshold, found.financial_year),
        totals=totals, by_theme=by_theme, goal_exceptions=goal_exceptions, intervention_exceptions=exceptions,
        by_partner=[PartnerSpend(partner_id=p.partner_id, partner_name=p.name, position=p.position,
                                 **common.figures(p)) for p in found.partners], pool=found.pool)


def themes(basis: common.Basis, status: dict[uuid.UUID, ProgressStatus]) -> list[ThemeSpend]:
    """Each theme's spend (the sums of its interventions') and its goals by status; interventions no longer in
    the register last, under a theme of their own."""
    spend: dict[uuid.UUID | None, list[Spend]] = defaultdict(list)
    for line in basis.progress.interventions:
        spend[basis.theme_of_intervention(line.intervention_id)[0]].append(line)
    goals: dict[uuid.UUID | None, list[ProgressStatus]] = defaultdict(list)
    for goal_id, theme_id in basis.goal_theme.items():
        goals[theme_id].append(status[goal_id])
    names: dict[uuid.UUID | None, str] = {theme_id: name for theme_id, name in basis.themes.items()}
    if None in spend:
        names[None] = common.NO_THEME
    return [ThemeSpend(theme_id=theme_id, theme_name=name, outputs=common.count(goals.get(theme_id, [])),
                       **common.figures(common.total(spend.get(theme_id, [])))) for theme_id, name in names.items()]


def exceptional(variance: Decimal, profile: Decimal, spent: Decimal, threshold: Decimal) -> bool:
    if profile == 0:
        return spent != 0
    return abs(variance) > threshold * profile


def exception(basis: common.Basis, line: InterventionSpend, threshold: Decimal) -> InterventionException | None:
    variance, profile = line.variance_to_profile, line.profile_to_date
    if not exceptional(variance, profile, line.spend_to_date, threshold):
        return None
    theme_id, theme_name = basis.theme_of_intervention(line.intervention_id)
    share = None if profile == 0 else (variance / profile).quantize(SHARE)
    if share is None:
        why = f"{format_pounds(line.spend_to_date)} spent with nothing profiled to date."
    else:
        why = (f"{format_pounds(abs(variance))} ({abs(share):.1%}) {'ahead of' if variance > 0 else 'behind'} its "
               f"profile to date of {format_pounds(profile)}; forecast outturn {format_pounds(line.forecast_outturn)}"
               f" against an allocation of {format_pounds(line.allocation)}.")
    return InterventionException(intervention_id=line.intervention_id, intervention_name=line.name,
                                 theme_id=theme_id, theme_name=theme_name, variance_share=share, why=why,
                                 **common.figures(line))


def summary(period: str, agreed: bool, totals: Spend, exceptions: int, goals: list[Outcome], threshold: Decimal,
            year: str) -> str:
    red = sum(g.status == ProgressStatus.RED for g in goals)
    said = (f"{red} goal{'s' if red != 1 else ''} red and {len(goals) - red} amber; {exceptions} intervention"
            f"{'s' if exceptions != 1 else ''} off profile by more than {threshold:.0%}.")
    if not agreed:
        return f"No proposal is agreed for {year}, so there is no allocation to report spend against. {said}"
    over = totals.forecast_variance
    return (f"To the end of {period}: {format_pounds(totals.spend_to_date)} spent against "
            f"{format_pounds(totals.profile_to_date)} profiled of the {format_pounds(totals.allocation)} allocation; "
            f"forecast outturn {format_pounds(totals.forecast_outturn)}, {format_pounds(abs(over))} "
            f"{'over' if over > 0 else 'under' if over < 0 else 'on'} budget. {said}")
