"""The register: partnerships, partners, themes, funding streams, goals and interventions, and the resource map.

`core` creates, reads, lists, changes and deletes any register resource (a `Kind`); `resources` says how
each kind is stored and checked; `partnerships` handles the tenants; `resource_map` maps their money.
"""

from service.domain.access.tenancy import lock_partnership, require_partnership, require_writable
from service.domain.common.versions import etag, require_version
from service.domain.register.core import (
    Kind,
    create,
    delete,
    fetch,
    list_rows,
    update,
)

__all__ = ["Kind", "create", "delete", "etag", "fetch", "list_rows", "lock_partnership", "require_partnership",
           "require_version", "require_writable", "update"]
