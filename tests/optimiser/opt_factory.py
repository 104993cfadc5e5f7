"""Small builders for optimiser tests (money in pounds here, pence in the API)."""

from __future__ import annotations

from service.optimiser import Effect, Goal, Intervention, Partner, Problem, Stream, Tranche

K = 100_000  # pence per £1,000


def stream(key: str, partner: str, most_k: float, least_k: float = 0, themes: tuple[str, ...] = ()) -> Stream:
    return Stream(key, key.title(), partner, round(least_k * K), round(most_k * K), frozenset(themes))


def intervention(
    key: str,
    theme: str,
    lead: str,
    cap_k: float,
    minv_k: float = 0,
    committed_k: float = 0,
    tranches: tuple[tuple[float, float], ...] = (),
) -> Intervention:
    return Intervention(
        key,
        key.title(),
        theme,
        lead,
        round(minv_k * K),
        round(cap_k * K),
        round(committed_k * K),
        tuple(Tranche(round(w * K), m) for w, m in tranches),
    )


def goal(key: str, baseline: float, target: float, weight: float = 1.0, laa: bool = True) -> Goal:
    return Goal(key, key.upper(), baseline, target, weight, laa)


def problem(
    streams: list[Stream],
    ints: list[Intervention],
    goals: list[Goal],
    effects: list[tuple[str, str, float]],
    partners: tuple[str, ...] = ("council", "police"),
) -> Problem:
    themes = {i.theme: i.theme for i in ints} | {t: t for s in streams for t in s.themes}
    return Problem(
        tuple(Partner(p, p.title()) for p in partners),
        themes,
        tuple(streams),
        tuple(ints),
        tuple(goals),
        tuple(Effect(i, g, v) for i, g, v in effects),
    )


def funded(result: object, key: str) -> float:
    """Intervention total in £1,000."""
    return next(t.pence for t in result.intervention_totals if t.key == key) / K  # type: ignore[attr-defined]


def line(result: object, s: str, i: str) -> float:
    return sum(ln.pence for ln in result.lines if ln.stream == s and ln.intervention == i) / K  # type: ignore[attr-defined]
