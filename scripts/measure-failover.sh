#!/usr/bin/env bash
# Measures a broker crash under load on the local cluster (docs/cluster.md, "Broker failover"; results in
# docs/benchmarks.md, "Broker failover"). Not a test: it prints figures and asserts nothing.
#
#   1. `ugc cluster up` in DIR (a fresh directory per run: the counts below assume an empty table), on 45
#      consecutive loopback ports from BASE (ZooKeeper BASE, Kafka BASE+1..3, controllers BASE+4..6, ClickHouse
#      HTTP/TCP/interserver BASE+11..14/21..24/31..34, APIs BASE+41..42, ETLs BASE+43..44);
#   2. `ugc load` against api-1: RATE events/s in batches of up to 100, CONCURRENCY requests in flight, 10 s warm-up
#      (left out of the figures), then DURATION measured; latency is counted from when each request was due;
#   3. KILL_AFTER seconds after the load started (JVM start + warm-up + about 10 s), `kill -9` of NODE;
#   4. after the load: waits until ClickHouse holds as many events as were accepted (at most 180 s), syncs the
#      replicas, and prints accepted vs stored: rows, distinct event ids, and how many accepted ids are present;
#   5. `ugc cluster down` (KEEP=1 leaves it running).
#
# Usage: scripts/measure-failover.sh DIR [BASE, default 18700]
#   env: UGC_LAUNCHER (default ./ugc; another checkout's launcher measures that build), RATE (2000),
#        DURATION (45s), CONCURRENCY (64), KILL_AFTER (30), NODE (kafka-2), KEEP
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(realpath -m "${1:?usage: measure-failover.sh DIR [BASE]}")"
base="${2:-18700}"
ugc="${UGC_LAUNCHER:-$root/ugc}"
rate="${RATE:-2000}"; duration="${DURATION:-45s}"; concurrency="${CONCURRENCY:-64}"
kill_after="${KILL_AFTER:-30}"; node="${NODE:-kafka-2}"

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

controller() {   # the active controller as the quorum-state file of a node other than the one killed records it
  for k in 1 2 3; do
    [[ "kafka-$k" == "$node" ]] && continue
    python3 -c 'import json, sys; print("kafka-%d" % json.load(open(sys.argv[1]))["leaderId"])' \
      "$dir/kafka-$k/data/log/__cluster_metadata-0/quorum-state" 2>/dev/null && return 0
  done
  echo unknown
}

[[ -f "$dir/layout.properties" ]] || write_layout
stamp "cluster up in $dir (launcher $ugc, commit $(git -C "$(dirname "$ugc")" rev-parse --short HEAD 2>/dev/null))"
"$ugc" cluster --dir "$dir" up >"$dir/up.log" 2>&1 || { tail -30 "$dir/up.log"; exit 1; }
trap '[[ -n "${KEEP:-}" ]] || "$ugc" cluster --dir "$dir" down >/dev/null 2>&1' EXIT
api="http://127.0.0.1:$((base + 41))"

stamp "load: $rate events/s against $api, $concurrency in flight, 10s warm-up + $duration; kill -9 $node after ${kill_after}s"
"$ugc" load --url "$api" --secret "$(cat "$dir/jwt-secret")" --rate "$rate" --warmup 10s --duration "$duration" \
  --batch-size 100 --concurrency "$concurrency" --lag-samples 0 --no-progress --json "$dir/load.json" \
  >"$dir/load.txt" 2>&1 &
load=$!
sleep "$kill_after"
active="$(controller)"
pid="$(cut -d' ' -f1 "$dir/$node/pid")"
kill -9 "$pid"
stamp "kill -9 $node (pid $pid); active controller before the kill: $active"
wait "$load" || true   # exit code 1 when some events were not accepted: the report says which
cat "$dir/load.txt"

accepted="$(grep -c . "$dir/load.json.ids")"
for _ in $(seq 1 90); do
  [[ "$(sql 'SELECT count() FROM ugc.events')" -ge "$accepted" ]] && break
  sleep 2
done
for p in $((base + 11)) $((base + 12)) $((base + 13)) $((base + 14)); do
  curl -sf --max-time 120 --data-binary 'SYSTEM SYNC REPLICA ugc.events_local' "http://127.0.0.1:$p/" >/dev/null
done
sql 'DROP TABLE IF EXISTS default.failover_acked' >/dev/null
sql 'CREATE TABLE default.failover_acked (event_id UUID) ENGINE = Memory' >/dev/null
curl -sf --data-binary @"$dir/load.json.ids" \
  "http://127.0.0.1:$((base + 11))/?query=INSERT%20INTO%20default.failover_acked%20FORMAT%20TSV" >/dev/null
present="$(curl -sf --data-binary 'SELECT count() FROM default.failover_acked WHERE event_id IN (SELECT event_id FROM ugc.events)' "http://127.0.0.1:$((base + 11))/")"
stamp "accepted (202, warm-up included) $accepted; stored rows $(sql 'SELECT count() FROM ugc.events'), distinct ids $(sql 'SELECT uniqExact(event_id) FROM ugc.events'), accepted ids present $present"
