#!/usr/bin/env bash
# The local scaled-out cluster (issue 6): same as `./ugc cluster ...`.
#   scripts/cluster.sh up | down | status | kill NODE | start NODE
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
exec ./ugc cluster "$@"
