"""Sections the papers share, built from JSON answers (model_dump(mode="json")) so every figure is the API's."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from service.domain.papers import charts
from service.domain.papers.document import Column, Row, Section, Table, Unit, shown

ZERO = Decimal("0.00")


def goals(outcomes: list[dict[str, Any]], laa: dict[str, bool], silo: list[dict[str, Any]] | None = None) -> Section:
    """A run's goals (GoalOutcome) beside whether each is a designated LAA target (the run's frozen inputs)
    and, when the run compared with silos, each goal's attainment in silos (SiloGoal)."""
    in_silos = {g["goal_id"]: g["attainment_percent"] for g in silo or []}
    rows = [Row(g["goal_id"], {**g, "laa": laa.get(g["goal_id"], False),
                               **({"silo_attainment_percent": in_silos.get(g["goal_id"])} if in_silos else {})})
            for g in outcomes]
    columns = [Column("name", "Goal"), Column("laa", "LAA target"), Column("weight", "Weight", Unit.MEASURE),
               Column("baseline", "Baseline", Unit.MEASURE), Column("projected", "Projected", Unit.MEASURE),
               Column("target", "Target", Unit.MEASURE), Column("attainment_percent", "Attainment", Unit.PERCENT)]
    if in_silos:
        columns.append(Column("silo_attainment_percent", "Attainment in silos", Unit.PERCENT))
    table = Table("goals", "Goals: baseline, projected and target, in each indicator's own units", columns, rows)
    chart = charts.goals([{"id": r.id, "name": r.values["name"], "laa": r.values["laa"],
                           "attainment_percent": r.values["attainment_percent"],
                           **({"silo_attainment_percent": r.values["silo_attainment_percent"]} if in_silos else {})}
                          for r in rows])
    missed = [r.values["name"].split(" ")[0] + " " + r.values["name"].split(" ")[1] for r in rows
              if r.values["laa"] and r.values["attainment_percent"] < 100]
    said = f"LAA targets not yet met: {', '.join(missed)}." if missed else "Every LAA target is met."
    return Section("Goals", [said], [chart, table])


def joint(result: dict[str, Any], maximum: float | None) -> Section:
    """The value of joint working (JointWorkingValue) beside the run's own totals."""
    found = result.get("joint_working") or {}
    marks = [("pooled_attainment", "Pooled attainment", Unit.POINTS, charts.BLUE),
             ("silo_attainment", "Silo attainment", Unit.POINTS, charts.GREY),
             ("attainment_gained", "Attainment pooling adds", Unit.POINTS, charts.GREEN),
             ("silo_spend", "Silo spend", Unit.MONEY, charts.GREY),
             ("pooled_money_for_silo_attainment", "Pooled money for the silo attainment", Unit.MONEY, charts.BLUE),
             ("money_saved", "Money pooling saves", Unit.MONEY, charts.GREEN)]
    rows = [Row(field, {"label": label, "value": found.get(field)}, {"value": unit}) for field, label, unit, _ in marks]
    rows.append(Row("total_allocated", {"label": "Total allocated pooled", "value": result["total_allocated"]},
                    {"value": Unit.MONEY}))
    if maximum is not None:
        rows.insert(0, Row("maximum", {"label": "Most possible", "value": maximum}, {"value": Unit.POINTS}))
    colours = {field: colour for field, _, _, colour in marks}
    drawn = [{"id": r.id, "label": r.values["label"], "value": r.values["value"],
              "colour": colours.get(r.id, charts.GREEN),
              "unit": "money" if r.units["value"] == Unit.MONEY else "points"}
             for r in rows if r.id not in ("attainment_gained", "money_saved")]
    table = Table("joint_working", "The value of joint working", [Column("label", "Measure"),
                                                                  Column("value", "Value", Unit.POINTS)], rows)
    return Section("Pooled against silo", [found.get("sentence", "No comparison with silos.")],
                   [charts.joint(drawn), table])


def shares(rows: list[dict[str, Any]], note: str) -> Section:
    """rows: id, name, contribution, share_of_money_percent, share_of_attainment_percent, shapley_share_percent."""
    columns = [Column("name", "Partner"), Column("contribution", "Contribution", Unit.MONEY),
               Column("share_of_money_percent", "Share of the money", Unit.PERCENT),
               Column("share_of_attainment_percent", "Share of attainment", Unit.PERCENT)]
    if any(r.get("shapley_share_percent") is not None for r in rows):
        columns.append(Column("shapley_share_percent", "Shapley share of the gain", Unit.PERCENT))
    table = Table("shares", "Each partner's money and attainment", columns, [Row(r["id"], r) for r in rows])
    return Section("Who pays and who benefits", [note], [charts.shares(rows), table])


def money(lines: list[dict[str, Any]], themes: list[dict[str, Any]]) -> Section:
    """lines: allocation lines with partner_id, partner, intervention_id, intervention, theme_id, amount."""
    by_partner: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    by_intervention: dict[str, Decimal] = defaultdict(Decimal)
    by_theme: dict[str, Decimal] = defaultdict(Decimal)
    names: dict[str, str] = {}
    for line in lines:
        amount = Decimal(line["amount"])
        by_partner[line["partner_id"], line["theme_id"]] += amount
        by_intervention[line["intervention_id"]] += amount
        by_theme[line["theme_id"]] += amount
        names |= {line["partner_id"]: line["partner"], line["intervention_id"]: line["intervention"]}
    theme_of = {line["intervention_id"]: line["theme_id"] for line in lines}
    theme_name = {t["id"]: t["name"] for t in themes}
    partners = sorted({p for p, _ in by_partner}, key=lambda p: -sum(v for (q, _), v in by_partner.items() if q == p))
    stacked = [{"partner_id": p, "partner": names[p], "theme_id": t, "amount": str(by_partner[p, t])}
               for p in partners for t in theme_name if (p, t) in by_partner]
    funded = sorted(by_intervention, key=lambda i: (theme_name[theme_of[i]], -by_intervention[i]))
    bars = [{"intervention_id": i, "intervention": names[i], "theme_id": theme_of[i], "amount": str(by_intervention[i])}
            for i in funded]
    used = [t for t in themes if t["id"] in by_theme]
    table = Table("by_intervention", "Money by theme and intervention", [
        Column("theme", "Theme"), Column("intervention", "Intervention"), Column("amount", "Amount", Unit.MONEY)],
        [Row(b["intervention_id"], {**b, "theme": theme_name[b["theme_id"]]}) for b in bars],
        total=Row("total", {"theme": "Total", "amount": str(sum(by_intervention.values(), ZERO))}))
    themed = Table("by_theme", "Money by theme", [Column("name", "Theme"), Column("amount", "Amount", Unit.MONEY)],
                   [Row(t["id"], {"name": t["name"], "amount": str(by_theme[t["id"]])}) for t in used])
    return Section("Where the money goes", [], [charts.money(stacked, bars, used), themed, table])


def lines_table(lines: list[dict[str, Any]], total: str) -> Section:
    table = Table("lines", "Allocation lines: funding stream → intervention", [
        Column("funding_stream", "Funding stream"), Column("partner", "Partner"),
        Column("intervention", "Intervention"), Column("amount", "Amount", Unit.MONEY)],
        [Row(f"{line['funding_stream_id']}/{line['intervention_id']}", line) for line in lines],
        total=Row("total", {"funding_stream": "Total", "amount": total}))
    return Section("The allocation in full", [], [table])


def shown_money(amount: str) -> str:
    return shown(amount, Unit.MONEY)
