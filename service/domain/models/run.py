"""Runs: one optimisation of a scenario, with the frozen inputs it saw and what it found."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from service.domain.common.fields import FinancialYear
from service.domain.common.types import UtcDateTime
from service.domain.models.base import Tenanted, TenantedPublic
from service.domain.models.report import RunReport
from service.domain.models.scenario import Mode


class RunStatus(StrEnum):
    RUNNING = "running"
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"
    ERROR = "error"
    IMPRECISE = "imprecise"  # solved, but the service's checks found the allocation could be improved


class RunBase(SQLModel):
    scenario_id: uuid.UUID | None = Field(default=None, foreign_key="scenario.id",
                                          ondelete="SET NULL", index=True)
    scenario_name: str = Field(max_length=200)
    financial_year: FinancialYear = Field(max_length=7)
    mode: Mode = Field(sa_type=String(32))
    status: RunStatus = Field(default=RunStatus.RUNNING, sa_type=String(32), index=True)
    message: str = Field(default="", max_length=4000)
    solver: str = Field(default="", max_length=200)
    started_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class Run(RunBase, Tenanted, table=True):
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    result: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class RunPublic(RunBase, TenantedPublic):
    """The run's status resource; `result` appears once it has finished."""

    result: RunReport | None = Field(
        default=None, description="Headline, per-goal and per-partner results, explanations, "
        "diagnosis and the value of joint working (the lines are at the run's allocation)")
