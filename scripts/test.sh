#!/usr/bin/env bash
# The whole test suite: unit tests and integration tests against real servers that the tests start themselves.
# Installs the Debian packages those servers come from when they are missing (needs root, as on CI).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/install-test-deps.sh"
cd "$root"
exec mvn -B verify "$@"
