"""CLI commands of the web service: ``serve``, ``keys``, ``db upgrade``."""

from __future__ import annotations

import argparse
import getpass
from typing import TYPE_CHECKING

from features.catalog.taxonomy import load_taxonomy
from features.paths import TAXONOMY
from service.settings import get_settings
from service.storage.roles import KEY_ROLES

if TYPE_CHECKING:  # the database layer loads only when a command needs it
    from service.storage.database import Store

__all__ = ["add_service_commands", "cmd_serve", "cmd_keys", "cmd_db_upgrade"]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _store() -> Store:
    from service.storage.database import Store

    store = Store(get_settings().database_url)
    store.upgrade()
    return store


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the API and the web page with uvicorn."""
    import uvicorn

    from service.api.app import create_app

    settings = get_settings()
    # Fail here in one sentence, not in the lifespan with uvicorn's traceback.
    load_taxonomy(settings.data_dir / TAXONOMY)
    _store().dispose()
    host = args.host or settings.host
    port = args.port if args.port is not None else settings.port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(
        f"partner-match: loading the engine; then open http://{shown}:{port}/",
        flush=True,
    )
    print(f"partner-match: API documentation at http://{shown}:{port}/docs", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    """Create, list or revoke API keys."""
    from service.storage.database import as_utc
    from service.storage.keys import create_key, list_keys, revoke_key

    store = _store()
    try:
        if args.keys_command == "create":
            with store.transaction() as session:
                row, token = create_key(
                    session, name=args.name, role=args.role, actor=_actor()
                )
            print(token)
            print(
                f"key {row.id} ({row.name}, {row.role}) created; the key above is "
                "shown only now: store it safely",
                flush=True,
            )
        elif args.keys_command == "list":
            with store.reading() as session:
                rows = list_keys(session)
            if not rows:
                print(
                    "no keys; create one with `partner-match keys create --role ROLE`"
                )
            for row in rows:
                revoked = as_utc(row.revoked_at)
                state = f"revoked {revoked:%Y-%m-%d %H:%M}" if revoked else "active"
                print(
                    f"{row.id:>4}  {row.name:<20} {row.role:<8} {row.prefix}…  "
                    f"created {as_utc(row.created_at):%Y-%m-%d %H:%M}  {state}"
                )
        else:
            with store.transaction() as session:
                row = revoke_key(session, args.key, actor=_actor())
            print(f"key {row.id} ({row.name}, {row.role}) revoked")
    finally:
        store.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Migrate the database to the newest schema."""
    from service.storage.database import Store

    store = Store(get_settings().database_url)
    try:
        store.upgrade()
        print(f"database {store.describe()} at revision {store.current_revision()}")
    finally:
        store.dispose()
    return 0


def add_service_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``serve``, ``keys`` and ``db`` on the ``partner-match`` parser."""
    p = sub.add_parser("serve", help="run the API and the web page")
    p.add_argument("--host", default=None, help="interface (default: settings.host)")
    p.add_argument(
        "--port", type=int, default=None, help="port (default: settings.port)"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("keys", help="manage API keys")
    ksub = p.add_subparsers(dest="keys_command", required=True)
    k = ksub.add_parser("create", help="create a key and print it once")
    k.add_argument("--role", choices=KEY_ROLES, required=True)
    k.add_argument("--name", default="unnamed", help="who or what the key is for")
    k.set_defaults(func=cmd_keys)
    k = ksub.add_parser("list", help="list keys (never the keys themselves)")
    k.set_defaults(func=cmd_keys)
    k = ksub.add_parser("revoke", help="revoke a key by id or name")
    k.add_argument("key", help="the key's id or name (see `keys list`)")
    k.set_defaults(func=cmd_keys)

    p = sub.add_parser("db", help="the service database")
    dsub = p.add_subparsers(dest="db_command", required=True)
    d = dsub.add_parser("upgrade", help="migrate the database to the newest schema")
    d.set_defaults(func=cmd_db_upgrade)
