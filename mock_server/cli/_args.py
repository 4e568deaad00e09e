"""The command lines of ``mock-server`` and ``mock-server proxy``, and what they ask for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mock_server.engine import EngineOptions
from mock_server.site import DEFAULT_HOST
from mock_server.site._sessions import DEFAULT_IDLE_SECONDS, DEFAULT_MAX_SESSIONS
from mock_server.vendors import (
    APIS,
    AUTOENHANCE_MERGING_SECONDS,
    AUTOENHANCE_PROCESSING_SECONDS,
    ApiName,
)

__all__ = [
    "DEFAULT_PORTS",
    "WEBHOOK_ADMIN_PATHS",
    "build_parser",
    "build_proxy_parser",
    "engine_options",
    "vendor_options",
]

DEFAULT_PORTS = {"aihomedesign": 4010, "autoenhance": 4011}

WEBHOOK_ADMIN_PATHS: dict[ApiName, str] = {
    "aihomedesign": "/__mock/webhook",
    "aihomedesign-v3": "/__mock/v3/webhook",
    "autoenhance": "/__mock/webhook",
}
"""Each API's ``--NAME-webhook-url`` option, and where its admin surface sets the same."""


_HEADER_TIMEOUT_S = 10.0


def _version() -> str:
    import importlib.metadata  # only for --version: a tenth of the launch otherwise

    try:
        return importlib.metadata.version("realestate-ai-api-mocks")
    except importlib.metadata.PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``mock-server``."""
    parser = argparse.ArgumentParser(
        prog="mock-server",
        description="Serve the spec-driven mocks of the AI HomeDesign and Autoenhance APIs.",
    )
    add = parser.add_argument
    add(
        "--api",
        choices=("aihomedesign", "autoenhance", "both", "aihomedesign-v3"),
        default="both",
        help="which bundled API to serve (default: both); AI HomeDesign's port serves v1 "
        "and, under /v3, v3; aihomedesign-v3 goes with --spec (a v3 spec on a port of its own)",
    )
    add("--version", action=_VersionAction)
    add(
        "--spec",
        metavar="PATH|URL",
        help="serve this OpenAPI file instead; with --api NAME, that vendor's behaviour "
        "answers the operations it knows (an edited copy of the vendor spec keeps working)",
    )
    add("--port", type=int, metavar="N", help="port for --spec (default 4010)")
    add(
        "--watch",
        action="store_true",
        help="reload a --spec file when it changes, keeping state (a bad edit keeps the old)",
    )
    add("--host", default=DEFAULT_HOST, help="interface to bind (default 127.0.0.1)")
    add("--aihomedesign-port", type=int, default=DEFAULT_PORTS["aihomedesign"], metavar="N")
    add("--autoenhance-port", type=int, default=DEFAULT_PORTS["autoenhance"], metavar="N")
    add(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="an accepted x-api-key (repeatable; default: test-key)",
    )
    add("--accept-any-key", action="store_true", help="accept any non-empty API key")
    add(
        "--seed",
        type=int,
        default=None,
        help="seed of ids and synthesized values; without it each start draws a fresh one, "
        "so an id a client kept never names new data after a restart",
    )
    add(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="answer 500 when a response would not match the spec (default: off)",
    )
    add("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    add(
        "--log-format",
        default="text",
        choices=("text", "json"),
        help="text lines, or one JSON object per line (default text)",
    )
    add(
        "--clock",
        choices=("real", "manual"),
        default="real",
        help="manual: time moves only through POST /__mock/clock/advance (default real)",
    )
    add(
        "--processing-delay",
        type=float,
        default=AUTOENHANCE_PROCESSING_SECONDS,
        metavar="SECONDS",
        help="Autoenhance: seconds from upload to processed "
        f"(default {AUTOENHANCE_PROCESSING_SECONDS:g})",
    )
    add(
        "--merging-delay",
        type=float,
        default=AUTOENHANCE_MERGING_SECONDS,
        metavar="SECONDS",
        help="Autoenhance: seconds Process Order takes to group brackets "
        f"(default {AUTOENHANCE_MERGING_SECONDS:g}, the documented minimum)",
    )
    add(
        "--generation-delay",
        type=float,
        default=None,
        metavar="SECONDS",
        help="AI HomeDesign: v1, seconds from submit (or manual mask) to the finished image, "
        "also the answer's eta (default: each service's eta, 30 to 60); v3, seconds from "
        "a process's creation to its end (default 30); 0 finishes at once",
    )
    add(
        "--mappings",
        type=Path,
        metavar="DIR",
        help="load WireMock stub mappings from DIR (its mappings/ folder, or DIR itself); "
        "POST /__admin/mappings/save writes there",
    )
    add(
        "--cors",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="answer CORS preflights and allow any origin, as Prism does (default: on)",
    )
    add("--admin-key", metavar="KEY", help="require this x-mock-admin-key on /__mock/")
    add("--no-admin", action="store_true", help="disable the /__mock/ admin surface")
    add(
        "--no-rate-limit",
        action="store_true",
        help="turn off AI HomeDesign's rate limits (v1: 10 order submissions, v3: 10 "
        "processes, per 10 minutes)",
    )
    add(
        "--generic",
        action="store_true",
        help="serve the bundled specs from examples only, without the stateful vendor behaviour",
    )
    for name, admin_path in WEBHOOK_ADMIN_PATHS.items():
        add(
            f"--{name}-webhook-url",
            metavar="URL",
            help=f"POST the {name} mock's webhooks here (also settable at {admin_path})",
        )
    add(
        "--max-sessions",
        type=_count,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help="sessions (http://HOST:PORT/~NAME/..., each an isolated mock) one port holds at "
        f"once (default {DEFAULT_MAX_SESSIONS}; 0 turns sessions off)",
    )
    add(
        "--session-idle-seconds",
        type=_positive,
        default=DEFAULT_IDLE_SECONDS,
        metavar="SECONDS",
        help=f"end a session unused this long, with its state (default {DEFAULT_IDLE_SECONDS:g})",
    )
    add(
        "--server",
        choices=("granian", "werkzeug"),
        default="granian",
        help="HTTP server (default granian, event-driven; werkzeug is the threaded fallback)",
    )
    add(
        "--loop",
        choices=("auto", "asyncio", "uvloop"),
        default="auto",
        help="granian's event loop (default auto: uvloop where it is installed, else asyncio)",
    )
    add(
        "--drain-timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="on SIGTERM, how long requests in flight may take before the exit (default 5)",
    )
    add(
        "--body-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="answer 408 when a request body takes longer to arrive (granian; default 30)",
    )
    add(
        "--header-timeout",
        type=float,
        default=_HEADER_TIMEOUT_S,
        metavar="SECONDS",
        help="close a connection whose request headers take longer (granian; default 10)",
    )
    return parser


def _count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive(raw: str) -> float:
    value = float(raw)
    if not value > 0:  # NaN too
        raise argparse.ArgumentTypeError(f"must be more than 0, not {raw}")
    return value


def engine_options(args: argparse.Namespace) -> EngineOptions:
    """Build the EngineOptions the parsed arguments ask for."""
    return EngineOptions(
        accepted_keys=frozenset(args.api_keys or ["test-key"]),
        accept_any_key=args.accept_any_key,
        seed=args.seed,
        strict=args.strict,
        cors=args.cors,
    )


def vendor_options(vendor: ApiName | None, args: argparse.Namespace) -> dict[str, Any]:
    """The vendor behaviour's own options the parsed arguments ask for."""
    if vendor in ("aihomedesign", "aihomedesign-v3"):
        return {"rate_limit": not args.no_rate_limit, "generation_seconds": args.generation_delay}
    if vendor == "autoenhance":
        return {
            "processing_seconds": args.processing_delay,
            "merging_seconds": args.merging_delay,
        }
    return {}


def build_proxy_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``mock-server proxy``."""
    parser = argparse.ArgumentParser(
        prog="mock-server proxy",
        description="Forward every request to the real API; check both directions "
        "against the spec (violations: a log line, the journal, an sl-violations header).",
    )
    add = parser.add_argument
    add("--api", choices=APIS, help="the vendor whose bundled spec checks the traffic")
    add("--spec", type=Path, metavar="PATH", help="check against this OpenAPI file instead")
    add("--upstream", required=True, metavar="URL", help="e.g. https://api.autoenhance.ai")
    add("--record", type=Path, metavar="DIR", help="save exchanges as WireMock mappings")
    add("--host", default=DEFAULT_HOST, help="interface to bind (default 127.0.0.1)")
    add("--port", type=int, default=4020, metavar="N", help="port (default 4020)")
    add("--timeout", type=float, default=30.0, metavar="SECONDS", help="upstream timeout")
    add("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    return parser
