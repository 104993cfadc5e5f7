"""Command line: python -m service {serve,worker,migrate,seed-demo,openapi,create-partnership,issue-key}."""

import argparse
import json
import logging
import sys
import uuid

from sqlmodel import Session

from service import bootstrap
from service.domain.models.access import Role
from service.settings import get_settings

log = logging.getLogger("service")


def migrate() -> None:
    from service.domain.common.db import get_engine
    from service.domain.common.migrate import upgrade

    upgrade(get_engine())


def seed_demo(only_when_empty: bool) -> None:
    from service.domain.common.db import get_engine
    from service.domain.demo.load import load_demo
    from service.domain.demo.run import solve_demo_run
    from service.domain.register import partnerships

    with Session(get_engine(), expire_on_commit=False) as session:
        if only_when_empty and not partnerships.is_empty(session):
            return
        load_demo(session)
        solve_demo_run(session)
    log.warning("loaded the demo partnership (illustrative data): its runs solved, a proposal agreed, a year of spend")


def serve_metrics_port() -> None:
    settings = get_settings()
    if settings.metrics_port is not None:  # a port of its own, for the monitoring network only
        from prometheus_client import start_http_server

        start_http_server(settings.metrics_port, addr=settings.host)


def serve(migrate_first: bool = True) -> None:
    import uvicorn

    from service.api.observability import uvicorn_options

    settings = get_settings()
    settings.embedded_database_dir().mkdir(parents=True, exist_ok=True)
    if migrate_first:
        migrate()
        if settings.seed_demo_when_empty and settings.environment == "development":
            seed_demo(only_when_empty=True)
    if settings.development_key:
        print(f"Development key (every role, every partnership; refused in production): "
              f"{settings.development_key}\nPaste it into Swagger UI's Authorize box at "
              f"http://{settings.host}:{settings.port}{settings.root_path}/docs", file=sys.stderr)
    serve_metrics_port()
    # Forwarded headers count only from FORWARDED_ALLOW_IPS; ROOT_PATH is the prefix the gateway strips.
    uvicorn.run("service.main:app", host=settings.host, port=settings.port,
                timeout_graceful_shutdown=10, proxy_headers=True,
                forwarded_allow_ips=settings.forwarded_allow_ips, root_path=settings.root_path.rstrip("/"),
                **uvicorn_options(settings.log_level))


def worker(concurrency: int | None) -> None:
    """Solve queued runs until SIGTERM or SIGINT: Procrastinate on PostgreSQL, the run table on SQLite."""
    from service.domain import jobs
    from service.domain.common.db import get_engine

    settings = get_settings()
    count = concurrency or settings.worker_concurrency
    serve_metrics_port()
    log.warning("worker solving up to %d runs at once on %s", count, get_engine().dialect.name)
    jobs.engine_for(get_engine(), settings).work(count)


def openapi() -> None:
    from service.main import app

    json.dump(app.openapi(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def main() -> None:
    from service.api.observability import configure_logging

    configure_logging(get_settings().log_level, json=get_settings().log_json)
    parser = argparse.ArgumentParser(prog="python -m service")
    command = parser.add_subparsers(dest="command", required=True)
    serve_parser = command.add_parser("serve", help="migrate, load the demo when empty, serve HTTP")
    serve_parser.add_argument("--no-migrate", action="store_true",
                              help="only serve: a separate one-shot step migrates (replicas never race)")
    work = command.add_parser("worker", help="solve queued runs (as many processes as wanted; no HTTP)")
    work.add_argument("--concurrency", type=int, help="runs solved at once (default WORKER_CONCURRENCY)")
    command.add_parser("migrate", help="upgrade the database to the newest migration")
    command.add_parser("seed-demo", help="load the illustrative demo partnership")
    command.add_parser("openapi", help="print the OpenAPI document")
    create = command.add_parser("create-partnership", help="create a partnership and print its id")
    create.add_argument("--name", required=True)
    create.add_argument("--area-code", required=True, help="ONS GSS code, e.g. E06000047")
    issue = command.add_parser("issue-key", help="issue an API key (e.g. the first admin key) and print it once")
    issue.add_argument("--partnership", required=True, type=uuid.UUID)
    issue.add_argument("--role", default="admin", choices=[r.value for r in Role])
    issue.add_argument("--name", default="first administrator key")
    issue.add_argument("--partner", type=uuid.UUID, help="required for partner_finance")
    args = parser.parse_args()
    if args.command == "serve":
        serve(migrate_first=not args.no_migrate)
    elif args.command == "worker":
        worker(args.concurrency)
    elif args.command == "migrate":
        migrate()
    elif args.command == "seed-demo":
        get_settings().embedded_database_dir().mkdir(parents=True, exist_ok=True)
        migrate()
        seed_demo(only_when_empty=False)
    elif args.command == "create-partnership":
        print(bootstrap.create_partnership(args.name, args.area_code))
    elif args.command == "issue-key":
        print(bootstrap.issue_key(args.partnership, Role(args.role), args.name, args.partner))
    else:
        openapi()


if __name__ == "__main__":
    from service.domain.common.errors import DomainError

    try:
        main()
    except DomainError as exc:
        sys.exit(f"error: {exc.detail}")
