#!/usr/bin/env bash
# Restores ONE service's database to a point in time, into the running cluster it was lost from, leaving the other
# databases as they are (docs/operations.md#restore). A physical backup restores a whole cluster, so: the base backup
# is started as a side cluster that replays the archived WAL up to the target, then the one database is copied from
# it (pg_dump) into the live cluster (pg_restore --create), with its owner and grants.
#
#   scripts/pg-restore-database.sh --backup DIR --wal-archive DIR --database NAME
#                                  [--before-drop | --target-lsn LSN | --target-time TIME] [--side-port N]
#
# --before-drop: just before the last DROP DATABASE in the archive (found with pg_waldump: the first WAL record of
#   the dropping transaction); exact, and the way back from a dropped database.
# --target-lsn: just before that WAL location. --target-time: before the first commit after that moment — but
#   records that are not commits are replayed up to that commit, and a DROP DATABASE marks its database invalid
#   with one before it commits: for a DROP, prefer --before-drop.
# None: the side cluster replays every archived WAL segment (a lost data directory: the latest point there is).
# The live cluster (PGHOST, PGPORT, PGUSER) must not hold the database any more (drop a damaged one first).
set -euo pipefail
. "$(dirname "$0")/lib/pg-tools.sh"
backup= archive= database= target= target_lsn= before_drop= side_port=${SIDE_PORT:-54329}
while [ $# -gt 0 ]; do
  case "$1" in
    --backup) backup=$2; shift 2 ;;
    --wal-archive) archive=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --target-time) target=$2; shift 2 ;;
    --target-lsn) target_lsn=$2; shift 2 ;;
    --before-drop) before_drop=1; shift ;;
    --side-port) side_port=$2; shift 2 ;;
    *) echo "pg-restore-database: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$backup" ] && [ -n "$archive" ] && [ -n "$database" ] || { sed -n '2,19p' "$0" >&2; exit 2; }
live() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -qAt -d postgres "$@"; }
started=$(date +%s.%N)

# 1. The live cluster's current WAL segment goes to the archive now, not at archive_timeout: recovery can reach
#    everything committed until this moment.
if live -c 'SELECT 1' >/dev/null 2>&1; then
  [ "$(live -c "SELECT count(*) FROM pg_database WHERE datname = '$database'")" = 0 ] ||
    { echo "pg-restore-database: $database still exists in the live cluster; drop it first" >&2; exit 1; }
  segment=$(live -c "SELECT pg_walfile_name(pg_switch_wal())")
  for _ in $(seq 1 300); do
    [ -f "$archive/$segment" ] && break
    sleep 0.1
  done
  [ -f "$archive/$segment" ] || { echo "pg-restore-database: $segment did not reach $archive (archive_command failing?)" >&2; exit 1; }
fi

# The DROP's transaction: its first record (marking the database invalid) is where recovery must stop.
if [ -n "$before_drop" ]; then
  first_segment=$(sed -nE 's/^START WAL LOCATION: .*\(file ([0-9A-F]{24})\)$/\1/p' "$backup/backup_label")
  last_segment=$(ls "$archive" | grep -E '^[0-9A-F]{24}$' | sort | tail -1)
  # Only what touches pg_database, and the DROPs: a day of WAL is large.
  wal=$({ "$PG_BIN/pg_waldump" -p "$archive" -r Heap -r Database "$first_segment" "$last_segment" 2>/dev/null || true; } |
    grep -E 'rel 1664/0/1262 |rmgr: Database ' || true)
  drop_tx=$(echo "$wal" | grep -E 'rmgr: Database .*desc: DROP' | tail -1 | sed -E 's/.*tx: *([0-9]+),.*/\1/')
  [ -n "$drop_tx" ] || { echo "pg-restore-database: no DROP DATABASE in the archive since the backup" >&2; exit 1; }
  # PostgreSQL 15.4+ first marks the database invalid, in place and outside any transaction (tx 0), on the very
  # pg_database tuple (rel 1664/0/1262) the DROP's transaction then deletes: stop before that marking.
  deleted=$(echo "$wal" | grep -E "tx: +$drop_tx, .*desc: DELETE off [0-9]+ .*rel 1664/0/1262 blk [0-9]+" | head -1)
  tuple=$(echo "$deleted" | sed -E 's/.*desc: DELETE (off [0-9]+) .*(rel 1664\/0\/1262 blk [0-9]+).*/\1 \2/')
  at=$(echo "$wal" | grep -nF "$deleted" | head -1 | cut -d: -f1)
  line=$(echo "$wal" | head -n "${at:-0}" | grep -E "desc: INPLACE ${tuple%% rel*}, blkref #0: rel ${tuple#* rel }( |\$)" | tail -1)
  [ -n "$line" ] || line=$(echo "$wal" | grep -E "tx: +$drop_tx, " | head -1)
  target_lsn=$(echo "$line" | sed -E 's/.*lsn: ([0-9A-F]+\/[0-9A-F]+),.*/\1/')
  echo "pg-restore-database: the last DROP DATABASE is transaction $drop_tx; recovering to just before $target_lsn"
fi

# 2. The side cluster: a copy of the base backup that recovers from the archive up to the target, then stops there.
side=$(mktemp -d /tmp/dostek-restore-side.XXXXXX)
cleanup() {
  as_server_user "$PG_BIN/pg_ctl" -D "$side/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$side"
}
trap cleanup EXIT
cp -a "$backup" "$side/data"
rm -f "$side/data/backup_manifest"
[ "$(id -u)" = 0 ] && chown -R postgres: "$side"
chmod 700 "$side/data"
cat >> "$side/data/postgresql.auto.conf" <<CONF
port = $side_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$side'
archive_mode = off
restore_command = 'cp "$archive/%f" "%p"'
recovery_target_action = 'promote'
${target:+recovery_target_time = '$target'}
${target_lsn:+recovery_target_lsn = '$target_lsn'}
recovery_target_inclusive = false
CONF
touch "$side/data/recovery.signal"
as_server_user "$PG_BIN/pg_ctl" -D "$side/data" -l "$side/server.log" -w -t 600 start >/dev/null
side_sql() { "$PG_BIN/psql" -X -qAt -h 127.0.0.1 -p "$side_port" -U postgres -d postgres -c "$1"; }
for _ in $(seq 1 6000); do
  [ "$(side_sql 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break
  sleep 0.1
done
[ "$(side_sql 'SELECT pg_is_in_recovery()')" = f ] || { cat "$side/server.log" >&2; echo "pg-restore-database: recovery did not finish" >&2; exit 1; }
[ "$(side_sql "SELECT datconnlimit FROM pg_database WHERE datname = '$database'")" != -2 ] ||
  { echo "pg-restore-database: $database is marked invalid at this target (a DROP had begun): use --before-drop or an earlier target" >&2; exit 1; }
recovered=$(seconds_since "$started")
grep -E 'recovery stopping|last completed transaction|redo done' "$side/server.log" | sed 's/^/pg-restore-database: side cluster: /' || true

# 3. The one database, from the side cluster into the live one, with its owner, grants and settings.
"$PG_BIN/pg_dump" -h 127.0.0.1 -p "$side_port" -U postgres -Fc -f "$side/$database.dump" "$database"
"$PG_BIN/pg_restore" --create --exit-on-error -d postgres "$side/$database.dump"
echo "pg-restore-database: $database restored${target:+ to $target}${target_lsn:+ to just before $target_lsn} (recovery $recovered s, total $(seconds_since "$started") s)"
