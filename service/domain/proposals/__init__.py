"""Proposals: a run's allocation put to the contributing partners and the strategic board.

`core` creates, reads and lists them; `transitions` moves them through their life (submit, confirm,
decline, approve, reject, withdraw).
"""

from service.domain.proposals.core import ALLOWED, PROPOSABLE, create, fetch, list_proposals, public, read

__all__ = ["ALLOWED", "PROPOSABLE", "create", "fetch", "list_proposals", "public", "read"]
