"""Loads the illustrative demo partnership (demo/data.py) through the register's own rules."""

from decimal import Decimal
from typing import Any

from sqlmodel import Session

from service.domain import register
from service.domain.access.principal import SYSTEM
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.domain.demo import observations
from service.domain.demo.data import DEMO
from service.domain.models.funding import FundingStreamCreate
from service.domain.models.goal import GoalCreate
from service.domain.models.intervention import InterventionCreate
from service.domain.models.partnership import PartnerCreate, PartnershipCreate, ThemeCreate
from service.domain.models.performance import ObservationCreate, ObservedQuality
from service.domain.models.scenario import ScenarioCreate
from service.domain.register import partnerships, resources
from service.domain.runs.scenarios import SCENARIOS


def load_demo(session: Session) -> None:
    """Create the demo partnership with its fixed ids. Fails (Conflict) if it already exists."""
    partnerships.create(session, PartnershipCreate.model_validate(DEMO["partnership"]), SYSTEM,
                        row_id=DEMO_PARTNERSHIP_ID)
    steps: list[tuple[str, str, register.Kind, Any, Any]] = [
        ("themes", "theme", resources.THEMES, ThemeCreate, dict),
        ("partners", "partner", resources.PARTNERS, PartnerCreate, dict),
        ("goals", "goal", resources.GOALS, GoalCreate, _goal),
        ("funding_streams", "funding_stream", resources.FUNDING_STREAMS, FundingStreamCreate, _stream),
        ("interventions", "intervention", resources.INTERVENTIONS, InterventionCreate, _intervention),
        ("scenarios", "scenario", SCENARIOS, ScenarioCreate, _scenario),
    ]
    for collection, id_kind, kind, schema, translate in steps:
        for item in DEMO[collection]:
            register.create(session, kind, DEMO_PARTNERSHIP_ID, schema.model_validate(translate(item)),
                            SYSTEM, row_id=demo_id(id_kind, item["key"]))
    _performance(session)


def _scenario(item: dict[str, Any]) -> dict[str, Any]:
    floors = [{"theme_id": _ref("theme", f["theme"]), "share": f["share"]} for f in item.get("floors", [])]
    rest = {k: v for k, v in item.items() if k != "floors"}
    return {"financial_year": DEMO["financial_year"], **rest, "options": {"theme_floors": floors}}


def _ref(kind: str, key: str) -> str:
    return str(demo_id(kind, key))


def _goal(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "theme_id": _ref("theme", item["theme"])}


def _stream(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "partner_id": _ref("partner", item["partner"]),
            "theme_ids": [_ref("theme", key) for key in item["themes"]]}


def _intervention(item: dict[str, Any]) -> dict[str, Any]:
    effects = [{**e, "goal_id": _ref("goal", e["goal"])} for e in item["effects"]]
    return {**item, "theme_id": _ref("theme", item["theme"]), "effects": effects,
            "lead_partner_id": _ref("partner", item["lead_partner"])}


def _performance(session: Session) -> None:
    """The baseline year's NI 112 as reported, then two years of quarterly observations of every goal."""
    baseline = ObservationCreate(
        goal_id=demo_id("goal", "ni112"), partner_id=demo_id("partner", "health"), period="2008-09",
        value=Decimal("45.2"), data_quality=ObservedQuality.OUTTURN, note="Illustrative: the baseline year as reported")
    observations.load(session, DEMO["goals"], DEMO["partnership"]["financial_year_start_month"],
                      ("ni112-2008-09", baseline))
