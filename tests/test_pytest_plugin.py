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

        def test_a_session_server_is_reused(
            mock_server_factory, make_mock_server, mock_server_options
        ):
            session = make_mock_server(SPEC, options=mock_server_options)
            assert mock_server_factory(SPEC) is session
            assert mock_server_factory.servers == []  # none started for this test alone
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


def test_the_vendor_fixtures_are_typed_and_take_vendor_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from autoenhance_client.api.images import create_image, retrieve_image
        from autoenhance_client.api.orders import create_order
        from autoenhance_client.models import ImageIn, OrderIn
        from mock_server import AIHomeDesignMock, AutoenhanceMock

        JPEG = b"\\xff\\xd8\\xff\\xe0" + b"\\0" * 64

        @pytest.mark.mock_server(processing_seconds=30, rate_limit=False, seed=3)
        def test_options(autoenhance_mock, aihomedesign_mock):
            assert isinstance(autoenhance_mock, AutoenhanceMock)
            assert isinstance(aihomedesign_mock, AIHomeDesignMock)
            assert autoenhance_mock.engine.options.seed == 3
            assert aihomedesign_mock.engine.behaviour.rate_limit is False
            client = autoenhance_mock.client()
            order = create_order.sync(client=client, body=OrderIn(name="Oak"))
            image = create_image.sync(
                client=client, body=ImageIn(image_name="a.jpg", order_id=order.order_id)
            )
            with autoenhance_mock.http_client() as http:
                http.put(image.upload_url, content=JPEG, headers={"Content-Type": "image/jpeg"})
            autoenhance_mock.clock.advance(29)
            assert retrieve_image.sync(image.image_id, client=client).status.value == "processing"
            autoenhance_mock.clock.advance(1)
            assert retrieve_image.sync(image.image_id, client=client).status.value == "processed"

        def test_default_processing_is_instant(autoenhance_mock):
            assert autoenhance_mock.engine.behaviour.processing_seconds == 0

        @pytest.mark.mock_server(generation_seconds=5)
        def test_generation_seconds(aihomedesign_mock):
            assert aihomedesign_mock.engine.behaviour.generation_seconds == 5
        """
    )
    run(pytester).assert_outcomes(passed=3)


def test_a_misspelt_option_is_refused_with_the_valid_ones(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        SPEC = {str(SPEC)!r}

        @pytest.mark.mock_server(rate_limt=False)
        def test_marker_typo(aihomedesign_mock):
            pass

        @pytest.mark.mock_server(procesing_seconds=3)
        def test_marker_typo_in_the_factory(mock_server_factory):
            pass

        def test_factory_typo(mock_server_factory):
            mock_server_factory(SPEC, processing_seconds=3)

        def test_journal_typo(autoenhance_mock):
            autoenhance_mock.journal.calls(operation_id="createOrder")
        """
    )
    result = run(pytester)
    result.assert_outcomes(errors=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*ConfigError: unknown mock_server option(s) 'rate_limt'; engine options: "
            "accept_any_key, accepted_keys, *; aihomedesign options: generation_seconds, "
            "rate_limit; aihomedesign-v3 options: generation_seconds, rate_limit; "
            "autoenhance options: *merging_seconds, processing_seconds*",
            "*ConfigError: unknown mock_server option(s) 'procesing_seconds'*",
            # Without an api, the spec has no vendor options at all.
            "*ConfigError: unknown mock_server option(s) 'processing_seconds'; "
            "engine options: accept_any_key, *, strict",
            "*ConfigError: unknown operation id 'createOrder'; the spec's operation ids: "
            "create_bracket, create_image, create_order, *",
        ]
    )


def test_the_factory_serves_an_edited_vendor_spec_with_its_behaviour(
    pytester: pytest.Pytester,
) -> None:
    bundled = Path(__file__).resolve().parent.parent / "openapi" / "autoenhance.yaml"
    pytester.makepyfile(
        f"""
        from pathlib import Path

        from autoenhance_client.api.orders import create_order, retrieve_order
        from autoenhance_client.models import OrderIn
        from mock_server import AutoenhanceMock

        BUNDLED = {str(bundled)!r}
        SPECS = []

        def edited(tmp_path):
            text = Path(BUNDLED).read_text().replace("Autoenhance.ai", "Autoenhance.ai (edited)", 1)
            copy = tmp_path / "autoenhance.yaml"
            copy.write_text(text)
            return copy

        def test_vendor_behaviour(mock_server_factory, tmp_path):
            mock = mock_server_factory(edited(tmp_path), api="autoenhance", processing_seconds=9)
            assert isinstance(mock, AutoenhanceMock)
            assert mock.engine.spec.title == "Autoenhance.ai (edited) API"
            assert mock.engine.behaviour.processing_seconds == 9
            client = mock.client()
            created = create_order.sync(client=client, body=OrderIn(name="short"))
            assert created.name == "short"  # the behaviour's answer, not the spec's example
            assert retrieve_order.sync(created.order_id, client=client).name == "short"
            SPECS.append(mock.engine.spec)

        def test_the_bundled_spec_is_the_fixture_server(mock_server_factory, autoenhance_mock):
            assert mock_server_factory(BUNDLED, api="autoenhance") is autoenhance_mock
            assert mock_server_factory.servers == []

        def test_cached_by_content(mock_server_factory, tmp_path):
            mock = mock_server_factory(edited(tmp_path), api="autoenhance", processing_seconds=9)
            assert mock.engine.spec is SPECS[0]  # another path, the same content: compiled once
        """
    )
    run(pytester).assert_outcomes(passed=3)


def test_servers_started_for_one_test_stop_at_its_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import threading
        from pathlib import Path

        import pytest

        SPEC = {str(SPEC)!r}
        SEEN = []

        def edited(tmp_path, n):
            text = Path(SPEC).read_text().replace("title: ", f"title: edit {{n}} ", 1)
            copy = tmp_path / "spec.yaml"
            copy.write_text(text)
            return copy

        def test_baseline(mock_server_factory, make_mock_server):
            SEEN.append((threading.active_count(), len(make_mock_server.running)))

        @pytest.mark.parametrize("n", range(8))
        def test_repeat(mock_server_factory, make_mock_server, tmp_path, n):
            mock = mock_server_factory(edited(tmp_path, n))
            assert mock_server_factory(edited(tmp_path, n)) is mock  # same test, same server
            assert mock.engine.spec.title.startswith(f"edit {{n}}")
            assert mock_server_factory.servers == [mock] and mock.is_running()
            SEEN.append(mock)

        def test_no_growth(make_mock_server):
            threads, running = SEEN[0]
            servers = SEEN[1:]
            assert len(servers) == 8 and not any(s.is_running() for s in servers)
            assert (threading.active_count(), len(make_mock_server.running)) == (threads, running)
        """
    )
    run(pytester).assert_outcomes(passed=10)
