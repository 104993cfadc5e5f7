"""Problem + Options -> `Prepared` (prepared.py): the only place that walks the input objects.

Everything is sorted by key so that listing partners, streams or interventions in another order
yields the identical model. Money is pence here except where a name says otherwise; the model's money
unit (`Prepared.unit`) and the goals' attainment coefficients come from scaling.py.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .prepared import (
    F64,
    I64,
    B,
    Effects,
    Floors,
    Goals,
    Interventions,
    Keyed,
    Pairs,
    Prepared,
    Required,
    Streams,
    Tranches,
)
from .problem import Formulation, Intervention, Options, Problem, Stream, Tranche
from .scaling import attainment_coefficients, money_unit, scales

SINGLE = (Tranche(0, 1.0),)  # no tranches listed: one, at full effect up to capacity


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


def _allowed(keys: tuple[str, ...], excluded: frozenset[str]) -> B:
    return ~np.isin(np.array(keys, dtype=object), list(excluded))


def _streams(streams: list[Stream], partners: Keyed, options: Options) -> Streams:
    """Streams with their partner's and their own scaling applied; excluded partners give nothing."""
    keys = tuple(s.key for s in streams)
    partner = _index(partners.keys, [s.partner for s in streams], "partner")
    scale = _scaling(keys, options.stream_scaling) * _scaling(partners.keys, options.partner_scaling)[partner]
    ok = _allowed(partners.keys, options.excluded_partners)[partner]
    least = np.where(ok, np.round(np.array([s.least_pence for s in streams]) * scale), 0).astype(np.int64)
    most = np.where(ok, np.round(np.array([s.most_pence for s in streams]) * scale), 0).astype(np.int64)
    return Streams(keys, tuple(s.name for s in streams), partner, least, most)


def _ring_fences(streams: list[Stream], themes: Keyed) -> B:
    """admit[s, t]: stream s may fund theme t (no ring-fence = every theme)."""
    admit = np.zeros((len(streams), len(themes)), dtype=bool)
    for n, s in enumerate(streams):  # one row per stream: ring-fence -> themes
        admit[n, _index(themes.keys, sorted(s.themes), "theme") if s.themes else slice(None)] = True
    return admit


def _interventions(ints: list[Intervention], cap: I64, partners: Keyed, themes: Keyed,
                   options: Options) -> Interventions:
    """Funding bounds after exclusions and locks: lo_p <= F[i] <= hi_p."""
    keys = tuple(i.key for i in ints)
    theme = _index(themes.keys, [i.theme for i in ints], "theme")
    ppos = {k: n for n, k in enumerate(partners.keys)}
    lead = np.array([ppos.get(i.lead_partner, -1) for i in ints], dtype=np.int64)
    ok = _allowed(keys, options.excluded_interventions)
    minv = np.array([i.min_viable_pence for i in ints], dtype=np.int64)
    committed = np.array([i.committed_pence for i in ints], dtype=np.int64)
    lo, hi, fixed = committed.copy(), cap.copy(), np.zeros(len(ints), dtype=bool)
    if options.locks:
        li = _index(keys, [lk.intervention for lk in options.locks], "intervention")
        amt = np.array([lk.amount_pence for lk in options.locks], dtype=np.int64)
        fx = np.array([lk.kind == "fixed" for lk in options.locks], dtype=bool)
        np.maximum.at(lo, li, amt)
        hi[li[fx]] = amt[fx]
        lo[li[fx]] = amt[fx]
        fixed[li[fx]] = True
    lo = np.where(ok, lo, 0)
    hi = np.where(ok, hi, 0)
    lo = np.where(lo > 0, np.maximum(lo, minv), lo)
    hi = np.where((lo == 0) & (minv > hi), 0, hi)
    return Interventions(keys, tuple(i.name for i in ints), theme, lead, lo, hi, np.where(ok, cap, 0), minv,
                         committed, fixed)


def _eligible(admit: B, streams: Streams, partners: Keyed, iv: Interventions, options: Options) -> B:
    """Stream s may fund intervention i when its ring-fence admits i's theme, neither its partner, i nor the
    (partner, i) pair is excluded, and in silos when partner(s) = lead(i)."""
    s_ok = _allowed(partners.keys, options.excluded_partners)[streams.partner]
    i_ok = _allowed(iv.keys, options.excluded_interventions)
    elig = admit[:, iv.theme] & s_ok[:, None] & i_ok[None, :]
    if options.excluded_pairs:
        known_p, known_i = set(partners.keys), set(iv.keys)
        ex = sorted(p for p in options.excluded_pairs if p[0] in known_p and p[1] in known_i)
        if ex:
            ep = _index(partners.keys, [p for p, _ in ex], "partner")
            ei = _index(iv.keys, [i for _, i in ex], "intervention")
            banned = np.zeros((len(partners), len(iv)), dtype=bool)
            banned[ep, ei] = True
            elig &= ~banned[streams.partner]
    if options.silo:
        elig &= streams.partner[:, None] == iv.lead[None, :]
    return elig


def _pairs(elig: B, formulation: Formulation) -> Pairs:
    """Groups (interventions with identical eligibility columns, numbered by first member) and the
    (stream, group) money pairs; in the full-pair formulation every intervention is its own group."""
    n_i = elig.shape[1]
    if n_i and formulation == Formulation.GROUPED:
        packed = np.ascontiguousarray(np.packbits(elig, axis=0).T)
        # one opaque value per column, so that np.unique sorts n_i items rather than rows lexicographically
        width = packed.shape[1]
        signature = packed.view(np.dtype((np.void, width))).ravel() if width else np.zeros(n_i, np.int8)
        _, first, group_of = np.unique(signature, return_index=True, return_inverse=True)
        # renumber groups by first member so numbering follows key order
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        group_of, first = rank[group_of.ravel()], first[order]
    else:
        group_of, first = np.arange(n_i), np.arange(n_i)
    pair_stream, pair_group = np.nonzero(elig[:, first])
    return Pairs(elig, np.asarray(group_of, dtype=np.int64), pair_stream.astype(np.int64),
                 pair_group.astype(np.int64))


def silo_of(p: Prepared, formulation: Formulation) -> Prepared:
    """The same prepared problem in silos: the eligibility masked to partner(s) = lead(i), regrouped, and
    without the rules only pooling makes. Everything else (money unit, tranches, attainment, scales) does not
    depend on who may fund what."""
    own = p.streams.partner[:, None] == p.interventions.lead[None, :]
    return without_pooling_rules(masked(p, own, formulation))


def without_pooling_rules(p: Prepared, pooling: B | None = None) -> Prepared:
    """No least contribution to a pool and no matched-funding cap, but for the streams `pooling` marks (a
    coalition's): in silos there is no pool to contribute to, or to cap."""
    pooled = np.zeros(len(p.streams), dtype=bool) if pooling is None else pooling
    return replace(p, streams=replace(p.streams, least_p=np.where(pooled, p.streams.least_p, 0)),
                   matched_cap=p.matched_cap if pooled.any() else None)


def masked(p: Prepared, allowed: B, formulation: Formulation) -> Prepared:
    """The same prepared problem with stream x intervention eligibility limited to `allowed`, regrouped."""
    return replace(p, pairs=_pairs(p.pairs.eligible & allowed, formulation))


def _tranches(ints: list[Intervention], cap_p: I64, unit: float) -> Tranches:
    """Flatten tranches (none listed = one tranche at multiplier 1); widths are clipped to capacity
    and the last tranche continues up to capacity."""
    counts = np.fromiter((max(len(i.tranches), 1) for i in ints), dtype=np.int64, count=len(ints))
    flat = [t for i in ints for t in (i.tranches or SINGLE)]
    w = np.fromiter((t.width_pence for t in flat), dtype=np.float64, count=len(flat))
    m = np.fromiter((t.multiplier for t in flat), dtype=np.float64, count=len(flat))
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
    return Tranches(owner, eff / unit, m)


def prepare(problem: Problem, options: Options) -> Prepared:
    partner_list = sorted(problem.partners, key=lambda p: p.key)
    stream_list = sorted(problem.streams, key=lambda s: s.key)
    ints = sorted(problem.interventions, key=lambda i: i.key)
    goal_list = sorted(problem.goals, key=lambda g: g.key)
    partners = Keyed(tuple(p.key for p in partner_list), tuple(p.name for p in partner_list))
    theme_keys = tuple(sorted(set(problem.themes) | {i.theme for i in ints}))
    themes = Keyed(theme_keys, tuple(problem.themes.get(t, t) for t in theme_keys))
    streams = _streams(stream_list, partners, options)
    admit = _ring_fences(stream_list, themes)
    cap = np.array([i.capacity_pence for i in ints], dtype=np.int64)
    interventions = _interventions(ints, cap, partners, themes, options)
    pairs = _pairs(_eligible(admit, streams, partners, interventions, options), options.formulation)
    unit = money_unit(streams.least_p, streams.most_p, cap, interventions.lo_p, interventions.hi_p)
    tranches = _tranches(ints, cap, unit)
    gkeys = tuple(g.key for g in goal_list)
    baseline = np.array([g.baseline for g in goal_list], dtype=np.float64)
    target = np.array([g.target for g in goal_list], dtype=np.float64)
    overrides = dict(options.weight_overrides)
    weight = np.array([overrides.get(g.key, g.weight) for g in goal_list], dtype=np.float64)
    eff = [e for e in problem.effects if e.per_thousand != 0]
    effects = Effects(_index(interventions.keys, [e.intervention for e in eff], "intervention"),
                      _index(gkeys, [e.goal for e in eff], "goal"),
                      np.array([e.per_thousand for e in eff], dtype=np.float64))
    span, sign = np.abs(target - baseline), np.sign(target - baseline)
    attainment = attainment_coefficients(tranches, effects, sign, span, len(ints), unit)
    goal_scale, objective_scale = scales(attainment, weight, len(goal_list))
    floors = sorted(options.theme_floors)
    if options.required_attainment is None:
        req = [(g.key, 1.0) for g in goal_list if g.laa_target]
    else:
        req = sorted(options.required_attainment)
    prepared = Prepared(
        partners=partners,
        streams=streams,
        themes=themes,
        interventions=interventions,
        tranches=tranches,
        goals=Goals(gkeys, tuple(g.name for g in goal_list), baseline, target, weight, span, sign, goal_scale),
        effects=effects,
        pairs=pairs,
        floors=Floors(_index(theme_keys, [t for t, _ in floors], "theme"),
                      np.array([s for _, s in floors], dtype=np.float64)),
        required=Required(_index(gkeys, [g for g, _ in req], "goal"), np.array([v for _, v in req], dtype=np.float64)),
        attainment=attainment,
        matched_cap=options.matched_cap,
        beyond=float(options.beyond_target_weight),
        unit=unit,
        objective_scale=objective_scale,
    )
    return without_pooling_rules(prepared) if options.silo else prepared
