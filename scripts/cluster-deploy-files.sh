#!/usr/bin/env bash
# Regenerates deploy/docker-compose.yml and deploy/docker/** from deploy/templates/ (the templates the local
# cluster uses too). DeployFilesTest fails while the committed files differ from this output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl ugc-ops -am install -Dmaven.test.skip=true
cp="$(mvn -B -q -pl ugc-ops dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
java -cp "ugc-ops/target/classes:$cp" cinema.ugc.ops.cluster.DeployFiles deploy
