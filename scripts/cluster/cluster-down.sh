#!/usr/bin/env bash
# npm run cluster:down — stops what cluster-up.sh started (HAProxy, the Patroni members and their PostgreSQL, the
# RabbitMQ nodes, etcd) and, with --purge (the default; --keep keeps them), deletes their data in $CLUSTER_DIR.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
purge=1
[ "${1:-}" = --keep ] && purge=0
stop_pid() {
  local pidfile=$1
  alive "$pidfile" || return 0
  kill "$(cat "$pidfile")" 2>/dev/null
  for _ in $(seq 1 120); do alive "$pidfile" || return 0; sleep 0.25; done
  kill -9 "$(cat "$pidfile")" 2>/dev/null
}
stop_pid "$CLUSTER_DIR/haproxy.pid"
# Patroni stops its PostgreSQL on SIGTERM; a postmaster left by a killed Patroni is stopped by its pid file.
for m in "${PG_MEMBERS[@]}"; do
  stop_pid "$CLUSTER_DIR/$m/patroni.pid"
  pm=$(head -1 "$CLUSTER_DIR/$m/data/postmaster.pid" 2>/dev/null)
  [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null && kill -INT "$pm" && for _ in $(seq 1 40); do kill -0 "$pm" 2>/dev/null || break; sleep 0.25; done
done
for n in "${RABBIT_NODES[@]}"; do
  alive "$CLUSTER_DIR/rabbit-$n/rabbit.pid" && { ctl "$n" stop >/dev/null 2>&1 || kill -9 "$(cat "$CLUSTER_DIR/rabbit-$n/rabbit.pid")"; }
done
stop_pid "$CLUSTER_DIR/etcd.pid"
[ $purge = 1 ] && rm -rf "$CLUSTER_DIR"
echo "cluster-down: stopped$([ $purge = 1 ] && echo ", $CLUSTER_DIR deleted")"
