"""The APIs one ``mock-server`` process serves: their sites, ports and specs.

A bundled API served beside another on its port (AI HomeDesign v3 under ``/v3`` on the
AI HomeDesign port, ``vendors.served_beside``) is mounted on that port's site, on the
same clock, with the same options; a ``--spec`` serves that file alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import socket
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mock_server.app import MockApp
from mock_server.cli._args import engine_options, vendor_options
from mock_server.clock import Clock
from mock_server.engine import Engine
from mock_server.errors import ConfigError, MockServerError
from mock_server.redaction import redacted_url, scrub_text, url_secrets
from mock_server.site import Site
from mock_server.spec import Spec, load_spec
from mock_server.vendors import (
    PORT_APIS,
    ApiName,
    build_engine,
    bundled_spec,
    served_beside,
)
from mock_server.webhooks import serving_on

__all__ = ["ServedSite", "announce", "build_sites", "claim_ports", "watch"]

logger = logging.getLogger("mock_server.cli")


@dataclass(frozen=True, kw_only=True)
class ServedSite:
    """One served API: a label for humans, where it listens, and its app."""

    label: str
    host: str
    port: int
    path_prefix: str
    app: MockApp
    flag: str
    """The option that sets this site's port (named when the port is taken)."""


def build_sites(args: argparse.Namespace) -> list[ServedSite]:
    """Return the sites to serve (each spec is loaded here, once).

    Raises:
        MockServerError: A spec cannot be found or loaded.
    """
    specs: list[tuple[Path, int, ApiName | None]]
    if args.spec is not None:
        vendor: ApiName | None = None if args.api == "both" else args.api
        downloaded = _spec_file(args.spec)
        specs = [(downloaded, 4010 if args.port is None else args.port, vendor)]
    elif args.port is not None:
        raise ConfigError("--port goes with --spec; use --aihomedesign-port/--autoenhance-port")
    elif args.api not in (*PORT_APIS, "both"):
        msg = f"{args.api} is served on its vendor's port: --api aihomedesign serves it under /v3"
        raise ConfigError(msg)
    else:
        names = PORT_APIS if args.api == "both" else (args.api,)
        specs = [(bundled_spec(n), getattr(args, f"{n}_port"), n) for n in names]
    engine_options(args)  # built once here so that a bad option fails before binding
    try:
        return [_served(path, port, vendor, args) for path, port, vendor in specs]
    finally:
        if args.spec is not None and str(args.spec).startswith(("http://", "https://")):
            specs[0][0].unlink(missing_ok=True)  # the download: loaded, no longer needed


def _served(path: Path, port: int, vendor: ApiName | None, args: argparse.Namespace) -> ServedSite:
    clock = Clock(manual=args.clock == "manual")
    engine = _serving_engine(path, vendor, args, clock=clock)
    app = MockApp(
        engine,
        admin=not args.no_admin,
        admin_key=args.admin_key,
        body_timeout=args.body_timeout,
        name=engine.spec.title,
    )
    _mount_beside(app.site, vendor, args)
    if args.max_sessions > 0:

        def session_site(name: str) -> Site:
            # The default site's recipe, on a clock and engines of its own: nothing shared.
            clock = Clock(manual=args.clock == "manual")
            engine = _serving_engine(path, vendor, args, clock=clock, session=True)
            if engine.spec is not app.engine.spec:  # --watch reloaded it: start from the new
                engine.reload(app.engine.spec)
            site = Site(
                engine,
                admin=not args.no_admin,
                admin_key=args.admin_key,
                name=f"{engine.spec.title} ~{name}",
            )
            _mount_beside(site, vendor, args, session=True)
            return site

        app.site.serve_sessions(
            session_site, max_sessions=args.max_sessions, idle_seconds=args.session_idle_seconds
        )
    return ServedSite(
        label=engine.spec.title,
        host=args.host,
        port=port,
        path_prefix=_path_prefix(engine.spec),
        app=app,
        flag="--port" if args.spec is not None else f"--{vendor}-port",
    )


def _mount_beside(
    site: Site, vendor: ApiName | None, args: argparse.Namespace, *, session: bool = False
) -> None:
    """Mount the APIs the vendor serves beside ``vendor`` (AI HomeDesign v3 under /v3)."""
    if vendor is None or args.spec is not None:
        return
    for beside in served_beside(vendor):
        path = bundled_spec(beside.api)
        mounted = _serving_engine(path, beside.api, args, clock=site.engine.clock, session=session)
        site.mount(mounted, prefixes=beside.prefixes)


def _serving_engine(
    path: Path,
    vendor: ApiName | None,
    args: argparse.Namespace,
    *,
    clock: Clock,
    session: bool = False,
) -> Engine:
    """The engine a served site uses: the vendor behaviour unless ``--generic``.

    A session's engine reads ``--mappings`` but never writes it: the folder is shared.
    """
    engine = build_engine(
        None if args.generic else vendor,
        spec=path,
        clock=clock,
        options=engine_options(args),
        vendor_options=vendor_options(vendor, args),
        mappings_dir=args.mappings,
        mappings_read_only=session,
    )
    webhook = getattr(args, f"{vendor.replace('-', '_')}_webhook_url", None) if vendor else None
    if webhook:
        engine.configure_webhook(webhook)
    return engine


def _spec_file(location: str) -> Path:
    """The spec's local path; an http(s) URL is downloaded once, at start.

    The download is a temporary file that :func:`build_sites` removes once the spec is
    loaded; the URL is only ever shown redacted (its password, its secret query values).

    Raises:
        ConfigError: The URL cannot be fetched.
    """
    if not location.startswith(("http://", "https://")):
        return Path(location)
    import httpx  # only for a spec URL

    shown = redacted_url(location)
    quiet = logging.getLogger("httpx")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # httpx's INFO line would show the URL in clear
    try:
        response = httpx.get(location, timeout=30, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        reason = scrub_text(f"{type(exc).__name__}: {exc}", url_secrets(location))
        raise ConfigError(f"cannot fetch the spec {shown}: {reason}") from None
    finally:
        quiet.setLevel(level)
    suffix = ".json" if location.split("?", 1)[0].endswith(".json") else ".yaml"
    with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as file:
        file.write(response.content)
    logger.info("fetched the spec %s", shown)
    return Path(file.name)


def watch(path: Path, engine: Engine, *, interval: float = 0.5) -> threading.Thread:
    """Reload ``engine`` from ``path`` whenever the file changes (a daemon thread).

    A reload that fails keeps the old spec and logs why.
    """

    def loop() -> None:
        seen = _mtime(path)
        while True:
            time.sleep(interval)
            current = _mtime(path)
            if current == seen:
                continue
            seen = current
            try:
                engine.reload(load_spec(path))
            except MockServerError as exc:
                logger.error("reload of %s failed, still serving the old spec: %s", path, exc)
            else:
                logger.info("reloaded %s (%d operations)", path, len(engine.spec.operations))

    thread = threading.Thread(target=loop, name="mock-spec-watch", daemon=True)
    thread.start()
    return thread


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _path_prefix(spec: Spec) -> str:
    """The first path segment every operation shares (``/v1``), or ``""``."""
    firsts = {op.path.split("/")[1] for op in spec.operations if op.path.count("/") > 1}
    return f"/{firsts.pop()}" if len(firsts) == 1 else ""


def claim_ports(sites: list[ServedSite]) -> None:
    """Fail fast on a port in use (naming the API and the flag); resolve port 0.

    granian binds with SO_REUSEPORT, so a second server on a taken port would share it
    silently; a plain bind first finds the owner, whatever it is.

    Raises:
        ConfigError: A port is in use, or two sites ask for the same port.
    """
    seen: dict[int, ServedSite] = {}
    for index, site in enumerate(sites):
        with socket.socket(_family(site.host), socket.SOCK_STREAM) as probe:
            # SO_REUSEADDR, as every server sets it: connections of a previous run in
            # TIME_WAIT do not count; a listener does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((site.host, site.port))
            except OSError as exc:
                msg = (
                    f"{site.label}: cannot listen on {site.host}:{site.port} ({exc.strerror}); "
                    f"choose another port with {site.flag}"
                )
                raise ConfigError(msg) from None
            port = probe.getsockname()[1]
        if port in seen:
            msg = (
                f"{site.label} and {seen[port].label} both ask for port {port}; change {site.flag}"
            )
            raise ConfigError(msg)
        seen[port] = site
        sites[index] = dataclasses.replace(site, port=port)
        serving_on(port)  # webhooks never aim at the mock itself


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _url_host(host: str) -> str:
    """``host`` as a URL spells it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def announce(sites: Iterable[ServedSite], args: argparse.Namespace) -> None:
    sites = list(sites)
    for site in sites:
        base = f"http://{_url_host(site.host)}:{site.port}"
        print(f"{site.label}: {base}{site.path_prefix} (base_url {base})", flush=True)
        for mount in site.app.site.mounted:
            # Not "(base_url ...)" right after the URL: a script reading one line per port
            # from the banner still finds one.
            print(f"{mount.name}: {base}{mount.base} (same port; base_url {base})", flush=True)
    for site in sites:
        base = f"http://{_url_host(site.host)}:{site.port}"
        documents = [(site.label, "", site.app.engine)]
        documents += [(m.name, m.base, m.engine) for m in site.app.site.mounted]
        for label, at, engine in documents:
            print(f"{label} routes (spec: {base}{at}/openapi.json, docs: {base}{at}/docs):")
            for operation in engine.spec.operations:
                print(f"  {operation.method.upper():7} {operation.path}  {operation.operation_id}")
    if args.clock == "manual":
        print("clock: manual (POST /__mock/clock/advance moves it)", flush=True)
    if args.max_sessions > 0:
        print(
            f"sessions: BASE/~NAME/... is an isolated mock (at most {args.max_sessions} a port, "
            f"ended after {args.session_idle_seconds:g}s idle; GET /__mock/sessions lists them)",
            flush=True,
        )
    keys = ", ".join(sorted(args.api_keys or ["test-key"]))
    if args.accept_any_key:
        keys = "any non-empty key"
    print(f"accepted x-api-key: {keys}", flush=True)
