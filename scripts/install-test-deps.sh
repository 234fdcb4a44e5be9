#!/usr/bin/env bash
# Installs what the integration tests run against, from Debian's packages, when missing:
# ClickHouse (server + client), ZooKeeper (ClickHouse replication), Chromium + ChromeDriver (dashboard and web
# player tests), Prometheus with promtool and Alertmanager (the monitoring rules' tests: PrometheusRulesTest,
# MonitoringIT), Node.js + npm (the SDK's node:test suite and the Redocly lint of /openapi.yaml; both skip without).
# PostgreSQL 15 binaries are expected under /usr/lib/postgresql/15/bin (installed: postgresql-15).
set -euo pipefail
missing=()
command -v clickhouse-server >/dev/null || missing+=(clickhouse-server)
command -v clickhouse-client >/dev/null || missing+=(clickhouse-client)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[[ -d /usr/share/zookeeper ]] || missing+=(zookeeper)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-test-deps: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "install-test-deps: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
