"""Benchmarks and soak test for the mock server (run from the repo root: ``python -m bench``).

What one run measures, on this machine, in one go (``make bench``):

1. **Throughput and latency** (req/s, p50/p99) of two requests with request validation
   on: Autoenhance ``create_order`` (``POST /v3/orders/``, ``{"name": ...}``, ``x-api-key:
   test-key``) and AI HomeDesign ``submit_order`` (``POST /v1/order``, an Item Removal body
   whose ``order_id`` comes from a real upload made first). wrk (Debian package ``wrk``,
   installed with apt-get if missing) drives each at ``-t1`` and at 8 and then 32
   connections, 5 s per load after a 1 s warm-up, against five servers:

   - **ours**: the ``mock-server`` CLI serving one API, on the server the CLI runs by
     default (``--server`` picks another), so a change of server is what gets measured;
     its state is reset (``POST /__mock/reset``) before each load;
   - **Prism**: ``node_modules/.bin/prism mock`` on the same spec;
   - **WireMock**: the standalone jar of the npm package ``wiremock`` (``java -jar``)
     answering a static stub whose status, content type and body are ours' answer to the
     same request (:mod:`bench.stubs`);
   - **the ceiling**: :mod:`bench.ceiling`, a raw WSGI app returning fixed JSON, on the
     same server kind (gunicorn, granian, ...) and settings as ours;
   - **the loaded ceiling**: the same app holding the interpreter, per request, as long as
     ours' RSGI app takes in-process (measured just before that API's rounds). With the
     raw ceiling it gives what each µs of Python costs on this server, hence how many µs
     of Python per request WireMock's req/s leaves (the "Python per request" table).

   The five run side by side for one API; wrk loads one at a time. Each of the 3 rounds
   visits every server, in an order rotated from round to round, and the table gives the
   median round and ratios of medians, never the best round. Prism and WireMock (both
   JIT runtimes) are first warmed up until their req/s stops rising.
2. **Startup and idle memory**: launch to first answered request (status < 500, polled
   every 5 ms) and the RSS of the server's process group 1 s later, median of 3 launches,
   for ours, Prism and WireMock, all serving Autoenhance.
3. **In-process costs** (:mod:`bench.inprocess`): µs per ``Engine.handle`` and per call of
   the CLI's whole WSGI app for the same two requests, and the per-test fixture overhead:
   ``MockServer.reset()`` + one request over HTTP + ``check()``, median of 200 cycles.
4. **Profiles**: cProfile of the in-process hot path (``Engine.handle`` and the WSGI app,
   top 15 by cumulative time) for each API, and a startup breakdown.

Each phase prints one line as it ends (``[7/43] wiremock create_order c8 round 2: ...``);
then the summary and the targets (PASS/MISS) are printed, and everything, profiles
included, is written to ``bench/results/latest.md`` and ``latest.json``
(``bench/results/`` is git-ignored; server logs go to ``bench/results/logs/``, WireMock's
stubs to ``bench/results/wiremock/``). The run exits 0 when it measured everything, 1
when a measurement failed, and with ``--strict`` also 1 when a target was missed.
``--quick`` is a short smoke run (c8 only, 2 s loads, one round, one launch).

``python -m bench --soak`` is the leak check (:mod:`bench.soak`): 100k mixed requests
against the standalone mock, RSS and journal length sampled every 10k, exit 1 when the
RSS grows by more than 50 MB or the journal exceeds its bound.

Every server binds 127.0.0.1 on a free port, runs in its own process group and is
stopped in a ``finally``; every load is bounded in time or count.
"""
