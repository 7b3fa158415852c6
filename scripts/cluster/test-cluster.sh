#!/usr/bin/env bash
# npm run test:cluster — brings the loopback cluster up (cluster-up.sh), builds, runs the cluster tier against it and
# takes the cluster down again with its data (CLUSTER_KEEP=1 leaves it running for another run or a look).
# Extra arguments go to jest.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."
started=$(date +%s)
bash "$here/cluster-up.sh" || exit 1
npm run --silent build || exit 1
# The tier's own timeout: a test is a stream of payments, a fault, a failover and the settling after it.
SLOW_TEST_TIMEOUT_MS=${SLOW_TEST_TIMEOUT_MS:-300000} NODE_OPTIONS=--experimental-vm-modules \
  npx jest --selectProjects cluster --runInBand --forceExit "$@"
rc=$?
. "$here/env.sh"
# The nodes' own logs, kept for a failed run (cluster-down deletes their folder).
if [ $rc -ne 0 ]; then
  mkdir -p test-logs/cluster
  (cd "$CLUSTER_DIR" && find . -name '*.log' -exec cp --parents {} "$OLDPWD/test-logs/cluster/" \;) 2>/dev/null
fi
[ "${CLUSTER_KEEP:-0}" = 1 ] || bash "$here/cluster-down.sh"
echo "test:cluster: exit $rc after $(($(date +%s) - started)) s (cluster up, build, tests, cluster down)"
exit $rc
