"""Near-optimal alternatives for a run's frozen scenario: within each tolerance of the optimum, the least
and most each partner could contribute and each theme receive, beside what the run gives, and the most
different allocation: the room partners have to negotiate."""

import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from service.domain.analyses.lines import totals
from service.domain.common.money import format_pounds, pounds
from service.domain.models.findings import Alternatives, Band, NamedIntervention, PartnerRoom, ThemeRoom
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import tidy
from service.optimiser import Status
from service.optimiser.alternatives import near_optimal

COLUMNS = ["tolerance_percent", "kind", "id", "name", "in_run", "least", "most"]


def inputs(analysed: Run, tolerances: list[float]) -> dict[str, Any]:
    return {"snapshot": analysed.snapshot, "tolerances_percent": tolerances,
            "partners": {k: str(v) for k, v in totals(analysed, "partner_id").items()},
            "interventions": {k: str(v) for k, v in totals(analysed, "intervention_id").items()}}


def alternatives(frozen: dict[str, Any]) -> tuple[Alternatives | None, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    tolerances = [t / 100 for t in frozen["tolerances_percent"]]
    found = near_optimal(problem, options, tuple(tolerances))
    if found.optimum is None or found.status != Status.OPTIMAL:
        return None, [f"No alternatives: {found.message}"], found.status
    names = snap.names()
    theme_of = {i.id: i.theme_id for i in snap.interventions}
    in_theme: dict[str, Decimal] = defaultdict(Decimal)
    for key, amount in frozen["interventions"].items():
        in_theme[theme_of[key]] += Decimal(amount)
    paid = {k: Decimal(v) for k, v in frozen["partners"].items()}
    bands = [_band(b, names, paid, in_theme) for b in found.bands]
    result = Alternatives(optimum=tidy(found.optimum), bands=bands)
    within = " and ".join(f"{t:g} %" for t in frozen["tolerances_percent"])
    head = (f"The optimum is {found.optimum:.3g} weighted points; within {within} of it, partners' contributions "
            "and themes' funding can move as follows.")
    return result, [head, *(b.sentence for b in bands)], Status.OPTIMAL


def _band(band: Any, names: dict[str, str], paid: dict[str, Decimal], in_theme: dict[str, Decimal]) -> Band:
    partners = [PartnerRoom(partner_id=uuid.UUID(r.key), partner_name=names[r.key],
                            in_run=paid.get(r.key, Decimal("0.00")), least=pounds(r.least_pence),
                            most=pounds(r.most_pence)) for r in band.partners]
    themes = [ThemeRoom(theme_id=uuid.UUID(r.key), theme_name=names.get(r.key, r.key),
                        in_run=in_theme.get(r.key, Decimal("0.00")), least=pounds(r.least_pence),
                        most=pounds(r.most_pence)) for r in band.themes]
    widest = max(partners, key=lambda r: r.most - r.least, default=None)
    told = (f": {widest.partner_name} could contribute from {format_pounds(widest.least)} to "
            f"{format_pounds(widest.most)} (the run: {format_pounds(widest.in_run)})" if widest else "")
    return Band(tolerance_percent=band.tolerance * 100, floor=tidy(band.floor), partners=partners, themes=themes,
                different_funded=[NamedIntervention(intervention_id=uuid.UUID(k), intervention_name=names[k])
                                  for k in band.different_funded],
                different_attainment=tidy(band.different_attainment),
                sentence=f"Within {band.tolerance * 100:g} % of the optimum (at least {band.floor:.3g} points)"
                         f"{told}.")


def csv_rows(result: Alternatives) -> list[dict[str, Any]]:
    rows = []
    for band in result.bands:
        for kind, rooms in (("partner", band.partners), ("theme", band.themes)):
            for room in rooms:
                data = room.model_dump(mode="json")
                rows.append({"tolerance_percent": band.tolerance_percent, "kind": kind,
                             "id": data.get("partner_id") or data.get("theme_id"),
                             "name": data.get("partner_name") or data.get("theme_name"),
                             "in_run": data["in_run"], "least": data["least"], "most": data["most"]})
    return rows
