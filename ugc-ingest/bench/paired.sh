#!/usr/bin/env bash
# Paired ingest benchmark (not a test): producer settings compared side by side in one run, on a shared machine.
# Starts one broker (the embedded one of a `./ugc api` that serves nothing else), then one `./ugc api` per
# configuration against it as an external broker (UGC_KAFKA_BOOTSTRAP), and runs wrk in rounds: per round and
# connection count, GET /health/live (the HTTP ceiling) and then POST /api/v1/events on every configuration, in an
# order rotated each round, so that the machine's drift hits every configuration alike. Prints one line per wrk run;
# compare within a round (ratios), not across rounds.
#
# Usage: ugc-ingest/bench/paired.sh ROUNDS SECONDS LABEL=ENV[,ENV...] ...
#   e.g. ugc-ingest/bench/paired.sh 3 12 linger5=UGC_INGEST_LINGER=5ms linger1=UGC_INGEST_LINGER=1ms
#   A configuration may name its own build: before=UGC_LAUNCHER=/path/to/other/checkout/ugc (built beforehand).
# UGC_BENCH_PORT (default 18300): first of the ports used (broker, its idle API, then one per configuration).
# UGC_BENCH_CONNS (default "64 256"). UGC_LAUNCHER: a prebuilt launcher instead of ./ugc.
# Results: docs/benchmarks.md, section "Ingest latency: paired producer settings".
set -euo pipefail
# One HS256 secret for every API started here and the token minted for wrk: without it each data directory
# would generate its own secret and every request would be a 401.
export UGC_JWT_SECRET="${UGC_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=$1; seconds=$2; shift 2
port=${UGC_BENCH_PORT:-18300}
ugc="${UGC_LAUNCHER:-$root/ugc}"
work="$(mktemp -d /tmp/ugc-paired.XXXXXX)"
pids=()
cleanup() { set +e; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

await_ready() {
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "API on port $1 not ready; log:"; tail -30 "$2"; exit 1
}

broker=$((port + 1))
UGC_RATE_LIMIT_EVENTS_PER_USER=0 UGC_HTTP_PORT=$port UGC_KAFKA_PORT=$broker UGC_DATA_DIR="$work/broker" "$ugc" api >"$work/broker.log" 2>&1 &
pids+=($!)
await_ready "$port" "$work/broker.log"

labels=(); apis=()
i=0
for spec in "$@"; do
  label=${spec%%=*}; envs=${spec#*=}; api=$((port + 2 + i)); i=$((i + 1))
  launcher=$ugc   # UGC_LAUNCHER=... among a configuration's settings runs that build (before/after pairs)
  for kv in $(tr ',' ' ' <<<"$envs"); do [[ $kv == UGC_LAUNCHER=* ]] && launcher=${kv#UGC_LAUNCHER=}; done
  # shellcheck disable=SC2046
  env UGC_RATE_LIMIT_EVENTS_PER_USER=0 $(tr ',' ' ' <<<"$envs") UGC_HTTP_PORT=$api UGC_KAFKA_BOOTSTRAP=127.0.0.1:$broker UGC_DATA_DIR="$work/$label" \
    "$launcher" api >"$work/$label.log" 2>&1 &
  pids+=($!); labels+=("$label"); apis+=("$api")
  await_ready "$api" "$work/$label.log"   # one at a time: on a loaded machine parallel starts time out
done

export UGC_TOKEN; UGC_TOKEN="$("$ugc" token --user wrk-user --ttl 2h 2>/dev/null | tail -1)"
now=$(date -u +%FT%TZ)
export UGC_BODY='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$now"'","start_time":"'"$(date -u -d '-60 sec' +%FT%TZ)"'","end_time":"'"$now"'","properties":{"quality":"1080p","device":"tv","position_s":1234}}'
post() { wrk -t2 -c"$2" -d"$3s" -s "$root/ugc-ingest/bench/post.lua" "http://127.0.0.1:$1/api/v1/events"; }
live() { wrk -t2 -c"$2" -d"$3s" --latency "http://127.0.0.1:$1/health/live"; }
summary() {   # label conns <wrk output>: one line
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$3")
  p50=$(awk '/^p50/ {print $2} /^ +50%/ {print $2}' <<<"$3" | head -1)
  p99=$(awk '/^p50/ {print $8} /^ +99%/ {print $2}' <<<"$3" | head -1)
  errs=$(awk '/Non-2xx|non-2xx/ {print}' <<<"$3" | tr -s ' ' | head -1)
  printf '%-10s %4s conns  %9s req/s  p50 %-8s p99 %-8s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errs"
}

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); configurations: $*"
for k in "${!apis[@]}"; do post "${apis[$k]}" 64 5 >/dev/null; done   # JIT warm-up of every API, unmeasured
for r in $(seq 1 "$rounds"); do
  for conns in ${UGC_BENCH_CONNS:-64 256}; do
    echo "-- round $r, $conns connections, ${seconds}s each, load average $(cut -d' ' -f1 /proc/loadavg)"
    summary "health" "$conns" "$(live "${apis[0]}" "$conns" "$seconds")"
    n=${#apis[@]}
    for j in $(seq 0 $((n - 1))); do
      k=$(( (j + r - 1) % n ))
      summary "${labels[$k]}" "$conns" "$(post "${apis[$k]}" "$conns" "$seconds")"
    done
  done
done
