"""Versions and ETags: every resource's `version` is its entity tag, "v3", and a change names the one it read."""

from collections.abc import Collection
from typing import Protocol

from service.domain.common.errors import PreconditionFailed


class HasVersion(Protocol):
    version: int


def etag(row: HasVersion) -> str:
    return f'"v{row.version}"'


def require_version(row: HasVersion, if_match: Collection[int] | None) -> None:
    """PreconditionFailed (with the current ETag) unless If-Match names the row's version (None: any)."""
    if if_match is not None and row.version not in if_match:
        raise PreconditionFailed(etag(row))
