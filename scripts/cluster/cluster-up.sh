#!/usr/bin/env bash
# npm run cluster:up — on this machine's loopback: a three-node RabbitMQ cluster (dostek-a/b/c@localhost), etcd,
# two Patroni-managed PostgreSQL members (a primary and a synchronous standby) and HAProxy routing to the current
# primary. Installs the Debian packages it needs when missing (as root). Idempotent: what runs already is kept.
# Never touches the machine's own RabbitMQ node or PostgreSQL cluster. Data lives in $CLUSTER_DIR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
say() { echo "cluster-up: $*"; }
fail() { echo "cluster-up: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root: the nodes run as users rabbitmq and postgres"
missing=()
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
command -v patroni >/dev/null || missing+=(patroni)
command -v etcd >/dev/null || missing+=(etcd-server)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v curl >/dev/null || missing+=(curl)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/postgres" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q "${missing[@]}"
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# Debian starts none of them here (no systemd); where it does, the packaged units use other ports and are left alone.
mkdir -p "$CLUSTER_DIR"
[ -s /var/lib/rabbitmq/.erlang.cookie ] || fail "no Erlang cookie in /var/lib/rabbitmq (start the machine's RabbitMQ once)"

# etcd: Patroni's store (one member on loopback; production runs three, see docs/deployment.md).
if ! alive "$CLUSTER_DIR/etcd.pid"; then
  say "starting etcd on 127.0.0.1:$ETCD_CLIENT_PORT"
  setsid bash -c "echo \$\$ > '$CLUSTER_DIR/etcd.pid'; exec etcd --name dostek --data-dir '$CLUSTER_DIR/etcd' \
    --listen-client-urls http://127.0.0.1:$ETCD_CLIENT_PORT --advertise-client-urls http://127.0.0.1:$ETCD_CLIENT_PORT \
    --listen-peer-urls http://127.0.0.1:$ETCD_PEER_PORT --initial-advertise-peer-urls http://127.0.0.1:$ETCD_PEER_PORT \
    --initial-cluster dostek=http://127.0.0.1:$ETCD_PEER_PORT --log-level warn >>'$CLUSTER_DIR/etcd.log' 2>&1" </dev/null >/dev/null 2>&1 &
fi
wait_for 30 curl -sf "http://127.0.0.1:$ETCD_CLIENT_PORT/health" || fail "etcd did not start; see $CLUSTER_DIR/etcd.log"

# PostgreSQL: the first member bootstraps and leads; the second clones it and becomes the synchronous standby.
say "starting Patroni members ${PG_MEMBERS[*]}"
for m in "${PG_MEMBERS[@]}"; do bash "$here/pg-node.sh" start "$m"; done
pg_healthy() { bash "$here/pg-status.sh" healthy; }
wait_for 120 pg_healthy || fail "Patroni has no primary with a streaming synchronous standby; see $CLUSTER_DIR/pg*/patroni.log"

# HAProxy: one front port that reaches whichever member Patroni's REST API calls primary (GET /primary is 200 only
# there); connections to a member marked down are cut, so clients reconnect to the new primary at once.
cat >"$CLUSTER_DIR/haproxy.cfg" <<CFG
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
listen stats
  mode http
  bind 127.0.0.1:$HAPROXY_STATS_PORT
  stats enable
  stats uri /
listen postgres-primary
  bind 127.0.0.1:$HAPROXY_PG_PORT
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
$(for m in "${PG_MEMBERS[@]}"; do echo "  server $m 127.0.0.1:${PG_PORT[$m]} check port ${PATRONI_PORT[$m]}"; done)
CFG
if ! alive "$CLUSTER_DIR/haproxy.pid"; then
  say "starting HAProxy: PostgreSQL primary on 127.0.0.1:$HAPROXY_PG_PORT, stats on :$HAPROXY_STATS_PORT"
  haproxy -D -f "$CLUSTER_DIR/haproxy.cfg" -p "$CLUSTER_DIR/haproxy.pid"
fi
wait_for 30 psql -h 127.0.0.1 -p "$HAPROXY_PG_PORT" -U postgres -d postgres -Atqc 'select 1' \
  || fail "PostgreSQL is not reachable through HAProxy on 127.0.0.1:$HAPROXY_PG_PORT"

# RabbitMQ: three nodes; b and c join a (once: a node that was clustered rejoins by itself on restart).
say "starting RabbitMQ nodes ${RABBIT_NODES[*]}"
for n in "${RABBIT_NODES[@]}"; do bash "$here/rabbit-node.sh" start "$n"; done
for n in "${RABBIT_NODES[@]:1}"; do
  if ! ctl a cluster_status --formatter json | grep -q "\"$(rabbit_node "$n")\""; then
    say "joining $(rabbit_node "$n") to $(rabbit_node a)"
    ctl "$n" stop_app && ctl "$n" reset && ctl "$n" join_cluster "$(rabbit_node a)" && ctl "$n" start_app
  fi
done
running() { ctl a cluster_status --formatter json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["running_nodes"]))'; }
[ "$(running)" = "${#RABBIT_NODES[@]}" ] || fail "the RabbitMQ cluster runs $(running) of ${#RABBIT_NODES[@]} nodes"

# The services' broker users (deploy/rabbitmq/permissions.tsv) on / and the test vhosts, as ensure-infra.sh does on
# the single node; users and vhosts are cluster-wide, so one node is told.
root_dir=$(cd "$here/../.." && pwd)
users=$(ctl a list_users --no-table-headers | cut -f1)
while IFS=$'\t' read -r -u 3 user password _; do
  case "$user" in '#'* | '') continue ;; esac
  if grep -qx -- "$user" <<<"$users"; then ctl a change_password "$user" "$password" >/dev/null; else ctl a add_user "$user" "$password" >/dev/null; fi
done 3<"$root_dir/deploy/rabbitmq/permissions.tsv"
for vhost in / $CLUSTER_VHOSTS; do
  ctl a list_vhosts | grep -qx -- "$vhost" || ctl a add_vhost "$vhost" >/dev/null
  [ "$vhost" = / ] || ctl a set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  while IFS=$'\t' read -r -u 3 user _ configure write read; do
    case "$user" in '#'* | '') continue ;; esac
    ctl a set_permissions -p "$vhost" "$user" "$configure" "$write" "$read" >/dev/null
  done 3<"$root_dir/deploy/rabbitmq/permissions.tsv"
done

urls=$(for n in "${RABBIT_NODES[@]}"; do printf 'amqp://USER:PASSWORD@127.0.0.1:%s,' "${RABBIT_AMQP_PORT[$n]}"; done)
say "up. AMQP_URLS=${urls%,}  DATABASE_URL=postgres://ROLE:PASSWORD@127.0.0.1:$HAPROXY_PG_PORT/DB"
