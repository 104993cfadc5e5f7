"""The papers' charts: each a Chart holding the figures it draws (as the JSON has them) and how to draw them.

Drawn with matplotlib on a bare Figure (no pyplot, no display); render.py turns one into SVG or PNG.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from service.domain.papers.document import Chart

BLUE, GREY, ORANGE, GREEN, RED = "#1f5f99", "#9aa5b1", "#d97706", "#2e7d32", "#b3261e"
PALETTE = ["#1f5f99", "#d97706", "#2e7d32", "#7b3fa0", "#b3261e", "#00838f", "#8d6e63", "#c2185b", "#607d8b"]


def millions(amount: Any) -> float:
    return float(Decimal(str(amount)) / 1_000_000)


def short(name: str, length: int = 42) -> str:
    return name if len(name) <= length else name[: length - 1] + "…"


def goals(rows: Sequence[dict[str, Any]]) -> Chart:
    """rows: id, name, attainment_percent, laa, and silo_attainment_percent when the run compared with silos."""
    silo = [r.get("silo_attainment_percent") for r in rows]

    def draw(figure: Any) -> None:
        axes = figure.subplots()
        labels = [("LAA  " if r["laa"] else "") + short(r["name"]) for r in rows]
        values = [r["attainment_percent"] for r in rows]
        axes.barh(labels, values, color=[ORANGE if r["laa"] else BLUE for r in rows])
        if any(v is not None for v in silo):
            axes.scatter([v for v in silo if v is not None], [i for i, v in enumerate(silo) if v is not None],
                         marker="D", s=18, color="black", zorder=3, label="in silos")
        axes.axvline(100, color=GREEN, linewidth=1.5, label="target (100 %)")
        axes.axvline(0, color="black", linewidth=0.8)
        for index, value in enumerate(values):  # a column of figures right of the target line
            axes.text(102, index, f"{value:.1f} %", va="center", fontsize=7)
        axes.set_xlim(min(0.0, *values, *(v for v in silo if v is not None)) - 2, 114)
        axes.invert_yaxis()
        axes.set_xlabel("Attainment: % of the way from baseline (0 %) to target (100 %)")
        axes.tick_params(axis="y", labelsize=7)
        axes.legend(handles=[*axes.get_legend_handles_labels()[0], _patch(ORANGE, "LAA target"),
                             _patch(BLUE, "other goal")], fontsize=7, loc="lower center", ncols=4,
                    bbox_to_anchor=(0.5, 1.0), frameon=False)
    said = " The black diamond is the goal's attainment in silos." if any(v is not None for v in silo) else ""
    return Chart("goals", "Attainment by goal", "Each goal's projected value as a share of the way from its "
                 "baseline to its target; LAA targets in orange." + said, list(rows), draw, 0.6 + 0.28 * len(rows))


def joint(rows: Sequence[dict[str, Any]]) -> Chart:
    """rows: id (pooled_attainment, silo_attainment, maximum, silo_spend, pooled_money_for_silo_attainment,
    total_allocated), label, value; attainment rows first."""
    points = [r for r in rows if r["unit"] == "points" and r["value"] is not None]
    money = [r for r in rows if r["unit"] == "money" and r["value"] is not None]

    def draw(figure: Any) -> None:
        left, right = figure.subplots(1, 2)
        for axes, marks, unit in ((left, points, "points"), (right, money, "£m")):
            values = [float(r["value"]) if unit == "points" else millions(r["value"]) for r in marks]
            axes.bar([r["label"].replace(" ", "\n", 2) for r in marks], values,
                     color=[r.get("colour", BLUE) for r in marks])
            for index, value in enumerate(values):
                axes.text(index, value, f"{value:,.2f}", ha="center", va="bottom", fontsize=7)
            axes.set_ylabel("Weighted attainment points" if unit == "points" else "£ million")
            axes.tick_params(axis="x", labelsize=7)
        left.set_title("Attainment", fontsize=9)
        right.set_title("Money", fontsize=9)
    return Chart("joint", "Pooled against silo", "Weighted attainment pooled and in silos (left); what the silos "
                 "spend beside what pooling needs for the same attainment (right).", list(rows), draw, 3.0)


def shares(rows: Sequence[dict[str, Any]]) -> Chart:
    """rows: id, name, share_of_money_percent, share_of_attainment_percent, and shapley_share_percent if known."""
    series = [("share_of_money_percent", "share of the money", BLUE),
              ("share_of_attainment_percent", "share of attainment (attributed)", ORANGE)]
    if any(r.get("shapley_share_percent") is not None for r in rows):
        series.append(("shapley_share_percent", "Shapley fair share of the pooling gain", GREEN))

    def draw(figure: Any) -> None:
        axes = figure.subplots()
        height = 0.8 / len(series)
        for offset, (field, label, colour) in enumerate(series):
            positions = [i + (offset - (len(series) - 1) / 2) * height for i in range(len(rows))]
            axes.barh(positions, [r.get(field) or 0 for r in rows], height=height, color=colour, label=label)
        axes.set_yticks(range(len(rows)), [short(r["name"], 36) for r in rows], fontsize=7)
        axes.invert_yaxis()
        axes.set_xlabel("%")
        axes.legend(fontsize=7, loc="lower right")
    return Chart("shares", "Who pays and who benefits", "Each partner's share of the money beside its share of the "
                 "attainment its money buys" + (" and its Shapley fair share" if len(series) == 3 else "") + ".",
                 list(rows), draw, 0.8 + 0.45 * len(rows))


def money(by_partner: Sequence[dict[str, Any]], by_intervention: Sequence[dict[str, Any]],
          themes: Sequence[dict[str, Any]]) -> Chart:
    """by_partner: partner_id, partner, theme_id, amount; by_intervention: intervention_id, intervention,
    theme_id, amount; themes: id, name (their colours in order)."""
    colour = {t["id"]: PALETTE[i % len(PALETTE)] for i, t in enumerate(themes)}

    def draw(figure: Any) -> None:
        top, bottom = figure.subplots(2, 1, height_ratios=[1, 2.2])
        partners = list(dict.fromkeys(r["partner"] for r in by_partner))
        left = dict.fromkeys(partners, 0.0)
        for theme in themes:
            marks = [r for r in by_partner if r["theme_id"] == theme["id"]]
            widths = [millions(r["amount"]) for r in marks]
            top.barh([short(r["partner"], 36) for r in marks], widths, left=[left[r["partner"]] for r in marks],
                     color=colour[theme["id"]], label=short(theme["name"], 40))
            for r, width in zip(marks, widths, strict=True):
                left[r["partner"]] += width
        top.invert_yaxis()
        top.set_xlabel("£ million from each partner, by theme", fontsize=8)
        top.tick_params(axis="y", labelsize=7)
        top.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        bottom.barh([short(r["intervention"], 48) for r in by_intervention],
                    [millions(r["amount"]) for r in by_intervention],
                    color=[colour[r["theme_id"]] for r in by_intervention])
        bottom.invert_yaxis()
        bottom.set_xlabel("£ million to each intervention, coloured by its theme", fontsize=8)
        bottom.tick_params(axis="y", labelsize=6)
    return Chart("money", "Where the money goes", "Partner → theme (top) → intervention (bottom).",
                 [*by_partner, *by_intervention], draw, 2.5 + 0.2 * len(by_intervention))


def _patch(colour: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(color=colour, label=label)
