"""The authenticated caller, as every use case sees it."""

import uuid
from dataclasses import dataclass

from service.domain.common.errors import DomainError
from service.domain.models.access import Role


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"
    slug = "forbidden"


class Unauthenticated(DomainError):
    status = 401
    title = "Unauthenticated"
    slug = "unauthenticated"
    headers = {"WWW-Authenticate": 'Bearer realm="lsp-allocation"'}


@dataclass(frozen=True)
class Principal:
    """Who is acting. `partnership_id` None means every partnership (the service administrator)."""

    subject: str
    roles: frozenset[Role]
    partnership_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    key_id: uuid.UUID | None = None

    @property
    def role_label(self) -> str:
        return ",".join(sorted(self.roles))

    def may_act_in(self, partnership_id: uuid.UUID) -> bool:
        return self.partnership_id is None or self.partnership_id == partnership_id

    def require_partner(self, partner_id: uuid.UUID, what: str) -> None:
        """Partner finance officers change only their own partner's money."""
        if self.roles == {Role.PARTNER_FINANCE} and self.partner_id != partner_id:
            raise Forbidden(f"This key acts for partner {self.partner_id}; {what} belongs to partner {partner_id}.")


SYSTEM = Principal(subject="system", roles=frozenset(Role))
