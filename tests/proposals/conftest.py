"""The proposals tests share one world: an optimal run funded by two partners."""

from tests.proposals.test_proposals import world  # noqa: F401  (the fixture, for test_revisions)
