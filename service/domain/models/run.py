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
from service.domain.models.summary import RunSummarised


class RunStatus(StrEnum):
    QUEUED = "queued"  # frozen and waiting for a worker
    RUNNING = "running"
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"
    ERROR = "error"
    IMPRECISE = "imprecise"  # solved, but the service's checks found the allocation could be improved
    CANCELLED = "cancelled"
    DONE = "done"  # an analysis that finished: its findings say what it found


def finished(status: str) -> bool:
    """Whether a run in this status is done (rows read back hold plain strings)."""
    return status not in (RunStatus.QUEUED, RunStatus.RUNNING)


class RunStage(StrEnum):
    """What a running run's worker is doing (the register was frozen when the run was asked for)."""

    SOLVING = "solving"
    EXPLAINING = "explaining"
    COMPARING_WITH_SILOS = "comparing_with_silos"
    STORING = "storing"


class RunBase(SQLModel):
    scenario_id: uuid.UUID | None = Field(default=None, foreign_key="scenario.id",
                                          ondelete="SET NULL", index=True)
    scenario_name: str = Field(max_length=200, description="The scenario's name when the run was asked for")
    financial_year: FinancialYear = Field(max_length=7)
    mode: Mode = Field(sa_type=String(32))
    status: RunStatus = Field(default=RunStatus.QUEUED, sa_type=String(32), index=True)
    stage: RunStage | None = Field(default=None, sa_type=String(32),
                                   description="What its worker is doing, while it runs; where it stopped after")
    message: str = Field(default="", max_length=4000, description=(
        "The solver's or the service's message about how the run ended or why it was queued again; empty while "
        "it runs"))
    solver: str = Field(default="", max_length=200, description=(
        "What solved it, as \"HiGHS <version> via scipy <version> and highspy <version> (<algorithm>), "
        "scipy <version>\"; empty until it is solved"))
    queued_at: datetime | None = Field(default=None, sa_type=UtcDateTime, description="When it was asked for (UTC)")
    started_at: datetime | None = Field(default=None, sa_type=UtcDateTime,
                                        description="When a worker began solving it (its latest attempt)")
    finished_at: datetime | None = Field(default=None, sa_type=UtcDateTime,
                                         description="When it finished (UTC), null while queued or running")
    heartbeat_at: datetime | None = Field(default=None, sa_type=UtcDateTime, description=(
        "Its worker's latest sign of life while running; a run whose worker stops is retried or failed"))
    attempts: int = Field(default=0, ge=0, description="How many times a worker has begun solving it")
    worker: str = Field(default="", max_length=200, description="The worker solving it, or that solved it")
    cancel_requested_at: datetime | None = Field(default=None, sa_type=UtcDateTime,
                                                 description="When cancelling it was asked for (UTC), null if never")


ALLOCATION = "allocation"  # the kind of a run proper; an analysis of a run has its AnalysisKind (analysis.py)


class Run(RunBase, Tenanted, table=True):
    """A job: an allocation run of a scenario, or an analysis of one (`analysed_run_id`)."""

    kind: str = Field(default=ALLOCATION, max_length=32, index=True)
    analysed_run_id: uuid.UUID | None = Field(default=None, foreign_key="run.id", ondelete="CASCADE", index=True)
    parameters: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # the job's frozen inputs
    result: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class RunPublic(RunBase, TenantedPublic, RunSummarised):
    """The run's status resource; `result` appears once it has finished."""

    result: RunReport | None = Field(
        default=None, description="Headline, per-goal and per-partner results, explanations, "
        "diagnosis and the value of joint working (the lines are at the run's allocation)")
