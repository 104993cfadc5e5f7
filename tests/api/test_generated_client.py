"""A typed client generated from the committed openapi/openapi.json by openapi-python-client, as an
integrating council system would make one, drives the main flow against the app on the demo partnership:
strict about statuses, and every answer parsed into the model the document names for it."""

import importlib
import subprocess
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.main import app
from tests.conftest import DEV_AUTH

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
PACKAGE = "lsp_generated_client"
CONFIG = "post_hooks: []\n"  # no formatting: faster, and nothing to install beside the generator
P = DEMO_PARTNERSHIP_ID
SCENARIO = {"name": "Safer communities first", "financial_year": "2009-10", "mode": "maximise_attainment",
            "options": {"theme_floors": [{"theme_id": str(demo_id("theme", "safer")), "share": "0.2"}],
                        "matched_cap": "0.8", "time_limit_seconds": 20}}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The client package, generated once per test session; any warning (a schema or a response the
    generator had to leave out) fails the generation."""
    folder = tmp_path_factory.mktemp("generated-client")
    (folder / "config.yaml").write_text(CONFIG)
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(COMMITTED), "--meta", "none",
         "--output-path", str(folder / PACKAGE), "--config", str(folder / "config.yaml"), "--fail-on-warning"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    return importlib.import_module(PACKAGE)


class Api:
    """Calls operations of the generated client as one caller, expecting a status and a parsed model."""

    def __init__(self, generated: ModuleType, headers: dict[str, str]) -> None:
        self.generated = generated
        self.client = generated.Client(base_url="http://testserver", raise_on_unexpected_status=True)
        self.client.set_httpx_client(TestClient(app, raise_server_exceptions=False, headers=headers))

    def call(self, tag: str, operation: str, model: str, *args: Any, status: int = 200, **kwargs: Any) -> Any:
        module = importlib.import_module(f"{self.generated.__name__}.api.{tag}.{operation}")
        response = module.sync_detailed(*args, client=self.client, **kwargs)
        assert response.status_code == status, response.content
        expected = getattr(importlib.import_module(f"{self.generated.__name__}.models"), model)
        assert isinstance(response.parsed, expected), (operation, type(response.parsed), response.content)
        return response.parsed

    def key_for(self, role: str, partner_id: uuid.UUID | None = None) -> "Api":
        models = self.generated.models
        body = models.ApiKeyCreate(name=f"{role} client key", role=models.Role(role),
                                   **({"partner_id": partner_id} if partner_id else {}))
        issued = self.call("api_keys", "create_api_key", "ApiKeyIssued", P, body=body, status=201)
        return Api(self.generated, {"Authorization": f"Bearer {issued.key}"})


def test_the_generated_client_reads_the_register(demo, generated):
    admin = Api(generated, DEV_AUTH)
    assert admin.call("partnerships", "get_partnership", "PartnershipPublic", P).id == P
    for tag, page in [("partners", "PagePartnerPublic"), ("themes", "PageThemePublic"),
                      ("funding_streams", "PageFundingStreamPublic"), ("goals", "PageGoalPublic"),
                      ("interventions", "PageInterventionPublic"), ("scenarios", "PageScenarioPublic")]:
        assert admin.call(tag, f"list_{tag}", page, P, page_size=200).items, tag
    intervention = admin.call("interventions", "get_intervention", "InterventionPublic", P,
                              demo_id("intervention", "teen-preg-outreach"))
    assert intervention.effects and intervention.effects[0].per_thousand
    scenario = admin.call("scenarios", "get_scenario", "ScenarioPublic", P, demo_id("scenario", "default"))
    assert scenario.financial_year == "2009-10"
    resource_map = admin.call("resource_map", "get_resource_map", "ResourceMap", P, financial_year="2009-10")
    assert resource_map.partners


def test_the_generated_client_drives_a_run_through_proposal_and_approval_to_scrutiny(demo, generated):
    models = generated.models
    admin = Api(generated, DEV_AUTH)
    executive = admin.key_for("executive")
    scenario = executive.call("scenarios", "create_scenario", "ScenarioPublic", P, status=201,
                              body=models.ScenarioCreate.from_dict(SCENARIO))
    assert scenario.options.theme_floors[0].theme_id == demo_id("theme", "safer")

    run = executive.call("runs", "create_run", "RunPublic", P, scenario.id, status=201)
    assert run.status == models.RunStatus.OPTIMAL
    result = executive.call("runs", "get_run", "RunPublic", P, run.id).result
    assert result.total_allocated and result.goals[0].goal_name and result.partners[0].partner_name
    allocation = executive.call("runs", "get_run_allocation", "AllocationTable", P, run.id)
    assert allocation.lines and allocation.lines[0].intervention_name

    proposal = executive.call("proposals", "create_proposal", "ProposalPublic", P, status=201,
                              body=models.ProposalCreate(run_id=run.id, name="2009-10 pooled allocation"))
    proposal = executive.call("proposals", "submit_proposal", "ProposalPublic", P, proposal.id)
    for sign_off in proposal.sign_offs:
        finance = admin.key_for("partner_finance", sign_off.partner_id)
        proposal = finance.call("proposals", "confirm_proposal_contribution", "ProposalPublic", P, proposal.id,
                                body=models.SignOffAnswer(partner_id=sign_off.partner_id, comment="Within budget."))
    assert proposal.status == models.ProposalStatus.CONFIRMED
    board = admin.key_for("strategic_board")
    agreed = board.call("proposals", "approve_proposal", "ProposalPublic", P, proposal.id,
                        body=models.Approval(reason="Meets the LAA targets."), if_match=f'"v{proposal.version}"')
    assert agreed.status == models.ProposalStatus.AGREED

    pack = admin.key_for("scrutiny").call("scrutiny", "get_scrutiny_pack", "ScrutinyPack", P,
                                          financial_year="2009-10")
    assert pack.agreed_proposal.proposal_id == agreed.id

