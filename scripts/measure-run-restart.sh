#!/usr/bin/env bash
# Measures `./ugc run` after kill -9 under load (docs/benchmarks.md, "ETL restart after a crash"): from the second
# start to /health/ready, and from the 202 of an event posted then until GET /api/v1/me/events returns it.
#   MODE=static            the code as it is: the ETL rejoins as the static members kept in the data directory
#   MODE=emulated-dynamic  a new instance id on restart and 45 s sessions: the restarted consumers are new members
#                          and the group waits for the dead ones' sessions, as dynamic membership did
# Ports: PORT (HTTP, default 18100) and PORT+1 (embedded Kafka). Data under target/restart-data-$MODE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${MODE:-static}"
port="${PORT:-18100}"
data="$root/target/restart-data-$MODE"
rm -rf "$data" && mkdir -p "$root/target"
export UGC_DATA_DIR="$data" UGC_HTTP_PORT="$port" UGC_KAFKA_PORT="$((port + 1))" UGC_HTTP_HOST=127.0.0.1 \
  UGC_JWT_SECRET=restart-measure-secret-0123456789-abcdefgh UGC_KAFKA_PARTITIONS=3
if [[ "$MODE" == emulated-dynamic ]]; then export UGC_ETL_SESSION_TIMEOUT=45s UGC_ETL_INSTANCE_ID=first; fi
base="http://127.0.0.1:$port"
load=$("$root/ugc" token --user load 2>/dev/null)
probe=$("$root/ugc" token --user probe 2>/dev/null)
now() { date +%s.%N; }
ready() { until curl -sf -o /dev/null "$base/health/ready"; do sleep 0.1; done; }
post() { curl -s -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/events/batch"; }
body=$(python3 -c 'import json,datetime;t=datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ");print(json.dumps([{"action":"CLICK","event_time":t} for _ in range(100)]))')

"$root/ugc" run >"$data.first.log" 2>&1 & pid=$!
ready
for _ in $(seq 1 100); do post "$load" >/dev/null & done
sleep 0.5
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
wait || true

if [[ "$MODE" == emulated-dynamic ]]; then export UGC_ETL_INSTANCE_ID=second; fi
t0=$(now)
"$root/ugc" run >"$data.second.log" 2>&1 & pid=$!
ready; t1=$(now)
id=$(post "$probe" | python3 -c 'import json,sys;print(json.load(sys.stdin)["event_ids"][0])')
t2=$(now)
until curl -s -H "Authorization: Bearer $probe" "$base/api/v1/me/events?limit=200" | grep -q "$id"; do sleep 0.1; done
t3=$(now)
echo "$MODE: start->ready $(echo "$t1 - $t0" | bc) s, event 202->readable $(echo "$t3 - $t2" | bc) s"
kill "$pid"; wait "$pid" 2>/dev/null || true
