"""Turn a rounded allocation and the duals of the optimising LP into goal, partner and shadow-price
reports with plain-English sentences. Shadow prices are marginal values ("£1,000 more would add ..."),
never attributions."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .arrays import prepare
from .ceilings import price_ceilings
from .checks import tranche_fill
from .highs import Solution
from .model import Model
from .prepared import F64, THOUSAND, Prepared
from .problem import Options, Problem
from .result import Binding, Contribution, GoalResult, PartnerResult, PriceKind, ShadowPrice
from .rounding import Allocation

TOP = 5
TINY = 1e-9


def money(pence: int | float) -> str:
    return f"£{pence / 100:,.2f}"


def ordered_tranches(p: Prepared, int_pence: np.ndarray) -> F64:
    """Fill every intervention's tranches in order (model units): the funding the reported effects assume."""
    return tranche_fill(p, int_pence / p.unit)


def goal_reports(p: Prepared, alloc: Allocation) -> tuple[tuple[GoalResult, ...], float]:
    """Delta_g = sum_{i,k} e[i,g] m_k f[i,k] (indicator units); attainment = min(1, sign_g Delta_g / span_g)."""
    f = ordered_tranches(p, alloc.int_pence) * (p.unit / THOUSAND)  # £1,000s, the effects' unit
    ef, gl = p.effects, p.goals
    eff_money = np.bincount(p.tranches.intervention, weights=f * p.tranches.mult, minlength=len(p.interventions))
    contrib = ef.val * eff_money[ef.intervention]
    delta = np.bincount(ef.goal, weights=contrib, minlength=len(gl))
    span = np.where(gl.span > 0, gl.span, 1.0)
    ratio = gl.sign * delta / span
    att = np.minimum(1.0, ratio)
    beyond = np.maximum(0.0, ratio - 1.0) if p.beyond > 0 else np.zeros_like(ratio)
    objective = float(np.sum(gl.weight * (att + p.beyond * beyond)))
    order = np.lexsort((ef.intervention, -gl.sign[ef.goal] * contrib, ef.goal))
    rank = np.arange(len(order)) - np.searchsorted(ef.goal[order], ef.goal[order])
    keep = order[(rank < TOP) & (contrib[order] != 0)]
    tops: list[list[Contribution]] = [[] for _ in gl.keys]
    for e in keep:  # at most TOP per goal: report records, not model entries
        tops[ef.goal[e]].append(Contribution(p.interventions.keys[ef.intervention[e]], float(contrib[e])))
    goals = tuple(
        GoalResult(k, n, float(b), float(b + d), float(t), float(w), float(a), tuple(c))
        for k, n, b, d, t, w, a, c in zip(
            gl.keys, gl.names, gl.baseline, delta, gl.target, gl.weight, att, tops, strict=True
        )
    )
    return goals, objective


def attainment_by_intervention(problem: Problem, options: Options,
                               funding_pence: Mapping[str, int]) -> tuple[dict[str, float], dict[str, float]]:
    """What a given funding of interventions achieves, by the model's own arithmetic: each intervention's
    weighted attainment (its central effects for its money, tranches filled in order, over each goal's
    distance to target, times the goal's weight), each goal's contributions scaled down together where the
    goal would pass its target; and each goal's attainment (at most 1)."""
    p = prepare(problem, options)
    F = np.array([funding_pence.get(key, 0) for key in p.interventions.keys], dtype=np.float64) / p.unit
    f = tranche_fill(p, F)
    att = p.attainment
    gain = att.coef * f[att.tranche]
    ratio = np.bincount(att.goal, weights=gain, minlength=len(p.goals))
    scale = np.where(ratio > 1.0, 1.0 / np.where(ratio > 1.0, ratio, 1.0), 1.0)
    points = np.bincount(p.tranches.intervention[att.tranche], weights=gain * (p.goals.weight * scale)[att.goal],
                         minlength=len(p.interventions))
    attained = {k: float(min(1.0, r)) for k, r, span in zip(p.goals.keys, ratio, p.goals.span, strict=True) if span > 0}
    return {k: float(v) for k, v in zip(p.interventions.keys, points, strict=True)}, attained


def partner_reports(p: Prepared, alloc: Allocation) -> tuple[PartnerResult, ...]:
    n_p = len(p.partners)
    given = np.bincount(p.streams.partner, weights=alloc.stream_pence, minlength=n_p).astype(np.int64)
    most = np.bincount(p.streams.partner, weights=p.streams.most_p, minlength=n_p).astype(np.int64)
    total = max(alloc.total, 1)
    return tuple(
        PartnerResult(k, n, int(g), int(m - g), float(g / total))
        for k, n, g, m in zip(p.partners.keys, p.partners.names, given, most, strict=True)
    )


def shadow_prices(p: Prepared, m: Model, sol: Solution, maximise: bool,
                  alloc: Allocation | None = None) -> tuple[ShadowPrice, ...]:
    """d objective / d bound per £1,000. Partner most = the best of its streams' (the extra £1,000 can go to
    whichever stream is worth most). In maximise mode a stream's or a capacity's price is capped by what the
    money could buy (checks.price_ceilings): a dual of a degenerate solve may claim more than relaxing
    the limit would change."""
    if sol.dual_hi is None or sol.dual_lo is None or sol.dual_ub is None:
        return ()
    # duals are per model money unit in the model's objective unit (model.py): back to per £1,000 of the
    # data's own weighted attainment, or of pooled money in least-cost mode
    sgn = (-p.objective_scale * THOUSAND / p.unit) if maximise else 1.0
    rs = m.rows["stream"]
    most = sgn * sol.dual_hi[rs]
    least = sgn * sol.dual_lo[rs]
    # capacity is the F bound and the last tranche's width: the LP may put its dual on either
    cap = sol.dual_ub[m.lay.F].copy()
    last = np.flatnonzero(p.tranches.last[m.lay.f_tr])  # a single tranche is F itself
    np.add.at(cap, p.tranches.intervention[m.lay.f_tr[last]], sol.dual_ub[m.lay.f][last])
    vr = m.rows["viable"]
    n_b = len(m.lay.bin_int)
    if n_b and m.stage.fixed_integers is not None:
        b = np.round(np.asarray(m.stage.fixed_integers)[:n_b])
        np.add.at(cap, m.lay.bin_int, sol.dual_hi[vr.start : vr.start + n_b] * b)
    cap = sgn * np.where(p.interventions.fixed_lock, 0.0, cap)
    if maximise and alloc is not None:
        stream_ceiling, capacity_ceiling = price_ceilings(p, alloc.stream_pence, alloc.int_pence,
                                                          (alloc.line_stream, alloc.line_int))
        most = np.clip(most, 0.0, stream_ceiling)
        cap = np.clip(cap, 0.0, capacity_ceiling)
    floor = sgn * sol.dual_lo[m.rows["floor"]]
    # No partner's total: it is the sum of its streams' most, so raising it alone buys nothing; the
    # streams' own prices say where more of the partner's money would go.
    rows = [(PriceKind.STREAM_MOST, k, n, b, v) for k, n, b, v in
            zip(p.streams.keys, p.streams.names, p.streams.most_p.tolist(), most.tolist(), strict=True)]
    rows += [(PriceKind.STREAM_LEAST, k, n, b, v)
             for k, n, b, v in zip(p.streams.keys, p.streams.names, p.streams.least_p.tolist(), least.tolist(),
                                   strict=True) if b > 0]
    rows += [(PriceKind.CAPACITY, k, n, b, v) for k, n, b, v in
             zip(p.interventions.keys, p.interventions.names, p.interventions.hi_p.tolist(), cap.tolist(), strict=True)]
    rows += [(PriceKind.THEME_FLOOR, p.themes.keys[t], p.themes.names[t], 0, v)
             for t, v in zip(p.floors.theme.tolist(), floor.tolist(), strict=True)]
    maximum = float(p.goals.weight.sum())
    return tuple(ShadowPrice(kind, k, n, b, v, _words(kind, n, b, v, maximise, maximum)) for kind, k, n, b, v in rows)


_WHAT = {
    "partner_most": "most",
    "stream_most": "most",
    "stream_least": "least contribution",
    "capacity": "capacity",
    "theme_floor": "floor share",
}


def sentence(price: ShadowPrice, maximise: bool, maximum: float) -> str:
    """The price in words, per £1m (a readable scale) and against the most weighted attainment possible:
    "Police's most (£2,000,000.00) is binding: £1m more would add 0.43 of 26 weighted points"."""
    return _words(price.kind, price.name, price.bound_pence, price.per_thousand, maximise, maximum)


def _words(kind: str, name: str, bound_pence: int, per_thousand: float, maximise: bool, maximum: float) -> str:
    bound = f" ({money(bound_pence)})" if kind != "theme_floor" else ""
    what = f"{name}{chr(39) if name.endswith('s') else chr(39) + 's'} {_WHAT[kind]}{bound}"
    v = per_thousand * 1000  # per £1m: points, or (least cost) pooled pounds per £1,000 of the limit
    if abs(per_thousand) <= TINY:
        return f"{what} is not binding: more or less of it would change nothing"
    more = "£1m more in-theme funding required" if kind == "theme_floor" else "£1m more"
    if maximise:
        effect = f"would {'add' if v > 0 else 'cost'} {abs(v):.3g} of {maximum:.3g} weighted attainment points"
    else:
        effect = f"would {'raise' if v > 0 else 'lower'} the pooled money needed by {money(abs(v) * THOUSAND)}"
    return f"{what} is binding: {more} {effect}"  # THOUSAND: pence in £1,000


def binding(prices: tuple[ShadowPrice, ...], maximise: bool) -> tuple[Binding, ...]:
    """The limits whose price is not zero, one record per reported bound (not per model entry)."""
    return tuple(Binding(sp_.kind, sp_.key, sp_.name, sp_.bound_pence, sp_.per_thousand, sp_.sentence)
                 for sp_ in prices if abs(sp_.per_thousand) > TINY)
