"""The one error hierarchy. Each error knows its HTTP-neutral kind; the API maps kinds to statuses."""

from collections.abc import Sequence

from pydantic import ValidationError


class DomainError(Exception):
    """A failure the caller caused or can act on. `status` is the RFC 9457 status it renders as."""

    status = 400
    title = "Bad request"
    slug = "bad-request"
    headers: dict[str, str] = {}

    def __init__(self, detail: str, *, extra: dict[str, object] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


class NotFound(DomainError):
    status = 404
    title = "Not found"
    slug = "not-found"

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(f"No {entity} with id {entity_id} in this partnership.")


class Conflict(DomainError):
    status = 409
    title = "Conflict"
    slug = "conflict"


class PreconditionFailed(DomainError):
    status = 412
    title = "Precondition failed"
    slug = "precondition-failed"

    def __init__(self, current_etag: str | None) -> None:
        if current_etag is None:  # the database refused a change to a version someone else had just changed
            super().__init__("The resource changed while your change was being made; read it again and retry.")
            return
        super().__init__(
            f"The resource has changed since you read it; its current ETag is {current_etag}.",
            extra={"current_etag": current_etag},
        )
        self.headers = {"ETag": current_etag}


class PreconditionRequired(DomainError):
    status = 428
    title = "Precondition required"
    slug = "precondition-required"

    def __init__(self) -> None:
        super().__init__('Send If-Match with the ETag from your last read of this resource (e.g. If-Match: "v3"), '
                         "so that a change made since cannot be overwritten; If-Match: * changes whatever "
                         "version is current.")


class MalformedHeader(DomainError):
    status = 400
    title = "Malformed header"
    slug = "malformed-header"


class NotAcceptable(DomainError):
    """An Accept header that allows none of the media types the operation answers with."""

    status = 406
    title = "Not acceptable"
    slug = "not-acceptable"


class UnsupportedMediaType(DomainError):
    """A request body in a media type the operation does not take."""

    status = 415
    title = "Unsupported media type"
    slug = "unsupported-media-type"


class InvalidInput(DomainError):
    """Input that passed the schema but is still unusable (a bad cursor, say). The same problem type as a
    body or query the schema refuses: every 422 is one kind of error."""

    status = 422
    title = "Invalid request"
    slug = "invalid-request"

    def __init__(self, detail: str, *, errors: Sequence[dict[str, object]] = (),
                 extra: dict[str, object] | None = None) -> None:
        super().__init__(detail, extra={**(extra or {}), **({"errors": list(errors)} if errors else {})} or None)

    @classmethod
    def from_validation(cls, exc: ValidationError) -> "InvalidInput":
        """A PATCH whose merged result fails the schema (a required field set to null, say)."""
        found = exc.errors(include_url=False, include_context=False)
        fields = ", ".join(".".join(map(str, err["loc"])) or "body" for err in found)
        errors: list[dict[str, object]] = [{"loc": ["body", *err["loc"]], "msg": err["msg"], "type": err["type"]}
                                           for err in found]
        return cls(f"The change leaves the resource invalid: {fields}.", errors=errors)


class Unavailable(DomainError):
    status = 503
    title = "Service unavailable"
    slug = "unavailable"

    def __init__(self, detail: str, *, retry_after: int = 5) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after)}
