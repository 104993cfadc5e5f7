"""A run's frozen copy of the register: what the optimiser saw, stored with the run as JSON.

Money is whole pence and measured values are decimal strings, so a stored run replays exactly however the
register changes later. `version` names the layout; version 1 is the only one so far.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from service.domain.models.scenario import Mode, ScenarioOptions


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NamedRecord(_Frozen):
    id: str
    name: str


class StreamSnapshot(_Frozen):
    id: str
    name: str
    partner_id: str
    least: int  # pence
    most: int
    theme_ids: list[str]  # the ring-fence; empty = any theme


class ApportionedPart(_Frozen):
    """A stream recorded for a partner's own year, of which only `days` of `of_days` fall in the run's year:
    its least and most above are that part's, apportioned to the penny (calendar/apportion.py)."""

    stream_id: str
    partner_year: str
    days: int
    of_days: int
    stream_amount: int  # pence, the whole stream
    amount: int  # pence, this year's part


class GoalSnapshot(_Frozen):
    id: str
    name: str
    baseline: str  # exact decimals
    target: str
    weight: str
    laa: bool
    code: str = ""  # the indicator code, also at the start of `name`; older snapshots have none


class InterventionSnapshot(_Frozen):
    id: str
    name: str
    theme_id: str
    lead_partner_id: str
    min_viable: int  # pence
    capacity: int
    committed: int
    tranches: list[tuple[int, str]]  # (width in pence, multiplier), in spending order
    effects: list[tuple[str, str]]  # (goal id, change per £1,000)
    # (goal id, low, high) where the evidence gives a range (a missing end is the central value); older
    # snapshots have none
    ranges: list[tuple[str, str, str]] = []


class Snapshot(_Frozen):
    version: Literal[1] = 1
    financial_year: str
    mode: Mode
    options: ScenarioOptions
    themes: list[NamedRecord]
    partners: list[NamedRecord]
    streams: list[StreamSnapshot]
    goals: list[GoalSnapshot]
    interventions: list[InterventionSnapshot]
    apportioned: list[ApportionedPart] = []  # older snapshots have none

    def names(self) -> dict[str, str]:
        """Every record's name by id (partners, themes, streams, goals, interventions)."""
        records: list[NamedRecord | StreamSnapshot | GoalSnapshot | InterventionSnapshot] = [
            *self.themes, *self.partners, *self.streams, *self.goals, *self.interventions]
        return {record.id: record.name for record in records}

    @property
    def pairs(self) -> int:
        """Stream x intervention pairs the full model could have: the measure problem-size limits use."""
        return len(self.streams) * len(self.interventions)
