# Shared by pg-backup.sh and pg-restore-database.sh: where PostgreSQL's programs are, and running the server's own
# programs (initdb, pg_ctl) as the postgres user when called as root — PostgreSQL refuses to run a server as root.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/pg_basebackup" ] || { echo "PostgreSQL's programs not found; set PG_BIN" >&2; exit 1; }
as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
