"""Progress reporting: each stage of a run is reported once, as it starts."""

from __future__ import annotations

from opt_factory import goal, intervention, problem, stream

from service.optimiser import Mode, Options, Stage, Status, solve, value_of_joint_working

# the police's money may fund only the council-led intervention: pooling gains what silos leave unspent
P = problem(
    [stream("c1", "council", 100), stream("p1", "police", 200, themes=("yp",))],
    [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "police", 1000)],
    [goal("g1", 40, 30), goal("g2", 100, 80, laa=False)],
    [("i1", "g1", -0.01), ("i2", "g2", -0.01)],
)


def test_the_stages_of_a_pooled_run_with_the_silo_comparison() -> None:
    stages: list[Stage] = []
    joint = value_of_joint_working(P, Options(mode=Mode.MAXIMISE_ATTAINMENT), progress=stages.append)
    assert joint.pooled.status == Status.OPTIMAL and joint.silo.status == Status.OPTIMAL
    assert joint.gain is not None and joint.gain > 0
    assert stages == [Stage.SOLVING, Stage.EXPLAINING, Stage.COMPARING_WITH_SILOS]
    assert [str(s) for s in stages] == ["solving", "explaining", "comparing_with_silos"]


def test_the_stages_of_a_plain_solve() -> None:
    stages: list[Stage] = []
    assert solve(P, Options(), progress=stages.append).status == Status.OPTIMAL
    assert stages == [Stage.SOLVING, Stage.EXPLAINING]
    stages.clear()
    solve(P, Options(explain=False), progress=stages.append)
    assert stages == [Stage.SOLVING]


def test_progress_is_optional() -> None:
    assert solve(P).status == Status.OPTIMAL
    assert value_of_joint_working(P).gain is not None
