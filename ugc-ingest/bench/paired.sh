#!/usr/bin/env bash
# Paired ingest benchmark (not a test): producer settings compared side by side in one run, on a shared machine.
# Starts one broker (the embedded one of a `./ugc api` that serves nothing else), then one `./ugc api` per
# configuration against it as an external broker (UGC_KAFKA_BOOTSTRAP), and runs wrk in rounds: per round and
# connection count, GET /health/live (the HTTP ceiling) and then POST /api/v1/events on every configuration, in an
# order rotated each round, so that the machine's drift hits every configuration alike. Prints one line per wrk run;
# compare within a round (ratios), not across rounds. Before the first round every API is warmed up, unmeasured, at
# every connection count (and the ceiling's API on /health/live too), and then kept under load at the highest one
# until the JIT has settled — until its compiler threads and the broker's used less than UGC_BENCH_JIT_QUIET (default
# 2) % of a core over a 10 s slice, at most UGC_BENCH_WARMUP_MAX (default 180) s: the POST path takes about a minute
# of load to compile (a GET /health/live a few seconds), and a JVM still compiling reads low and spends CPU on it. Each line ends with the CPU split of the machine during the run (from /proc/PID/stat: the
# broker, the API under test, wrk, other processes, idle) and the API's CPU time per request — what explains the ratio.
#
# Usage: ugc-ingest/bench/paired.sh ROUNDS SECONDS LABEL=ENV[,ENV...] ...
#   e.g. ugc-ingest/bench/paired.sh 3 12 linger5=UGC_INGEST_LINGER=5ms linger1=UGC_INGEST_LINGER=1ms
#   A configuration may name its own build: before=UGC_LAUNCHER=/path/to/other/checkout/ugc (built beforehand).
#   UGC_BENCH_USERS=N among a configuration's settings: its POSTs carry N users' tokens in turn (post-users.lua;
#   wrk then runs a request() hook per request, a little dearer than post.lua's static request) instead of one.
# UGC_BENCH_PORT (default 18300): first of the ports used (broker, its idle API, then one per configuration).
# UGC_BENCH_CONNS (default "64 256"). UGC_BENCH_WARMUP (default 10): seconds of warm-up per API and connection count
# before the JIT-settling slices (UGC_BENCH_JIT_QUIET, UGC_BENCH_WARMUP_MAX above).
# UGC_LAUNCHER: a prebuilt launcher instead of ./ugc.
# UGC_BENCH_PIN=1: the APIs under test run on CPU 1 alone, the broker and wrk on CPU 0 (taskset) — the API's own
# GET/POST ratio, as on a host where clients and the broker are elsewhere (needs 2 or more cores).
# Results: docs/benchmarks.md, section "Ingest latency: paired producer settings".
set -euo pipefail
# One HS256 secret for every API started here and the token minted for wrk: without it each data directory
# would generate its own secret and every request would be a 401.
export UGC_JWT_SECRET="${UGC_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=jit.sh
source "$root/ugc-ingest/bench/jit.sh"
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

api_cpu=(); rest_cpu=()   # UGC_BENCH_PIN: taskset prefixes (taskset execs its command, so $! stays the process)
if [[ -n ${UGC_BENCH_PIN:-} ]]; then api_cpu=(taskset -c 1); rest_cpu=(taskset -c 0); fi
broker=$((port + 1))
UGC_RATE_LIMIT_EVENTS_PER_USER=0 UGC_HTTP_PORT=$port UGC_KAFKA_PORT=$broker UGC_DATA_DIR="$work/broker" "${rest_cpu[@]}" "$ugc" api >"$work/broker.log" 2>&1 &
pids+=($!); broker_pid=$!   # the launcher execs java: this is the broker's JVM
await_ready "$port" "$work/broker.log"

labels=(); apis=(); api_pids=(); users_of=()
i=0
for spec in "$@"; do
  label=${spec%%=*}; envs=${spec#*=}; api=$((port + 2 + i)); i=$((i + 1))
  launcher=$ugc   # UGC_LAUNCHER=... among a configuration's settings runs that build (before/after pairs)
  users=1         # UGC_BENCH_USERS=N: this configuration's POSTs carry N users' tokens in turn (post-users.lua)
  for kv in $(tr ',' ' ' <<<"$envs"); do
    [[ $kv == UGC_LAUNCHER=* ]] && launcher=${kv#UGC_LAUNCHER=}
    [[ $kv == UGC_BENCH_USERS=* ]] && users=${kv#UGC_BENCH_USERS=}
  done
  # shellcheck disable=SC2046
  env UGC_RATE_LIMIT_EVENTS_PER_USER=0 $(tr ',' ' ' <<<"$envs") UGC_HTTP_PORT=$api UGC_KAFKA_BOOTSTRAP=127.0.0.1:$broker UGC_DATA_DIR="$work/$label" \
    "${api_cpu[@]}" "$launcher" api >"$work/$label.log" 2>&1 &
  pids+=($!); api_pids+=($!); labels+=("$label"); apis+=("$api"); users_of+=("$users")
  await_ready "$api" "$work/$label.log"   # one at a time: on a loaded machine parallel starts time out
done

export UGC_TOKEN; UGC_TOKEN="$("$ugc" token --user wrk-user --ttl 2h 2>/dev/null | tail -1)"
most_users=$(printf '%s\n' "${users_of[@]}" | sort -n | tail -1)
export UGC_TOKENS_FILE="$work/tokens"
if [[ $most_users -gt 1 ]]; then   # one ./ugc token call for every user's token, one per line
  "$ugc" token --ttl 2h $(for u in $(seq 1 "$most_users"); do echo "--user user-$u"; done) >"$UGC_TOKENS_FILE" 2>/dev/null
fi
now=$(date -u +%FT%TZ)
export UGC_BODY='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$now"'","start_time":"'"$(date -u -d '-60 sec' +%FT%TZ)"'","end_time":"'"$now"'","properties":{"quality":"1080p","device":"tv","position_s":1234}}'
wrk_cmd() {   # KIND PORT CONNS SECONDS [USERS]: sets cmd to the wrk command line of a live (ceiling) or post run
  if [[ $1 == live ]]; then cmd=(wrk -t2 -c"$3" -d"$4s" --latency "http://127.0.0.1:$2/health/live")
  elif [[ ${5:-1} -gt 1 ]]; then
    head -n "$5" "$UGC_TOKENS_FILE" >"$work/tokens-$5"
    cmd=(env UGC_TOKENS_FILE="$work/tokens-$5" wrk -t2 -c"$3" -d"$4s" -s "$root/ugc-ingest/bench/post-users.lua" "http://127.0.0.1:$2/api/v1/events")
  else cmd=(wrk -t2 -c"$3" -d"$4s" -s "$root/ugc-ingest/bench/post.lua" "http://127.0.0.1:$2/api/v1/events"); fi
  cmd=("${rest_cpu[@]}" "${cmd[@]}")
}

# CPU accounting: ticks (utime + stime) of a process, and of the whole machine, from /proc.
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }   # 0 once the process has ended
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
idle_ticks() { awk '/^cpu / {print $5 + $6}' /proc/stat; }   # idle + iowait

# measure KIND PORT API_PID CONNS SECONDS: runs wrk and prints its output, then one "cpu ..." line for the middle of
# the run (the first second and the last two, when connections open and close, are left out; the margin keeps wrk
# alive until the second sample on a loaded machine).
measure() {   # KIND PORT API_PID CONNS SECONDS [USERS]
  local out="$work/wrk.out" window=$(( $5 > 5 ? $5 - 3 : $5 )) cmd
  wrk_cmd "$1" "$2" "$4" "$5" "${6:-1}"
  "${cmd[@]}" >"$out" 2>&1 &   # a simple command: $! is wrk itself
  local wrk_pid=$!
  [[ $window -lt $5 ]] && sleep 1
  local b0 a0 w0 t0 i0 b1 a1 w1 t1 i1
  b0=$(ticks "$broker_pid"); a0=$(ticks "$3"); w0=$(ticks "$wrk_pid"); t0=$(machine_ticks); i0=$(idle_ticks)
  sleep "$window"
  b1=$(ticks "$broker_pid"); a1=$(ticks "$3"); w1=$(ticks "$wrk_pid"); t1=$(machine_ticks); i1=$(idle_ticks)
  wait "$wrk_pid"
  cat "$out"
  echo "cpu $((b1 - b0)) $((a1 - a0)) $((w1 - w0)) $((t1 - t0)) $window $((i1 - i0))"
}

summary() {   # label conns <measure output>: one line
  local rps p50 p99 errs cpu
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$3")
  p50=$(awk '/^p50/ {print $2} /^ +50%/ {print $2}' <<<"$3" | head -1)
  p99=$(awk '/^p50/ {print $8} /^ +99%/ {print $2}' <<<"$3" | head -1)
  errs=$(awk '/Non-2xx|non-2xx/ {print}' <<<"$3" | tr -s ' ' | head -1)
  # cpu % of the machine (all cores = 100; "other" = other processes, "idle" = unused) and the API's CPU
  # microseconds per request
  cpu=$(awk -v rps="$rps" -v hz="$hz" '/^cpu / {
      t = $5; printf "cpu%% broker %2d api %2d wrk %2d other %2d idle %2d | api %5.1f us/req", 100 * $2 / t,
      100 * $3 / t, 100 * $4 / t, 100 * (t - $2 - $3 - $4 - $7) / t, 100 * $7 / t,
      (rps > 0 ? $3 * 1e6 / hz / (rps * $6) : 0) }' <<<"$3")
  printf '%-10s %4s conns  %9s req/s  p50 %-8s p99 %-8s | %s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$cpu" "$errs"
}


settle() {   # PID KIND PORT CONNS USERS LABEL: 10 s slices of load until the API's and the broker's JIT are quiet
  local max=${UGC_BENCH_WARMUP_MAX:-180} spent=0 a0 b0 used
  while ((spent < max)); do
    a0=$(jit_ticks "$1"); b0=$(jit_ticks "$broker_pid")
    wrk_cmd "$2" "$3" "$4" 10 "$5"; "${cmd[@]}" >/dev/null
    spent=$((spent + 10))
    used=$(( $(jit_ticks "$1") - a0 + $(jit_ticks "$broker_pid") - b0 ))
    jit_quiet "$used" 10 && break
  done
  local verdict="JIT settled after ${spent}s more under load"
  jit_quiet "$used" 10 || verdict="JIT still compiling after ${spent}s more under load (UGC_BENCH_WARMUP_MAX)"
  echo "-- $6: $verdict (compiler threads $((used * 1000 / hz)) ms CPU in the last 10 s)"
}

conn_counts=${UGC_BENCH_CONNS:-64 256}
warm=${UGC_BENCH_WARMUP:-10}
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); configurations: $*${UGC_BENCH_PIN:+; APIs on CPU 1, broker and wrk on CPU 0}"
echo "-- warm-up (unmeasured): ${warm}s per API and connection count ($conn_counts)"
for conns in $conn_counts; do
  wrk_cmd live "${apis[0]}" "$conns" "$warm"; "${cmd[@]}" >/dev/null
  for k in "${!apis[@]}"; do wrk_cmd post "${apis[$k]}" "$conns" "$warm" "${users_of[$k]}"; "${cmd[@]}" >/dev/null; done
done
most_conns=$(tr ' ' '\n' <<<"$conn_counts" | sort -n | tail -1)
settle "${api_pids[0]}" live "${apis[0]}" "$most_conns" 1 "health"
for k in "${!apis[@]}"; do settle "${api_pids[$k]}" post "${apis[$k]}" "$most_conns" "${users_of[$k]}" "${labels[$k]}"; done
for r in $(seq 1 "$rounds"); do
  for conns in $conn_counts; do
    echo "-- round $r, $conns connections, ${seconds}s each, load average $(cut -d' ' -f1 /proc/loadavg)"
    summary "health" "$conns" "$(measure live "${apis[0]}" "${api_pids[0]}" "$conns" "$seconds")"
    n=${#apis[@]}
    for j in $(seq 0 $((n - 1))); do
      k=$(( (j + r - 1) % n ))
      summary "${labels[$k]}" "$conns" "$(measure post "${apis[$k]}" "${api_pids[$k]}" "$conns" "$seconds" "${users_of[$k]}")"
    done
  done
done
