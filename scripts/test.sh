#!/usr/bin/env bash
# The whole test suite, as CI runs it: infrastructure, type check, build, then each tier (unit, integration,
# calendar edges with the services' clocks set, contract, end-to-end, the back office in a browser, faults: kill -9, poison, the property-based
# model, broker and database outages (FAULTS_INFRA=0 leaves those out); FAULTS_LONG=1 for the longer version), the
# soak (a steady load for SOAK_SECONDS, 150 by default: tables, latency and CPU per payment stay flat) and the restore
# drill (a lost database restored from a base backup and archived WAL, on a PostgreSQL cluster of its own) and the
# cluster tier (a RabbitMQ node and the Patroni primary lost under load, on a loopback cluster of their own; as root).
# Lint (ESLint, Prettier's check, the layer rules of dependency-cruiser) runs first and counts as one test.
# Prints one closing line "tests: N passed, N failed" over lint and all tiers.
set -uo pipefail
cd "$(dirname "$0")/.."
lint_failed=0
echo "=== lint"
npm run --silent lint || lint_failed=1
ENSURE_CHROMIUM=1 bash scripts/ensure-infra.sh || exit 1
npm run --silent typecheck || { echo "typecheck failed"; echo "tests: 0 passed, $((1 + lint_failed)) failed"; exit 1; }
npm run --silent build || exit 1

results=$(mktemp -d)
status=$lint_failed
rm -rf pacts
for tier in ${TEST_TIERS:-unit int calendar contract e2e browser faults soak restore cluster}; do
  if [ "$tier" = cluster ]; then
    # Its own RabbitMQ cluster and Patroni pair on loopback, up and down around the tier (scripts/cluster/).
    echo "=== cluster"
    bash scripts/cluster/test-cluster.sh --json --outputFile "$results/cluster.json" || {
      status=1
      [ -f "$results/cluster.json" ] ||
        echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$results/cluster.json"
    }
    continue
  fi
  # The contract tier is two Jest projects in order: consumers write pacts/, then producers verify them.
  projects=$tier
  [ "$tier" = contract ] && projects="contract-consumer contract-provider"
  for project in $projects; do
    echo "=== $project"
    # --forceExit: a handle left open by a test (a socket, a timer) must not hang CI once the results are in.
    NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects "$project" --runInBand --forceExit \
      --json --outputFile "$results/$project.json" || status=1
  done
done
node -e '
  const fs = require("fs"); let passed = 1 - Number(process.argv[2]), failed = Number(process.argv[2]);
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$results" "$lint_failed"
rm -rf "$results"
exit $status
