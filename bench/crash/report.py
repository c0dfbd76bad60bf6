#!/usr/bin/env python3
"""Writes the crash-loop table of docs/benchmarks.md (between its markers) from bench/results/crash_loop_*.json."""
import json
import re

s = json.load(open("bench/results/crash_loop_sqlite.json"))
p = json.load(open("bench/results/crash_loop_pg.json"))


def row(name, r):
    a, lost = r["acknowledged"], r["lost"]
    acked = " / ".join(f"{a[k]:,}" for k in ("accounts", "households", "bookings", "seekers", "notes"))
    hot = ", ".join(str(x) for x in r["hot_slot_confirmed"])
    return (f"| {name} | {r['clients']} | {r['kills']} | {r['seconds']} s | {acked} | **{sum(lost.values())}** | "
            f"{r['unanswered']:,} | {hot} (10 places) | {r['doubled_bookings']} | "
            f"{r['restart_ms']['median'] / 1000:.1f} s / {r['restart_ms']['max'] / 1000:.1f} s |")


table = f"""<!-- crash:begin -->
`bench/crash/crash_loop.mjs` (`./dongne.sh bench crash`), {s['when'][:16].replace('T', ' ')} UTC (SQLite) and {p['when'][:16].replace('T', ' ')} UTC (PostgreSQL 15), on this 2-core machine with other work running: {s['clients']} clients write through every kind of write path at once (resident registration, walk-in households, staff bookings on a 10-place slot and on a roomy resource, retried with the same Idempotency-Key until answered, Saeil seekers and counselling notes) while the server is killed with SIGKILL {s['kills']} times and restarted. Afterwards the store itself is read.

| store | clients | kills | run | acknowledged: accounts / households / bookings / seekers / notes | lost | unanswered requests | confirmed on the 3 hot slots | bookings made twice | restart median / max |
|---|---|---|---|---|---|---|---|---|---|
{row('SQLite', s)}
{row('PostgreSQL', p)}

An unanswered request is one the kill cut off or that found the server down (the client cannot know whether it was done); every booking among them was retried with its key until answered, and none was made twice. `tests/api/crash_loop.test.mjs` runs the same script with 64 clients and 3 kills on both stores on every CI run.
<!-- crash:end -->"""
path = "docs/benchmarks.md"
doc = open(path).read()
doc = re.sub(r"<!-- crash:begin -->.*?<!-- crash:end -->", lambda m: table, doc, flags=re.S)
open(path, "w").write(doc)
