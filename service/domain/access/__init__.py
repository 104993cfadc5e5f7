"""Who may act: principals, API keys and their use, OpenID Connect tokens, the audit trail, idempotency keys."""
