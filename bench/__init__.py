"""Benchmarks and soak test for the mock server (run from the repo root: ``python -m bench``).

What one run measures, on this machine, in one go (``make bench``):

1. **Throughput and latency** (req/s, p50/p90/p99) of two requests with request validation
   on: Autoenhance ``create_order`` (``POST /v3/orders/``, ``{"name": ...}``, ``x-api-key:
   test-key``) and AI HomeDesign ``submit_order`` (``POST /v1/order``, an Item Removal body
   whose ``order_id`` comes from a real upload made first). wrk (Debian package ``wrk``,
   installed with apt-get if missing) drives each at a fixed concurrency and duration
   (default ``-t2 -c32 -d5s`` after a 1 s warm-up) against three servers, one at a time,
   in two rounds with the order rotated (the best round is kept, since the machine may
   be shared; every round's req/s is in the notes):

   - **ours**: ``python -m mock_server.cli --api <api>`` (gunicorn, one process, gthread);
   - **Prism**: ``node_modules/.bin/prism mock`` on the same spec (``npm ci`` if missing);
   - **the ceiling**: :mod:`bench.ceiling`, a raw WSGI app returning fixed JSON, on the same
     gunicorn setup and thread count as ours.

   Headlines: ours / Prism (target ≥ 2x) and ours / ceiling (target ≥ 60 %). The output
   says whether each request was served by a stateful vendor behaviour or by the generic
   engine (detected: two creates returning different ids) and how many answers were not
   2xx (e.g. a rate limit turning the load into 429s).
2. **Startup**: launch to first answered request (status < 500, polled every 5 ms), median
   of 3 launches, ours vs Prism, both serving Autoenhance (target: ours ≥ 3x faster).
3. **In-process costs** (:mod:`bench.inprocess`): µs per ``Engine.handle`` and per call of
   the CLI's whole WSGI app for the same two requests, and the per-test fixture overhead:
   ``MockServer.reset()`` + one request over HTTP + ``check()``, median of 200 cycles
   (target ≤ 5 ms).
4. **Profiles**: when any target is missed, cProfile of the in-process loops (top 15 by
   cumulative time; ``Engine.handle`` and the WSGI app) for each API, and a startup
   breakdown (import time, engine build time) go into the results.

The table is printed and written to ``bench/results/latest.md`` and ``latest.json``
(``bench/results/`` is git-ignored; server logs go to ``bench/results/logs/``). The run
exits 0 when it measured everything, 1 when a measurement failed, and with ``--strict``
also 1 when a target was missed.

``python -m bench --soak`` is the leak check (:mod:`bench.soak`): 100k mixed requests
against the standalone mock, RSS and journal length sampled every 10k, exit 1 when the
RSS grows by more than 50 MB or the journal exceeds its bound.

Every server binds 127.0.0.1 on a free port, runs in its own process group and is
stopped in a ``finally``; every load is bounded in time or count.
"""
