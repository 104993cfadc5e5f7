"""The scrutiny pack's shape, and the same pack as one flat table (a `section` column) for CSV."""

import uuid
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from service.domain.common.fields import Measured, Weight
from service.domain.common.fields import MoneyTotal as Money
from service.domain.common.renamed import DEPRECATED, new_name, notice, old_name
from service.domain.models.proposal import SignOffPublic

CSV_COLUMNS = ["section", "theme_id", "theme", "id", "name", "partner_id", "partner", "indicator_code", "weight",
               "baseline_value", "target_value", "is_laa_target", "status", "amount", "share_of_contribution",
               "attainment", "share_of_attainment", "by", "at", "detail"]


class WeightChange(BaseModel):
    at: datetime = Field(description="When the weight was set (UTC)")
    by: str = Field(description="Who set it, as the audit trail names callers")
    role: str = Field(description="The role they acted with")
    weight_from: Weight | None = Field(description="None when the goal was created with this weight")
    weight_to: Weight = Field(description="The weight it was set to")


class PackGoal(BaseModel):
    goal_id: uuid.UUID
    indicator_code: str
    title: str = old_name("goal_name", "The goal's title")
    goal_name: ClassVar[str] = new_name("title", "The goal's title")
    unit: str
    polarity: str
    weight: Weight
    baseline_value: Measured
    baseline_year: str
    target_value: Measured
    target_year: str
    is_laa_target: bool
    last_changed_by: str | None = Field(description="From the audit trail: who last changed the goal")
    last_changed_at: datetime | None = Field(description="From the audit trail: when the goal last changed (UTC)")
    weight_changes: list[WeightChange] = Field(description="Every change of weight, oldest first")
    attainment_in_agreed_allocation: float | None = Field(
        description="The share of the distance to target the agreed allocation reaches (1 = met)")


class InterventionMoney(BaseModel):
    intervention_id: uuid.UUID
    intervention: str = old_name("intervention_name", "The intervention's title")
    intervention_name: ClassVar[str] = new_name("intervention", "The intervention's title")
    amount: Money = Field(description=(
        "The agreed allocation's money for it, in pounds, a decimal string with two places"))


class PackTheme(BaseModel):
    theme_id: uuid.UUID
    name: str = old_name("theme_name", "The theme's name")
    theme_name: ClassVar[str] = new_name("name", "The theme's name")
    goals: list[PackGoal]
    agreed_amount: Money = Field(description="The agreed allocation's money for this theme's interventions")
    agreed_interventions: list[InterventionMoney] = Field(description=(
        "The theme's interventions the agreed allocation funds"))


class RunConsidered(BaseModel):
    run_id: uuid.UUID
    scenario_id: uuid.UUID | None
    scenario_name: str = Field(description="The scenario's name when the run was asked for")
    mode: str
    status: str = Field(description="The run's status, as its status resource gives it")
    weighted_attainment: float | None = Field(description=(
        "The run's weighted attainment: Σ over goals of weight × attainment (plus any beyond-target credit); null "
        "without an allocation"))
    total_allocated: Money | None = Field(description="Pounds the run allocated, a decimal string with two places; "
                                          "null without an allocation")
    started_at: datetime | None = Field(description="When a worker began solving it (UTC)")
    finished_at: datetime | None = Field(description="When it finished (UTC), null while queued or running")


class AgreedProposal(BaseModel):
    proposal_id: uuid.UUID
    title: str = old_name("proposal_name", "The proposal's title")
    proposal_name: ClassVar[str] = new_name("title", "The proposal's title")
    run_id: uuid.UUID | None
    total: Money
    approved_by: str | None = Field(description="Who approved it for the board, as the audit trail names callers")
    approved_at: datetime | None = Field(description="When the board approved it (UTC)")
    reason: str | None
    supersedes_id: uuid.UUID | None = Field(description="The agreed proposal this one replaced, if any")
    sign_offs: list[SignOffPublic]


class PartnerInvolvement(BaseModel):
    partner_id: uuid.UUID
    partner: str = old_name("partner_name", "The partner's name")
    partner_name: ClassVar[str] = new_name("partner", "The partner's name")
    contribution: Money = Field(description="What the agreed allocation takes from the partner, in pounds")
    share_of_contribution: float = Field(description="Of the agreed total")
    attainment_attributed: float | None = Field(description="Weighted attainment points, proportionally attributed")
    share_of_attainment: float | None = Field(description="Of the attainment gained, proportionally attributed")


class OutstandingSignOff(BaseModel):
    proposal_id: uuid.UUID
    proposal_title: str = old_name("proposal_name", "The proposal's title")
    proposal_name: ClassVar[str] = new_name("proposal_title", "The proposal's title")
    partner_id: uuid.UUID
    partner: str = old_name("partner_name", "The partner's name")
    partner_name: ClassVar[str] = new_name("partner", "The partner's name")
    contribution: Money = Field(description="What the proposal asks of the partner, in pounds")
    submitted_at: datetime | None


class ScrutinyPack(BaseModel):
    partnership_id: uuid.UUID
    financial_year: str
    generated_at: datetime = Field(description="When the pack was drawn up (UTC)")
    themes: list[PackTheme]
    runs: list[RunConsidered] = Field(description="Every run for the year, oldest first")
    agreed_proposal: AgreedProposal | None = Field(description="None until the board agrees a proposal")
    attainment_gained: float | None = Field(description=(
        "Weighted attainment of the agreed allocation (not a gain: a run's joint_working.attainment_gained is "
        f"the gain over silos). {notice('weighted_attainment')}"), json_schema_extra=DEPRECATED)
    weighted_attainment: float | None = Field(description=(
        "Weighted attainment of the agreed allocation: Σ over goals of weight × attainment, as a run's "
        "weighted_attainment; null until a proposal is agreed"))
    partners: list[PartnerInvolvement] = Field(description="Contributions beside shares of attainment gained")
    attribution: str = Field(description="How shares of attainment were attributed (proportionally)")
    outstanding_sign_offs: list[OutstandingSignOff] = Field(description="Pending sign-offs of submitted proposals")

    def csv_rows(self) -> list[dict[str, Any]]:
        """One row per item, its section named; values as the JSON has them."""
        data = self.model_dump(mode="json")
        rows: list[dict[str, Any]] = []
        for theme in data["themes"]:
            where = {"theme_id": theme["theme_id"], "theme": theme["name"]}
            rows.append({"section": "theme", **where, "amount": theme["agreed_amount"]})
            for goal in theme["goals"]:
                rows.append({"section": "goal", **where, "id": goal["goal_id"], "name": goal["title"], **{
                    k: goal[k] for k in ("indicator_code", "weight", "baseline_value", "target_value",
                                         "is_laa_target")}, "attainment": goal["attainment_in_agreed_allocation"],
                    "by": goal["last_changed_by"], "at": goal["last_changed_at"]})
                rows += [{"section": "weight_change", **where, "id": goal["goal_id"], "name": goal["title"],
                          "indicator_code": goal["indicator_code"], "weight": change["weight_to"],
                          "by": change["by"], "at": change["at"],
                          "detail": f"from {change['weight_from']}" if change["weight_from"] is not None else "created"}
                         for change in goal["weight_changes"]]
            rows += [{"section": "theme_allocation", **where, "id": i["intervention_id"], "name": i["intervention"],
                      "amount": i["amount"]} for i in theme["agreed_interventions"]]
        rows += [{"section": "run", "id": r["run_id"], "name": r["scenario_name"], "status": r["status"],
                  "amount": r["total_allocated"], "attainment": r["weighted_attainment"],
                  "at": r["finished_at"] or r["started_at"], "detail": r["mode"]} for r in data["runs"]]
        if agreed := data["agreed_proposal"]:
            rows.append({"section": "agreed_proposal", "id": agreed["proposal_id"], "name": agreed["title"],
                         "status": "agreed", "amount": agreed["total"], "attainment": data["attainment_gained"],
                         "by": agreed["approved_by"], "at": agreed["approved_at"], "detail": agreed["reason"]})
            rows += [{"section": "agreed_sign_off", "id": agreed["proposal_id"], "partner_id": s["partner_id"],
                      "partner": s["partner_name"], "status": s["status"], "amount": s["contribution"],
                      "by": s["decided_by"], "at": s["decided_at"], "detail": s["comment"]}
                     for s in agreed["sign_offs"]]
        rows += [{"section": "partner", "partner_id": p["partner_id"], "partner": p["partner"],
                  "amount": p["contribution"], "share_of_contribution": p["share_of_contribution"],
                  "attainment": p["attainment_attributed"], "share_of_attainment": p["share_of_attainment"]}
                 for p in data["partners"]]
        rows += [{"section": "outstanding_sign_off", "id": s["proposal_id"], "name": s["proposal_title"],
                  "partner_id": s["partner_id"], "partner": s["partner"], "status": "pending",
                  "amount": s["contribution"], "at": s["submitted_at"]} for s in data["outstanding_sign_offs"]]
        rows.append({"section": "note", "detail": data["attribution"]})
        return rows
