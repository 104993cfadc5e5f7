"""Compare two runs: per goal (attainment), partner (contribution), funding stream and intervention
(money allocated), what this run has against the other, exactly to the penny and to 0.1 of a percent."""

import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from service.domain.common.money import format_pounds
from service.domain.models.findings import Change, Comparison
from service.domain.models.run import Run

PENCE = Decimal("0.01")
TENTH = Decimal("0.1")
KINDS = {"goal": "goal", "partner": "partner", "funding_stream": "funding stream", "intervention": "intervention"}


def inputs(this: Run, other: Run, names: dict[str, str]) -> dict[str, Any]:
    """What the comparison needs from each run, frozen with it: reports, lines and names."""
    def side(run: Run) -> dict[str, Any]:
        return {"run_id": str(run.id), "report": (run.result or {}).get("report") or {},
                "allocation": (run.result or {}).get("allocation") or []}
    return {"after": side(this), "before": side(other), "names": names}


def compare(frozen: dict[str, Any]) -> tuple[Comparison, list[str]]:
    before, after, names = frozen["before"], frozen["after"], frozen["names"]
    figures = {side: _figures(data) for side, data in (("before", before), ("after", after))}
    changes = []
    for kind in KINDS:
        b, a = figures["before"][kind], figures["after"][kind]
        rows = [_change(kind, key, names.get(key, key), b.get(key, Decimal(0)), a.get(key, Decimal(0)))
                for key in sorted(set(b) | set(a))]
        changes += sorted(rows, key=lambda c: (-abs(Decimal(c.change)), c.name))
    found = Comparison(
        run_id=uuid.UUID(after["run_id"]), compared_with_run_id=uuid.UUID(before["run_id"]),
        weighted_attainment_before=before["report"].get("weighted_attainment"),
        weighted_attainment_after=after["report"].get("weighted_attainment"),
        total_before=figures["before"]["total"], total_after=figures["after"]["total"], changes=changes)
    return found, _findings(found)


def _figures(side: dict[str, Any]) -> dict[str, Any]:
    report = side["report"]
    by: dict[str, dict[str, Decimal]] = {kind: defaultdict(Decimal) for kind in KINDS}
    for goal in report.get("goals", []):
        by["goal"][goal["goal_id"]] = Decimal(str(goal["attainment"])) * 100
    for partner in report.get("partners", []):
        by["partner"][partner["partner_id"]] = Decimal(partner["contribution"])
    total = Decimal("0.00")
    for line in side["allocation"]:
        amount = Decimal(line["amount"])
        by["funding_stream"][line["funding_stream_id"]] += amount
        by["intervention"][line["intervention_id"]] += amount
        total += amount
    return {**by, "total": total}


def _change(kind: str, key: str, name: str, before: Decimal, after: Decimal) -> Change:
    if kind == "goal":
        b, a = before.quantize(TENTH), after.quantize(TENTH)
        text = f"{name}: attainment {b} % to {a} % ({a - b:+} points)" if a != b else ""
        return Change(kind=kind, id=uuid.UUID(key), name=name, before=str(b), after=str(a), change=str(a - b),
                      sentence=text)
    b, a = before.quantize(PENCE), after.quantize(PENCE)
    verb = "contributes" if kind == "partner" else "gets" if kind == "intervention" else "gives"
    sign = "+" if a > b else "-"
    text = (f"{name} ({KINDS[kind]}) {verb} {format_pounds(a)} against {format_pounds(b)} "
            f"({sign}{format_pounds(abs(a - b))})") if a != b else ""
    return Change(kind=kind, id=uuid.UUID(key), name=name, before=str(b), after=str(a), change=str(a - b),
                  sentence=text)


def _findings(found: Comparison) -> list[str]:
    b, a = found.weighted_attainment_before, found.weighted_attainment_after
    headline = (f"Weighted attainment {a:.4g} against {b:.4g}; {format_pounds(found.total_after)} allocated "
                f"against {format_pounds(found.total_before)}." if a is not None and b is not None else
                "One of the two runs has no weighted attainment to compare.")
    moved = [c.sentence for c in found.changes if c.sentence]
    return [headline, *(moved or ["Nothing else changed: the two allocations are the same to the penny."])]
