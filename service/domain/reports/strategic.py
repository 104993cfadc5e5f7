"""The strategic layer, for the board 3 to 4 times a year: outcomes by theme and the designated LAA targets."""

import uuid
from collections import defaultdict

from sqlmodel import Session

from service.domain.models.progress import ProgressStatus, Thresholds
from service.domain.models.reports import Outcome, StatusCount, StrategicReport, ThemeOutcomes
from service.domain.reports import common

BEHIND = (ProgressStatus.RED, ProgressStatus.AMBER)


def build(session: Session, partnership_id: uuid.UUID, financial_year: str, as_of: str | None,
          thresholds: Thresholds) -> StrategicReport:
    basis = common.basis(session, partnership_id, financial_year, as_of, thresholds)
    outcomes = [common.outcome(g) for g in basis.progress.goals]
    by_theme: dict[uuid.UUID, list[Outcome]] = defaultdict(list)
    for goal in outcomes:
        by_theme[basis.goal_theme[goal.goal_id]].append(goal)
    themes = [ThemeOutcomes(theme_id=theme_id, theme_name=name, statuses=common.count(g.status for g in goals),
                            sentence=sentence(name, goals), goals=goals)
              for theme_id, name in basis.themes.items() if (goals := by_theme.get(theme_id))]
    laa = [g for g in outcomes if g.is_laa_target]
    return StrategicReport(**basis.frame(common.STRATEGIC), summary=summary(basis.period, outcomes, laa),
                           themes=themes, laa_targets=laa)


def _counted(statuses: StatusCount) -> str:
    said = f"{statuses.green} green, {statuses.amber} amber and {statuses.red} red"
    return said + (f", {statuses.no_data} without observations" if statuses.no_data else "")


def sentence(theme: str, goals: list[Outcome]) -> str:
    counted = _counted(common.count(g.status for g in goals))
    said = f"{theme}: of {len(goals)} goal{'s' if len(goals) != 1 else ''}, {counted}."
    behind = [f"{g.indicator_code} ({g.status.value})" for g in reddest(goals)]
    return said + (f" Behind its trajectory: {', '.join(behind)}." if behind else "")


def reddest(goals: list[Outcome]) -> list[Outcome]:
    return sorted((g for g in goals if g.status in BEHIND), key=lambda g: (BEHIND.index(g.status), g.indicator_code))


def summary(period: str, goals: list[Outcome], laa: list[Outcome]) -> str:
    if not goals:
        return f"To the end of {period}: the partnership has no goals yet."
    green = sum(g.status == ProgressStatus.GREEN for g in laa)
    return (f"To the end of {period}: of {len(goals)} goals, {_counted(common.count(g.status for g in goals))}; "
            f"{green} of the {len(laa)} designated LAA targets {'is' if green == 1 else 'are'} green.")
