#!/usr/bin/env bash
# Creates (or brings back to the definition) each service's database and its owner and runtime roles, with the
# development passwords `dev-only-<role>`: deploy/postgres/service-database.psql once per service.
#   service-databases.sh [service…]      default: the four services
# Environment: ADMIN_URL, a superuser's connection (default: psql's own defaults, database postgres);
# DB_PREFIX, the databases' prefix (default dostek_). Used by scripts/ensure-infra.sh, by compose (this folder is the
# postgres image's /docker-entrypoint-initdb.d) and by the test harnesses (their own DB_PREFIX).
set -euo pipefail
template="$(dirname "${BASH_SOURCE[0]}")/service-database.psql"
# In the postgres image's first start, the superuser is POSTGRES_USER, over the local socket.
if [ -n "${POSTGRES_USER:-}" ]; then export PGUSER="${PGUSER:-$POSTGRES_USER}"; fi
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(payment-router wallet sochi-balance ecp-invoicing)
for service in "${services[@]}"; do
  name=${service//-/_}
  owner="dostek_${name}_owner"
  app="dostek_${name}_app"
  psql -X -q -d "${ADMIN_URL:-dbname=postgres}" -v ON_ERROR_STOP=1 \
    -v db="${DB_PREFIX:-dostek_}${name}" -v owner="$owner" -v app="$app" \
    -v owner_password="dev-only-$owner" -v app_password="dev-only-$app" -f "$template" >/dev/null
done
