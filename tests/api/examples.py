"""Captures a real answer (and the body sent) for every operation, on the demo as `service seed-demo`
leaves it, into service/api/examples.json, which service/api/contract.py puts in the OpenAPI document.

`make examples` runs it (then `make openapi`); tests/api/test_examples.py checks that every operation
has its examples, that each fits its schema and that the ids they send exist in the demo.
"""

import json
import re
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from service.api.deps import get_engine, get_job_engine
from service.api.tables import XLSX
from service.domain.common.db import make_engine
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.common.migrate import upgrade
from service.domain.demo.load import load_demo
from service.domain.demo.run import solve_demo_run
from service.domain.jobs import claims
from service.domain.models.proposal import SignOffAnswer
from service.domain.models.run import Run
from service.main import app
from service.settings import get_settings
from tests.conftest import DEV_AUTH, InlineJobs
from tests.placeholders import filled

FILE = Path(__file__).resolve().parents[2] / "service" / "api" / "examples.json"
DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
LISTED = 2  # items kept from each list, so that the document stays readable
TEXT_LINES = 4  # lines kept from a CSV or the metrics
YEAR = {"financial_year": "2009-10"}
COMMENT = SignOffAnswer.model_config["json_schema_extra"]["examples"][0]["comment"]  # a placeholder


def shortened(value: Any) -> Any:
    if isinstance(value, list):
        return [shortened(item) for item in value[:LISTED]]
    if isinstance(value, dict):
        return {key: shortened(item) for key, item in value.items()}
    return value


class Capture:
    """Sends requests as the development key and keeps, per operation, the body and the answer. A body's
    `<placeholders>` are kept as the example shows them and sent written over, as a person would send them
    (sent unchanged, they are refused)."""

    def __init__(self, client: TestClient) -> None:
        self.client, self.examples = client, {}

    def __call__(self, operation_id: str, method: str, path: str, status: int, body: Any = None,
                 **request: Any) -> Any:
        response = self.client.request(method, path, json=filled(body), **request)
        assert response.status_code == status, (operation_id, response.status_code, response.text)
        entry = self.examples.setdefault(operation_id, {"responses": {}})
        if body is not None:
            entry.setdefault("request", body)  # the first: the example Swagger UI offers
        media = response.headers.get("content-type", "").split(";")[0] if response.content else ""
        if media == "application/json":
            answer = shortened(response.json())
        elif media.startswith("text/"):
            answer = "\n".join(response.text.splitlines()[:TEXT_LINES]) + "\n"
        else:
            answer = None  # a spreadsheet: binary, its schema says so
        if answer is not None:
            entry["responses"].setdefault(str(status), {})[media] = answer
        return response.json() if media == "application/json" else response


def example_body(operation_id: str) -> Any:
    """The body Swagger UI offers for the operation: its schema's first example."""
    document = app.openapi()
    for methods in document["paths"].values():
        for operation in methods.values():
            if operation["operationId"] == operation_id:
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]["examples"][0]
    raise KeyError(operation_id)


CHANGES = {"partner": {"name": "Borough Housing Trust Ltd"}, "theme": {"name": "Culture and leisure"},
           "funding_stream": {"most_contribution": "250000.00"}, "goal": {"weight": "2"},
           "intervention": {"capacity": "650000.00"}}
COLLECTIONS = {"partner": "partners", "theme": "themes", "funding_stream": "funding-streams", "goal": "goals",
               "intervention": "interventions"}
DEMO_KEYS = {"partner": "health", "theme": "cyp", "funding_stream": "health-public-health", "goal": "ni112",
             "intervention": "teen-preg-outreach"}


def register(call: Capture) -> None:
    """Each register collection: create its example, list, read a demo record, change and delete the new one."""
    for singular, plural in COLLECTIONS.items():
        created = call(f"create_{singular}", "POST", f"{DEMO}/{plural}", 201, example_body(f"create_{singular}"))
        call(f"list_{plural.replace('-', '_')}", "GET", f"{DEMO}/{plural}", 200)
        call(f"get_{singular}", "GET", f"{DEMO}/{plural}/{demo_id(singular, DEMO_KEYS[singular])}", 200)
        mine = f"{DEMO}/{plural}/{created['id']}"
        call(f"update_{singular}", "PATCH", mine, 200, CHANGES[singular], headers={"If-Match": '"v1"'})
        call(f"delete_{singular}", "DELETE", mine, 204, headers={"If-Match": '"v2"'})
    call("get_resource_map", "GET", f"{DEMO}/resource-map", 200, params=YEAR)
    call("get_resource_map", "GET", f"{DEMO}/resource-map", 200, params=YEAR, headers={"Accept": "text/csv"})


PERFORMANCE = {"observation": ("observations", {"note": "<why the figure changed>"},
                               "goal,partner,period,value,data_quality\nNI 112,Illustrative Primary Care Trust,"
                               "2010-11 Q3,41.2,Outturn\n"),
               "spend_actual": ("spend-actuals", {"amount": "18500.00"},
                                "intervention,partner,period,amount\n"
                                "Young people's contraception and sexual health outreach,"
                                "Illustrative Primary Care Trust,July 2010,\"£18,400.00\"\n")}


def performance(call: Capture) -> None:
    """Observations and actuals one at a time, in a batch and from a file (a dry run); then progress."""
    for singular, (plural, change, text) in PERFORMANCE.items():
        created = call(f"create_{singular}", "POST", f"{DEMO}/{plural}", 201, example_body(f"create_{singular}"))
        call(f"list_{plural.replace('-', '_')}", "GET", f"{DEMO}/{plural}", 200)
        mine = f"{DEMO}/{plural}/{created['id']}"
        call(f"get_{singular}", "GET", mine, 200)
        call(f"update_{singular}", "PATCH", mine, 200, change, headers={"If-Match": '"v1"'})
        call(f"delete_{singular}", "DELETE", mine, 204, headers={"If-Match": '"v2"'})
        batch = f"record_{plural.replace('-', '_')}"
        call(batch, "POST", f"{DEMO}/{plural.removesuffix('s')}-batches", 201, example_body(batch))
        call(f"import_{plural.replace('-', '_')}", "POST", f"{DEMO}/imports/{plural}", 200,
             params={"dry_run": "true"}, files={"file": (f"{plural}.csv", text.encode(), "text/csv")})
        call(f"export_{plural.replace('-', '_')}", "GET", f"{DEMO}/exports/{plural}", 200, headers={"Accept": XLSX})
        call(f"export_{plural.replace('-', '_')}", "GET", f"{DEMO}/exports/{plural}", 200,
             headers={"Accept": "text/csv"})
    call("get_progress", "GET", f"{DEMO}/progress", 200, params=YEAR)
    for layer in ("strategic", "executive", "operational"):
        path, asked = f"{DEMO}/reports/{layer}", {**YEAR, "as_of": "2009-10 Q2"}
        call(f"get_{layer}_report", "GET", path, 200, params=asked)
        for media in ("text/csv", "text/html"):
            call(f"get_{layer}_report", "GET", path, 200, params=asked, headers={"Accept": media})


def partnerships(call: Capture) -> None:
    created = call("create_partnership", "POST", "/v1/partnerships", 201, example_body("create_partnership"))
    call("list_partnerships", "GET", "/v1/partnerships", 200)
    call("get_partnership", "GET", DEMO, 200)
    mine = f"/v1/partnerships/{created['id']}"
    call("update_partnership", "PATCH", mine, 200, {"name": "Illustrative Borough Together"},
         headers={"If-Match": '"v1"'})
    call("delete_partnership", "DELETE", mine, 204, headers={"If-Match": '"v2"'})


def runs(call: Capture, engine: Any) -> dict[str, Any]:
    settings = get_settings()
    waited = settings.run_wait_seconds
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs(hold=True)  # every worker busy
    settings.run_wait_seconds = 0
    queued = call("create_run", "POST", f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs", 202)
    call("replay_run", "POST", f"{DEMO}/runs/{DEMO_RUN_ID}/replay", 202)
    with Session(engine) as session:  # a worker takes it: cancelling it is then a request to stop
        claims.begin(session, session.get_one(Run, uuid.UUID(queued["id"]), with_for_update=True), "worker@example")
    call("cancel_run", "POST", f"{DEMO}/runs/{queued['id']}/cancel", 202)
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs()
    settings.run_wait_seconds = waited
    held = call("create_run", "POST", f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs", 201)
    call("replay_run", "POST", f"{DEMO}/runs/{DEMO_RUN_ID}/replay", 201)
    call("list_runs", "GET", f"{DEMO}/runs", 200)
    call("get_run", "GET", f"{DEMO}/runs/{DEMO_RUN_ID}", 200)
    call("get_run", "GET", f"{DEMO}/runs/{DEMO_RUN_ID}", 200, headers={"Accept": "text/html"})
    call("get_run_allocation", "GET", f"{DEMO}/runs/{DEMO_RUN_ID}/allocation", 200)
    call("get_run_allocation", "GET", f"{DEMO}/runs/{DEMO_RUN_ID}/allocation", 200, headers={"Accept": "text/csv"})
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs(hold=True)
    waiting = call("create_run", "POST", f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs", 202)
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs()
    call("cancel_run", "POST", f"{DEMO}/runs/{waiting['id']}/cancel", 200)
    analyses(call, engine, held["id"])
    return held


def analyses(call: Capture, engine: Any, other_run: str) -> None:
    """The example comparison (the demo's run with itself), then one of another run, queued and cancelled."""
    under = f"{DEMO}/runs/{DEMO_RUN_ID}/analyses"
    done = call("create_analysis", "POST", under, 201, example_body("create_analysis"))
    call("list_analyses", "GET", under, 200)
    call("get_analysis", "GET", f"{under}/{done['id']}", 200)
    call("get_analysis", "GET", f"{under}/{done['id']}", 200, headers={"Accept": "text/csv"})
    settings = get_settings()
    waited, settings.run_wait_seconds = settings.run_wait_seconds, 0
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs(hold=True)
    queued = call("create_analysis", "POST", under, 202, {"kind": "comparison", "compared_with_run_id": other_run})
    with Session(engine) as session:
        claims.begin(session, session.get_one(Run, uuid.UUID(queued["id"]), with_for_update=True), "worker@example")
    call("cancel_analysis", "POST", f"{under}/{queued['id']}/cancel", 202)
    waiting = call("create_analysis", "POST", under, 202, {"kind": "comparison", "compared_with_run_id": other_run})
    call("cancel_analysis", "POST", f"{under}/{waiting['id']}/cancel", 200)
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs()
    settings.run_wait_seconds = waited


def scenarios(call: Capture) -> None:
    created = call("create_scenario", "POST", f"{DEMO}/scenarios", 201, example_body("create_scenario"))
    call("list_scenarios", "GET", f"{DEMO}/scenarios", 200)
    call("get_scenario", "GET", f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}", 200)
    mine = f"{DEMO}/scenarios/{created['id']}"
    call("update_scenario", "PATCH", mine, 200, {"description": "<what the scenario tries, in a sentence or two>"},
         headers={"If-Match": '"v1"'})
    call("delete_scenario", "DELETE", mine, 204, headers={"If-Match": '"v2"'})


IMPORTS = {
    "funding-streams": "partner,name,financial_year,amount,kind,arrangement,least_contribution,most_contribution,"
                       "themes\nIllustrative Borough Council,Youth offer,2009-10,\"£1,250,000.00\",mainstream,pooled,"
                       "\"£100,000\",900000,Children and young people\n",
    "goals": "theme,indicator_code,name,unit,polarity,baseline_value,baseline_year,target_value,target_year,"
             "weight,is_laa_target\nChildren and young people,NI 56,Obesity in Year 6,percent,lower_is_better,"
             "19.1,2008,18.0,2010-11,1,no\n",
    "interventions": "name,theme,lead_partner,capacity,goal,per_thousand\nHealthy schools,Children and young "
                     "people,Illustrative Borough Council,250000,NI 112,-0.001\n",
}


def access_and_imports(call: Capture) -> None:
    issued = call("create_api_key", "POST", f"{DEMO}/api-keys", 201, example_body("create_api_key"))
    call("list_api_keys", "GET", f"{DEMO}/api-keys", 200)
    call("revoke_api_key", "DELETE", f"{DEMO}/api-keys/{issued['id']}", 204, headers={"If-Match": "*"})
    call("list_audit_events", "GET", f"{DEMO}/audit-events", 200)
    call("list_audit_events", "GET", f"{DEMO}/audit-events", 200, headers={"Accept": "text/csv"})
    for kind, text in IMPORTS.items():
        operation = kind.replace("-", "_")
        call(f"import_{operation}", "POST", f"{DEMO}/imports/{kind}", 200,
             params={"dry_run": "true"}, files={"file": (f"{kind}.csv", text.encode(), "text/csv")})
        call(f"export_{operation}", "GET", f"{DEMO}/exports/{kind}", 200, headers={"Accept": XLSX})
        exported = call(f"export_{operation}", "GET", f"{DEMO}/exports/{kind}", 200, headers={"Accept": "text/csv"})
        header, first, *rest = exported.text.splitlines(keepends=True)
        if kind == "funding-streams":  # one cell edited: the dry run shows that change and leaves the rest alone
            first = re.sub(r",(\d+)\.00,", lambda m: f",{int(m[1]) + 1000}.00,", first, count=1)
        call(f"import_{operation}", "POST", f"{DEMO}/imports/{kind}", 200, params={"dry_run": "true"},
             files={"file": (f"{kind}.csv", (header + first + "".join(rest)).encode(), "text/csv")})


def proposals(call: Capture) -> None:
    """Two proposals of the demo's run: one agreed (every partner confirms, the board approves), one
    declined by a partner, withdrawn and a third rejected, so that every transition answers once."""
    def create() -> str:
        return call("create_proposal", "POST", f"{DEMO}/proposals", 201, example_body("create_proposal"))["id"]

    def act(action: str, proposal_id: str, body: Any = None) -> dict[str, Any]:
        operation = {"confirm": "confirm_proposal_contribution", "decline": "decline_proposal_contribution"}
        version = call.client.get(f"{DEMO}/proposals/{proposal_id}").json()["version"]
        return call(operation.get(action, f"{action}_proposal"), "POST", f"{DEMO}/proposals/{proposal_id}/{action}",
                    200, body, headers={"If-Match": f'"v{version}"'})

    agreed = create()
    for sign_off in act("submit", agreed)["sign_offs"]:
        act("confirm", agreed, {"partner_id": sign_off["partner_id"], "comment": COMMENT})
    act("approve", agreed, example_body("approve_proposal"))
    # declined from a later run of the default scenario, so that the revision's example offers the demo's run
    newer = next(r["id"] for r in call.client.get(f"{DEMO}/runs", params={"page_size": 200}).json()["items"]
                 if r["status"] == "optimal" and r["id"] != str(DEMO_RUN_ID))
    declined = call.client.post(f"{DEMO}/proposals", json=filled({**example_body("create_proposal"), "run_id": newer})
                                ).json()["id"]
    first = act("submit", declined)["sign_offs"][0]
    act("decline", declined, {"partner_id": first["partner_id"], "comment": COMMENT})
    version = call.client.get(f"{DEMO}/proposals/{declined}").json()["version"]
    call("revise_proposal", "POST", f"{DEMO}/proposals/{declined}/revise", 201, example_body("revise_proposal"),
         headers={"If-Match": f'"v{version}"'})
    act("withdraw", create())
    rejected = create()
    for sign_off in act("submit", rejected)["sign_offs"]:
        act("confirm", rejected, {"partner_id": sign_off["partner_id"], "comment": ""})
    act("reject", rejected, example_body("reject_proposal"))
    call("list_proposals", "GET", f"{DEMO}/proposals", 200)
    call("get_proposal", "GET", f"{DEMO}/proposals/{agreed}", 200)
    call("get_proposal", "GET", f"{DEMO}/proposals/{agreed}", 200, headers={"Accept": "text/html"})
    call("get_scrutiny_pack", "GET", f"{DEMO}/scrutiny-pack", 200, params=YEAR)
    call("get_scrutiny_pack", "GET", f"{DEMO}/scrutiny-pack", 200, params=YEAR, headers={"Accept": "text/csv"})
    call("get_scrutiny_pack", "GET", f"{DEMO}/scrutiny-pack", 200, params=YEAR, headers={"Accept": "text/html"})


def calendar(call: Capture) -> None:
    """The demo's year, a budget-setting date recorded and changed, and the dates listed."""
    call("set_budget_setting_date", "POST", f"{DEMO}/budget-dates", 201, example_body("set_budget_setting_date"))
    call("set_budget_setting_date", "POST", f"{DEMO}/budget-dates", 200,
         {**example_body("set_budget_setting_date"), "set_by": "2009-03-05"})
    call("list_budget_setting_dates", "GET", f"{DEMO}/budget-dates", 200)
    call("get_calendar", "GET", f"{DEMO}/calendar", 200, params={"year": "2009-10"})


def capture() -> dict[str, Any]:
    """Every operation's examples, captured on a fresh SQLite file seeded as `service seed-demo` does."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'examples.db'}")
        upgrade(engine)
        with Session(engine, expire_on_commit=False) as session:
            load_demo(session)
            solve_demo_run(session)
        app.dependency_overrides[get_engine] = lambda: engine
        try:
            with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
                call = Capture(client)
                for path in ("/livez", "/readyz", "/metrics"):
                    call(path.strip("/"), "GET", path, 200)
                partnerships(call)
                register(call)
                scenarios(call)
                runs(call, engine)
                access_and_imports(call)
                proposals(call)
                calendar(call)
                performance(call)
        finally:
            app.dependency_overrides.clear()
            engine.dispose()
    return dict(sorted(call.examples.items()))


if __name__ == "__main__":
    examples = capture()
    FILE.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(examples)} operations' examples written to {FILE}", file=sys.stderr)
