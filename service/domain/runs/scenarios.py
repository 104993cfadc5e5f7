"""Scenarios as a register resource: their options may only name this partnership's records."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain.common.references import require_in_partnership
from service.domain.models.funding import FundingStream
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner, Theme
from service.domain.models.scenario import Scenario, ScenarioCreate, ScenarioPublic
from service.domain.register.core import Kind


def _check(session: Session, pid: uuid.UUID, data: ScenarioCreate, _: Any) -> None:
    o = data.options
    require_in_partnership(session, Theme, pid, [f.theme_id for f in o.theme_floors],
                           "options.theme_floors.theme_id")
    require_in_partnership(session, Partner, pid, [
        *o.excluded_partner_ids, *(x.partner_id for x in o.excluded_pairs),
        *(x.partner_id for x in o.partner_scaling)], "options partner ids")
    require_in_partnership(session, Intervention, pid, [
        *o.excluded_intervention_ids, *(x.intervention_id for x in o.locks),
        *(x.intervention_id for x in o.excluded_pairs)], "options intervention ids")
    require_in_partnership(session, Goal, pid, [
        *(x.goal_id for x in o.weight_overrides),
        *(x.goal_id for x in o.required_attainment or [])], "options goal ids")
    require_in_partnership(session, FundingStream, pid,
                           [x.funding_stream_id for x in o.stream_scaling], "options funding stream ids")


def _write_options(session: Session, row: Scenario, data: ScenarioCreate) -> None:
    row.options = data.options.model_dump(mode="json")


SCENARIOS = Kind("scenario", Scenario, ScenarioCreate, ScenarioPublic.model_validate, check=_check,
                 write_children=_write_options, children=frozenset({"options"}),
                 filters=("financial_year", "mode"))
