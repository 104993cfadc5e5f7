"""Moving a proposal through its life: each transition is one use case, one audit event, one commit.

draft -submit-> submitted -(every contributing partner confirms)-> confirmed -approve-> agreed;
decline (by any partner), reject (by the board) and withdraw (by the executive) end it, and an agreed
proposal is superseded when a later one for the same year is agreed. Terminal states allow nothing.
The proposal's row is locked for the transition, so two partners confirming at once cannot both miss
the last confirmation; approval also locks the partnership, so one year never has two agreed proposals.
"""

import uuid
from collections.abc import Collection

from sqlmodel import Session, col, select

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.common.fields import utcnow
from service.domain.common.versions import require_version
from service.domain.models.proposal import (
    Approval,
    Proposal,
    ProposalAction,
    ProposalPublic,
    ProposalSignOff,
    ProposalStatus,
    Rejection,
    SignOffAnswer,
    SignOffStatus,
)
from service.domain.proposals.core import ALLOWED, fetch, public

S, A = ProposalStatus, ProposalAction
IfMatch = Collection[int] | None


def submit(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, if_match: IfMatch,
           actor: Principal) -> ProposalPublic:
    row, before = begin(session, partnership_id, proposal_id, A.SUBMIT, if_match)
    row.status, row.submitted_at = S.SUBMITTED, utcnow()
    return _finish(session, actor, row, A.SUBMIT, before)


def withdraw(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, if_match: IfMatch,
             actor: Principal) -> ProposalPublic:
    row, before = begin(session, partnership_id, proposal_id, A.WITHDRAW, if_match)
    row.status = S.WITHDRAWN
    return _finish(session, actor, row, A.WITHDRAW, before)


def confirm(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, answer: SignOffAnswer,
            if_match: IfMatch, actor: Principal) -> ProposalPublic:
    """The partner confirms its contribution; the last confirmation makes the proposal confirmed."""
    return _answer(session, partnership_id, proposal_id, answer, A.CONFIRM, if_match, actor)


def decline(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, answer: SignOffAnswer,
            if_match: IfMatch, actor: Principal) -> ProposalPublic:
    """The partner declines its contribution, which ends the proposal."""
    return _answer(session, partnership_id, proposal_id, answer, A.DECLINE, if_match, actor)


def approve(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, decision: Approval,
            if_match: IfMatch, actor: Principal) -> ProposalPublic:
    """Agreed: the year's previously agreed proposal, if any, is superseded by this one."""
    row, before = begin(session, partnership_id, proposal_id, A.APPROVE, if_match)
    register.lock_partnership(session, partnership_id)
    earlier = session.exec(select(Proposal).where(
        col(Proposal.partnership_id) == partnership_id, col(Proposal.financial_year) == row.financial_year,
        col(Proposal.status) == S.AGREED, col(Proposal.id) != row.id).with_for_update()).all()
    now = utcnow()
    for old in earlier:
        old.status, old.superseded_by_id, old.version, old.updated_at = S.SUPERSEDED, row.id, old.version + 1, now
        session.add(old)
    _decide(row, S.AGREED, decision.reason or None, actor)
    return _finish(session, actor, row, A.APPROVE, before)


def reject(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, decision: Rejection,
           if_match: IfMatch, actor: Principal) -> ProposalPublic:
    row, before = begin(session, partnership_id, proposal_id, A.REJECT, if_match)
    _decide(row, S.REJECTED, decision.reason, actor)
    return _finish(session, actor, row, A.REJECT, before)


def _answer(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, answer: SignOffAnswer,
            action: ProposalAction, if_match: IfMatch, actor: Principal) -> ProposalPublic:
    actor.require_partner(answer.partner_id, "this contribution")
    row, before = begin(session, partnership_id, proposal_id, action, if_match)
    sign_offs = session.exec(select(ProposalSignOff).where(col(ProposalSignOff.proposal_id) == row.id)).all()
    mine = next((s for s in sign_offs if s.partner_id == answer.partner_id), None)
    if mine is None:
        names = ", ".join(f"{s.partner_name} ({s.partner_id})" for s in sign_offs)
        raise InvalidInput(f"Partner {answer.partner_id} contributes nothing to this proposal; "
                           f"the contributing partners are {names}.",
                           errors=[{"loc": ["body", "partner_id"], "msg": "not a contributing partner"}])
    if mine.status != SignOffStatus.PENDING:
        raise Conflict(f"{mine.partner_name} has already {mine.status} its contribution "
                       f"({mine.decided_by}, {mine.decided_at:%Y-%m-%d %H:%M} UTC).")
    mine.status = SignOffStatus.CONFIRMED if action == A.CONFIRM else SignOffStatus.DECLINED
    mine.comment, mine.decided_by, mine.decided_at = answer.comment, actor.subject, utcnow()
    session.add(mine)
    if action == A.DECLINE:
        row.status = S.DECLINED
    elif all(s.status == SignOffStatus.CONFIRMED for s in sign_offs):
        row.status = S.CONFIRMED
    return _finish(session, actor, row, action, before)


def _decide(row: Proposal, status: ProposalStatus, reason: str | None, actor: Principal) -> None:
    row.status, row.decision_reason, row.decided_by, row.decided_at = status, reason, actor.subject, utcnow()


def begin(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID, action: ProposalAction,
           if_match: IfMatch) -> tuple[Proposal, ProposalPublic]:
    """The locked row and how it looked, once If-Match and the state machine allow `action`."""
    register.require_writable(session, partnership_id)
    row = fetch(session, partnership_id, proposal_id, lock=True)
    require_version(row, if_match)
    status = ProposalStatus(row.status)
    if action not in ALLOWED[status]:
        allowed = ALLOWED[status]
        options = ", ".join(allowed) if allowed else f"none ({status} is final)"
        raise Conflict(f"Cannot {action} {_article(status)} {status} proposal; allowed from {status}: {options}.",
                       extra={"current_status": status.value, "allowed_actions": [a.value for a in allowed]})
    return row, public(session, row)


def _finish(session: Session, actor: Principal, row: Proposal, action: ProposalAction,
            before: ProposalPublic) -> ProposalPublic:
    row.version, row.updated_at = row.version + 1, utcnow()
    session.add(row)
    session.flush()
    after = public(session, row)
    audit.record(session, actor, row.partnership_id, action.value, "proposal", row.id, before, after)
    session.commit()
    return after


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
