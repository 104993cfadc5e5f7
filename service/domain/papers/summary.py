"""The summary at the top of a paper: the answer's own summary (its sentence and facts) where it has one,
else the same facts read from the run's result (runs stored before summaries were)."""

from typing import Any

from service.domain.papers.document import Unit, shown

FUNDED_THRESHOLD = 75.0  # goals "at or above 75 % of target" count as on track


def of_run(body: dict[str, Any], laa: dict[str, bool]) -> tuple[list[str], list[tuple[str, str]]]:
    """Sentences and (label, value) facts for a run's (or a proposal's) answer, as JSON."""
    if body.get("summary"):
        return given(body["summary"], (body.get("result") or {}).get("joint_working") or {})
    result = body.get("result")
    if result is None or result.get("weighted_attainment") is None:
        reason = (result or {}).get("diagnosis") or [body.get("message") or f"The run is {body['status']}."]
        return list(reason), [("Status", body["status"])]
    goals = result["goals"]
    maximum = sum(g["weight"] for g in goals)
    on_track = [g for g in goals if (g["attainment_percent"] or 0) >= FUNDED_THRESHOLD]
    missed = [g for g in goals if laa.get(g["goal_id"]) and (g["attainment_percent"] or 0) < 100]
    joint = result.get("joint_working") or {}
    share = shown(100 * result["weighted_attainment"] / maximum, Unit.PERCENT)
    facts = [("Weighted attainment", f"{shown(result['weighted_attainment'], Unit.POINTS)} of a possible "
              f"{shown(maximum, Unit.POINTS)} points ({share})"),
             ("Goals at or above 75 % of target", f"{len(on_track)} of {len(goals)}"),
             ("LAA targets missed", ", ".join(f"{_code(g['name'])} ({shown(g['attainment_percent'], Unit.PERCENT)})"
                                               for g in missed) or "none"),
             ("Total allocated", shown(result["total_allocated"], Unit.MONEY))]
    if joint.get("attainment_gained") is not None:
        facts.append(("Pooling adds", f"{shown(joint['attainment_gained'], Unit.POINTS)} points"))
    if joint.get("money_saved") is not None:
        facts.append(("Pooling saves", shown(joint["money_saved"], Unit.MONEY)))
    sentence = (f"{facts[0][1]}; {facts[1][1]} goals at or above 75 % of target; "
                f"{len(missed)} LAA targets missed" + (f": {facts[2][1]}" if missed else "") + ".")
    return [sentence, *([joint["sentence"]] if joint.get("sentence") else [])], facts


def _code(name: str) -> str:
    """The indicator code a goal's name starts with (NI 186), or the name itself."""
    words = name.split(" ")
    return " ".join(words[:2]) if len(words) > 1 and words[0].isupper() else name


def given(summary: dict[str, Any], joint: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    """The answer's RunSummary: its sentence, then each fact it states, in the paper's units."""
    missed = ", ".join(f"{m['indicator_code']} ({shown(m['attainment_percent'], Unit.PERCENT)})"
                       for m in summary["laa_targets_missed"])
    facts = [("Weighted attainment", f"{shown(summary['weighted_attainment'], Unit.POINTS)} of a possible "
              f"{shown(summary['weighted_attainment_max'], Unit.POINTS)} points "
              f"({shown(summary['attainment_percent'], Unit.PERCENT)})"),
             (f"Goals at or above {summary['threshold_percent']:g} % of target",
              f"{summary['goals_at_or_above_threshold']} of {summary['goals_total']}"),
             ("LAA targets missed", f"{len(summary['laa_targets_missed'])} of {summary['laa_targets_total']}"
              + (f": {missed}" if missed else "")),
             ("Pooling adds", f"{shown(summary['pooling_gain_points'], Unit.POINTS)} points"
              if summary["pooling_gain_points"] is not None else summary["pooling_note"] or "–"),
             ("Pooling saves", shown(summary["pooling_saves"], Unit.MONEY) if summary["pooling_saves"] is not None
              else summary["pooling_note"] or "–"),
             ("Total allocated", shown(summary["total_allocated"], Unit.MONEY)),
             ("Interventions funded", f"{summary['interventions_funded']} of {summary['interventions_total']}")]
    return [summary["sentence"], *([joint["sentence"]] if joint.get("sentence") else []), summary["scale_note"]], facts
