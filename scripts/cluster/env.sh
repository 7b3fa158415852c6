# The loopback cluster's names, ports and folders, shared by every script here (sourced, not run). Each may be set
# from outside; the defaults keep clear of the machine's own RabbitMQ (5672, 25672, 15672) and PostgreSQL (5432).
CLUSTER_DIR=${CLUSTER_DIR:-/var/tmp/dostek-cluster}
# RabbitMQ: node letter -> AMQP port and distribution port.
RABBIT_NODES=(a b c)
declare -A RABBIT_AMQP_PORT=([a]=${RABBIT_A_PORT:-5681} [b]=${RABBIT_B_PORT:-5682} [c]=${RABBIT_C_PORT:-5683})
declare -A RABBIT_DIST_PORT=([a]=${RABBIT_A_DIST_PORT:-25681} [b]=${RABBIT_B_DIST_PORT:-25682} [c]=${RABBIT_C_DIST_PORT:-25683})
# The vhosts the cluster serves besides /: the cluster tests' own.
CLUSTER_VHOSTS=${CLUSTER_VHOSTS:-dostek_cluster}
# PostgreSQL under Patroni: member -> PostgreSQL port and REST port; HAProxy in front, etcd as Patroni's store.
PG_MEMBERS=(pg1 pg2)
declare -A PG_PORT=([pg1]=${PG1_PORT:-5441} [pg2]=${PG2_PORT:-5442})
declare -A PATRONI_PORT=([pg1]=${PATRONI1_PORT:-8008} [pg2]=${PATRONI2_PORT:-8009})
HAPROXY_PG_PORT=${HAPROXY_PG_PORT:-5440}
HAPROXY_STATS_PORT=${HAPROXY_STATS_PORT:-7000}
ETCD_CLIENT_PORT=${ETCD_CLIENT_PORT:-2389}
ETCD_PEER_PORT=${ETCD_PEER_PORT:-2390}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PATH="$PATH:/usr/sbin:/sbin"

rabbit_node() { echo "dostek-$1@localhost"; }
# rabbitmqctl against one of the cluster's nodes (never the machine's own rabbit@ node).
ctl() { local node=$1; shift; rabbitmqctl -q -n "$(rabbit_node "$node")" "$@"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Waits up to $1 seconds for a command to succeed.
wait_for() {
  local seconds=$1; shift
  for _ in $(seq 1 $((seconds * 4))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  "$@"
}
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
