#!/usr/bin/env bash
# Takes a base backup of the PostgreSQL cluster that holds the services' databases (all four at once: one backup,
# one WAL stream), for point-in-time recovery with the WAL the cluster archives (archive_mode = on,
# docs/operations.md#backups). Verifies it against its manifest.
#
#   scripts/pg-backup.sh BACKUP_DIR        # connection from PGHOST, PGPORT, PGUSER (a replication-capable role)
#
# BACKUP_DIR must not exist yet; keep at least two, and the WAL archive back to the older one's start.
set -euo pipefail
. "$(dirname "$0")/lib/pg-tools.sh"
dest=${1:?usage: pg-backup.sh BACKUP_DIR}
[ -e "$dest" ] && { echo "pg-backup: $dest exists already" >&2; exit 1; }
started=$(date +%s.%N)
# -X stream: the WAL written during the backup comes with it, so the backup is consistent by itself;
# -c fast: an immediate checkpoint instead of waiting for the next one.
"$PG_BIN/pg_basebackup" -D "$dest" -Fp -X stream -c fast --no-password -l "dostek base backup $(date -u +%FT%TZ)"
"$PG_BIN/pg_verifybackup" -q "$dest"
echo "pg-backup: $dest ($(du -sh "$dest" | cut -f1)), $(grep -m1 'START WAL LOCATION' "$dest/backup_label"), in $(seconds_since "$started") s"
