#!/usr/bin/env bash
# Measures a broker (or controller) crash under load on the local cluster (docs/cluster.md, "Broker failover"; results in
# docs/benchmarks.md, "Broker failover"). Not a test: it prints figures and asserts nothing.
#
#   1. `ugc cluster up` in DIR (a fresh directory per run: the counts below assume an empty table), on 45
#      consecutive loopback ports from BASE (ZooKeeper BASE, brokers kafka-1..3 BASE+1..3, controller-1..3 BASE+4..6, ClickHouse
#      HTTP/TCP/interserver BASE+11..14/21..24/31..34, APIs BASE+41..42, ETLs BASE+43..44);
#   2. `ugc load` against api-1: RATE events/s in batches of up to BATCH, CONCURRENCY requests in flight, WARMUP
#      (left out of the figures), then DURATION measured; latency is counted from when each request was due;
#   3. KILL_AFTER seconds after the load started (JVM start + warm-up + about 10 s), `kill -9` of NODE (NODE=controller:
#      the active controller, a controller-only node; NODE=none: no fault at all, the same run as a baseline; SIGNAL=STOP:
#      `kill -STOP` instead — a hung broker whose connections stay open — and `kill -CONT` once the load ended);
#      Beside it, a probe posts one event at a time to api-2 (curl, every 0.2 s, each waiting for its answer) and
#      logs when it was sent and how long it took: the probe's slowest answer after the kill is the stall itself,
#      apart from any backlog of the load client (DIR/probe.log: unix time, status, seconds);
#   4. after the load: waits until ClickHouse holds as many events as were accepted (at most 180 s), syncs the
#      replicas, and prints accepted vs stored: rows, distinct event ids, and how many accepted ids are present;
#   5. `ugc cluster down` (KEEP=1 leaves it running).
#
# Usage: scripts/measure-failover.sh DIR [BASE, default 18700]
#   env: UGC_LAUNCHER (default ./ugc; another checkout's launcher measures that build), RATE (2000),
#        BATCH (100), WARMUP (10s), DURATION (45s), CONCURRENCY (64), KILL_AFTER (30), NODE (kafka-2; "controller": the active controller;
#        "none": no fault, a baseline), SIGNAL (KILL; or STOP), KEEP
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(realpath -m "${1:?usage: measure-failover.sh DIR [BASE]}")"
base="${2:-18700}"
ugc="${UGC_LAUNCHER:-$root/ugc}"
rate="${RATE:-2000}"; duration="${DURATION:-45s}"; concurrency="${CONCURRENCY:-64}"; batch="${BATCH:-100}"
warmup="${WARMUP:-10s}"
kill_after="${KILL_AFTER:-30}"; node="${NODE:-kafka-2}"; signal="${SIGNAL:-KILL}"
[[ "$signal" == KILL || "$signal" == STOP ]] || { echo "SIGNAL is KILL or STOP, not $signal" >&2; exit 2; }

stamp() { echo "== $(date -u +%T) $*  (load average $(cut -d' ' -f1-3 /proc/loadavg))"; }

write_layout() {   # the port layout `cluster up` reads back from DIR, in the format of ClusterLayout.save
  mkdir -p "$dir"
  local id
  id="$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("="))')"
  {
    echo "topology=3,2,2,2,2"
    echo "kafka.cluster.id=$id"
    echo "zookeeper.port=$base"
    for k in 1 2 3; do echo "kafka.$k=$((base + k)),$((base + 3 + k))"; done
    n=0
    for s in 1 2; do for r in 1 2; do
      n=$((n + 1)); echo "clickhouse.$s.$r=$((base + 10 + n)),$((base + 20 + n)),$((base + 30 + n))"
    done; done
    echo "api.ports=$((base + 41)),$((base + 42))"
    echo "etl.ports=$((base + 43)),$((base + 44))"
  } >"$dir/layout.properties"
}

sql() {   # statement -> answer of the first ClickHouse server that answers
  for p in $((base + 11)) $((base + 12)) $((base + 13)) $((base + 14)); do
    if out="$(curl -sf --max-time 60 --data-binary "$1" "http://127.0.0.1:$p/" 2>/dev/null)"; then
      echo "$out"; return 0
    fi
  done
  echo "no ClickHouse server answered: $1" >&2; return 1
}

controller() {   # the active controller, as the newest quorum-state file of the controllers records it
  local newest      # controller-k has node id 100 + k (ClusterLayout.ControllerNode)
  newest="$(ls -t "$dir"/controller-*/data/log/__cluster_metadata-0/quorum-state 2>/dev/null | head -1)"
  # grep, not a Python start: on the starved machine an interpreter's start delayed the kill by seconds
  local leader
  leader="$(grep -o '"leaderId":[0-9]*' "$newest" 2>/dev/null | cut -d: -f2)"
  if [[ -n "$leader" && "$leader" -gt 100 ]]; then echo "controller-$((leader - 100))"; else echo unknown; fi
}

[[ -f "$dir/layout.properties" ]] || write_layout
stamp "cluster up in $dir (launcher $ugc, commit $(git -C "$(dirname "$ugc")" rev-parse --short HEAD 2>/dev/null))"
# Set before up: a failed up leaves the nodes that did start running.
trap '[[ -n "${KEEP:-}" ]] || "$ugc" cluster --dir "$dir" down >/dev/null 2>&1' EXIT
"$ugc" cluster --dir "$dir" up >"$dir/up.log" 2>&1 || { tail -30 "$dir/up.log"; exit 1; }
api="http://127.0.0.1:$((base + 41))"

probe_token="$(UGC_JWT_SECRET="$(cat "$dir/jwt-secret")" "$ugc" token --user failover-probe 2>/dev/null)"
stamp "load: $rate events/s in batches of up to $batch against $api, $concurrency in flight, $warmup warm-up + $duration; $([[ "$node" == none ]] && echo "no fault" || echo "kill -$signal $node ${kill_after}s after the load starts")"
"$ugc" load --url "$api" --secret "$(cat "$dir/jwt-secret")" --rate "$rate" --warmup "$warmup" --duration "$duration" \
  --batch-size "$batch" --concurrency "$concurrency" --lag-samples 0 --no-progress --json "$dir/load.json" \
  >"$dir/load.txt" 2>&1 &
load=$!
load_started="$(date +%s.%N)"
now="$(date -u +%FT%TZ)"
probe_event='{"action":"FILM_PROGRESS","film_id":"tt0133093","event_time":"'"$now"'","start_time":"'"$(date -u -d '-60 sec' +%FT%TZ)"'","end_time":"'"$now"'"}'
( while [[ ! -f "$dir/probe.stop" ]]; do
    printf '%s ' "$(date +%s.%N)"
    curl -s -o /dev/null --max-time 30 -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $probe_token" \
      -H 'Content-Type: application/json' -d "$probe_event" "http://127.0.0.1:$((base + 42))/api/v1/events"
    sleep 0.2
  done >"$dir/probe.log" ) &
probe=$!
until_after() {   # sleeps until SECONDS after the load started (at once if that has passed)
  local left
  left="$(awk -v t0="$load_started" -v s="$1" -v now="$(date +%s.%N)" 'BEGIN { d = t0 + s - now; print (d > 0 ? d : 0) }')"
  sleep "$left"
}
until_after "$((kill_after > 3 ? kill_after - 3 : 0))"
active="$(controller)"   # looked up ahead, so the kill itself is on time
pid=""
if [[ "$node" == controller ]]; then
  [[ "$active" != unknown ]] || { echo "no controller's quorum-state file names a leader" >&2; exit 1; }
  node="$active"
fi
[[ "$node" == none ]] || pid="$(cut -d' ' -f1 "$dir/$node/pid")"
until_after "$kill_after"
killed_at="$(date +%s.%N)"   # with NODE=none: when the kill would have been, so the probe's figures compare
if [[ -n "$pid" ]]; then
  kill -"$signal" "$pid"
  stamp "kill -$signal $node (pid $pid) $(awk -v a="$killed_at" -v b="$load_started" 'BEGIN { printf "%.1f", a - b }') s after the load started; active controller before the kill: $active"
else
  stamp "no fault (NODE=none): the probe's \"after\" counts from now; active controller: $active"
fi
wait "$load" || true   # exit code 1 when some events were not accepted: the report says which
if [[ "$signal" == STOP && -n "$pid" ]]; then kill -CONT "$pid"; stamp "kill -CONT $node: the hung broker resumes"; fi
touch "$dir/probe.stop"; wait "$probe"
cat "$dir/load.txt"
python3 - "$dir/probe.log" "$killed_at" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3]
kill = float(sys.argv[2])
before = [float(r[2]) for r in rows if float(r[0]) + float(r[2]) < kill]
after = [(float(r[0]) - kill, float(r[2]), r[1]) for r in rows if float(r[0]) + float(r[2]) >= kill]
worst = max(after, key=lambda a: a[1])
print("probe: before the kill %d answers, median %.3f s, max %.3f s; after it %d answers, slowest %.3f s (sent %+.1f s "
      "from the kill, status %s), statuses %s" % (len(before), statistics.median(before), max(before), len(after),
      worst[1], worst[0], worst[2], sorted({a[2] for a in after})))
PY

accepted="$(grep -c . "$dir/load.json.ids")"
for _ in $(seq 1 90); do
  [[ "$(sql 'SELECT count() FROM ugc.events')" -ge "$accepted" ]] && break
  sleep 2
done
for p in $((base + 11)) $((base + 12)) $((base + 13)) $((base + 14)); do
  curl -sf --max-time 120 --data-binary 'SYSTEM SYNC REPLICA ugc.events_local' "http://127.0.0.1:$p/" >/dev/null
done
ch="http://127.0.0.1:$((base + 11))/"   # the accepted ids go into a scratch table on one server
curl -sf --data-binary 'DROP TABLE IF EXISTS default.failover_acked' "$ch" >/dev/null
curl -sf --data-binary 'CREATE TABLE default.failover_acked (event_id UUID) ENGINE = Memory' "$ch" >/dev/null
curl -sf --data-binary @"$dir/load.json.ids" "$ch?query=INSERT%20INTO%20default.failover_acked%20FORMAT%20TSV" >/dev/null
present="$(curl -sf --data-binary \
  'SELECT count() FROM default.failover_acked WHERE event_id IN (SELECT event_id FROM ugc.events)' "$ch")"
probed="$(grep -c ' 202 ' "$dir/probe.log")"
stamp "accepted (202, warm-up included) $accepted by the load + $probed by the probe; stored rows $(sql 'SELECT count() FROM ugc.events'), distinct ids $(sql 'SELECT uniqExact(event_id) FROM ugc.events'), accepted ids present $present"
