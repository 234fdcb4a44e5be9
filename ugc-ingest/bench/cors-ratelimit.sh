#!/usr/bin/env bash
# What CORS and the per-user rate limiter cost on the single-event path (not a test). Paired, alternated runs on one
# build: "off" = no allowed origins, no Origin header, UGC_RATE_LIMIT_EVENTS_PER_USER=0; "on" = an allowed origin that
# every request carries (the CORS handler checks it and adds its headers) and a rate limit so high that every request
# is admitted (each one still takes a token from the user's Bucket4j bucket). Each run starts `./ugc api` afresh
# (embedded broker, fresh data dir), warms up with wrk for 15 s, then measures single-event POST /api/v1/events with
# wrk for the given time at the given connections, and the CPU time the API's JVM (API + embedded broker) spent per
# request over those seconds (/proc/<pid>/stat) — on a shared machine a steadier figure than requests/s.
# The machine is shared: compare pairs, not runs of other days.
#
# Usage: ugc-ingest/bench/cors-ratelimit.sh [rounds, default 3] [seconds, default 20] [connections, default 256]
# Results: docs/benchmarks.md, "CORS and the rate limiter". UGC_LAUNCHER: a prebuilt app (no rebuild check).
set -euo pipefail
# One HS256 secret for every API started here and the token minted for wrk: without it each data directory
# would generate its own secret and every request would be a 401.
export UGC_JWT_SECRET="${UGC_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
seconds="${2:-20}"
conns="${3:-256}"
port="${UGC_BENCH_PORT:-18080}"
ugc="${UGC_LAUNCHER:-$root/ugc}"
origin="https://cinema.example"
event='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$(date -u +%FT%TZ)"'","start_time":"2026-01-01T00:00:00Z","end_time":"2026-01-01T00:01:00Z","properties":{"position_s":60,"duration_s":8160,"quality":"1080p"}}'

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of the process, in clock ticks

one_run() {  # $1 = off|on
  local data api
  data="$(mktemp -d /tmp/ugc-bench-cors.XXXXXX)"
  if [[ "$1" == on ]]; then
    UGC_CORS_ALLOWED_ORIGINS="$origin" UGC_RATE_LIMIT_EVENTS_PER_USER=1000000 UGC_HTTP_PORT="$port" \
      UGC_DATA_DIR="$data" UGC_KAFKA_PORT=0 "$ugc" api >"$data/api.log" 2>&1 &
  else
    UGC_RATE_LIMIT_EVENTS_PER_USER=0 UGC_HTTP_PORT="$port" UGC_DATA_DIR="$data" UGC_KAFKA_PORT=0 \
      "$ugc" api >"$data/api.log" 2>&1 &
  fi
  api=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  export UGC_TOKEN UGC_BODY="$event"
  UGC_TOKEN="$("$ugc" token --user wrk-user --ttl 1h 2>/dev/null)"
  if [[ "$1" == on ]]; then export UGC_ORIGIN="$origin"; else unset UGC_ORIGIN; fi
  wrk -t2 -c"$conns" -d15s -s "$root/ugc-ingest/bench/post.lua" "http://127.0.0.1:$port/api/v1/events" >/dev/null
  local before after out requests
  before=$(cpu_ticks "$api")
  out=$(wrk -t2 -c"$conns" -d"${seconds}s" -s "$root/ugc-ingest/bench/post.lua" "http://127.0.0.1:$port/api/v1/events")
  after=$(cpu_ticks "$api")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "== $1 (load average $(cut -d' ' -f1 /proc/loadavg)): $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s," \
    "$(grep p50 <<<"$out"), API CPU $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs/request," \
    "$(grep -o 'non-2xx/3xx responses: [0-9]*' <<<"$out")"
  kill "$api"; wait "$api" 2>/dev/null || true
  rm -rf "$data"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $conns connections, ${seconds}s"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then one_run off; one_run on; else one_run on; one_run off; fi
done
