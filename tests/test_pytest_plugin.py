"""Tests for mock_server.pytest_plugin, run through pytester."""

from __future__ import annotations

from pathlib import Path

import pytest

# Imported here so pytester's in-process runs find these modules already loaded: it
# unloads modules first imported by an inner run, and PyYAML's C loader cannot survive a
# re-import of ``yaml`` (its nodes would no longer be the classes the loader checks).
import mock_server.pytest_plugin  # noqa: F401

pytest_plugins = ["pytester"]

SPEC = Path(__file__).parent / "specs" / "edge_items.yaml"
# Block the entry-point registration (name "mock_server") and load the module directly,
# so the run behaves the same whether or not the package is installed.
PLUGIN_ARGS = ("-p", "no:mock_server", "-p", "mock_server.pytest_plugin", "-p", "no:cacheprovider")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*PLUGIN_ARGS, *args)


def test_bundled_fixtures_pass(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx
        from mock_server.server import MockServer

        def test_aihomedesign(aihomedesign_mock):
            assert isinstance(aihomedesign_mock, MockServer)
            r = httpx.get(aihomedesign_mock.url + "/v1/order/abc")
            assert r.status_code == 401
            assert aihomedesign_mock.journal.last.operation_id == "get_order"

        def test_autoenhance(autoenhance_mock):
            r = httpx.get(autoenhance_mock.url + "/__mock/health")
            assert r.status_code == 200
            assert autoenhance_mock.api_key == "test-key"

        def test_reset_between_tests(aihomedesign_mock):
            assert not aihomedesign_mock.journal.called
        """
    )
    run(pytester).assert_outcomes(passed=3)


def test_factory_options_and_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import httpx
        import pytest

        SPEC = {str(SPEC)!r}

        def test_factory(mock_server_factory):
            mock = mock_server_factory(SPEC, accepted_keys=frozenset({{"k-123456"}}))
            assert mock.api_key == "k-123456"
            r = httpx.get(mock.url + "/v1/items/a", headers={{"x-api-key": "k-123456"}})
            assert r.status_code == 200
            assert mock.engine.options.strict is True

        @pytest.mark.mock_server(accept_any_key=True)
        def test_marker(mock_server_factory):
            mock = mock_server_factory(SPEC)
            assert mock.engine.options.accept_any_key is True

        def test_same_server_is_reused(mock_server_factory, make_mock_server, mock_server_options):
            assert mock_server_factory(SPEC) is make_mock_server(SPEC, options=mock_server_options)
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=3)


def test_options_fixture_is_overridable(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest
        from mock_server.engine import EngineOptions

        @pytest.fixture(scope="session")
        def mock_server_options():
            return EngineOptions(accepted_keys=frozenset({"conf-key"}), seed=9)
        """
    )
    pytester.makepyfile(
        """
        def test_it(autoenhance_mock):
            assert autoenhance_mock.api_key == "conf-key"
            assert autoenhance_mock.engine.options.strict is False
        """
    )
    run(pytester).assert_outcomes(passed=1)


def test_server_side_errors_fail_the_test_that_caused_them(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import httpx
        from mock_server.engine import BaseBehaviour
        from mock_server.types import ResponseData

        SPEC = {str(SPEC)!r}

        class Scripted(BaseBehaviour):
            answer = None
            def handle(self, call):
                if isinstance(self.answer, Exception):
                    raise self.answer
                return self.answer

        BEHAVIOUR = Scripted()

        def get_item(mock):
            return httpx.get(mock.url + "/v1/items/a", headers={{"x-api-key": mock.api_key}})

        def test_crash(mock_server_factory):
            BEHAVIOUR.answer = RuntimeError("kaboom-in-handler")
            assert get_item(mock_server_factory(SPEC, behaviour=BEHAVIOUR)).status_code == 500

        def test_violation(mock_server_factory):
            BEHAVIOUR.answer = ResponseData(status=200, json={{"id": 1}}, has_json=True)
            assert get_item(mock_server_factory(SPEC, behaviour=BEHAVIOUR)).status_code == 500

        def test_failing_body_gets_notes(mock_server_factory):
            BEHAVIOUR.answer = RuntimeError("noted-error")
            assert get_item(mock_server_factory(SPEC, behaviour=BEHAVIOUR)).status_code == 200

        def test_next_test_is_clean(mock_server_factory):
            BEHAVIOUR.answer = None
            assert get_item(mock_server_factory(SPEC, behaviour=BEHAVIOUR)).status_code == 200
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*ServerFailure: the mock crashed while serving a request: *kaboom-in-handler*",
            "*ResponseViolation*",
            "*mock server error: ServerFailure(*noted-error*",
        ]
    )
