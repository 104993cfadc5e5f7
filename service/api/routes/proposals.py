"""Proposals: a run's allocation, signed off by each contributing partner and decided by the board."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from service.api import papers
from service.api.deps import Cursor, IfMatch, PageSize, PartnershipId, SessionDep
from service.api.idempotency import Idempotent
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain import proposals, register
from service.domain.common.fields import FinancialYear
from service.domain.models.base import Page
from service.domain.models.proposal import (
    Approval,
    ProposalCreate,
    ProposalPublic,
    ProposalRevision,
    ProposalStatus,
    Rejection,
    SignOffAnswer,
)
from service.domain.papers import proposal_paper
from service.domain.proposals import revisions, transitions

router = APIRouter(prefix="/partnerships/{partnership_id}/proposals", tags=["Proposals"])
ProposalId = Annotated[uuid.UUID, Path(description="The proposal's id: the id in create_proposal's answer, or one "
                                                 "from list_proposals")]


def _known(partnership_id: PartnershipId, proposal_id: ProposalId, session: SessionDep) -> uuid.UUID:
    """404 for an unknown or another partnership's proposal before the body is read, so 422s reveal nothing."""
    proposals.fetch(session, partnership_id, proposal_id)
    return proposal_id


KnownProposalId = Annotated[uuid.UUID, Depends(_known)]
TRANSITION_ERRORS = error_responses(400, 403, 404, 409, 412, 422)
ILLEGAL = " An action its status does not allow is a 409 naming the allowed ones."


def _tagged(response: Response, proposal: ProposalPublic) -> ProposalPublic:
    response.headers["ETag"] = register.etag(proposal)
    return proposal


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProposalPublic,
             operation_id="create_proposal", summary="Propose a finished run's allocation (a draft)",
             description="Copies an optimal run's allocation into a draft proposal, with a pending sign-off "
             "for each partner that contributes. Take run_id from create_run's answer (POST "
             "…/scenarios/{scenario_id}/runs with the demo's default scenario) or from list_runs. A run that is "
             "not finished and optimal is a 409.",
             responses=error_responses(404, 409, 422), dependencies=[Idempotent])
def create_proposal(partnership_id: PartnershipId, body: ProposalCreate, session: SessionDep, actor: Actor,
                    request: Request, response: Response) -> Any:
    created = proposals.create(session, partnership_id, body, actor)
    response.headers["Location"] = f"{request.url.path}/{created.id}"
    return _tagged(response, created)


@router.get("", response_model=Page[ProposalPublic], operation_id="list_proposals",
            summary="List proposals, oldest first", responses=error_responses(404, 422),
            description="The partnership's proposals, oldest first; filter by status and financial_year. "
            "Paged (page_size, then cursor=next_cursor).")
def list_proposals(partnership_id: PartnershipId, session: SessionDep, size: PageSize, cursor: Cursor = None,
                   proposal_status: Annotated[ProposalStatus | None, Query(
                       alias="status", description="Only the proposals in this status", examples=["agreed"])] = None,
                   financial_year: Annotated[FinancialYear | None, Query(
                       description="Only the proposals for this financial year", examples=["2009-10"])] = None) -> Any:
    return proposals.list_proposals(session, partnership_id, status=proposal_status,
                                    financial_year=financial_year, cursor=cursor, size=size)


@router.get("/{proposal_id}", response_model=ProposalPublic, operation_id="get_proposal",
            summary="Read a proposal with its sign-offs (JSON, or its board paper as HTML or PDF)",
            responses={**error_responses(404, 422), **papers.responses(
                "The proposal as JSON, or its board paper as self-contained HTML or PDF")},
            description="The proposal's frozen allocation, each partner's sign-off, its status and the actions "
            "that status allows next; the ETag header is its version, for If-Match. Accept: text/html or "
            "application/pdf for its board paper, with its run's results and charts.")
def get_proposal(partnership_id: PartnershipId, proposal_id: ProposalId, session: SessionDep,
                 response: Response, request: Request) -> Any:
    if paper := papers.wanted(request):
        return papers.answer(proposal_paper(session, partnership_id, proposal_id), paper)
    return _tagged(response, proposals.read(session, partnership_id, proposal_id))


@router.post("/{proposal_id}/submit", response_model=ProposalPublic, operation_id="submit_proposal",
             summary="Submit a draft to the contributing partners' finance officers",
             description="draft → submitted." + ILLEGAL, responses=TRANSITION_ERRORS)
def submit_proposal(partnership_id: PartnershipId, proposal_id: KnownProposalId, session: SessionDep,
                    actor: Actor, versions: IfMatch, response: Response) -> Any:
    return _tagged(response, transitions.submit(session, partnership_id, proposal_id, versions, actor))


@router.post("/{proposal_id}/withdraw", response_model=ProposalPublic, operation_id="withdraw_proposal",
             summary="Withdraw a proposal not yet decided",
             description="draft, submitted or confirmed → withdrawn." + ILLEGAL, responses=TRANSITION_ERRORS)
def withdraw_proposal(partnership_id: PartnershipId, proposal_id: KnownProposalId, session: SessionDep,
                      actor: Actor, versions: IfMatch, response: Response) -> Any:
    return _tagged(response, transitions.withdraw(session, partnership_id, proposal_id, versions, actor))


@router.post("/{proposal_id}/confirm", response_model=ProposalPublic,
             operation_id="confirm_proposal_contribution",
             summary="Confirm a partner's contribution (its finance officer)",
             description="The last partner's confirmation moves submitted → confirmed. A partner_finance key "
             "answers only for its own partner (403 otherwise)." + ILLEGAL, responses=TRANSITION_ERRORS)
def confirm_proposal_contribution(partnership_id: PartnershipId, proposal_id: KnownProposalId,
                                  body: SignOffAnswer, session: SessionDep, actor: Actor, versions: IfMatch,
                                  response: Response) -> Any:
    return _tagged(response, transitions.confirm(session, partnership_id, proposal_id, body, versions, actor))


@router.post("/{proposal_id}/decline", response_model=ProposalPublic,
             operation_id="decline_proposal_contribution",
             summary="Decline a partner's contribution (its finance officer)",
             description="submitted → declined. A partner_finance key answers only for its own partner (403 "
             "otherwise)." + ILLEGAL, responses=TRANSITION_ERRORS)
def decline_proposal_contribution(partnership_id: PartnershipId, proposal_id: KnownProposalId,
                                  body: SignOffAnswer, session: SessionDep, actor: Actor, versions: IfMatch,
                                  response: Response) -> Any:
    return _tagged(response, transitions.decline(session, partnership_id, proposal_id, body, versions, actor))


@router.post("/{proposal_id}/approve", response_model=ProposalPublic, operation_id="approve_proposal",
             summary="Approve a confirmed proposal (strategic board): it becomes the year's agreed allocation",
             description="confirmed → agreed; the year's previously agreed proposal becomes superseded. An agreed "
             "proposal never changes again." + ILLEGAL, responses=TRANSITION_ERRORS)
def approve_proposal(partnership_id: PartnershipId, proposal_id: KnownProposalId, body: Approval,
                     session: SessionDep, actor: Actor, versions: IfMatch, response: Response) -> Any:
    return _tagged(response, transitions.approve(session, partnership_id, proposal_id, body, versions, actor))


@router.post("/{proposal_id}/reject", response_model=ProposalPublic, operation_id="reject_proposal",
             summary="Reject a confirmed proposal, with reasons (strategic board)",
             description="confirmed → rejected." + ILLEGAL, responses=TRANSITION_ERRORS)
def reject_proposal(partnership_id: PartnershipId, proposal_id: KnownProposalId, body: Rejection,
                    session: SessionDep, actor: Actor, versions: IfMatch, response: Response) -> Any:
    return _tagged(response, transitions.reject(session, partnership_id, proposal_id, body, versions, actor))


@router.post("/{proposal_id}/revise", response_model=ProposalPublic, status_code=status.HTTP_201_CREATED,
             operation_id="revise_proposal",
             summary="Revise a declined or withdrawn proposal from a new run (a new draft)",
             description="Makes a new draft from a new run for the same financial year, linked to this one "
             "(revises_id; this one gains revised_by_id and keeps its sign-offs and decisions). Each proposal is "
             "revised once: a second revision, even at the same moment, is a 409 naming the first. Submit the "
             "revision as any draft." + ILLEGAL, responses=TRANSITION_ERRORS)
def revise_proposal(partnership_id: PartnershipId, proposal_id: KnownProposalId, body: ProposalRevision,
                    session: SessionDep, actor: Actor, versions: IfMatch, request: Request,
                    response: Response) -> Any:
    revision = revisions.revise(session, partnership_id, proposal_id, body, versions, actor)
    response.headers["Location"] = f"{request.url.path.rsplit('/', 2)[0]}/{revision.id}"
    return _tagged(response, revision)
