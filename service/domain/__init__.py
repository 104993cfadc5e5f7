"""Use cases, rules and persistence. Knows nothing of HTTP."""
