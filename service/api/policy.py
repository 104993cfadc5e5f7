"""Who may call what: one row per operation, mapped to the Audit Commission's three layers.

`SERVICE_ADMIN` operations need a key bound to no partnership (the service administrator's).
Every operation must appear here; a test checks this against the OpenAPI document.
"""

from service.domain.models.access import Role

R = frozenset(Role)
SERVICE_ADMIN: frozenset[Role] = frozenset()  # no partnership-bound role suffices
ADMIN = frozenset({Role.ADMIN})
BOARD = frozenset({Role.STRATEGIC_BOARD})
EXECUTIVE = frozenset({Role.EXECUTIVE})
OPERATIONAL = frozenset({Role.OPERATIONAL})
FINANCE = frozenset({Role.PARTNER_FINANCE})
OVERSIGHT = frozenset({Role.SCRUTINY, Role.ADMIN, Role.STRATEGIC_BOARD})


def _crud(singular: str, plural: str, writers: frozenset[Role]) -> dict[str, frozenset[Role]]:
    return {f"list_{plural}": R, f"get_{singular}": R, f"create_{singular}": writers,
            f"update_{singular}": writers, f"delete_{singular}": writers}


POLICY: dict[str, frozenset[Role]] = {
    "create_partnership": SERVICE_ADMIN, "list_partnerships": R, "get_partnership": R,
    "update_partnership": ADMIN, "delete_partnership": ADMIN,
    **_crud("partner", "partners", ADMIN),
    **_crud("theme", "themes", ADMIN | BOARD),
    **_crud("funding_stream", "funding_streams", FINANCE),
    **_crud("goal", "goals", BOARD | EXECUTIVE),
    **_crud("intervention", "interventions", OPERATIONAL),
    **_crud("scenario", "scenarios", EXECUTIVE),
    **_crud("observation", "observations", EXECUTIVE | OPERATIONAL),
    "record_observations": EXECUTIVE | OPERATIONAL, "import_observations": EXECUTIVE | OPERATIONAL,
    **_crud("spend_actual", "spend_actuals", FINANCE | EXECUTIVE),
    "record_spend_actuals": FINANCE | EXECUTIVE, "import_spend_actuals": FINANCE | EXECUTIVE,
    "get_progress": R, "get_strategic_report": R, "get_executive_report": R, "get_operational_report": R,
    "get_resource_map": R,
    "create_run": EXECUTIVE, "replay_run": EXECUTIVE, "cancel_run": EXECUTIVE, "list_runs": R, "get_run": R,
    "get_run_allocation": R,
    "create_analysis": EXECUTIVE, "list_analyses": R, "get_analysis": R, "cancel_analysis": EXECUTIVE,
    "create_api_key": ADMIN, "list_api_keys": ADMIN, "revoke_api_key": ADMIN,
    "list_audit_events": OVERSIGHT,
    "create_proposal": EXECUTIVE, "list_proposals": R, "get_proposal": R, "submit_proposal": EXECUTIVE,
    "withdraw_proposal": EXECUTIVE, "confirm_proposal_contribution": FINANCE,
    "decline_proposal_contribution": FINANCE, "approve_proposal": BOARD, "reject_proposal": BOARD,
    "revise_proposal": EXECUTIVE,
    "get_scrutiny_pack": R,
    "get_calendar": R, "list_budget_setting_dates": R, "set_budget_setting_date": FINANCE,
    "import_funding_streams": FINANCE, "import_goals": BOARD | EXECUTIVE, "import_interventions": OPERATIONAL,
    "export_funding_streams": R, "export_goals": R, "export_interventions": R, "export_observations": R,
    "export_spend_actuals": R,
}
