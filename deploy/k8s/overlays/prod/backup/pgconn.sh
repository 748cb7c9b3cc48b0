# shellcheck shell=bash source-path=SCRIPTDIR
# Turns the application's Npgsql connection string (PACIFICEDGE_DB) into libpq settings for pg_dump, pg_restore and
# psql, shared by backup.sh and restore.sh. Source this file; it defines functions only.
#
# The password never goes on a command line (where `ps` shows it to every user): it is written to a private
# PGPASSFILE (mode 600) that pe_conn_cleanup removes. Nothing here prints it.

# pe_conn_parse CONNECTION_STRING: sets PE_HOST, PE_PORT, PE_DATABASE, PE_USER, PE_PASSWORD, PE_SSLMODE.
# Accepts Npgsql syntax (Key=Value;... with Npgsql's key aliases; values may be quoted with ' or ", a doubled quote
# inside stands for itself). Unknown keys (Pooling, Timeout, Include Error Detail, ...) are ignored.
pe_conn_parse() {
  local s="$1" i=0 n=${#1} key value c quote
  PE_HOST="" PE_PORT="" PE_DATABASE="" PE_USER="" PE_PASSWORD="" PE_SSLMODE=""
  while ((i < n)); do
    key=""
    while ((i < n)) && [[ "${s:i:1}" != "=" && "${s:i:1}" != ";" ]]; do key+="${s:i:1}"; ((i += 1)); done
    if ((i >= n)) || [[ "${s:i:1}" == ";" ]]; then
      ((i += 1))
      key="${key//[[:space:]]/}"
      [[ -z "$key" ]] && continue
      echo "error: the connection string has a part without '=' (near '${key:0:20}')" >&2
      return 1
    fi
    ((i += 1)) # '='
    while ((i < n)) && [[ "${s:i:1}" == " " ]]; do ((i += 1)); done
    value=""
    c="${s:i:1}"
    if [[ "$c" == "'" || "$c" == '"' ]]; then
      quote="$c"
      ((i += 1))
      while true; do
        if ((i >= n)); then
          echo "error: the connection string has an unterminated quoted value (key '$key')" >&2
          return 1
        fi
        c="${s:i:1}"
        if [[ "$c" == "$quote" ]]; then
          if [[ "${s:i+1:1}" == "$quote" ]]; then value+="$c"; ((i += 2)); continue; fi
          ((i += 1))
          break
        fi
        value+="$c"
        ((i += 1))
      done
      while ((i < n)) && [[ "${s:i:1}" != ";" ]]; do ((i += 1)); done
    else
      while ((i < n)) && [[ "${s:i:1}" != ";" ]]; do value+="${s:i:1}"; ((i += 1)); done
      value="${value%"${value##*[![:space:]]}"}" # trim trailing blanks
    fi
    ((i += 1)) # ';'
    key="$(tr '[:upper:]' '[:lower:]' <<<"$key" | tr -d '[:space:]_')"
    case "$key" in
      host | server) PE_HOST="$value" ;;
      port) PE_PORT="$value" ;;
      database | db) PE_DATABASE="$value" ;;
      username | userid | user | uid) PE_USER="$value" ;;
      password | pwd | psw) PE_PASSWORD="$value" ;;
      sslmode) PE_SSLMODE="$value" ;;
      *) ;;
    esac
  done
  [[ -n "$PE_HOST" ]] || { echo "error: the connection string names no Host" >&2; return 1; }
  [[ -n "$PE_DATABASE" ]] || { echo "error: the connection string names no Database" >&2; return 1; }
  if [[ -n "$PE_PORT" && ! "$PE_PORT" =~ ^[0-9]+$ ]]; then
    echo "error: the connection string's Port is not a number" >&2
    return 1
  fi
  return 0
}

# pe_conn_export: exports PGHOST, PGPORT, PGUSER, PGSSLMODE and a private PGPASSFILE from the parsed values, and
# unsets PGDATABASE (callers pass the database explicitly). Call pe_conn_cleanup on exit.
PE_PASSFILE=""
pe_conn_export() {
  export PGHOST="$PE_HOST"
  if [[ -n "$PE_PORT" ]]; then export PGPORT="$PE_PORT"; else unset PGPORT; fi
  if [[ -n "$PE_USER" ]]; then export PGUSER="$PE_USER"; else unset PGUSER; fi
  unset PGDATABASE PGPASSWORD PGSERVICE
  if [[ -n "$PE_SSLMODE" ]]; then
    local mode
    mode="$(tr '[:upper:]' '[:lower:]' <<<"$PE_SSLMODE")"
    case "$mode" in
      disable | allow | prefer | require) ;;
      verifyca | verify-ca) mode=verify-ca ;;
      verifyfull | verify-full) mode=verify-full ;;
      *) echo "error: unsupported SSL Mode in the connection string" >&2; return 1 ;;
    esac
    export PGSSLMODE="$mode"
  fi
  if [[ -n "$PE_PASSWORD" ]]; then
    PE_PASSFILE="$(mktemp "${TMPDIR:-/tmp}/pe-pgpass.XXXXXX")"
    chmod 600 "$PE_PASSFILE"
    # .pgpass fields escape ':' and '\' with a backslash.
    local escaped="${PE_PASSWORD//\\/\\\\}"
    escaped="${escaped//:/\\:}"
    printf '*:*:*:*:%s\n' "$escaped" > "$PE_PASSFILE"
    export PGPASSFILE="$PE_PASSFILE"
  else
    unset PGPASSFILE
  fi
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-15}"
  export PGAPPNAME="${PGAPPNAME:-pacificedge-backup}"
}

pe_conn_cleanup() {
  if [[ -n "$PE_PASSFILE" ]]; then
    rm -f "$PE_PASSFILE"
    PE_PASSFILE=""
  fi
}

# pe_conn_describe: "user@host:port/database" for messages (never the password).
pe_conn_describe() { echo "${PE_USER:-<default user>}@${PE_HOST}:${PE_PORT:-5432}/${1:-$PE_DATABASE}"; }

# pe_client_bin NAME: prints the path of a PostgreSQL client program (pg_dump, pg_restore, psql), the newest
# installed version first (pg_dump must be at least the server's major version). Installs postgresql-client through
# the shared helper (scripts/lib/postgres.sh, when present) if none is found.
pe_client_bin() {
  local name="$1" dir
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [[ -x "$dir/$name" ]]; then echo "$dir/$name"; return 0; fi
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if [[ -f "$here/postgres.sh" ]]; then
    echo "$name not found; installing postgresql-client with apt-get..." >&2
    # shellcheck source=postgres.sh
    source "$here/postgres.sh"
    pe_apt_install postgresql-client >&2 || { echo "error: could not install postgresql-client" >&2; return 1; }
    dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    if [[ -x "$dir/$name" ]]; then echo "$dir/$name"; return 0; fi
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  fi
  echo "error: $name (PostgreSQL client) is not installed and could not be installed" >&2
  return 1
}
