"""Each goal against its trajectory: the latest observation, a least-squares forecast, and its status.

The trajectory is a straight line from the baseline value at the end of the baseline year to the target
value at the end of the target year (a financial year such as 2008-09 ends on the last day before the
partnership's start month; a calendar year such as 2008 on 31 December); before the baseline year's end
it is the baseline, after the target year's end the target. Everything is worked in exact fractions.
"""

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from service.domain.models.goal import Goal, Polarity
from service.domain.models.performance import IndicatorObservation
from service.domain.models.progress import Forecast, GoalProgress, Latest, ProgressStatus, Thresholds
from service.domain.observations.periods import year_end

TRAJECTORY = ("linear from the baseline value at the end of the baseline year to the target value at the end of "
              "the target year")
FITTED = ("least-squares linear trend of the observed values against each period's last day, over {n} "
          "observations, extrapolated to the end of the target year")
TOO_FEW = "not enough observations: a trend needs observations for at least 2 different period ends"
_PLACES = Decimal("1e-8")


def _decimal(value: Fraction, places: Decimal = _PLACES) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places, rounding=ROUND_HALF_EVEN)


def expected(goal: Goal, day: date, start_month: int) -> Fraction:
    """The trajectory's value on `day`."""
    begin, end = year_end(goal.baseline_year, start_month), year_end(goal.target_year, start_month)
    base, target = Fraction(goal.baseline_value), Fraction(goal.target_value)
    if end <= begin:
        return target
    share = min(max(Fraction((day - begin).days, (end - begin).days), Fraction(0)), Fraction(1))
    return base + (target - base) * share


def behind(goal: Goal, observed: Fraction, day: date, start_month: int) -> Fraction:
    """How far `observed` is behind the trajectory on `day`, as a share of the planned improvement."""
    gap = expected(goal, day, start_month) - observed
    if goal.polarity == Polarity.LOWER_IS_BETTER:
        gap = -gap
    return gap / abs(Fraction(goal.target_value) - Fraction(goal.baseline_value))


def status(share: Fraction | None, thresholds: Thresholds) -> ProgressStatus:
    if share is None:
        return ProgressStatus.NO_DATA
    if share <= Fraction(thresholds.green_behind):
        return ProgressStatus.GREEN
    return ProgressStatus.AMBER if share <= Fraction(thresholds.amber_behind) else ProgressStatus.RED


def forecast(goal: Goal, observations: Sequence[IndicatorObservation], start_month: int) -> Forecast:
    """Ordinary least squares of value on days since the baseline year's end, evaluated at the target's end."""
    origin = year_end(goal.baseline_year, start_month)
    xs = [Fraction((o.period_end - origin).days) for o in observations]
    ys = [Fraction(o.value) for o in observations]
    n = len(xs)
    if len(set(xs)) < 2:
        return Forecast(method=TOO_FEW, observations=n, value_at_target=None, trend_per_year=None, meets_target=None)
    mean_x, mean_y = Fraction(sum(xs)) / n, Fraction(sum(ys)) / n
    slope = (Fraction(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)))
             / Fraction(sum((x - mean_x) ** 2 for x in xs)))
    at_target = mean_y + slope * (Fraction((year_end(goal.target_year, start_month) - origin).days) - mean_x)
    target = Fraction(goal.target_value)
    meets = at_target <= target if goal.polarity == Polarity.LOWER_IS_BETTER else at_target >= target
    return Forecast(method=FITTED.format(n=n), observations=n, value_at_target=_decimal(at_target),
                    trend_per_year=_decimal(slope * 365), meets_target=meets)


def progress(goal: Goal, observations: Sequence[IndicatorObservation], start_month: int,
             thresholds: Thresholds) -> GoalProgress:
    """`observations` are the goal's, up to the report's day, in any order."""
    latest = max(observations, key=lambda o: (o.period_end, o.updated_at), default=None)
    share = None if latest is None else behind(goal, Fraction(latest.value), latest.period_end, start_month)
    return GoalProgress(
        goal_id=goal.id, indicator_code=goal.indicator_code, name=goal.title, polarity=goal.polarity,
        is_laa_target=goal.is_laa_target, baseline_value=goal.baseline_value, target_value=goal.target_value,
        trajectory=TRAJECTORY,
        latest=None if latest is None else Latest(
            period=latest.period, period_end=latest.period_end, value=latest.value, partner_id=latest.partner_id,
            data_quality=latest.data_quality),
        expected_at_latest=None if latest is None else _decimal(expected(goal, latest.period_end, start_month)),
        behind_share=None if share is None else _decimal(share, Decimal("1e-6")),
        status=status(share, thresholds), forecast=forecast(goal, observations, start_month))
