"""Fair shares of the pooling gain for a run's frozen scenario, beside what each partner pays in the run:
whether what partners put in reflects what they bring."""

import uuid
from decimal import Decimal
from typing import Any

from service.domain.common.money import format_pounds, pence
from service.domain.models.findings import BlockingCoalition, CoalitionGain, FairShares, PartnerShare
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import percent, tidy
from service.optimiser import Status
from service.optimiser.explain import attainment_by_intervention
from service.optimiser.shapley import fair_shares

COLUMNS = ["partner_id", "partner_name", "contribution", "share_of_money_percent", "attainment_attributed",
           "shapley", "shapley_low", "shapley_high", "share_of_gain_percent", "sentence"]


def inputs(analysed: Run, seed: int) -> dict[str, Any]:
    found = analysed.result or {}
    partners = (found.get("report") or {}).get("partners", [])
    return {"snapshot": analysed.snapshot, "seed": seed,
            "contributions": {p["partner_id"]: p["contribution"] for p in partners},
            "lines": [(line["partner_id"], line["intervention_id"], line["amount"])
                      for line in found.get("allocation", [])]}


def attributed(problem: Any, options: Any, lines: list[tuple[str, str, str]]) -> dict[str, float]:
    """Each partner's share of the allocation's weighted attainment: each intervention's points shared among
    its funders by their share of its money."""
    money: dict[str, Decimal] = {}
    by: dict[tuple[str, str], Decimal] = {}
    for partner, intervention, amount in lines:
        money[intervention] = money.get(intervention, Decimal(0)) + Decimal(amount)
        by[partner, intervention] = by.get((partner, intervention), Decimal(0)) + Decimal(amount)
    points, _ = attainment_by_intervention(problem, options, {k: pence(v) for k, v in money.items()})
    out: dict[str, float] = {}
    for (partner, intervention), given in by.items():
        out[partner] = out.get(partner, 0.0) + points.get(intervention, 0.0) * float(given / money[intervention])
    return out


def shares(frozen: dict[str, Any]) -> tuple[FairShares | None, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    found = fair_shares(problem, options, seed=frozen["seed"])
    if found.silo is None or found.pooled is None:
        return None, [f"No fair shares: {found.message}"], found.status
    names, paid = snap.names(), {k: Decimal(v) for k, v in frozen["contributions"].items()}
    total, gain = sum(paid.values(), Decimal(0)), found.pooled - found.silo
    points = attributed(problem, options, [(a, b, c) for a, b, c in frozen.get("lines", [])])
    partners = [_share(s, names[s.partner], paid.get(s.partner, Decimal("0.00")), total, gain,
                       points.get(s.partner, 0.0)) for s in found.shares]
    coalitions = [CoalitionGain(partner_ids=[uuid.UUID(k) for k in keys], partner_names=[names[k] for k in keys],
                                gain=tidy(v)) for keys, v in found.coalitions]
    blocking = [BlockingCoalition(
        partner_ids=[uuid.UUID(k) for k in b.partners], partner_names=[names[k] for k in b.partners],
        gain=tidy(b.gain), shares=tidy(b.shares),
        sentence=f"{' and '.join(names[k] for k in b.partners)} would gain {b.gain:.3g} points pooling on their "
                 f"own, more than the {b.shares:.3g} their fair shares give them.") for b in found.blocking]
    result = FairShares(exact=found.exact, seed=None if found.exact else frozen["seed"],
                        silo_attainment=tidy(found.silo), pooled_attainment=tidy(found.pooled), gain=tidy(gain),
                        partners=partners, coalitions=coalitions, blocking=blocking)
    head = (f"Pooling adds {gain:.3g} weighted points ({found.silo:.3g} in silos, {found.pooled:.3g} pooled), "
            f"shared fairly (Shapley values{'' if found.exact else ', sampled: 95 % intervals'}) as below.")
    return result, [head, *(p.sentence for p in partners), *(b.sentence for b in blocking)], Status.OPTIMAL


def _share(share: Any, name: str, paid: Decimal, total: Decimal, gain: float, points: float) -> PartnerShare:
    money = float(paid / total) if total else 0.0
    of_gain = share.shapley / gain if gain > 0 else None
    told = f"{percent(of_gain)} % of the gain" if of_gain is not None else "no share of a gain"
    return PartnerShare(
        partner_id=uuid.UUID(share.partner), partner_name=name, contribution=paid,
        share_of_money_percent=percent(money), shapley=tidy(share.shapley), shapley_low=tidy(share.low),
        shapley_high=tidy(share.high), share_of_gain_percent=None if of_gain is None else percent(of_gain),
        attainment_attributed=tidy(points),
        sentence=f"{name} pays {format_pounds(paid)} ({percent(money)} % of the money), is attributed {points:.3g} "
                 f"weighted points for it, and brings {told}.")


def csv_rows(result: FairShares) -> list[dict[str, Any]]:
    return [p.model_dump(mode="json") for p in result.partners]
