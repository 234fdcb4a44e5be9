#!/usr/bin/env bash
# Ingest API benchmark (not a test). Starts `./ugc api` with its embedded Kafka broker on this machine (fresh data
# dir, free ports), waits until /health/ready, then measures with `./ugc load` (HdrHistogram; latency counted from
# when each request was due, after a 20 s unmeasured warm-up in the same client JVM):
#   1. single-event requests (POST /api/v1/events), as fast as the API answers, keep-alive connections;
#   2. batches of 100 (POST /api/v1/events/batch), as fast as the API answers;
#   3. and 4. the same at a fixed rate = half of what 1. and 2. reached (p99 at half load);
# then wrk (Debian) as a second opinion for 1. (64, 256 and 512 connections) and 2., and autocannon (npm) at fixed
# rates of half the targets (p99 at half load). Prints every report; stops everything on exit.
#
# Usage: ugc-ingest/bench/run.sh [duration, default 30s]     Results: docs/benchmarks.md, section "Ingest API".
set -euo pipefail
# One HS256 secret for every API started here and the token minted for wrk: without it each data directory
# would generate its own secret and every request would be a 401.
export UGC_JWT_SECRET="${UGC_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-30s}"
seconds="${duration%s}"
port="${UGC_BENCH_PORT:-18080}"
data="$(mktemp -d /tmp/ugc-bench.XXXXXX)"
ugc="${UGC_LAUNCHER:-$root/ugc}"   # UGC_LAUNCHER: run a prebuilt app instead (no rebuild check)

# The per-user rate limit is off: wrk repeats one user's token, and the load generator's Zipf users are far busier
# than people (docs/benchmarks.md, "CORS and the rate limiter", for what the limiter costs).
UGC_RATE_LIMIT_EVENTS_PER_USER=0 UGC_HTTP_PORT="$port" UGC_DATA_DIR="$data" UGC_KAFKA_PORT=0 "$ugc" api >"$data/api.log" 2>&1 &
api=$!
cleanup() { set +e; kill "$api" 2>/dev/null; wait "$api" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "API not ready; log:"; tail -50 "$data/api.log"; exit 1; }
url="http://127.0.0.1:$port"

load() { "$ugc" load --url "$url" --lag-samples 0 --no-progress "$@"; }
rate_of() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(int(r["events_per_s"]))' "$1"; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# A fresh JVM spends its first seconds compiling (C2) — the API's and every load client's. Each `./ugc load` step
# first sends 20 s unmeasured (--warmup, same settings), which warms the API up as well.
warm=20s
echo "== 1. single-event requests, max rate, 64 connections"
load --warmup "$warm" --duration "$duration" --batch-size 1 --concurrency 64 --json "$data/single.json"
echo "== 2. batches of 100, max rate, 16 connections"
load --warmup "$warm" --duration "$duration" --batch-size 100 --users 200 --concurrency 16 --json "$data/batch.json"
half_single=$(( $(rate_of "$data/single.json") / 2 ))
half_batch=$(( $(rate_of "$data/batch.json") / 2 ))
echo "== 3. single-event requests at half load: $half_single events/s"
load --warmup "$warm" --duration "$duration" --batch-size 1 --concurrency 64 --rate "$half_single"
echo "== 4. batches of 100 at half load: $half_batch events/s"
load --warmup "$warm" --duration "$duration" --batch-size 100 --users 200 --concurrency 16 --rate "$half_batch"

if command -v wrk >/dev/null; then
  export UGC_TOKEN; UGC_TOKEN="$("$ugc" token --user wrk-user --ttl 1h 2>/dev/null)"
  event='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$(date -u +%FT%TZ)"'","start_time":"'"$(date -u -d '-60 sec' +%FT%TZ)"'","end_time":"'"$(date -u +%FT%TZ)"'","properties":{"quality":"1080p","device":"tv","position_s":1234}}'
  # 64 connections leave the CPU partly idle (each request waits up to UGC_INGEST_LINGER for Kafka's batch);
  # 256 saturate it; 512 put more records in each produce request for the same CPU (and a higher p50).
  for conns in 64 256 512; do
    echo "== wrk: single-event requests, $conns connections, ${seconds}s"
    UGC_BODY="$event" wrk -t2 -c"$conns" -d"${seconds}s" -s "$root/ugc-ingest/bench/post.lua" "$url/api/v1/events"
  done
  echo "== wrk: batches of 100, 16 connections, ${seconds}s (events/s = requests/s x 100)"
  UGC_BODY="[$(printf "$event,%.0s" $(seq 1 99))$event]" wrk -t2 -c16 -d"${seconds}s" -s "$root/ugc-ingest/bench/post.lua" "$url/api/v1/events/batch"

  # wrk cannot hold a fixed rate; autocannon (npm, installed into the temp dir) can: p99 at half the targets,
  # 10,000 single events/s and 750 batches of 100/s, each after its own 10 s warm-up. Light enough (one Node
  # thread) to offer these rates from the same two cores, which our JVM load client cannot.
  if command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix "$data/autocannon" autocannon@8 >/dev/null 2>&1; then
    ac="$data/autocannon/node_modules/.bin/autocannon"
    echo "== autocannon: single events at a fixed 10,000/s, 128 connections, ${seconds}s"
    "$ac" --warmup [ -c 128 -d 10 ] -c 128 --overallRate 10000 -d "$seconds" -m POST -H "Authorization=Bearer $UGC_TOKEN" \
      -H "Content-Type=application/json" -b "$event" "$url/api/v1/events"
    echo "== autocannon: batches of 100 at a fixed 750/s (75,000 events/s), 16 connections, ${seconds}s"
    "$ac" --warmup [ -c 16 -d 10 ] -c 16 --overallRate 750 -d "$seconds" -m POST -H "Authorization=Bearer $UGC_TOKEN" \
      -H "Content-Type=application/json" -b "[$(printf "$event,%.0s" $(seq 1 99))$event]" "$url/api/v1/events/batch"
  else
    echo "== autocannon: skipped (npm or the npm registry is not available)"
  fi
fi
