"""Waiting for a run to reach a final status, by polling it as a client would."""

import time
from typing import Any

FINAL = {"optimal", "infeasible", "time_limit", "error", "imprecise", "cancelled", "done"}


def poll_until_final(client: Any, location: str, timeout: float = 60.0, headers: dict[str, str] | None = None
                     ) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get(location, headers=headers)
        assert answer.status_code == 200, answer.text
        if answer.json()["status"] in FINAL:
            return dict(answer.json())
        assert time.monotonic() < deadline, f"{location} still {answer.json()['status']} after {timeout} s"
        time.sleep(0.05)
