#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Restores a backup made by scripts/backup.sh into a fresh database.
#
# Usage: scripts/restore.sh FILE [--db CONNECTION_STRING] [--force]
#   FILE     a pacificedge-*.dump; FILE.sha256 must sit beside it and match
#   --db     Npgsql connection string of the TARGET database (default: $PACIFICEDGE_DB); it is created if missing
#   --force  the target database exists and is not empty: drop it (terminating its connections) and recreate it
#
# Without --force a non-empty target is refused and left untouched. The restore runs in one transaction
# (pg_restore --single-transaction --exit-on-error), so a failure leaves the new database empty, never half
# restored. Objects are owned by the connecting role (--no-owner). Stop every silo and web process of the target
# first (docs/operations.md, "Restore drill").
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/pgconn.sh
source "$HERE/lib/pgconn.sh"

log() { echo "[restore.sh] $*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }

FILE=""
DB="${PACIFICEDGE_DB:-}"
FORCE=0
while (($#)); do
  case "$1" in
    --db) (($# >= 2)) || die "--db needs a value"; DB="$2"; shift 2 ;;
    --db=*) DB="${1#*=}"; shift ;;
    --force) FORCE=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage; die "unknown option '$1'" ;;
    *) [[ -z "$FILE" ]] || die "only one backup file, please ('$FILE' and '$1')"; FILE="$1"; shift ;;
  esac
done

[[ -n "$FILE" ]] || { usage; die "which backup? pass the .dump file"; }
[[ -f "$FILE" ]] || die "$FILE does not exist"
[[ -r "$FILE" ]] || die "$FILE is not readable"
[[ -n "$DB" ]] || die "no target database: set PACIFICEDGE_DB or pass --db (an Npgsql connection string)"
pe_conn_parse "$DB" || die "cannot read the connection string (see above)"
TARGET="$PE_DATABASE"
case "$TARGET" in
  postgres | template0 | template1) die "refusing to restore into the system database '$TARGET'; name another database" ;;
esac

trap pe_conn_cleanup EXIT
trap 'exit 130' INT TERM

# --- The file: checksum first, then readable as an archive -----------------------------------------------------------
SUM_FILE="$FILE.sha256"
[[ -f "$SUM_FILE" ]] || die "no checksum file $SUM_FILE beside the backup; refusing an unverifiable restore"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is required"
expected="$(awk 'NR == 1 { print $1 }' "$SUM_FILE")"
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$SUM_FILE holds no SHA-256 checksum"
actual="$(sha256sum "$FILE" | cut -d' ' -f1)"
if [[ "$actual" != "$expected" ]]; then
  die "checksum mismatch: $FILE is corrupt or not the file $SUM_FILE describes (expected $expected, got $actual); nothing was restored"
fi
log "Checksum OK ($actual)"

PSQL="$(pe_client_bin psql)" || die "psql is required"
PG_RESTORE="$(pe_client_bin pg_restore)" || die "pg_restore is required"
"$PG_RESTORE" --list "$FILE" >/dev/null || die "$FILE is not a pg_dump custom-format archive"
pe_conn_export || die "cannot use the connection string's settings (see above)"

# psql against DATABASE with the statement on stdin (so :'var' / :"var" interpolation quotes the name safely).
sql() { # DATABASE SQL
  "$PSQL" -X -q -t -A -v ON_ERROR_STOP=1 --no-password -v target="$TARGET" -d "$1" <<<"$2"
}

# --- The target database --------------------------------------------------------------------------------------------
exists="$(sql postgres "select count(*) from pg_database where datname = :'target';")" \
  || die "cannot connect to the server as $(pe_conn_describe postgres) to check the target database"
if [[ "$exists" == 1 ]]; then
  objects="$(sql "$TARGET" "select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%')
     + (select count(*) from pg_namespace where nspname not in ('public', 'pg_catalog', 'information_schema')
       and nspname not like 'pg_toast%' and nspname not like 'pg_temp%')
     + (select count(*) from pg_extension where extname <> 'plpgsql');")" \
    || die "cannot connect to the target database $(pe_conn_describe "") to check that it is empty"
  if [[ "$objects" != 0 ]]; then
    if [[ $FORCE != 1 ]]; then
      die "the target database $(pe_conn_describe "") is not empty ($objects objects); refusing to overwrite it. Name a new database, or pass --force to drop and recreate it"
    fi
    log "--force: dropping the non-empty database $(pe_conn_describe "") ($objects objects) and its connections"
    sql postgres 'drop database :"target" with (force);' || die "could not drop $TARGET"
    exists=0
  else
    log "Target $(pe_conn_describe "") exists and is empty"
  fi
fi
if [[ "$exists" != 1 ]]; then
  log "Creating database $(pe_conn_describe "")"
  sql postgres 'create database :"target" template template0;' || die "could not create the database $TARGET"
fi

# --- Restore --------------------------------------------------------------------------------------------------------
log "Restoring $FILE into $(pe_conn_describe "") ..."
started=$SECONDS
if ! "$PG_RESTORE" --dbname="$TARGET" --no-password --no-owner --single-transaction --exit-on-error "$FILE"; then
  die "pg_restore failed (see above); the transaction was rolled back, $TARGET holds nothing from this backup"
fi
tables="$(sql "$TARGET" "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema');")"
log "Restored $tables tables into $(pe_conn_describe "") in $((SECONDS - started)) s"
log "Before starting silos: clear stale membership (DELETE FROM orleans_membership_version;) or use a new Orleans ClusterId; keep the ServiceId"
