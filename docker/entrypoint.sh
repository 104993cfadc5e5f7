#!/bin/sh
# The container's one entrypoint. Every branch ends in `exec`, so the service replaces this shell and
# itself receives the orchestrator's SIGTERM (uvicorn then drains requests and exits cleanly).
set -eu

command="${1:-serve}"
if [ "$#" -gt 0 ]; then
  shift
fi

case "$command" in
  serve)
    # A separate one-shot step migrates (compose's `migrate` service), so replicas never race to.
    case "${MIGRATE_ON_START:-false}" in
      true) exec python -m service serve "$@" ;;
      false) exec python -m service serve --no-migrate "$@" ;;
      *) echo "entrypoint: MIGRATE_ON_START must be true or false, not '${MIGRATE_ON_START}'" >&2; exit 64 ;;
    esac
    ;;
  worker | migrate | seed-demo | openapi)
    exec python -m service "$command" "$@"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
