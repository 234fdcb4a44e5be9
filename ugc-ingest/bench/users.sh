#!/usr/bin/env bash
# Batched ingest with one user's token vs many users' tokens, with the raw producer beside them (not a test; results
# in docs/benchmarks.md, "Batched ingest with many users"). Starts `./ugc api` with its embedded broker (fresh data
# dir, per-user rate limit off as in run.sh), mints USERS tokens in one `./ugc token` call, and then per round, in an
# order rotated each round so the machine's drift hits every variant alike:
#   one-user   wrk, batches of 100 events, CONNS connections, every request with the same token (post.lua);
#   users      the same, every request with the next of USERS users' tokens (post-users.lua);
#   raw-1      RawProducerBenchmark: the ingest producer's configuration, no HTTP, records keyed by one user;
#   raw-users  the same with USERS users, in runs of 100 records per user (one batch request's worth).
# The raw producer writes to its own topic on the same broker (6 partitions, like ugc.events).
#
# Usage: ugc-ingest/bench/users.sh ROUNDS SECONDS [USERS, default 1000]
#   Needs the test classes: mvn -B -q -o -pl ugc-ingest -am test-compile (and the launcher's build, ./ugc).
#   UGC_BENCH_PORT (default 18750): the API; the broker listens on the next port. UGC_BENCH_CONNS (default 16).
#   UGC_BENCH_JIT_QUIET, UGC_BENCH_WARMUP_MAX: the warm-up (below).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=jit.sh
source "$root/ugc-ingest/bench/jit.sh"
rounds=$1; seconds=$2; users=${3:-1000}
port=${UGC_BENCH_PORT:-18750}; broker=$((port + 1)); conns=${UGC_BENCH_CONNS:-16}
ugc="${UGC_LAUNCHER:-$root/ugc}"
work="$(mktemp -d /tmp/ugc-users.XXXXXX)"
api_pid=""
cleanup() { set +e; [[ -n "$api_pid" ]] && kill "$api_pid" && wait "$api_pid"; rm -rf "$work"; }
trap cleanup EXIT
[[ -d "$root/ugc-ingest/target/test-classes/cinema/ugc/ingest/bench" ]] \
  || { echo "compile the benchmark first: mvn -B -q -o -pl ugc-ingest -am test-compile"; exit 2; }

export UGC_JWT_SECRET; UGC_JWT_SECRET="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
UGC_RATE_LIMIT_EVENTS_PER_USER=0 UGC_HTTP_PORT=$port UGC_KAFKA_PORT=$broker UGC_DATA_DIR="$work/api" \
  "$ugc" api >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "API not ready"; tail -30 "$work/api.log"; exit 1; }

export UGC_TOKEN UGC_TOKENS_FILE="$work/tokens"
mapfile -t user_args < <(for u in $(seq 1 "$users"); do printf -- '--user\nuser-%d\n' "$u"; done)
"$ugc" token --ttl 2h "${user_args[@]}" >"$UGC_TOKENS_FILE" 2>/dev/null
UGC_TOKEN="$("$ugc" token --user wrk-user --ttl 2h 2>/dev/null)"
now=$(date -u +%FT%TZ)
event='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$now"'","start_time":"'"$(date -u -d '-60 sec' +%FT%TZ)"'","end_time":"'"$now"'","properties":{"quality":"1080p","device":"tv","position_s":1234}}'
export UGC_BODY="[$(printf "$event,%.0s" $(seq 1 99))$event]"

classpath="$root/ugc-ingest/target/test-classes:$root/ugc-app/target/classes:$(cat "$root/ugc-app/target/app-classpath.txt")"
wrk_batches() {   # lua-script seconds -> one line
  local out
  out="$(wrk -t2 -c"$conns" -d"$2s" -s "$root/ugc-ingest/bench/$1" "http://127.0.0.1:$port/api/v1/events/batch")"
  awk '/Requests\/sec/ {printf "%9.0f events/s (%s req/s)  ", $2 * 100, $2}' <<<"$out"
  grep -E '^p50|non-2xx' <<<"$out" | tr '\n' ' '; echo
}
raw() {   # users seconds -> one line
  java -XX:+UseParallelGC -cp "$classpath" cinema.ugc.ingest.bench.RawProducerBenchmark "127.0.0.1:$broker" "$1" "$2" 10 \
    2>/dev/null | grep '^raw producer'
}
variant() {   # name seconds
  case $1 in
    one-user) wrk_batches post.lua "$2" ;;
    users) wrk_batches post-users.lua "$2" ;;
    raw-1) raw 1 "$2" ;;
    raw-users) raw "$users" "$2" ;;
  esac
}

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $users users, $conns connections, ${seconds}s each"
# JIT warm-up of the API (and its embedded broker), unmeasured: 10 s slices of both wrk variants in turn until the
# JVM's compiler threads use under UGC_BENCH_JIT_QUIET (default 2) % of a core over a slice, at most
# UGC_BENCH_WARMUP_MAX (default 180) s — a JVM still compiling reads low (docs/benchmarks.md, "The JIT's warm-up").
hz=$(getconf CLK_TCK); spent=0; used=0
while ((spent < ${UGC_BENCH_WARMUP_MAX:-180})); do
  j0=$(jit_ticks "$api_pid")
  if ((spent / 10 % 2 == 0)); then variant one-user 10 >/dev/null; else variant users 10 >/dev/null; fi
  spent=$((spent + 10)); used=$(( $(jit_ticks "$api_pid") - j0 ))
  jit_quiet "$used" 10 && ((spent >= 20)) && break
done
verdict="JIT settled after ${spent}s of warm-up"
jit_quiet "$used" 10 || verdict="JIT still compiling after ${spent}s of warm-up (UGC_BENCH_WARMUP_MAX)"
echo "-- $verdict (compiler threads $((used * 1000 / hz)) ms CPU in the last 10 s)"
names=(one-user users raw-1 raw-users)
for r in $(seq 1 "$rounds"); do
  echo "-- round $r, load average $(cut -d' ' -f1 /proc/loadavg)"
  for j in 0 1 2 3; do
    name=${names[$(( (j + r - 1) % 4 ))]}
    printf '%-10s %s\n' "$name" "$(variant "$name" "$seconds")"
  done
done
