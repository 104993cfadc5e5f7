"""Seeded synthetic partnerships: ring-fenced streams, themed interventions, sparse effects."""

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


def instance(size: str, seed: int = 7, integers: bool = True) -> tuple[Problem, Options]:
    n_p, n_i, n_g = SIZES[size]
    rng = np.random.default_rng(seed)
    partners = tuple(Partner(f"p{k:03d}", f"Partner {k}") for k in range(n_p))
    cap = np.round(rng.lognormal(np.log(200_000), 0.6, n_i), -2) * 100  # pence
    minv = np.where(rng.random(n_i) < (0.25 if integers else 0.0), np.round(cap * 0.4), 0).astype(np.int64)
    committed = np.where(rng.random(n_i) < 0.03, np.maximum(minv, np.round(cap * 0.2)), 0).astype(np.int64)
    theme = rng.integers(0, len(THEMES), n_i)
    lead = rng.integers(0, n_p, n_i)
    tiered = rng.random(n_i) < 0.3
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
    per_partner = rng.integers(2, 5, n_p)
    n_s = int(per_partner.sum())
    owner = np.repeat(np.arange(n_p), per_partner)
    most = rng.lognormal(0, 0.5, n_s)
    most = np.round(most / most.sum() * cap.sum() * 0.5, -2).astype(np.int64)
    least = np.where(rng.random(n_s) < 0.1, np.round(most * 0.1, -2), 0).astype(np.int64)
    fenced = rng.random(n_s) < 0.75
    fence = [
        frozenset(THEMES[t] for t in rng.choice(len(THEMES), rng.integers(1, 3), replace=False)) if f else frozenset()
        for f in fenced
    ]
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
    size_ = 20.0 * rng.uniform(0.02, 0.2, len(e_goal)) / (cap[e_goal[:, 0]] / 100_000)
    effects = tuple(
        Effect(ints[i].key, goals[g].key, float(s * v)) for (i, g), s, v in zip(e_goal, sign, size_, strict=True)
    )
    themes = {t: t.title() for t in THEMES}
    excl = rng.choice(n_i, max(1, n_i // 200), replace=False)
    options = Options(
        excluded_pairs=frozenset((partners[rng.integers(0, n_p)].key, ints[k].key) for k in excl),
        excluded_interventions=frozenset(ints[k].key for k in rng.choice(n_i, max(1, n_i // 500), replace=False)),
        theme_floors=(("safety", 0.08),),
    )
    return Problem(partners, themes, streams, ints, goals, effects), options
