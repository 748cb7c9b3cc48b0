#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Backs up the Pacific Edge database: pg_dump --format=custom to a timestamped file, a SHA-256 checksum beside it,
# then deletes backups older than the retention. Restore with scripts/restore.sh.
#
# Usage: scripts/backup.sh [--db CONNECTION_STRING] [--dir DIRECTORY] [--keep-days N]
#   --db         Npgsql connection string (default: $PACIFICEDGE_DB, as the application takes it)
#   --dir        where backups go (default: $PACIFICEDGE_BACKUP_DIR or ./backups); created if missing
#   --keep-days  delete this script's backups (pacificedge-*.dump + .sha256) older than N days (default 30; 0 keeps all)
#
# Output: DIR/pacificedge-<database>-<UTC yyyymmddThhmmssZ>.dump and .dump.sha256 (`sha256sum -c` format). The dump
# is written under a temporary name and renamed only when pg_dump and the checksum succeeded, so a file with the
# final name is always complete. Prints the backup's path on stdout; progress and errors go to stderr. Exit 0 only
# when the backup exists and was verified readable (pg_restore --list).
set -euo pipefail
umask 077 # dumps hold customer data: owner-only files and directory

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/pgconn.sh
source "$HERE/lib/pgconn.sh"

log() { echo "[backup.sh] $*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }

DB="${PACIFICEDGE_DB:-}"
DIR="${PACIFICEDGE_BACKUP_DIR:-./backups}"
KEEP_DAYS=30
while (($#)); do
  case "$1" in
    --db) (($# >= 2)) || die "--db needs a value"; DB="$2"; shift 2 ;;
    --db=*) DB="${1#*=}"; shift ;;
    --dir) (($# >= 2)) || die "--dir needs a value"; DIR="$2"; shift 2 ;;
    --dir=*) DIR="${1#*=}"; shift ;;
    --keep-days) (($# >= 2)) || die "--keep-days needs a value"; KEEP_DAYS="$2"; shift 2 ;;
    --keep-days=*) KEEP_DAYS="${1#*=}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage; die "unknown argument '$1'" ;;
  esac
done

[[ -n "$DB" ]] || die "no database: set PACIFICEDGE_DB or pass --db (an Npgsql connection string)"
[[ "$KEEP_DAYS" =~ ^[0-9]+$ ]] || die "--keep-days must be a whole number of days (0 keeps every backup)"
pe_conn_parse "$DB" || die "cannot read the connection string (see above)"

TMP_DUMP=""
TMP_SUM=""
cleanup() {
  [[ -z "$TMP_DUMP" ]] || rm -f "$TMP_DUMP"
  [[ -z "$TMP_SUM" ]] || rm -f "$TMP_SUM"
  pe_conn_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PG_DUMP="$(pe_client_bin pg_dump)" || die "pg_dump is required"
PG_RESTORE="$(pe_client_bin pg_restore)" || die "pg_restore is required"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is required"
pe_conn_export || die "cannot use the connection string's settings (see above)"

mkdir -p "$DIR" || die "cannot create the backup directory $DIR"
[[ -w "$DIR" ]] || die "the backup directory $DIR is not writable"
DIR="$(cd "$DIR" && pwd)"

SAFE_DB="$(tr -c 'A-Za-z0-9_.-' '_' <<<"$PE_DATABASE" | sed 's/_$//')"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
NAME="pacificedge-$SAFE_DB-$STAMP.dump"
FINAL="$DIR/$NAME"
[[ ! -e "$FINAL" ]] || die "$FINAL already exists (two backups in the same second?)"
TMP_DUMP="$DIR/.$NAME.partial"
TMP_SUM="$DIR/.$NAME.sha256.partial"

log "Dumping $(pe_conn_describe "") with $("$PG_DUMP" --version | head -n 1) ..."
started=$SECONDS
# --no-owner/--no-privileges are left to restore time; the archive keeps everything. Custom format is compressed.
if ! "$PG_DUMP" --format=custom --file="$TMP_DUMP" --dbname="$PE_DATABASE" --no-password; then
  die "pg_dump failed (see above); no backup was written"
fi
[[ -s "$TMP_DUMP" ]] || die "pg_dump produced an empty file; no backup was written"
"$PG_RESTORE" --list "$TMP_DUMP" >/dev/null || die "the new dump is not readable by pg_restore; no backup was written"

hash="$(sha256sum "$TMP_DUMP" | cut -d' ' -f1)" || die "sha256sum failed"
printf '%s  %s\n' "$hash" "$NAME" > "$TMP_SUM" || die "cannot write the checksum file"
sync "$TMP_DUMP" "$TMP_SUM" 2>/dev/null || true
mv -f "$TMP_DUMP" "$FINAL" || die "cannot rename the dump to $FINAL"
TMP_DUMP=""
mv -f "$TMP_SUM" "$FINAL.sha256" || { rm -f "$FINAL"; die "cannot write $FINAL.sha256; removed the dump"; }
TMP_SUM=""
size="$(wc -c < "$FINAL" | tr -d ' ')"
log "Wrote $FINAL ($size bytes, sha256 $hash) in $((SECONDS - started)) s"

# Retention: only after a successful backup, only files this script names, never the one just written.
if ((KEEP_DAYS > 0)); then
  deleted=0
  while IFS= read -r -d '' old; do
    [[ "$old" == "$FINAL" ]] && continue
    rm -f "$old" "$old.sha256"
    log "Deleted $old (older than $KEEP_DAYS days)"
    deleted=$((deleted + 1))
  done < <(find "$DIR" -maxdepth 1 -type f -name 'pacificedge-*.dump' -mmin +$((KEEP_DAYS * 1440)) -print0)
  # Checksum files whose dump is gone (e.g. deleted by hand) go too once old enough.
  while IFS= read -r -d '' sum; do
    [[ -e "${sum%.sha256}" ]] || rm -f "$sum"
  done < <(find "$DIR" -maxdepth 1 -type f -name 'pacificedge-*.dump.sha256' -mmin +$((KEEP_DAYS * 1440)) -print0)
  log "Retention $KEEP_DAYS days: deleted $deleted old backup(s)"
fi
# Temporary files of runs that were killed outright (SIGKILL, node loss) are never a backup: remove them after a day.
find "$DIR" -maxdepth 1 -type f -name '.pacificedge-*.partial' -mmin +1440 -delete 2>/dev/null || true

echo "$FINAL"
