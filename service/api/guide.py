"""What the OpenAPI document tells a person reading it in Swagger UI: its sections in the order a finance
officer works, what every enum value means, and the financial years the data holds."""

from typing import Any

from service.api import glossary
from service.domain.demo.data import DEMO

# The register first, then what is done with it, in the order of the year's work; the rest after.
TAGS: list[tuple[str, str]] = [
    ("Partnerships", "The Local Strategic Partnership whose money is mapped. Start here: the demo partnership's "
                     "id is filled in throughout, so every \"Try it out\" works against the demo as it stands."),
    ("Partners", "The bodies in the partnership (council, health, police ...) that bring money to it."),
    ("Themes", "The Sustainable Community Strategy's themes, which goals belong to and money may be "
               "ring-fenced to."),
    ("Funding streams", "Each partner's money for a year: how much, what kind, whether it is pooled or aligned, "
                        "the least and most it will put in, and the themes it may fund."),
    ("Goals", "The outcome goals, such as the Local Area Agreement's targets: baseline, target and weight."),
    ("Interventions", "What money can buy: each intervention's cost, capacity and effect on the goals."),
    ("Spreadsheets", "The register both ways: export funding streams, goals or interventions as CSV or XLSX, "
                     "edit, and import the file back (CSV or XLSX) to add and change records, checked row by row "
                     "(dry_run shows what would be created, changed and left alone)."),
    ("Resource map", "Each partner's money for a year by kind, arrangement and theme: the map the Audit "
                     "Commission asks for, as JSON, CSV or XLSX."),
    ("Calendar", "The partnership's financial years with their quarters and months, each partner's own year, "
                 "streams apportioned between years by days, and each partner's budget-setting dates."),
    ("Scenarios", "What-if settings for one financial year: the mode, theme floors, locks, exclusions, weight "
                  "overrides, budget scaling and the solver's limits."),
    ("Runs", "A scenario optimised against the register as it stood: the allocation, attainment against each "
             "goal, the explanation and the comparison with silos."),
    ("Proposals", "A run's allocation put to the partners' finance officers for sign-off and to the strategic "
                  "board for its decision."),
    ("Scrutiny", "The year's pack for the overview and scrutiny committee: the agreed allocation, targets, "
                 "sign-offs outstanding and the audit trail's changes."),
    ("Indicator observations", "What each goal's indicator was in a period, who reported it and how final "
                               "it is: one at a time, or in batches (JSON, CSV, XLSX) stored whole or not at all."),
    ("Spend actuals", "What each partner spent on each intervention in a period, the same ways."),
    ("Progress", "Each goal against its trajectory (red, amber, green, and a forecast), and spend against the "
                 "agreed allocation, with the pool's over- and underspends."),
    ("Reports", "The three layers' reports for a period: strategic (outcomes by theme, LAA targets), executive "
                "(spend and outputs against the allocation, exceptions only) and operational (every "
                "intervention), as JSON, CSV, XLSX or a board paper."),
    ("Analyses", "Further questions about a run: comparison with another run, the efficient frontier, fair "
                 "shares, robustness, alternatives, weights and a change in one partner's contribution."),
    ("API keys", "Keys for people and systems, each acting with one role in one partnership."),
    ("Audit trail", "Every change to the register, scenarios, runs, proposals and keys: who, when, before "
                    "and after."),
    ("Health", "For operations staff and monitoring: liveness, readiness and Prometheus metrics."),
]
PARTNERSHIP = {"partnership_id": "$request.path.partnership_id"}
NEW_ID = "$response.body#/id"
RUN_LINKS = {
    "get_run": {"operationId": "get_run", "parameters": {**PARTNERSHIP, "run_id": NEW_ID},
                "description": "Read the run (its status resource): run_id is this answer's id."},
    "get_run_allocation": {"operationId": "get_run_allocation", "parameters": {**PARTNERSHIP, "run_id": NEW_ID},
                           "description": "Its allocation's lines, once it has finished."},
    "create_proposal": {"operationId": "create_proposal", "description": "Propose its allocation: send this "
                        "answer's id as run_id."},
}
# Where the id in an answer goes next, so that nobody has to guess which field to copy where.
LINKS: dict[str, dict[str, dict[str, Any]]] = {
    "create_scenario": {"201": {"create_run": {
        "operationId": "create_run", "parameters": {**PARTNERSHIP, "scenario_id": NEW_ID},
        "description": "Run the new scenario: scenario_id is this answer's id."}}},
    "create_run": {"201": RUN_LINKS, "202": RUN_LINKS},
    "replay_run": {"201": RUN_LINKS, "202": RUN_LINKS},
    "create_proposal": {"201": {"submit_proposal": {
        "operationId": "submit_proposal", "parameters": {**PARTNERSHIP, "proposal_id": NEW_ID},
        "description": "Send it to the partners: proposal_id is this answer's id (If-Match: \"v1\")."}}},
    "create_analysis": dict.fromkeys(("201", "202"), {"get_analysis": {
        "operationId": "get_analysis",
        "parameters": {**PARTNERSHIP, "run_id": "$request.path.run_id", "analysis_id": NEW_ID},
        "description": "Read the analysis: analysis_id is this answer's id."}}),
}
FINANCIAL_YEAR_RULE = "Written as 2009-10: the year it starts, a hyphen and the next year's last two digits."


def demo_years() -> list[str]:
    """The financial years the demo's money is for (the register's years are the ones runs can use)."""
    return sorted({DEMO["financial_year"]} | {stream["financial_year"] for stream in DEMO["funding_streams"]})


def order_by_tags(document: dict[str, Any]) -> None:
    """The document's tags with their descriptions, and its paths grouped in the same order (Swagger UI
    shows sections in the order of `tags`; a generated client reads paths in document order)."""
    position = {name: index for index, (name, _) in enumerate(TAGS)}
    document["tags"] = [{"name": name, "description": description} for name, description in TAGS]

    def first_tag(item: tuple[str, dict[str, Any]]) -> int:
        # an untagged operation (none in the service; a test may add one) sorts last
        return min((position.get(tag, len(TAGS)) for operation in item[1].values()
                    for tag in operation.get("tags", [])), default=len(TAGS))

    document["paths"] = dict(sorted(document["paths"].items(), key=first_tag))


def describe_enums(schemas: dict[str, Any]) -> None:
    """Each enum's description: its own sentence (unless that only listed the values), then every value
    with what it means."""
    for name, schema in schemas.items():
        meanings = glossary.ENUMS.get(name)
        if "enum" not in schema or meanings is None:
            continue
        intro = schema.get("description", "")
        if all(f"`{value}`" in intro for value in schema["enum"]):
            intro = ""
        values = "\n".join(f"- `{value}`: {meanings[value]}" for value in schema["enum"])
        schema["description"] = f"{intro}\n\n{values}".strip()


def link_answers(operation: dict[str, Any]) -> None:
    for status, links in LINKS.get(operation["operationId"], {}).items():
        operation["responses"][status]["links"] = links


def offer_years(operation: dict[str, Any]) -> None:
    """A financial year parameter offers the years the demo has money for, and says how to write one."""
    for parameter in operation.get("parameters", []):
        if parameter["name"] != "financial_year":
            continue
        if "2009-10" not in parameter.get("description", ""):
            parameter["description"] = f"{parameter.get('description', '')}. {FINANCIAL_YEAR_RULE}".lstrip(". ")
        parameter.pop("example", None)
        parameter["examples"] = {year: {"summary": f"{year}, the demo's year", "value": year}
                                 for year in demo_years()}
