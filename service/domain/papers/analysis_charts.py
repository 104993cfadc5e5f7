"""Charts of the register and of a run's analyses: the resource map, the efficient frontier, robustness."""

from collections.abc import Sequence
from typing import Any

from service.domain.papers.charts import BLUE, GREEN, GREY, ORANGE, RED, millions, short
from service.domain.papers.document import Chart


def heat_map(cells: Sequence[dict[str, Any]], partners: Sequence[dict[str, Any]],
             themes: Sequence[dict[str, Any]]) -> Chart:
    """cells: partner_id, theme_id, may_use; partners and themes: id, name, in the map's order."""
    def draw(figure: Any) -> None:
        axes = figure.subplots()
        value = {(c["partner_id"], c["theme_id"]): millions(c["may_use"]) for c in cells}
        grid = [[value.get((p["id"], t["id"]), 0.0) for t in themes] for p in partners]
        image = axes.imshow(grid, cmap="Blues", aspect="auto")
        axes.set_xticks(range(len(themes)), [short(t["name"], 22) for t in themes], fontsize=7, rotation=20,
                        ha="right")
        axes.set_yticks(range(len(partners)), [short(p["name"], 36) for p in partners], fontsize=7)
        top = max((v for row in grid for v in row), default=0.0)
        for y, row in enumerate(grid):
            for x, cell in enumerate(row):
                axes.text(x, y, f"{cell:,.2f}", ha="center", va="center", fontsize=7,
                          color="white" if cell > top * 0.6 else "black")
        figure.colorbar(image, ax=axes, label="£ million")
    return Chart("resource_map", "Resource map: partner × theme", "What each partner's funding streams may "
                 "spend on each theme (most contributions whose ring-fence admits it), £ million.", list(cells), draw,
                 1.2 + 0.4 * len(partners))


def frontier(points: Sequence[dict[str, Any]], maximum: float, run_point: dict[str, Any] | None) -> Chart:
    """points: budget, weighted_attainment; run_point: the run's own total_allocated and weighted_attainment."""
    def draw(figure: Any) -> None:
        axes = figure.subplots()
        axes.plot([millions(p["budget"]) for p in points], [p["weighted_attainment"] for p in points],
                  marker="o", markersize=3, color=BLUE, label="the most attainment each budget buys")
        axes.axhline(maximum, color=GREEN, linestyle="--", linewidth=1, label=f"maximum possible ({maximum:g})")
        if run_point is not None:
            axes.plot([millions(run_point["total_allocated"])], [run_point["weighted_attainment"]], marker="*",
                      markersize=12, color=ORANGE, linestyle="none", label="this run")
        axes.set_xlabel("Pooled money, £ million")
        axes.set_ylabel("Weighted attainment points")
        axes.legend(fontsize=7, loc="lower right")
    return Chart("frontier", "The efficient frontier", "The most weighted attainment each amount of pooled money "
                 "could buy, from the frontier analysis of this run.", list(points), draw, 3.0)


def robustness(summary: Sequence[dict[str, Any]], interventions: Sequence[dict[str, Any]]) -> Chart:
    """summary: id, label, value (weighted points); interventions: intervention_id, intervention_name,
    funded_in_percent."""
    def draw(figure: Any) -> None:
        top, bottom = figure.subplots(2, 1, height_ratios=[1, 2.2])
        colours = [RED if "low" in r["id"] or "worst" in r["id"] else GREY if "percentile" in r["id"] else BLUE
                   for r in summary]
        top.barh([r["label"] for r in summary], [r["value"] for r in summary], color=colours)
        for index, row in enumerate(summary):
            top.text(row["value"], index, f" {row['value']:.2f}", va="center", fontsize=7)
        top.invert_yaxis()
        top.tick_params(axis="y", labelsize=7)
        top.set_xlabel("Weighted attainment points", fontsize=8)
        bottom.barh([short(r["intervention_name"], 48) for r in interventions],
                    [r["funded_in_percent"] for r in interventions], color=BLUE)
        bottom.invert_yaxis()
        bottom.set_xlim(0, 100)
        bottom.tick_params(axis="y", labelsize=6)
        bottom.set_xlabel("% of the random draws of the evidence in which it is funded", fontsize=8)
    return Chart("robustness", "Robustness", "The run's allocation at the ends of the evidence's ranges and over "
                 "random draws (top); how often each intervention is funded (bottom).",
                 [*summary, *interventions], draw, 2.6 + 0.2 * len(interventions))


def comparison(goals: Sequence[dict[str, Any]]) -> Chart:
    """goals: id, name, before and after (attainment, a percentage as a decimal string)."""
    def draw(figure: Any) -> None:
        axes = figure.subplots()
        positions = range(len(goals))
        axes.barh([p - 0.2 for p in positions], [float(g["before"]) for g in goals], height=0.4, color=GREY,
                  label="the other run (before)")
        axes.barh([p + 0.2 for p in positions], [float(g["after"]) for g in goals], height=0.4, color=BLUE,
                  label="this run (after)")
        axes.set_yticks(list(positions), [short(g["name"]) for g in goals], fontsize=7)
        axes.invert_yaxis()
        axes.axvline(100, color=GREEN, linewidth=1)
        axes.set_xlabel("Attainment: % of the way from baseline to target")
        axes.legend(fontsize=7, loc="lower center", ncols=2, bbox_to_anchor=(0.5, 1.0), frameon=False)
    return Chart("comparison", "Compared with another run: attainment by goal", "Each goal's attainment in the "
                 "other run (before) and in this one (after), from the comparison analysis of this run.",
                 list(goals), draw, 0.8 + 0.3 * len(goals))
