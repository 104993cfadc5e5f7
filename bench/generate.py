"""Seeded synthetic partnerships: ring-fenced streams, themed interventions, sparse effects.

Regimes (`REGIMES`): `saturated` is the original instance, where every goal reaches its target and the silo
comparison is infeasible (committed funding on interventions their lead partner has no stream for). The
others are siloable: committed funding sits only where the lead partner has a stream admitting the
intervention's theme and is never excluded from it, and a partner's least contributions fit what its own
interventions can take. `out_of_reach` has effects a tenth as large (targets far beyond the budgets);
`tight25` and `tight10` cut every budget to 25 % and 10 %.
"""

from __future__ import annotations

import numpy as np

from service.optimiser import Effect, Goal, Intervention, Options, Partner, Problem, Stream, Tranche

THEMES = ("cyp", "safety", "health", "economy", "environment", "housing", "older", "communities")
SIZES = {  # partners, interventions, goals
    "small": (10, 50, 20),
    "medium": (30, 500, 100),
    "large": (100, 5_000, 300),
    "xlarge": (200, 20_000, 1_000),
}


REGIMES = {  # siloable, effect multiplier, budget multiplier
    "saturated": (False, 1.0, 1.0),
    "out_of_reach": (True, 0.1, 1.0),
    "tight25": (True, 1.0, 0.25),
    "tight10": (True, 1.0, 0.10),
}


def instance(size: str, seed: int = 7, integers: bool = True, regime: str = "saturated") -> tuple[Problem, Options]:
    siloable, reach, budget = REGIMES[regime]
    fix = np.random.default_rng(seed + 1)  # draws of its own: the saturated instance stays as it was
    n_p, n_i, n_g = SIZES[size]
    rng = np.random.default_rng(seed)
    partners = tuple(Partner(f"p{k:03d}", f"Partner {k}") for k in range(n_p))
    cap = np.round(rng.lognormal(np.log(200_000), 0.6, n_i), -2) * 100  # pence
    minv = np.where(rng.random(n_i) < (0.25 if integers else 0.0), np.round(cap * 0.4), 0).astype(np.int64)
    committed = np.where(rng.random(n_i) < 0.03, np.maximum(minv, np.round(cap * 0.2)), 0).astype(np.int64)
    theme = rng.integers(0, len(THEMES), n_i)
    lead = rng.integers(0, n_p, n_i)
    tiered = rng.random(n_i) < 0.3
    per_partner = rng.integers(2, 5, n_p)
    n_s = int(per_partner.sum())
    owner = np.repeat(np.arange(n_p), per_partner)
    most = rng.lognormal(0, 0.5, n_s)
    most = np.round(most / most.sum() * cap.sum() * 0.5 * budget, -2).astype(np.int64)
    least = np.where(rng.random(n_s) < 0.1, np.round(most * 0.1, -2), 0).astype(np.int64)
    fenced = rng.random(n_s) < 0.75
    fence = [
        frozenset(THEMES[t] for t in rng.choice(len(THEMES), rng.integers(1, 3), replace=False)) if f else frozenset()
        for f in fenced
    ]
    if siloable:
        theme, committed, least = _siloable(fix, theme, lead, cap, committed, owner, most, least, fence)
    ints = tuple(
        Intervention(
            f"i{k:05d}",
            f"Intervention {k}",
            THEMES[theme[k]],
            partners[lead[k]].key,
            int(minv[k]),
            int(cap[k]),
            int(committed[k]),
            (Tranche(int(cap[k] // 2), 1.0), Tranche(int(cap[k]), 0.5)) if tiered[k] else (),
        )
        for k in range(n_i)
    )
    streams = tuple(
        Stream(f"s{k:04d}", f"Stream {k}", partners[owner[k]].key, int(least[k]), int(most[k]), fence[k])
        for k in range(n_s)
    )
    up = rng.random(n_g) < 0.5
    goals = tuple(
        Goal(
            f"g{k:04d}",
            f"Goal {k}",
            100.0,
            120.0 if up[k] else 80.0,
            float(rng.integers(1, 4)),
            bool(rng.random() < 0.35),
        )
        for k in range(n_g)
    )
    k_eff = rng.integers(1, 5, n_i)
    e_int = np.repeat(np.arange(n_i), k_eff)
    goal_theme = np.arange(n_g) % len(THEMES)
    same = rng.random(len(e_int)) < 0.7
    pick = rng.integers(0, n_g, len(e_int))
    themed = (pick - pick % len(THEMES) + theme[e_int]) % n_g  # a goal of the intervention's own theme
    e_goal = np.unique(np.c_[e_int, np.where(same & (goal_theme[themed] == theme[e_int]), themed, pick)], axis=0)
    # 5% harmful side effects; without integers only on constant-return interventions (no order binaries)
    harm = (rng.random(len(e_goal)) < 0.05) & (integers | ~tiered[e_goal[:, 0]])
    sign = np.where(up[e_goal[:, 1]], 1.0, -1.0) * np.where(harm, -0.3, 1.0)
    size_ = reach * 20.0 * rng.uniform(0.02, 0.2, len(e_goal)) / (cap[e_goal[:, 0]] / 100_000)
    effects = tuple(
        Effect(ints[i].key, goals[g].key, float(s * v)) for (i, g), s, v in zip(e_goal, sign, size_, strict=True)
    )
    themes = {t: t.title() for t in THEMES}
    excl = rng.choice(n_i, max(1, n_i // 200), replace=False)
    pairs = [(int(rng.integers(0, n_p)), k) for k in excl]
    options = Options(
        excluded_pairs=frozenset((partners[p].key, ints[k].key) for p, k in pairs
                                 if not (siloable and committed[k] and p == lead[k])),
        excluded_interventions=frozenset(ints[k].key for k in rng.choice(n_i, max(1, n_i // 500), replace=False)),
        theme_floors=(("safety", 0.08),),
    )
    return Problem(partners, themes, streams, ints, goals, effects), options


def _siloable(rng: np.random.Generator, theme: np.ndarray, lead: np.ndarray, cap: np.ndarray,
              committed: np.ndarray, owner: np.ndarray, most: np.ndarray, least: np.ndarray,
              fence: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Committed interventions in a theme one of the lead's streams admits (funding at most a quarter of
    what those streams hold, and of what the lead holds in all), and each partner's least contributions
    within half of what its own interventions in its streams' themes can take."""
    n_p, theme, committed, least = int(owner.max()) + 1, theme.copy(), committed.copy(), least.copy()
    admits = np.zeros((n_p, len(THEMES)))
    for s, f in enumerate(fence):
        admits[owner[s], [THEMES.index(t) for t in f] if f else slice(None)] += most[s]
    for i in np.flatnonzero(committed):
        choices = np.flatnonzero(admits[lead[i]] > 0)
        theme[i] = rng.choice(choices) if len(choices) else theme[i]
    spend = np.zeros((n_p, len(THEMES)))
    np.add.at(spend, (lead, theme), committed)
    # a stream admitting several themes counts in each, so a partner's whole commitment is bounded too
    by_lead = np.bincount(lead, weights=committed, minlength=n_p)
    held = np.bincount(owner, weights=most, minlength=n_p)
    committed[(spend[lead, theme] > 0.25 * admits[lead, theme]) | (by_lead[lead] > 0.25 * held[lead])] = 0
    own = np.zeros((n_p, len(THEMES)))
    np.add.at(own, (lead, theme), cap)
    room = np.array([own[owner[s], [THEMES.index(t) for t in f] if f else slice(None)].sum()
                     for s, f in enumerate(fence)])
    by_partner = np.bincount(owner, weights=least, minlength=n_p)
    room_p = np.zeros(n_p)
    np.maximum.at(room_p, owner, room)
    least[(least > 0.5 * room) | (by_partner[owner] > 0.5 * room_p[owner])] = 0
    return theme, committed, least
