"""The register's tables and their Create / Public schemas. Importing this registers every table on the
metadata, named by its convention (`metadata.py`, imported first)."""

from service.domain.models.metadata import NAMING_CONVENTION, metadata  # noqa: I001  (before any table)
from service.domain.models.access import ApiKey, AuditEvent
from service.domain.models.calendar import BudgetSettingDate
from service.domain.models.funding import FundingStream, FundingStreamTheme
from service.domain.models.goal import Goal
from service.domain.models.idempotency import IdempotencyRecord
from service.domain.models.intervention import (
    Intervention,
    InterventionEffect,
    InterventionTranche,
)
from service.domain.models.partnership import Partner, Partnership, Theme
from service.domain.models.performance import IndicatorObservation, SpendActual
from service.domain.models.proposal import Proposal, ProposalSignOff
from service.domain.models.run import Run
from service.domain.models.scenario import Scenario

__all__ = [
    "NAMING_CONVENTION", "metadata",
    "ApiKey", "AuditEvent", "BudgetSettingDate", "IdempotencyRecord", "Proposal", "ProposalSignOff",
    "FundingStream", "FundingStreamTheme", "Goal", "Intervention", "InterventionEffect",
    "InterventionTranche", "IndicatorObservation", "SpendActual", "Partner", "Partnership", "Run", "Scenario", "Theme",
]
