"""Fixed ids for the demo partnership, so documentation examples work against it as they stand."""

import uuid

_NAMESPACE = uuid.UUID("6f1d7c3e-2b0a-4c55-9a57-1a0d5e0c2009")


def demo_id(kind: str, key: str) -> uuid.UUID:
    """The demo's id for the `kind` entity whose data-file key is `key`."""
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


DEMO_PARTNERSHIP_ID = demo_id("partnership", "demo")
DEMO_SCENARIO_ID = demo_id("scenario", "default")
DEMO_RUN_ID = demo_id("run", "default")  # the demo's own run of its default scenario (service seed-demo)
