#!/usr/bin/env bash
# One RabbitMQ node of the loopback cluster: start | kill (SIGKILL, as a lost machine) | stop-app | start-app | pid.
# Each node has its own name, AMQP and distribution ports and folders; all share the machine's Erlang cookie
# (/var/lib/rabbitmq/.erlang.cookie: the nodes run as user rabbitmq), which is what lets them cluster.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
action=${1:?start|kill|stop-app|start-app|pid} node=${2:?a|b|c}
dir=$CLUSTER_DIR/rabbit-$node
pidfile=$dir/rabbit.pid

start() {
  alive "$pidfile" && return 0
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:${RABBIT_AMQP_PORT[$node]}
# A node that comes back after a partition rejoins the majority rather than keeping a second history.
cluster_partition_handling = pause_minority
# The machine is shared: no alarm at the default 40 % of memory for a test node.
vm_memory_high_watermark.relative = 0.2
CONF
  echo '[].' >"$dir/enabled_plugins"
  chown -R rabbitmq: "$dir"
  runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq \
    RABBITMQ_NODENAME="$(rabbit_node "$node")" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="${RABBIT_AMQP_PORT[$node]}" RABBITMQ_DIST_PORT="${RABBIT_DIST_PORT[$node]}" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$pidfile" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    /usr/lib/rabbitmq/bin/rabbitmq-server -detached
  wait_for 90 ctl "$node" await_startup --timeout 5
}

case "$action" in
  start) start ;;
  kill) alive "$pidfile" && kill -9 "$(cat "$pidfile")"; for _ in $(seq 1 40); do alive "$pidfile" || break; sleep 0.25; done ;;
  stop-app) ctl "$node" stop_app ;;
  start-app) ctl "$node" start_app && ctl "$node" await_startup ;;
  pid) cat "$pidfile" ;;
  *) echo "rabbit-node: unknown action $action" >&2; exit 2 ;;
esac
