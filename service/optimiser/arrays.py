"""Problem + Options -> sorted numpy arrays (the only place that walks the input objects).

Everything is sorted by key so that listing partners, streams or interventions in another order
yields the identical model. Money is pence here except where a name says otherwise; the model's money
unit (`Prepared.unit`, see `scales`) and the goals' attainment coefficients are fixed here too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .problem import Formulation, Intervention, Options, Problem, Tranche

THOUSAND = 100_000  # pence in £1,000: effects are given per £1,000
F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Prepared:
    partner_keys: tuple[str, ...]
    partner_names: tuple[str, ...]
    stream_keys: tuple[str, ...]
    stream_names: tuple[str, ...]
    stream_partner: I64
    least_p: I64  # pence after scaling (0 for excluded partners)
    most_p: I64
    theme_keys: tuple[str, ...]
    theme_names: tuple[str, ...]
    int_keys: tuple[str, ...]
    int_names: tuple[str, ...]
    int_theme: I64
    int_lead: I64  # -1 when the lead partner is not listed
    lo_p: I64  # committed / lock floor, raised to min viable when the intervention is forced on
    hi_p: I64  # capacity, or a fixed lock, or 0 when excluded / never viable
    cap_p: I64
    minv_p: I64
    committed_p: I64
    fixed_lock: B
    tr_int: I64
    tr_width: F64  # model money units
    tr_mult: F64
    goal_keys: tuple[str, ...]
    goal_names: tuple[str, ...]
    baseline: F64
    target: F64
    weight: F64
    span: F64  # |target - baseline|
    sign: F64  # +1 when higher is better
    eff_int: I64
    eff_goal: I64
    eff_val: F64  # raw per_thousand, indicator units
    elig: B  # streams x interventions
    group_of: I64  # intervention -> group
    pair_stream: I64  # model money variables: (stream, group) pairs
    pair_group: I64
    floor_theme: I64
    floor_share: F64
    req_goal: I64
    req_level: F64
    matched_cap: float | None
    beyond: float
    unit: float  # pence per model money unit (a power of ten)
    att_goal: I64  # attainment coefficients: goal, tranche, d a_g / d f[i,k] per model unit
    att_tranche: I64
    att_coef: F64
    goal_scale: F64  # the largest |coefficient| of each goal's row: the model's attainment unit
    objective_scale: float  # the largest weight x goal_scale: the model's objective unit

    @property
    def n_groups(self) -> int:
        return int(self.group_of.max(initial=-1)) + 1


def _index(keys: tuple[str, ...], wanted: list[str], what: str) -> I64:
    pos = {k: n for n, k in enumerate(keys)}
    missing = [w for w in wanted if w not in pos]
    if missing:
        raise ValueError(f"unknown {what}: {', '.join(sorted(set(missing))[:5])}")
    return np.fromiter((pos[w] for w in wanted), dtype=np.int64, count=len(wanted))


def _scaling(keys: tuple[str, ...], pairs: tuple[tuple[str, float], ...]) -> F64:
    out = np.ones(len(keys))
    found = dict(pairs)
    return out * np.array([found.get(k, 1.0) for k in keys]) if found else out


def money_unit(*amounts_pence: I64) -> float:
    """The model's money unit: a power of ten of pence putting the largest amount between 10^6 and 10^7
    units. Money data scaled by a power of ten then gives the same matrices, and the solver's
    feasibility tolerance (1e-7 units) stays below a thousandth of a penny for any budget under £100m."""
    largest = max((int(a.max(initial=0)) for a in amounts_pence), default=0)
    return 10.0 ** (int(np.floor(np.log10(max(largest, 1)))) - 6)


def attainment_coefficients(tr_int: I64, tr_mult: F64, eff_int: I64, eff_goal: I64, eff_val: F64,
                            sign: F64, span: F64, n_ints: int, unit: float) -> tuple[I64, I64, F64]:
    """(goal, tranche, d a_g / d f[i,k]) = sign_g * e[i,g] * m_k / |target_g - baseline_g| per model unit."""
    counts = np.bincount(tr_int, minlength=n_ints)
    start = np.r_[0, np.cumsum(counts)[:-1]]
    per = counts[eff_int]
    rep = np.repeat(np.arange(len(eff_int)), per)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(per) - per, per)
    k = start[eff_int][rep] + within
    g = eff_goal[rep]
    safe_span = np.where(span > 0, span, 1.0)
    return g, k, sign[g] * eff_val[rep] * tr_mult[k] / safe_span[g] * (unit / THOUSAND)


def scales(att_goal: I64, att_coef: F64, weight: F64, n_goals: int) -> tuple[F64, float]:
    """Row and objective scaling (see the optimiser's README): each goal's attainment is measured in units
    of its largest coefficient, so its row's coefficients lie in [-1, 1] whatever the target's distance;
    the objective is divided by its largest coefficient, so it lies in [-1, 0]."""
    goal_scale = np.zeros(n_goals)
    np.maximum.at(goal_scale, att_goal, np.abs(att_coef))
    goal_scale = np.where(goal_scale > 0, goal_scale, 1.0)
    top = float(np.max(weight * goal_scale, initial=0.0))
    return goal_scale, top if top > 0 else 1.0


def _tranches(ints: list[Intervention], cap_p: I64, unit: float) -> tuple[I64, F64, F64]:
    """Flatten tranches (none listed = one tranche at multiplier 1); widths are clipped to capacity
    and the last tranche continues up to capacity."""
    counts = np.array([max(len(i.tranches), 1) for i in ints], dtype=np.int64)
    flat = [(t.width_pence, t.multiplier) for i in ints for t in (i.tranches or (Tranche(0, 1.0),))]
    w = np.array([t[0] for t in flat], dtype=np.float64)
    m = np.array([t[1] for t in flat], dtype=np.float64)
    owner = np.repeat(np.arange(len(counts)), counts)
    if np.any((m < 0) | (m > 1)):
        raise ValueError("tranche multipliers must lie in [0, 1]")
    same = owner[1:] == owner[:-1]
    if np.any(same & (np.diff(m) > 1e-12)):
        raise ValueError("tranche multipliers must be non-increasing")
    last = np.r_[~same, True] if len(owner) else np.zeros(0, dtype=bool)
    before = np.cumsum(w) - w
    before -= np.repeat(before[np.r_[0, np.cumsum(counts)[:-1]]], counts) if len(owner) else 0.0
    upto = np.where(last, np.inf, before + w)
    cap = cap_p[owner].astype(np.float64)
    eff = np.clip(upto, 0, cap) - np.clip(before, 0, cap)
    return owner, eff / unit, m


def prepare(problem: Problem, options: Options) -> Prepared:
    partners = sorted(problem.partners, key=lambda p: p.key)
    streams = sorted(problem.streams, key=lambda s: s.key)
    ints = sorted(problem.interventions, key=lambda i: i.key)
    goals = sorted(problem.goals, key=lambda g: g.key)
    pkeys = tuple(p.key for p in partners)
    skeys = tuple(s.key for s in streams)
    ikeys = tuple(i.key for i in ints)
    gkeys = tuple(g.key for g in goals)
    tkeys = tuple(sorted(set(problem.themes) | {i.theme for i in ints}))
    s_part = _index(pkeys, [s.partner for s in streams], "partner")
    scale = _scaling(skeys, options.stream_scaling) * _scaling(pkeys, options.partner_scaling)[s_part]
    s_ok = ~np.isin(np.array(pkeys, dtype=object)[s_part], list(options.excluded_partners))
    least = np.where(s_ok, np.round(np.array([s.least_pence for s in streams]) * scale), 0).astype(np.int64)
    most = np.where(s_ok, np.round(np.array([s.most_pence for s in streams]) * scale), 0).astype(np.int64)
    i_theme = _index(tkeys, [i.theme for i in ints], "theme")
    ppos = {k: n for n, k in enumerate(pkeys)}
    i_lead = np.array([ppos.get(i.lead_partner, -1) for i in ints], dtype=np.int64)
    admit = np.zeros((len(streams), len(tkeys)), dtype=bool)
    for n, s in enumerate(streams):  # one row per stream: ring-fence -> themes
        admit[n, _index(tkeys, sorted(s.themes), "theme") if s.themes else slice(None)] = True
    i_ok = ~np.isin(np.array(ikeys, dtype=object), list(options.excluded_interventions))
    elig = admit[:, i_theme] & s_ok[:, None] & i_ok[None, :]
    if options.excluded_pairs:
        ex = sorted(p for p in options.excluded_pairs if p[0] in ppos and p[1] in set(ikeys))
        if ex:
            ep = _index(pkeys, [p for p, _ in ex], "partner")
            ei = _index(ikeys, [i for _, i in ex], "intervention")
            banned = np.zeros((len(pkeys), len(ikeys)), dtype=bool)
            banned[ep, ei] = True
            elig &= ~banned[s_part]
    if options.silo:
        elig &= s_part[:, None] == i_lead[None, :]
    cap = np.array([i.capacity_pence for i in ints], dtype=np.int64)
    minv = np.array([i.min_viable_pence for i in ints], dtype=np.int64)
    committed = np.array([i.committed_pence for i in ints], dtype=np.int64)
    lo, hi, fixed = committed.copy(), cap.copy(), np.zeros(len(ints), dtype=bool)
    if options.locks:
        li = _index(ikeys, [lk.intervention for lk in options.locks], "intervention")
        amt = np.array([lk.amount_pence for lk in options.locks], dtype=np.int64)
        fx = np.array([lk.kind == "fixed" for lk in options.locks], dtype=bool)
        np.maximum.at(lo, li, amt)
        hi[li[fx]] = amt[fx]
        lo[li[fx]] = amt[fx]
        fixed[li[fx]] = True
    lo = np.where(i_ok, lo, 0)
    hi = np.where(i_ok, hi, 0)
    lo = np.where(lo > 0, np.maximum(lo, minv), lo)
    hi = np.where((lo == 0) & (minv > hi), 0, hi)
    if len(ints) and options.formulation == Formulation.GROUPED:
        packed = np.ascontiguousarray(np.packbits(elig, axis=0).T)
        _, first, group_of = np.unique(packed, axis=0, return_index=True, return_inverse=True)
        # renumber groups by first member so numbering follows key order
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        group_of, first = rank[group_of.ravel()], first[order]
    else:
        group_of, first = np.arange(len(ints)), np.arange(len(ints))
    pair_stream, pair_group = np.nonzero(elig[:, first])
    unit = money_unit(least, most, cap, lo, hi)
    tr_int, tr_width, tr_mult = _tranches(ints, cap, unit)
    g_base = np.array([g.baseline for g in goals], dtype=np.float64)
    g_target = np.array([g.target for g in goals], dtype=np.float64)
    overrides = dict(options.weight_overrides)
    weight = np.array([overrides.get(g.key, g.weight) for g in goals], dtype=np.float64)
    eff = [e for e in problem.effects if e.per_thousand != 0]
    eff_int = _index(ikeys, [e.intervention for e in eff], "intervention")
    eff_goal = _index(gkeys, [e.goal for e in eff], "goal")
    eff_val = np.array([e.per_thousand for e in eff], dtype=np.float64)
    span, sign = np.abs(g_target - g_base), np.sign(g_target - g_base)
    att = attainment_coefficients(tr_int, tr_mult, eff_int, eff_goal, eff_val, sign, span, len(ints), unit)
    goal_scale, objective_scale = scales(att[0], att[2], weight, len(goals))
    floors = sorted(options.theme_floors)
    if options.required_attainment is None:
        req = [(g.key, 1.0) for g in goals if g.laa_target]
    else:
        req = sorted(options.required_attainment)
    return Prepared(
        partner_keys=pkeys,
        partner_names=tuple(p.name for p in partners),
        stream_keys=skeys,
        stream_names=tuple(s.name for s in streams),
        stream_partner=s_part,
        least_p=least,
        most_p=most,
        theme_keys=tkeys,
        theme_names=tuple(problem.themes.get(t, t) for t in tkeys),
        int_keys=ikeys,
        int_names=tuple(i.name for i in ints),
        int_theme=i_theme,
        int_lead=i_lead,
        lo_p=lo,
        hi_p=hi,
        cap_p=np.where(i_ok, cap, 0),
        minv_p=minv,
        committed_p=committed,
        fixed_lock=fixed,
        tr_int=tr_int,
        tr_width=tr_width,
        tr_mult=tr_mult,
        goal_keys=gkeys,
        goal_names=tuple(g.name for g in goals),
        baseline=g_base,
        target=g_target,
        weight=weight,
        span=span,
        sign=sign,
        eff_int=eff_int,
        eff_goal=eff_goal,
        eff_val=eff_val,
        elig=elig,
        group_of=np.asarray(group_of, dtype=np.int64),
        pair_stream=pair_stream.astype(np.int64),
        pair_group=pair_group.astype(np.int64),
        floor_theme=_index(tkeys, [t for t, _ in floors], "theme"),
        floor_share=np.array([s for _, s in floors], dtype=np.float64),
        req_goal=_index(gkeys, [g for g, _ in req], "goal"),
        req_level=np.array([v for _, v in req], dtype=np.float64),
        matched_cap=options.matched_cap,
        beyond=float(options.beyond_target_weight),
        unit=unit,
        att_goal=att[0],
        att_tranche=att[1],
        att_coef=att[2],
        goal_scale=goal_scale,
        objective_scale=objective_scale,
    )
