#!/usr/bin/env bash
# Makes sure PostgreSQL, RabbitMQ and Redis answer on 127.0.0.1. Where one is not installed, installs it from Debian's
# packages (as root; otherwise says the command to run); where one is stopped, starts it; lets user postgres in from
# 127.0.0.1 without a password (provisioning is an admin act); creates each service's database with its owner and
# runtime roles (deploy/postgres/service-databases.sh), the RabbitMQ vhost the tests use and each service's broker
# user with its permissions (deploy/rabbitmq/permissions.tsv).
set -euo pipefail
# rabbitmq-server and rabbitmqctl live in /usr/sbin, which a non-root PATH often lacks.
PATH="$PATH:/usr/sbin:/sbin"

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
# The installed PostgreSQL cluster on port 5432, as "version name" (nothing when there is none).
pg_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters --no-header 2>/dev/null | while read -r version name port _; do
    if [ "$port" = 5432 ] && [ -x "/usr/lib/postgresql/$version/bin/postgres" ]; then echo "$version $name"; break; fi
  done
}
fail() { echo "ensure-infra: $*" >&2; exit 1; }

missing=()
pg_up || [ -n "$(pg_cluster)" ] || missing+=(postgresql)
rabbit_up || command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
redis_up || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The browser tests (npm test) drive Debian's Chromium; start:all needs none.
[ "${ENSURE_CHROMIUM:-0}" = 1 ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    fail "not installed: ${missing[*]}. Install, then run again (Debian or Ubuntu):
  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "not installed: ${missing[*]}, and there is no apt-get here to install them with"
  echo "ensure-infra: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

stopped=()
starts=()
if ! pg_up; then
  cluster=$(pg_cluster)
  [ -n "$cluster" ] || fail "PostgreSQL is installed but has no cluster on port 5432 (pg_lsclusters lists them)"
  stopped+=(PostgreSQL)
  starts+=("pg_ctlcluster --skip-systemctl-redirect $cluster start")
fi
if ! rabbit_up; then
  stopped+=(RabbitMQ)
  # No scheduler busy-waiting: on 2 cores the Erlang VM would spin on time the services need (docs/deployment.md).
  starts+=("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+sbwt none +sbwtdcpu none +sbwtdio none' rabbitmq-server -detached")
fi
if ! redis_up; then
  # Rate-limit counters only: nothing kept on disk.
  stopped+=(Redis)
  starts+=("redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp")
fi
if [ ${#starts[@]} -gt 0 ] && [ "$(id -u)" -ne 0 ]; then
  fail "not running: ${stopped[*]}. Start as root, then run again:
  $(printf 'sudo %s && ' "${starts[@]}" | sed 's/ && $//')"
fi
for start in "${starts[@]}"; do
  echo "ensure-infra: $start"
  eval "$start"
done
for _ in $(seq 1 90); do pg_up && rabbit_up && redis_up && break; sleep 1; done
pg_up || fail "PostgreSQL is not reachable on 127.0.0.1:5432"
rabbit_up || fail "RabbitMQ is not reachable on 127.0.0.1:5672"
redis_up || fail "Redis is not reachable on 127.0.0.1:6379"

# This script provisions as postgres with no password; a fresh Debian cluster asks for one on 127.0.0.1
# (scram-sha-256), so one rule ahead of the others lets postgres in from there. The services themselves connect as
# their own roles, with passwords.
pg_trusts() { psql -h 127.0.0.1 -U postgres -w -d postgres -Atqc 'select 1' >/dev/null 2>&1; }
if command -v psql >/dev/null 2>&1 && ! pg_trusts; then
  cluster=$(pg_cluster)
  hba=/etc/postgresql/${cluster/ //}/pg_hba.conf
  rule='host all postgres 127.0.0.1/32 trust'
  if [ "$(id -u)" -ne 0 ] || [ -z "$cluster" ]; then
    fail "PostgreSQL on 127.0.0.1:5432 asks user postgres for a password; the services connect without one.
  Put '$rule' first in its pg_hba.conf and reload it, or run this script as root: sudo bash scripts/ensure-infra.sh"
  fi
  if ! grep -qx "$rule" "$hba"; then
    echo "ensure-infra: letting user postgres in from 127.0.0.1 without a password ($hba)"
    sed -i "1i # Added by dostek-megapay scripts/ensure-infra.sh: it provisions as postgres with no password.\n$rule" "$hba"
  fi
  # shellcheck disable=SC2086
  pg_ctlcluster --skip-systemctl-redirect $cluster reload
  for _ in $(seq 1 10); do pg_trusts && break; sleep 0.5; done
  pg_trusts || fail "user postgres still cannot connect to 127.0.0.1:5432: $(psql -h 127.0.0.1 -U postgres -w -d postgres -c 'select 1' 2>&1)"
fi

# The benchmark ends a payment's latency at its final transaction's commit time (pg_xact_commit_timestamp), which
# needs track_commit_timestamp, and that only takes effect at a server start: turned on only for a cluster this script
# started itself (nobody else is connected yet), never by restarting a server that was already running.
if [[ " ${stopped[*]} " == *" PostgreSQL "* ]] && [ "$(id -u)" -eq 0 ] &&
  [ "$(psql -h 127.0.0.1 -U postgres -w -d postgres -Atqc 'show track_commit_timestamp' 2>/dev/null)" = off ]; then
  cluster=$(pg_cluster)
  echo "ensure-infra: track_commit_timestamp = on (ALTER SYSTEM), restarting the cluster just started ($cluster)"
  psql -h 127.0.0.1 -U postgres -w -d postgres -qc 'ALTER SYSTEM SET track_commit_timestamp = on' &&
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $cluster restart
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi

# The development databases and roles, as the services' default DATABASE_URL and DATABASE_OWNER_URL expect them.
command -v psql >/dev/null 2>&1 || fail "psql is needed to create the service databases and roles (apt-get install -y postgresql-client)"
ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres DB_PREFIX="${DB_PREFIX:-dostek_}" \
  bash "$(dirname "$0")/../deploy/postgres/service-databases.sh" || fail "could not create the service databases and roles"

# rabbitmqctl answers root (and user rabbitmq) only; for anyone else the vhosts and users are left as they are.
# Each service connects as its own broker user (deploy/rabbitmq/permissions.tsv, generated from libs/contracts by
# npm run broker:definitions) with its development password, on the development vhost / and on the test vhosts.
# guest keeps full rights on the test vhosts only: the tests' own tap declares and empties every queue there.
if command -v rabbitmqctl >/dev/null 2>&1 && rabbitmqctl await_startup >/dev/null 2>&1; then
  root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  users=$(rabbitmqctl list_users --quiet --no-table-headers 2>/dev/null | cut -f1)
  # The file is read on fd 3: rabbitmqctl reads stdin and would swallow the remaining lines.
  while IFS=$'\t' read -r -u 3 user password _; do
    case "$user" in '#'* | '') continue ;; esac
    if grep -qx -- "$user" <<<"$users"; then
      rabbitmqctl change_password "$user" "$password" >/dev/null
    else
      rabbitmqctl add_user "$user" "$password" >/dev/null
    fi
  done 3<"$root_dir/deploy/rabbitmq/permissions.tsv"
  for vhost in / ${TEST_VHOSTS:-dostek_test}; do
    if ! rabbitmqctl list_vhosts --quiet 2>/dev/null | grep -qx "$vhost"; then
      rabbitmqctl add_vhost "$vhost" >/dev/null
    fi
    [ "$vhost" = / ] || rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
    while IFS=$'\t' read -r -u 3 user _ configure write read; do
      case "$user" in '#'* | '') continue ;; esac
      rabbitmqctl set_permissions -p "$vhost" "$user" "$configure" "$write" "$read" >/dev/null
    done 3<"$root_dir/deploy/rabbitmq/permissions.tsv"
  done
else
  echo "ensure-infra: rabbitmqctl is not usable here (it answers root only): the broker users of deploy/rabbitmq/permissions.tsv" >&2
  echo "  are left as they are; where they are missing, run: sudo bash scripts/ensure-infra.sh" >&2
fi
echo "ensure-infra: PostgreSQL (with the service databases and roles), RabbitMQ and Redis are up"
