"""Freezing the register for a run, and turning the frozen copy into the optimiser's inputs.

The snapshot is plain JSON (money as pence integers, measured values as decimal strings), so a stored
run can be replayed exactly however the register changes later. Floats appear only when the snapshot
is handed to the optimiser.
"""

from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from service.domain.common.errors import Conflict
from service.domain.common.money import pence
from service.domain.models.funding import Arrangement, FundingStream
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner, Theme
from service.domain.models.scenario import Scenario, ScenarioOptions
from service.optimiser import problem as opt

SNAPSHOT_VERSION = 1


def freeze(session: Session, scenario: Scenario) -> dict[str, Any]:
    """The register as this scenario's run sees it: its year's shared streams, everything else whole."""
    pid = scenario.partnership_id

    def rows(table: Any) -> list[Any]:
        return list(session.exec(select(table).where(col(table.partnership_id) == pid)
                                 .order_by(col(table.id))).all())

    streams = [s for s in rows(FundingStream) if s.financial_year == scenario.financial_year
               and s.arrangement != Arrangement.NOT_SHARED]
    return {
        "version": SNAPSHOT_VERSION,
        "financial_year": scenario.financial_year,
        "mode": scenario.mode,
        "options": ScenarioOptions.model_validate(scenario.options).model_dump(mode="json"),
        "themes": [{"id": str(t.id), "name": t.name} for t in rows(Theme)],
        "partners": [{"id": str(p.id), "name": p.name} for p in rows(Partner)],
        "streams": [{"id": str(s.id), "name": s.name, "partner_id": str(s.partner_id),
                     "least": pence(s.least_contribution), "most": pence(s.most_contribution),
                     "theme_ids": sorted(str(t.id) for t in s.themes)} for s in streams],
        "goals": [{"id": str(g.id), "name": f"{g.indicator_code} {g.title}", "baseline": str(g.baseline_value),
                   "target": str(g.target_value), "weight": str(g.weight), "laa": g.is_laa_target}
                  for g in rows(Goal)],
        "interventions": [{
            "id": str(i.id), "name": i.title, "theme_id": str(i.theme_id),
            "lead_partner_id": str(i.lead_partner_id), "min_viable": pence(i.min_viable_funding),
            "capacity": pence(i.capacity), "committed": pence(i.committed_funding),
            "tranches": [[pence(t.width), str(t.multiplier)] for t in i.tranches],
            "effects": [[str(e.goal_id), str(e.per_thousand)] for e in i.effects],
        } for i in rows(Intervention)],
    }


def check_references(snap: dict[str, Any]) -> None:
    """Conflict when the scenario names records the register no longer has."""
    known = {kind: {item["id"] for item in snap[kind]}
             for kind in ("themes", "partners", "streams", "goals", "interventions")}
    o = snap["options"]
    wanted = {
        "themes": [f["theme_id"] for f in o["theme_floors"]],
        "partners": [*o["excluded_partner_ids"], *(x["partner_id"] for x in o["excluded_pairs"]),
                     *(x["partner_id"] for x in o["partner_scaling"])],
        "interventions": [*o["excluded_intervention_ids"], *(x["intervention_id"] for x in o["locks"]),
                          *(x["intervention_id"] for x in o["excluded_pairs"])],
        "goals": [*(x["goal_id"] for x in o["weight_overrides"]),
                  *(x["goal_id"] for x in o["required_attainment"] or [])],
        "streams": [x["funding_stream_id"] for x in o["stream_scaling"]],
    }
    missing = sorted({f"{kind[:-1]} {i}" for kind, ids in wanted.items() for i in ids
                      if i not in known[kind]})
    if missing:
        raise Conflict("The scenario names records that are not in this partnership's register "
                       f"for {snap['financial_year']}: {', '.join(missing)}.", extra={"missing": missing})


def to_problem(snap: dict[str, Any]) -> tuple[opt.Problem, opt.Options]:
    problem = opt.Problem(
        partners=tuple(opt.Partner(p["id"], p["name"]) for p in snap["partners"]),
        themes={t["id"]: t["name"] for t in snap["themes"]},
        streams=tuple(opt.Stream(s["id"], s["name"], s["partner_id"], s["least"], s["most"],
                                 frozenset(s["theme_ids"])) for s in snap["streams"]),
        interventions=tuple(opt.Intervention(
            i["id"], i["name"], i["theme_id"], i["lead_partner_id"], i["min_viable"], i["capacity"],
            i["committed"], tuple(opt.Tranche(w, float(m)) for w, m in i["tranches"]))
            for i in snap["interventions"]),
        goals=tuple(opt.Goal(g["id"], g["name"], float(g["baseline"]), float(g["target"]),
                             float(g["weight"]), g["laa"]) for g in snap["goals"]),
        effects=tuple(opt.Effect(i["id"], goal, float(value))
                      for i in snap["interventions"] for goal, value in i["effects"]),
    )
    return problem, _options(snap["mode"], snap["options"])


def _options(mode: str, o: dict[str, Any]) -> opt.Options:
    def pairs(items: list[dict[str, Any]], key: str, value: str) -> tuple[tuple[str, float], ...]:
        return tuple((x[key], float(x[value])) for x in items)

    required = o["required_attainment"]
    return opt.Options(
        mode=opt.Mode(mode),
        theme_floors=pairs(o["theme_floors"], "theme_id", "share"),
        matched_cap=None if o["matched_cap"] is None else float(o["matched_cap"]),
        locks=tuple(opt.Lock(x["intervention_id"], x["kind"], pence(Decimal(x["amount"])))
                    for x in o["locks"]),
        excluded_interventions=frozenset(o["excluded_intervention_ids"]),
        excluded_pairs=frozenset((x["partner_id"], x["intervention_id"]) for x in o["excluded_pairs"]),
        excluded_partners=frozenset(o["excluded_partner_ids"]),
        weight_overrides=pairs(o["weight_overrides"], "goal_id", "weight"),
        partner_scaling=pairs(o["partner_scaling"], "partner_id", "factor"),
        stream_scaling=pairs(o["stream_scaling"], "funding_stream_id", "factor"),
        beyond_target_weight=float(o["beyond_target_weight"]),
        required_attainment=None if required is None else pairs(required, "goal_id", "attainment"),
        time_limit_s=float(o["time_limit_seconds"]),
        mip_rel_gap=float(o["mip_rel_gap"]),
        algorithm=opt.Algorithm(o["algorithm"]),
        formulation=opt.Formulation(o["formulation"]),
    )


def size(snap: dict[str, Any]) -> int:
    """Stream x intervention pairs the full model could have: the measure problem-size limits use."""
    return len(snap["streams"]) * len(snap["interventions"])


