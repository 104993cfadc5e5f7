"""The scrutiny pack as a workbook: a summary, then one sheet per section with readable headers, money in
pounds, shares as percentages and totals rows."""

from decimal import Decimal

from service.domain.scrutiny.report import ScrutinyPack
from service.domain.spreadsheets.exports import Figure, Row, Sheet
from service.domain.spreadsheets.workbook import POINTS, POUNDS

HEADERS = {"item": "Item", "value": "Value", "note": "Note", "theme": "Theme", "indicator_code": "Indicator",
           "goal": "Goal", "unit": "Unit", "weight": "Weight", "baseline": "Baseline", "baseline_year": "Baseline year",
           "target": "Target", "target_year": "Target year", "laa": "LAA target",
           "attainment": "Attainment in the agreed allocation", "changed_by": "Last changed by",
           "changed_at": "Last changed (UTC)", "at": "When (UTC)", "by": "By", "role": "Role",
           "weight_from": "Weight from", "weight_to": "Weight to", "intervention": "Intervention",
           "amount": "Amount (£)", "scenario": "Scenario", "mode": "Mode", "status": "Status",
           "weighted_attainment": "Weighted attainment (points)", "total_allocated": "Total allocated (£)",
           "started_at": "Started (UTC)", "finished_at": "Finished (UTC)", "partner": "Partner",
           "contribution": "Contribution (£)", "share_of_contribution": "Share of the contribution",
           "attainment_attributed": "Weighted points attributed", "share_of_attainment": "Share of the attainment",
           "proposal": "Proposal", "submitted_at": "Submitted (UTC)", "decided_by": "Decided by",
           "decided_at": "Decided (UTC)", "comment": "Comment"}
MONEY = frozenset({"amount", "total_allocated", "contribution"})
PERCENTS = frozenset({"attainment", "share_of_contribution", "share_of_attainment"})


def _sheet(title: str, columns: list[str], rows: list[Row], totals: int = 0) -> Sheet:
    return Sheet(title, columns, rows, MONEY & set(columns), PERCENTS & set(columns),
                 {c: HEADERS[c] for c in columns}, frozenset(range(len(rows) - totals, len(rows))))


def scrutiny_sheets(pack: ScrutinyPack) -> list[Sheet]:
    return [_summary(pack), _themes(pack), _goals(pack), _weight_changes(pack), _agreed(pack), _runs(pack),
            _partners(pack), _sign_offs(pack)]


def _summary(pack: ScrutinyPack) -> Sheet:
    agreed = pack.agreed_proposal
    rows: list[Row] = [{"item": "Financial year", "value": pack.financial_year},
                       {"item": "Drawn up", "value": pack.generated_at},
                       {"item": "Agreed proposal", "value": agreed.title if agreed else "None agreed yet"},
                       {"item": "Agreed total", "value": Figure(agreed.total if agreed else None, POUNDS)},
                       {"item": "Weighted attainment of the agreed allocation (points)",
                        "value": Figure(pack.weighted_attainment, POINTS)},
                       {"item": "Runs considered", "value": len(pack.runs)},
                       {"item": "Sign-offs outstanding", "value": len(pack.outstanding_sign_offs)},
                       {"item": "How attainment is attributed", "note": pack.attribution}]
    if agreed is not None:
        rows.insert(3, {"item": "Approved by", "value": agreed.approved_by or "", "note": agreed.reason or ""})
    return _sheet("Summary", ["item", "value", "note"], rows)


def _themes(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"theme": t.name, "amount": t.agreed_amount, "goal": len(t.goals)} for t in pack.themes]
    rows.append({"theme": "Total", "amount": sum((t.agreed_amount for t in pack.themes), Decimal("0.00")),
                 "goal": sum(len(t.goals) for t in pack.themes)})
    sheet = _sheet("Themes", ["theme", "amount", "goal"], rows, totals=1)
    return Sheet(sheet.title, sheet.columns, sheet.rows, sheet.money, sheet.percent,
                 {**sheet.headers, "goal": "Goals"}, sheet.totals)


def _goals(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"theme": t.name, "indicator_code": g.indicator_code, "goal": g.title, "unit": g.unit,
                        "weight": g.weight, "baseline": g.baseline_value, "baseline_year": g.baseline_year,
                        "target": g.target_value, "target_year": g.target_year,
                        "laa": "Yes" if g.is_laa_target else "No", "attainment": g.attainment_in_agreed_allocation,
                        "changed_by": g.last_changed_by or "", "changed_at": g.last_changed_at}
                       for t in pack.themes for g in t.goals]
    return _sheet("Goals", ["theme", "indicator_code", "goal", "unit", "weight", "baseline", "baseline_year",
                            "target", "target_year", "laa", "attainment", "changed_by", "changed_at"], rows)


def _weight_changes(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"theme": t.name, "indicator_code": g.indicator_code, "goal": g.title, "at": c.at,
                        "by": c.by, "role": c.role, "weight_from": c.weight_from, "weight_to": c.weight_to}
                       for t in pack.themes for g in t.goals for c in g.weight_changes]
    return _sheet("Weight changes", ["theme", "indicator_code", "goal", "at", "by", "role", "weight_from",
                                     "weight_to"], rows)


def _agreed(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"theme": t.name, "intervention": i.intervention, "amount": i.amount}
                       for t in pack.themes for i in t.agreed_interventions]
    rows.append({"theme": "Total", "amount": sum((i.amount for t in pack.themes for i in t.agreed_interventions),
                                                 Decimal("0.00"))})
    return _sheet("Agreed allocation", ["theme", "intervention", "amount"], rows, totals=1)


def _runs(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"scenario": r.scenario_name, "mode": r.mode, "status": r.status,
                        "weighted_attainment": Figure(r.weighted_attainment, POINTS),
                        "total_allocated": r.total_allocated, "started_at": r.started_at,
                        "finished_at": r.finished_at} for r in pack.runs]
    return _sheet("Runs", ["scenario", "mode", "status", "weighted_attainment", "total_allocated", "started_at",
                           "finished_at"], rows)


def _partners(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = [{"partner": p.partner, "contribution": p.contribution,
                        "share_of_contribution": p.share_of_contribution,
                        "attainment_attributed": Figure(p.attainment_attributed, POINTS),
                        "share_of_attainment": p.share_of_attainment} for p in pack.partners]
    attributed = [p.attainment_attributed for p in pack.partners if p.attainment_attributed is not None]
    rows.append({"partner": "Total", "contribution": sum((p.contribution for p in pack.partners), Decimal("0.00")),
                 "share_of_contribution": sum(p.share_of_contribution for p in pack.partners),
                 "attainment_attributed": Figure(sum(attributed) if attributed else None, POINTS)})
    return _sheet("Partners", ["partner", "contribution", "share_of_contribution", "attainment_attributed",
                               "share_of_attainment"], rows, totals=1)


def _sign_offs(pack: ScrutinyPack) -> Sheet:
    rows: list[Row] = []
    if pack.agreed_proposal is not None:
        rows += [{"proposal": pack.agreed_proposal.title, "partner": s.partner_name, "contribution": s.contribution,
                  "status": str(s.status), "decided_by": s.decided_by or "", "decided_at": s.decided_at,
                  "comment": s.comment} for s in pack.agreed_proposal.sign_offs]
    rows += [{"proposal": s.proposal_title, "partner": s.partner, "contribution": s.contribution,
              "status": "pending", "submitted_at": s.submitted_at} for s in pack.outstanding_sign_offs]
    return _sheet("Sign-offs", ["proposal", "partner", "contribution", "status", "submitted_at", "decided_by",
                                "decided_at", "comment"], rows)
