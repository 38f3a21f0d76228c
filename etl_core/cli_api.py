"""The commands of ``python -m etl_core`` for the HTTP API: serve it, manage its keys, expose pipelines.

Each imports what it needs when it runs: building the parser (``--help``) stays light."""

from __future__ import annotations

import argparse

from etl_core.config import load_settings


def add_commands(commands: argparse._SubParsersAction) -> None:
    api_cmd = commands.add_parser("api", help="serve the HTTP API (OpenAPI docs at /docs)")
    api_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1: this machine only)")
    api_cmd.add_argument("--port", type=int, default=8000)
    key_cmd = commands.add_parser("apikey", help="create, revoke or list API keys")
    key_actions = key_cmd.add_subparsers(dest="action", required=True)
    key_actions.add_parser("create", help="make a key; it is printed once").add_argument("name")
    key_actions.add_parser("revoke", help="refuse a key from now on").add_argument("name")
    key_actions.add_parser("list", help="the keys: name, prefix, created, last used, revoked")
    expose_cmd = commands.add_parser("expose", help="make a pipeline reachable over the API (--off: no longer)")
    expose_cmd.add_argument("name")
    expose_cmd.add_argument("--off", action="store_true")


def command_api(args: argparse.Namespace) -> int:
    import uvicorn

    from etl_core.api.app import create_app
    from etl_core.startup import open_data_directory

    settings = load_settings()
    app = create_app(settings, open_data_directory(settings))
    print(f"Sluice API on http://{args.host}:{args.port} (docs: /docs)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)  # the audit log says more
    return 0


def command_apikey(args: argparse.Namespace) -> int:
    from etl_core import api_keys
    from etl_core.db import session_scope
    from etl_core.startup import open_data_directory

    settings = load_settings()
    engine = open_data_directory(settings)
    with session_scope(engine) as session:
        if args.action == "create":
            made = api_keys.create_key(session, settings, args.name)
            print(f"API key '{made.name}' (shown once; keep it somewhere safe):\n{made.key}\n"
                  f"webhook secret (checks the X-Sluice-Signature of its webhooks):\n{made.webhook_secret}")
        elif args.action == "revoke":
            key = api_keys.revoke_key(session, args.name)
            print(f"revoked {key.name}")
        else:
            for key in api_keys.list_keys(session):
                used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
                state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
                print(f"{key.name}\t{key.prefix}...\tcreated {key.created_at:%Y-%m-%d %H:%M}\t{used}\t{state}")
    return 0


def command_expose(args: argparse.Namespace) -> int:
    from etl_core import pipelines
    from etl_core.db import session_scope
    from etl_core.startup import open_data_directory

    settings = load_settings()
    engine = open_data_directory(settings)
    with session_scope(engine) as session:
        pipeline = pipelines.expose_pipeline(session, args.name, not args.off)
    print(f"{pipeline.name} is {'exposed over' if pipeline.exposed else 'no longer reachable through'} the API")
    return 0
