#!/usr/bin/env bash
# The Patroni cluster as its members see it: `leader` prints the primary's name; `healthy` succeeds when there is a
# primary and a streaming synchronous standby; `list` prints Patroni's own table.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cluster_json() {
  for m in "${PG_MEMBERS[@]}"; do curl -sf --max-time 2 "http://127.0.0.1:${PATRONI_PORT[$m]}/cluster" && return 0; done
  return 1
}
case "${1:-list}" in
  leader) cluster_json | python3 -c 'import json,sys; print(next(m["name"] for m in json.load(sys.stdin)["members"] if m["role"] == "leader"))' ;;
  healthy)
    cluster_json | python3 -c '
import json, sys
members = json.load(sys.stdin)["members"]
leader = [m for m in members if m["role"] == "leader" and m["state"] == "running"]
sync = [m for m in members if m["role"] == "sync_standby" and m["state"] in ("streaming", "running")]
sys.exit(0 if leader and sync else 1)' ;;
  list) patronictl -c "$CLUSTER_DIR/${PG_MEMBERS[0]}/patroni.yml" list ;;
esac
