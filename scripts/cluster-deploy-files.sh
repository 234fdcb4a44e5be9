#!/usr/bin/env bash
# Regenerates deploy/docker-compose.yml and deploy/docker/** from deploy/templates/ (the templates the local
# cluster uses too). DeployFilesTest fails while the committed files differ from this output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# Compiles ugc-ops and what it needs in one reactor, so nothing is installed into ~/.m2; every module of the reactor
# writes its class path to the file, ugc-ops (the last) is what remains.
mvn -B -q -pl ugc-ops -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
java -cp "ugc-ops/target/classes:$(cat "$cp_file")" cinema.ugc.ops.cluster.DeployFiles deploy
