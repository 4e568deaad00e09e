"""The servers the pytest fixtures hand out: kept for the session, or for one test.

:class:`MockServerPool` (``make_mock_server``) keeps one running server per
configuration for the whole session. A spec file counts by its content, not its path:
an edited copy written to each test's ``tmp_path`` is one configuration, compiled once.
:class:`MockServerFactory` (``mock_server_factory``) reuses a session server when one
has that configuration and otherwise starts one for the current test only, which
:meth:`MockServerFactory.close` stops at the test's teardown: a session that edits a
spec per test keeps no thread per edit.

Under pytest-xdist each worker keeps its own pool (its own in-process servers), rather
than sharing one ``mock-server`` with a session (``/~NAME``) per worker: measured on the
same machine, a test's reset plus one request costs the same either way (median 1.3 ms
in process, 1.5 to 1.8 ms through a shared server's session), and the only saving, about
0.1 s of server start per worker, does not pay for what sharing costs: a process every
worker must find, start once and outlive, and a test that no longer reads its server's
state, clock and failures directly (``server.reset()``, ``engine.check()``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.errors import SpecError
from mock_server.server import MockServer
from mock_server.testing._mocks import AIHomeDesignMock, AutoenhanceMock, vendor_mock
from mock_server.testing._options import split_options
from mock_server.vendors import ApiName, build_engine, bundled_spec, is_bundled_spec

if TYPE_CHECKING:
    from mock_server.engine import Behaviour

__all__ = ["MockServerFactory", "MockServerPool"]

SpecPath = str | os.PathLike[str]
_Key = tuple[object, ...]


class MockServerPool:
    """Running servers by configuration, for the session; :meth:`close` stops them.

    Every server runs on a manual clock. Calling the pool returns the running server for
    a spec (by content) or vendor API, options, behaviour and vendor options, starting it
    the first time.
    """

    def __init__(self) -> None:
        self._servers: dict[_Key, MockServer] = {}
        self._specs: tempfile.TemporaryDirectory[str] | None = None

    @overload
    def __call__(
        self,
        spec_path: SpecPath | None = None,
        /,
        *,
        api: Literal["autoenhance"],
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> AutoenhanceMock: ...
    @overload
    def __call__(
        self,
        spec_path: SpecPath | None = None,
        /,
        *,
        api: Literal["aihomedesign"],
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> AIHomeDesignMock: ...
    @overload
    def __call__(
        self,
        spec_path: SpecPath | None = None,
        /,
        *,
        api: ApiName | None = None,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> MockServer: ...
    def __call__(
        self,
        spec_path: SpecPath | None = None,
        /,
        *,
        api: ApiName | None = None,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> MockServer:
        """Return the running session server for this configuration.

        Raises:
            ConfigError: Neither a spec nor an API, or a vendor option the vendor lacks.
            SpecError: The spec cannot be loaded.
        """
        config: dict[str, Any] = {
            "api": api,
            "options": options,
            "behaviour": behaviour,
            "vendor_options": vendor_options,
        }
        key = self.key(spec_path, **config)
        if key not in self._servers:
            self._servers[key] = self.start(spec_path, **config)
        return self._servers[key]

    def key(
        self,
        spec_path: SpecPath | None,
        *,
        api: ApiName | None,
        options: EngineOptions,
        behaviour: Behaviour | None,
        vendor_options: Mapping[str, Any] | None,
    ) -> _Key:
        """What tells configurations apart: the spec's content digest, not its path.

        The vendor's bundled spec is the same configuration as no spec at all.
        """
        digest = None
        if spec_path is not None and not _is_bundled(Path(spec_path), api):
            digest = _digest(Path(spec_path))
        vendor = tuple(sorted((vendor_options or {}).items()))
        return (digest, api, options, behaviour, vendor)

    def find(self, key: _Key) -> MockServer | None:
        """The session server of a configuration, if one was started."""
        return self._servers.get(key)

    def start(
        self,
        spec_path: SpecPath | None,
        *,
        api: ApiName | None,
        options: EngineOptions,
        behaviour: Behaviour | None,
        vendor_options: Mapping[str, Any] | None,
    ) -> MockServer:
        """Start a server for a configuration, kept by nobody: the caller stops it."""
        spec = None if spec_path is None else self._canonical(Path(spec_path))
        try:
            engine = build_engine(
                api,
                spec=spec,
                clock=Clock(manual=True),
                options=options,
                behaviour=behaviour,
                vendor_options=vendor_options,
            )
        except SpecError as error:
            if spec is None:
                raise
            # Name the file the caller gave, not the copy.
            raise SpecError(str(error).replace(str(spec), str(spec_path))) from None
        server = vendor_mock(engine, api)
        if spec is None:  # a bundled spec: served as the CLI serves it (v3 beside v1)
            server.serve_beside(vendor_options)
        server.start()
        return server

    @property
    def running(self) -> list[MockServer]:
        """The session servers still running."""
        return [server for server in self._servers.values() if server.is_running()]

    def close(self) -> None:
        """Stop every session server and forget the spec copies."""
        for server in self.running:
            server.stop()
        self._servers.clear()
        if self._specs is not None:
            self._specs.cleanup()
            self._specs = None

    def _canonical(self, path: Path) -> Path:
        """One file per spec content, so the compiled spec is cached by content too.

        The engine builder caches compiled specs by path; a copy of the spec in each
        test's ``tmp_path`` would otherwise be compiled, and kept, once per test. A
        bundled spec is used in place (it skips validation there).
        """
        if is_bundled_spec(path):
            return path
        if self._specs is None:
            self._specs = tempfile.TemporaryDirectory(prefix="mock-server-specs-")
        copy = Path(self._specs.name) / f"{_digest(path)}{path.suffix}"
        if not copy.exists():
            shutil.copyfile(path, copy)
        return copy


class MockServerFactory:
    """The ``mock_server_factory`` fixture: a reset server for the current test.

    Args:
        pool: The session's servers, reused when one has the configuration asked for.
        options: The engine options every call starts from (``mock_server_options``).
        marked: The test's ``mock_server`` marker keywords (engine and vendor options).
        used: Called with each server handed out (the plugin checks them after the test).
    """

    def __init__(
        self,
        pool: MockServerPool,
        *,
        options: EngineOptions,
        marked: Mapping[str, Any],
        used: Callable[[MockServer], None],
    ) -> None:
        self._pool = pool
        self._options = options
        self._marked = dict(marked)
        self._used = used
        self._own: dict[_Key, MockServer] = {}

    @overload
    def __call__(
        self,
        spec_path: SpecPath,
        /,
        *,
        api: Literal["autoenhance"],
        behaviour: Behaviour | None = None,
        **options: Any,
    ) -> AutoenhanceMock: ...
    @overload
    def __call__(
        self,
        spec_path: SpecPath,
        /,
        *,
        api: Literal["aihomedesign"],
        behaviour: Behaviour | None = None,
        **options: Any,
    ) -> AIHomeDesignMock: ...
    @overload
    def __call__(
        self,
        spec_path: SpecPath,
        /,
        *,
        api: None = None,
        behaviour: Behaviour | None = None,
        **options: Any,
    ) -> MockServer: ...
    def __call__(
        self,
        spec_path: SpecPath,
        /,
        *,
        api: ApiName | None = None,
        behaviour: Behaviour | None = None,
        **options: Any,
    ) -> MockServer:
        """Serve the spec at ``spec_path``, reset for this test.

        Args:
            spec_path: Any OpenAPI file; with ``api``, an edited copy of that vendor's
                spec, answered by the vendor's behaviour (by operationId), as
                ``mock-server --spec FILE --api NAME`` does.
            api: The vendor whose behaviour answers (None: examples and schemas only).
            behaviour: A behaviour of your own instead (create it once per session:
                it is part of what a server is reused for).
            **options: Engine options (``EngineOptions`` fields) and, with ``api``, the
                vendor's options (``processing_seconds``...); they override the marker's.

        Raises:
            ConfigError: An option that is neither (the valid ones are listed).
            SpecError: The spec cannot be loaded.
        """
        marked_engine, marked_vendor = split_options(self._marked, api=api, strict=False)
        engine_options, vendor_options = split_options(options, api=api)
        merged = replace(self._options, **{**marked_engine, **engine_options})
        vendor = {**marked_vendor, **vendor_options}
        key = self._pool.key(
            spec_path, api=api, options=merged, behaviour=behaviour, vendor_options=vendor
        )
        server = self._pool.find(key) or self._own.get(key)
        if server is None:
            server = self._pool.start(
                spec_path, api=api, options=merged, behaviour=behaviour, vendor_options=vendor
            )
            self._own[key] = server
        server.reset()
        self._used(server)
        return server

    @property
    def servers(self) -> list[MockServer]:
        """The servers started for this test alone (stopped by :meth:`close`)."""
        return list(self._own.values())

    def close(self) -> None:
        """Stop the servers started for this test."""
        for server in self._own.values():
            if server.is_running():
                server.stop()
        self._own.clear()


def _is_bundled(path: Path, api: ApiName | None) -> bool:
    return api is not None and path.resolve() == bundled_spec(api).resolve()


def _digest(path: Path) -> str:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise SpecError(f"{path}: cannot read the spec ({error.strerror or error})") from None
    return hashlib.sha256(content).hexdigest()[:32]
