"""Proposals: a run's allocation, frozen with names and themes, put to the partners and the board.

The transitions (submit, confirm, approve …) are in proposal_transitions.py; this module creates,
reads and lists, and renders a proposal with its sign-offs as the public sees it.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from service.domain import register, runs
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.common.references import require_in_partnership
from service.domain.models.base import Page
from service.domain.models.partnership import Partner
from service.domain.models.proposal import (
    Proposal,
    ProposalAction,
    ProposalCreate,
    ProposalLine,
    ProposalPublic,
    ProposalSignOff,
    ProposalStatus,
    SignOffPublic,
    SignOffStatus,
)
from service.domain.models.run import Run, RunStatus
from service.domain.proposals import deadlines
from service.domain.runs import snapshot

S, A = ProposalStatus, ProposalAction
ALLOWED: dict[ProposalStatus, tuple[ProposalAction, ...]] = {
    S.DRAFT: (A.SUBMIT, A.WITHDRAW),
    S.SUBMITTED: (A.CONFIRM, A.DECLINE, A.WITHDRAW),
    S.CONFIRMED: (A.APPROVE, A.REJECT, A.WITHDRAW),
    S.DECLINED: (A.REVISE,), S.WITHDRAWN: (A.REVISE,),  # until revised, once
    S.AGREED: (), S.REJECTED: (), S.SUPERSEDED: (),
}
PROPOSABLE = (RunStatus.OPTIMAL, RunStatus.TIME_LIMIT)


def create(session: Session, partnership_id: uuid.UUID, data: ProposalCreate, actor: Principal,
           row_id: uuid.UUID | None = None) -> ProposalPublic:
    """A draft with the run's allocation copied as it stands and one pending sign-off per contributing partner;
    `row_id` fixes its id (the demo uses known ids)."""
    register.require_writable(session, partnership_id)
    row = draft(session, partnership_id, data.run_id, data.title, actor, row_id=row_id)
    after = public(session, row)
    audit.record(session, actor, partnership_id, "create", "proposal", row.id, None, after)
    session.commit()
    return after


def draft(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, title: str, actor: Principal,
          revises: uuid.UUID | None = None, row_id: uuid.UUID | None = None) -> Proposal:
    """The draft of `run_id`'s allocation, flushed, not committed; each sign-off due by its partner's
    budget-setting date."""
    run = runs.fetch(session, partnership_id, run_id)
    table = runs.allocation(run)
    if run.status not in PROPOSABLE or not table.lines:
        raise Conflict(f"Run {run.id} is {run.status}{' with an empty allocation' if not table.lines else ''}; "
                       "only an optimal run, or one stopped at its time limit with an allocation, can be proposed.")
    require_in_partnership(session, Partner, partnership_id, [p.id for p in table.by_partner],
                           "the run's contributing partners")
    frozen = snapshot.of(run.snapshot)
    themes = {t.id: t.name for t in frozen.themes}
    theme_of = {i.id: i.theme_id for i in frozen.interventions}
    lines = [ProposalLine.model_validate({**line.model_dump(), "theme_id": theme_of[str(line.intervention_id)],
                                          "theme": themes[theme_of[str(line.intervention_id)]]})
             for line in table.lines]
    row = Proposal(partnership_id=partnership_id, run_id=run.id, title=title, total=table.total,
                   financial_year=run.financial_year, created_by=actor.subject, revises_id=revises,
                   allocation=[line.model_dump(mode="json") for line in lines])
    if row_id is not None:
        row.id = row_id
    session.add(row)
    session.flush()
    due = deadlines.due_dates(session, partnership_id, run.financial_year, [p.id for p in table.by_partner])
    for partner in sorted(table.by_partner, key=lambda p: p.name):
        session.add(ProposalSignOff(proposal_id=row.id, partner_id=partner.id, partner_name=partner.name,
                                    contribution=partner.amount, due_on=due.get(partner.id)))
    session.flush()
    return row


def fetch(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, *, lock: bool = False) -> Proposal:
    """The proposal; `lock` holds its row until commit, so transitions of one proposal run one at a time."""
    row = session.get(Proposal, proposal_id, with_for_update=True if lock else None, populate_existing=lock)
    if row is None or row.partnership_id != partnership_id:
        raise NotFound("proposal", proposal_id)
    return row


def read(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID) -> ProposalPublic:
    return public(session, fetch(session, partnership_id, proposal_id))


def list_proposals(session: Session, partnership_id: uuid.UUID, *, status: ProposalStatus | None,
                   financial_year: str | None, cursor: str | None, size: int) -> Page[ProposalPublic]:
    register.require_partnership(session, partnership_id)
    where = [col(Proposal.partnership_id) == partnership_id]
    if status is not None:
        where.append(col(Proposal.status) == status)
    if financial_year is not None:
        where.append(col(Proposal.financial_year) == financial_year)
    rows, next_cursor = page(session, Proposal, where=where, cursor=cursor, size=size)
    ids = [r.id for r in rows]
    sign_offs, supersedes, revised = _sign_offs(session, ids), _supersedes(session, ids), revised_by(session, ids)
    summaries = _summaries(session, [r.run_id for r in rows if r.run_id is not None])
    return Page(items=[_render(r, sign_offs[r.id], supersedes.get(r.id), revised.get(r.id), summaries)
                       for r in rows],
                next_cursor=next_cursor)


def public(session: Session, row: Proposal) -> ProposalPublic:
    return _render(row, _sign_offs(session, [row.id])[row.id], _supersedes(session, [row.id]).get(row.id),
                   revised_by(session, [row.id]).get(row.id),
                   _summaries(session, [row.run_id] if row.run_id is not None else []))


def _render(row: Proposal, sign_offs: list[ProposalSignOff], supersedes_id: uuid.UUID | None,
            revised_by_id: uuid.UUID | None, summaries: dict[uuid.UUID, Any]) -> ProposalPublic:
    today = utcnow().date()
    rendered = [SignOffPublic.model_validate(s, update={
        "deadline": deadlines.state(s.due_on, SignOffStatus(s.status), today),
        "days_to_deadline": None if s.due_on is None else (s.due_on - today).days}) for s in sign_offs]
    allowed = [a for a in ALLOWED[ProposalStatus(row.status)] if a != A.REVISE or revised_by_id is None]
    return ProposalPublic.model_validate(row, update={
        "summary": summaries.get(row.run_id) if row.run_id is not None else None,
        "sign_offs": rendered, "supersedes_id": supersedes_id, "revised_by_id": revised_by_id,
        "deadline": deadlines.worst(s.deadline for s in rendered), "allowed_actions": allowed})


def revised_by(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """For each of `ids`, the proposal that revises it (at most one: revises_id is unique)."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Proposal.revises_id, Proposal.id).where(col(Proposal.revises_id).in_(wanted))).all()
    return {older: newer for older, newer in rows if older is not None}


def _summaries(session: Session, run_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Each run's stored summary, read out of its result in the database (not the whole result)."""
    if not run_ids:
        return {}
    rows = session.exec(select(Run.id, col(Run.result)["summary"]).where(col(Run.id).in_(run_ids))).all()
    return {run_id: summary for run_id, summary in rows if summary is not None}


def _sign_offs(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[ProposalSignOff]]:
    found: dict[uuid.UUID, list[ProposalSignOff]] = defaultdict(list)
    wanted = list(ids)
    if wanted:
        for s in session.exec(select(ProposalSignOff).where(col(ProposalSignOff.proposal_id).in_(wanted))
                              .order_by(col(ProposalSignOff.partner_name), col(ProposalSignOff.partner_id))):
            found[s.proposal_id].append(s)
    return found


def _supersedes(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """For each of `ids`, the proposal it superseded (at most one: a year has one agreed proposal at a time)."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Proposal.superseded_by_id, Proposal.id)
                        .where(col(Proposal.superseded_by_id).in_(wanted)).order_by(col(Proposal.id))).all()
    return {newer: older for newer, older in rows if newer is not None}
