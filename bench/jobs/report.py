#!/usr/bin/env python3
"""Prints the Jobs table of docs/benchmarks.md from bench/results/jobs_*.json (scripts/bench.sh jobs pastes it
between the <!-- jobs:begin --> and <!-- jobs:end --> markers)."""
import json
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results")


def load(name):
    path = os.path.join(root, name)
    return json.load(open(path)) if os.path.exists(path) else None


single, batch, pg = load("jobs_single.json"), load("jobs_batch.json"), load("jobs_pg.json")
any_run = single or batch or pg
if not any_run:
    sys.exit("no bench/results/jobs_*.json yet")
m = any_run["machine"]
print(f"Machine: {m['cpu']}, {m['cores']} cores; load average at the start of each run is in the JSON "
      "(other builds shared the machine). Synthetic data (bench/jobs/synth.h), seed "
      f"{any_run['seed']}, {any_run['cities']} cities from data/reference/places.json, top-{any_run['k']}.")
print()
print("| measurement | target | measured |")
print("|---|---|---|")
if single:
    l = single["latency"]
    print(f"| one seeker, top-20 with explanations among {single['vacancies']:,} vacancies, one thread, "
          f"{single['queries']:,} seekers | p99 ≤ 5 ms | p50 {l['p50_ms']:.2f} ms, p95 {l['p95_ms']:.2f} ms, "
          f"**p99 {l['p99_ms']:.2f} ms** wall (max {l['max_ms']:.1f} ms; load avg "
          f"{single['machine']['load_average_at_start']}); CPU time per query p50 {single['cpu']['p50_ms']:.2f} ms, "
          f"p95 {single['cpu']['p95_ms']:.2f} ms, **p99 {single['cpu']['p99_ms']:.2f} ms** |")
if batch:
    print(f"| nightly batch: {batch['seekers']:,} seekers × {batch['vacancies']:,} vacancies, top-20 each, "
          f"{batch['threads']} threads | ≤ 30 s wall | **{batch['wall_seconds']:.1f} s** ranking "
          f"({batch['rank_cpu_seconds']:.1f} CPU s over the threads); explaining all "
          f"{batch['matches']:,} winners adds {batch['explain_seconds']:.1f} s (load avg "
          f"{batch['machine']['load_average_at_start']}) |")
if pg:
    print(f"| the same scoring as one SQL query on PostgreSQL 15, {pg['vacancies']:,} vacancies loaded with COPY in "
          f"{pg['load_seconds']:.0f} s, {pg['queries']} seekers | engine ≥ 100× faster | SQL p50 "
          f"{pg['sql']['p50_ms']:.0f} ms (p99 {pg['sql']['p99_ms']:.0f} ms) vs engine p50 {pg['engine']['p50_ms']:.2f} ms "
          f"with explanations: **{pg['ratio_p50']:.0f}×** at p50, {pg['ratio_mean']:.0f}× on the mean, "
          f"{pg['ratio_p50_scores_only']:.0f}× scores only; identical top-20 lists {pg['identical_top_k']}/{pg['queries']} |")
