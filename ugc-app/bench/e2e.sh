#!/usr/bin/env bash
# End-to-end benchmark of ./ugc run: readiness time on a fresh and on an existing data dir, then ./ugc load at a
# moderate rate with visibility sampling (time from the 202 until GET /api/v1/me/events shows the event) and the
# ETL's freshness histogram over every row, then the graceful shutdown time. Usage: ugc-app/bench/e2e.sh [rate] [duration]   (defaults 200 events/s, 60s)
# UGC_LAUNCHER=<command> replaces "./ugc" (e.g. a prebuilt "java -cp ... cinema.ugc.app.Main") to skip the rebuild check.
# UGC_BENCH_BATCH=<n>: events per request (default 10). UGC_BENCH_LAG_SAMPLES=<n>: visibility samples (default 200).
# UGC_BENCH_STORE=clickhouse: the pipeline writes to a private ClickHouse server this script starts (Debian's
# clickhouse-server, as the tests use; fresh data dir, loopback ports) instead of the embedded DuckDB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rate=${1:-200}; duration=${2:-60s}; port=${UGC_BENCH_PORT:-18180}
launcher=${UGC_LAUNCHER:-$root/ugc}
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

if [[ "${UGC_BENCH_STORE:-duckdb}" == clickhouse ]]; then
  ch=$work/clickhouse; ch_port=$((port + 1)); mkdir -p "$ch/data" "$ch/log"
  # The same rewrite of the packaged config as ugc-ops' ClickHouseServer: own ports and directories.
  sed -e "s#<http_port>8123</http_port>#<http_port>$ch_port</http_port>#" \
      -e "s#<tcp_port>9000</tcp_port>#<tcp_port>$((port + 2))</tcp_port>#" \
      -e "s#<interserver_http_port>9009</interserver_http_port>#<interserver_http_port>$((port + 3))</interserver_http_port>#" \
      -e "s#<!-- <listen_host>::</listen_host> -->#<listen_host>127.0.0.1</listen_host>#" \
      -e "s#/var/lib/clickhouse/#$ch/data/#g" -e "s#/var/log/clickhouse-server/#$ch/log/#g" \
      /etc/clickhouse-server/config.xml >"$ch/config.xml"
  cp /etc/clickhouse-server/users.xml "$ch/"
  clickhouse-server --config-file="$ch/config.xml" >"$ch/stdout.log" 2>&1 &
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$ch_port/ping" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$ch_port/ping" >/dev/null || { echo "ClickHouse did not start:"; tail -5 "$ch/stdout.log"; exit 1; }
  export UGC_STORE=clickhouse UGC_CLICKHOUSE_URL=http://127.0.0.1:$ch_port
  echo "store: ClickHouse $(curl -s "http://127.0.0.1:$ch_port/?query=SELECT%20version()") at $UGC_CLICKHOUSE_URL"
fi

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
# The ETL's freshness histogram (received_at → row written, every row) is scraped when the warm-up ends and again
# once the ETL has caught up; ugc-app/bench/freshness.py turns the difference into quantiles.
$launcher load --url "http://127.0.0.1:$port" --rate "$rate" --duration "$duration" --warmup 15s --batch-size "${UGC_BENCH_BATCH:-10}" \
  --lag-samples "${UGC_BENCH_LAG_SAMPLES:-200}" --no-progress --json "$work/load.json" >"$work/load.out" 2>&1 &
load_pid=$!
until grep -q "warm-up done" "$work/load.out" 2>/dev/null || ! kill -0 "$load_pid" 2>/dev/null; do sleep 0.2; done
curl -s "http://127.0.0.1:$port/metrics" >"$work/metrics.before"
if [[ -n "${ch_port:-}" ]]; then
  # Part health: inserts per second (the server's InsertQuery counter) and the events table's active parts, sampled
  # every second, over the measured run.
  chq() { curl -s "http://127.0.0.1:$ch_port/" --data-binary "$1"; }
  inserts0=$(chq "SELECT value FROM system.events WHERE event = 'InsertQuery'"); t_ins0=$(date +%s.%N)
  while sleep 1; do chq "SELECT count() FROM system.parts WHERE active AND table = 'events'" >>"$work/parts"; done &
  parts_pid=$!
fi
wait "$load_pid" || echo "./ugc load exited with $?"
if [[ -n "${ch_port:-}" ]]; then
  inserts1=$(chq "SELECT value FROM system.events WHERE event = 'InsertQuery'"); t_ins1=$(date +%s.%N)
  kill "$parts_pid" 2>/dev/null || true
  echo "ClickHouse: $(echo "scale=1; ($inserts1 - $inserts0) / ($t_ins1 - $t_ins0)" | bc) inserts/s during the run" \
       "($((inserts1 - inserts0)) inserts); active parts of events: max $(sort -n "$work/parts" | tail -1)," \
       "mean $(awk '{s+=$1} END {printf "%.0f", s/NR}' "$work/parts") ($(wc -l <"$work/parts") samples)"
fi
cat "$work/load.out"
token=$($launcher token --user bench --role analyst | tail -1)
status() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/stats/status"; }
for _ in $(seq 1 100); do status | grep -q '"etl_lag":0,' && break; sleep 0.2; done
curl -s "http://127.0.0.1:$port/metrics" >"$work/metrics.after"
status; echo
echo "freshness (ETL, received_at → row written, after the warm-up): $(python3 "$root/ugc-app/bench/freshness.py" "$work/metrics.before" "$work/metrics.after")"
echo "shutdown:                 $(stop_run) s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
