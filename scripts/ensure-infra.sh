#!/usr/bin/env bash
# Makes sure PostgreSQL and RabbitMQ answer on 127.0.0.1, starting the machine's own services when they do not,
# and creates the RabbitMQ vhost the tests use. Services create their own databases at start-up.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

if ! pg_up; then
  echo "ensure-infra: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
fi
if ! rabbit_up; then
  echo "ensure-infra: starting RabbitMQ"
  rabbitmq-server -detached
fi
for _ in $(seq 1 90); do pg_up && rabbit_up && break; sleep 1; done
pg_up || { echo "ensure-infra: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
rabbit_up || { echo "ensure-infra: RabbitMQ is not reachable on 127.0.0.1:5672" >&2; exit 1; }

if command -v rabbitmqctl >/dev/null 2>&1; then
  rabbitmqctl await_startup >/dev/null 2>&1 || true
  for vhost in ${TEST_VHOSTS:-dostek_test}; do
    if ! rabbitmqctl list_vhosts --quiet 2>/dev/null | grep -qx "$vhost"; then
      rabbitmqctl add_vhost "$vhost" >/dev/null
    fi
    rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  done
fi
echo "ensure-infra: PostgreSQL and RabbitMQ are up"
