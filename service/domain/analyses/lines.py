"""A finished run's allocation lines summed, as the analyses freeze them with their inputs."""

from collections import defaultdict
from decimal import Decimal

from service.domain.models.run import Run


def totals(run: Run, field: str) -> dict[str, Decimal]:
    """The run's allocation summed by `field` (partner_id or intervention_id), in exact pounds."""
    summed: dict[str, Decimal] = defaultdict(Decimal)
    for line in (run.result or {}).get("allocation", []):
        summed[line[field]] += Decimal(line["amount"])
    return dict(summed)
