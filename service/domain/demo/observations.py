"""Two years of quarterly indicator observations for every demo goal (2008-09 Q1 to 2009-10 Q4), so that
progress and the strategic report show red, amber and green on a fresh `make run` (illustrative figures).

Each goal moves from its baseline along a share (`PACE`) of its trajectory, with a small seeded wobble of
at most 1 % of the planned improvement, so that at the end of 2009-10 two goals are red, three amber and the
rest green against the default thresholds (5 % and 15 % of the improvement behind)."""

import random
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from sqlmodel import Session

from service.domain.access.principal import SYSTEM
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.domain.models.goal import Goal
from service.domain.models.performance import ObservationCreate, ObservedQuality
from service.domain.observations import bulk, periods
from service.domain.progress import goals

SEED = 2009
YEARS = ("2008-09", "2009-10")
# The share of the trajectory each goal travels: 1 on track, below behind, above ahead.
PACE = {"ni112": Fraction(8, 10), "ni111": Fraction(105, 100), "ni51": Fraction(1), "ni16": Fraction(11, 10),
        "ni15": Fraction(8, 10), "ni40": Fraction(4, 10), "ni21": Fraction(1), "ni39": Fraction(3, 10),
        "ni113": Fraction(12, 10), "ni175": Fraction(1), "ni192": Fraction(8, 10), "ni186": Fraction(1)}
# Who reports each theme's indicators (the PCT its health ones, the police its crime ones).
REPORTER = {"cyp": "council", "safer": "police", "health": "health", "econ": "council", "env": "council"}
NOTE = "Illustrative: demo data, {quality} for the quarter"


def _places(*values: str) -> Decimal:
    """One more decimal place than the goal's own figures (none for counts)."""
    places = max(len(v.partition(".")[2]) for v in values)
    return Decimal(1).scaleb(-(places + 1 if places else 0))


def value(goal: dict[str, Any], day: date, start_month: int, wobble: Fraction) -> Decimal:
    """The goal's illustrative value on `day`: the baseline moved `PACE` of the way the trajectory has moved by
    then, plus the wobble (a share of the planned improvement)."""
    planned = Goal.model_validate({**goal, "partnership_id": DEMO_PARTNERSHIP_ID,
                                   "theme_id": demo_id("theme", goal["theme"])})
    base, target = Fraction(goal["baseline_value"]), Fraction(goal["target_value"])
    found = base + (goals.expected(planned, day, start_month) - base) * PACE[goal["key"]] + (target - base) * wobble
    exact = Decimal(found.numerator) / Decimal(found.denominator)
    return exact.quantize(_places(goal["baseline_value"], goal["target_value"]), rounding=ROUND_HALF_EVEN)


def observations(items: list[dict[str, Any]], start_month: int) -> list[tuple[str, ObservationCreate]]:
    """(the observation's key, the observation) for each goal and quarter, the same every time."""
    draw = random.Random(SEED)
    found = []
    for goal in items:
        partner = "health" if goal["key"] == "ni112" else REPORTER[goal["theme"]]
        for year in YEARS:
            for quarter in range(1, 5):
                span = periods.parse(f"{year} Q{quarter}", start_month)
                wobble = Fraction(draw.randint(-10, 10), 1000)
                quality = ObservedQuality.OUTTURN if year == YEARS[0] else ObservedQuality.ESTIMATE
                found.append((f"{goal['key']}-{year}-q{quarter}", ObservationCreate(
                    goal_id=demo_id("goal", goal["key"]), partner_id=demo_id("partner", partner), period=span.label,
                    value=value(goal, span.end, start_month, wobble), data_quality=quality,
                    note=NOTE.format(quality=quality.value))))
    return found


def load(session: Session, items: list[dict[str, Any]], start_month: int,
         first: tuple[str, ObservationCreate]) -> None:
    """`first`, then the quarters: one batch, stored with their audit events in one commit."""
    found = [first, *observations(items, start_month)]
    bulk.store_json(session, DEMO_PARTNERSHIP_ID, [body.model_dump(mode="json") for _, body in found], SYSTEM,
                    dry_run=False, row_ids=[demo_id("observation", key) for key, _ in found])
