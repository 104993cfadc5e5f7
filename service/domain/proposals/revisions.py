"""Revising a declined or withdrawn proposal: a new draft from a new run, linked to the one it revises,
which stays as it was, readable with its sign-offs and decisions. Each proposal is revised at most once.

The revised proposal's row is locked first, so of two revisions at once the second waits, then finds the
first and is a 409; the unique revises_id holds the same if anything gets past the lock. Both proposals
change in one transaction: after a crash there is the revision and the link, or neither.
"""

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from service.domain import runs
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.common.fields import utcnow
from service.domain.models.proposal import ProposalAction, ProposalPublic, ProposalRevision
from service.domain.proposals.core import draft, public, revised_by
from service.domain.proposals.transitions import IfMatch, begin


def revise(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, data: ProposalRevision,
           if_match: IfMatch, actor: Principal, row_id: uuid.UUID | None = None) -> ProposalPublic:
    """The revision, a draft; the revised proposal gains revised_by_id (and a version). `row_id` fixes the
    revision's id (the demo uses known ids)."""
    old, before = begin(session, partnership_id, proposal_id, ProposalAction.REVISE, if_match)
    earlier = revised_by(session, [old.id]).get(old.id)
    if earlier is not None:
        raise Conflict(f"Proposal {old.id} has already been revised by proposal {earlier}; revise that one "
                       "if it too is declined or withdrawn.", extra={
                           "current_status": old.status, "allowed_actions": [], "revised_by_id": str(earlier)})
    run = runs.fetch(session, partnership_id, data.run_id)
    if run.id == old.run_id or run.financial_year != old.financial_year:
        why = "is the revised proposal's own run" if run.id == old.run_id else (
            f"is for {run.financial_year}, not {old.financial_year}")
        raise InvalidInput(f"Run {run.id} {why}; a revision proposes a new run for the same financial year.",
                           errors=[{"loc": ["body", "run_id"], "msg": why}])
    try:
        row = draft(session, partnership_id, run.id, data.title or old.title, actor, revises=old.id, row_id=row_id)
    except IntegrityError as exc:  # a revision committed between our lock and our insert
        session.rollback()
        raise Conflict(f"Proposal {proposal_id} has just been revised by another request.") from exc
    old.version, old.updated_at = old.version + 1, utcnow()
    session.add(old)
    session.flush()
    after = public(session, row)
    audit.record(session, actor, partnership_id, "create", "proposal", row.id, None, after)
    audit.record(session, actor, partnership_id, ProposalAction.REVISE.value, "proposal", old.id, before,
                 public(session, old))
    session.commit()
    return after
