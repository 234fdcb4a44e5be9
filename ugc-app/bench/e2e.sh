#!/usr/bin/env bash
# End-to-end benchmark of ./ugc run: readiness time on a fresh and on an existing data dir, then ./ugc load at a
# moderate rate with visibility sampling (time from the 202 until GET /api/v1/me/events shows the event), then the
# graceful shutdown time. Usage: ugc-app/bench/e2e.sh [rate] [duration]   (defaults 200 events/s, 60s)
# UGC_LAUNCHER=<command> replaces "./ugc" (e.g. a prebuilt "java -cp ... cinema.ugc.app.Main") to skip the rebuild check.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rate=${1:-200}; duration=${2:-60s}; port=${UGC_BENCH_PORT:-18180}
launcher=${UGC_LAUNCHER:-$root/ugc}
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start_run() {   # prints seconds from exec until /health/ready answers 200
  local t0; t0=$(date +%s%N)
  UGC_DATA_DIR=$work/data UGC_HTTP_PORT=$port UGC_KAFKA_PORT=0 $launcher run >"$work/run.out" 2>"$work/run.err" &
  echo $! >"$work/pid"
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    kill -0 "$(cat "$work/pid")" 2>/dev/null || { echo "./ugc run exited:" >&2; tail -5 "$work/run.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc
}
stop_run() {    # prints seconds from SIGTERM until the process has exited
  local t0 pid; t0=$(date +%s%N); pid=$(cat "$work/pid"); kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc
}

echo "ready, fresh data dir:    $(start_run) s"; echo "shutdown:                 $(stop_run) s"
echo "ready, existing data dir: $(start_run) s"
# 15 s unmeasured first: a fresh client JVM's JIT would otherwise show up as request latency. Its events are
# stored too, so accepted_events below = warm-up + run.
$launcher load --url "http://127.0.0.1:$port" --rate "$rate" --duration "$duration" --warmup 15s --batch-size 10 \
  --lag-samples 200 --no-progress --json "$work/load.json"
token=$($launcher token --user bench --role analyst | tail -1)
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/stats/status"; echo
echo "shutdown:                 $(stop_run) s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
