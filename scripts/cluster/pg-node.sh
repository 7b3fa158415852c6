#!/usr/bin/env bash
# One Patroni-managed PostgreSQL member of the loopback HA cluster: start | kill (SIGKILL to Patroni and its
# PostgreSQL: the machine is lost) | role. Patroni and PostgreSQL run as the postgres OS user (PostgreSQL refuses root).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
action=${1:?start|kill|role} member=${2:?pg1|pg2}
dir=$CLUSTER_DIR/$member
pidfile=$dir/patroni.pid

write_config() {
  mkdir -p "$dir"
  cat >"$dir/patroni.yml" <<YAML
scope: dostek
namespace: /dostek-cluster/
name: $member
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:${PATRONI_PORT[$member]}
  connect_address: 127.0.0.1:${PATRONI_PORT[$member]}
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT_PORT
bootstrap:
  dcs:
    # A lost primary's leader key expires after ttl seconds; then the synchronous standby takes over.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # Patroni keeps synchronous_standby_names naming the standby and promotes only a standby that was synchronous:
    # every commit a client saw was flushed on that standby's disk too (synchronous_commit = on), so a failover
    # loses no committed debit. Not strict: with the standby gone the primary goes on alone (and no failover to a
    # standby that is behind is possible until it has caught up and is synchronous again) — see docs/deployment.md.
    synchronous_mode: true
    synchronous_mode_strict: false
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      parameters:
        synchronous_commit: 'on'
        max_connections: 200
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        log_min_messages: warning
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:${PG_PORT[$member]}
  connect_address: 127.0.0.1:${PG_PORT[$member]}
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser: {username: postgres, password: dev-only-postgres}
    replication: {username: replicator, password: dev-only-replicator}
  parameters:
    unix_socket_directories: '$dir'
  # As on the machine's own server: postgres (provisioning, the tests' checks) and replication trusted from
  # loopback; every service role with its password.
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all postgres 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 scram-sha-256
YAML
  chown -R postgres: "$dir"
  chmod 700 "$dir"
}

postmaster_pid() { head -1 "$dir/data/postmaster.pid" 2>/dev/null || true; }

case "$action" in
  start)
    alive "$pidfile" && exit 0
    write_config
    runuser -u postgres -- setsid bash -c "echo \$\$ > '$pidfile'; exec patroni '$dir/patroni.yml' >>'$dir/patroni.log' 2>&1" </dev/null >/dev/null 2>&1 &
    # Only until Patroni answers: a member coming back may first rewind or clone (minutes under load); the caller
    # waits for the cluster to be healthy (pg-status.sh healthy).
    wait_for 60 curl -sf "http://127.0.0.1:${PATRONI_PORT[$member]}/liveness"
    ;;
  kill)
    pm=$(postmaster_pid)
    alive "$pidfile" && kill -9 "$(cat "$pidfile")"
    if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
      children=$(pgrep -P "$pm" || true)
      kill -9 "$pm" $children 2>/dev/null || true
    fi
    ;;
  role) curl -s "http://127.0.0.1:${PATRONI_PORT[$member]}/patroni" | python3 -c 'import json,sys; print(json.load(sys.stdin)["role"])' ;;
  *) echo "pg-node: unknown action $action" >&2; exit 2 ;;
esac
