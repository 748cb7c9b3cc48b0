# shellcheck shell=bash
# Local PostgreSQL helpers shared by run.sh, test.sh and bench.sh. Source this file; it defines functions only.
#
# A cluster directory DIR holds everything of one private cluster, so nothing touches the system's own clusters:
#   DIR/data         the data directory (PGDATA), made by initdb on first start
#   DIR/run          the Unix-domain socket directory
#   DIR/postgres.log the server log
# PostgreSQL refuses to run as root. When these scripts run as root (CI does), DIR belongs to the postgres OS user
# and every server binary runs through `runuser -u postgres --`.

_pe_is_root() { [[ "$(id -u)" == 0 ]]; }

# Runs a command as root: directly when root, through sudo otherwise.
_pe_as_root() {
  if _pe_is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: '$*' needs root and sudo is not available" >&2
    return 1
  fi
}

_pe_apt_updated=0
# pe_apt_install PACKAGE...: installs Debian packages without their recommends (apt-get update once per script run first).
pe_apt_install() {
  if [[ $_pe_apt_updated == 0 ]]; then
    _pe_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    _pe_apt_updated=1
  fi
  _pe_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# pg_bindir: prints the directory holding initdb/pg_ctl/postgres; fails when none is installed.
# Order: pg_config --bindir, the newest /usr/lib/postgresql/*/bin (Debian keeps them off PATH), then PATH.
pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"; return 0
    fi
  fi
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"; return 0
  fi
  if command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v initdb)")")"
    if [[ -x "$dir/pg_ctl" ]]; then
      echo "$dir"; return 0
    fi
  fi
  return 1
}

# pg_ensure_installed: installs Debian's postgresql when no server binaries are found.
pg_ensure_installed() {
  if pg_bindir >/dev/null; then
    return 0
  fi
  echo "PostgreSQL server binaries not found; installing postgresql with apt-get..." >&2
  pe_apt_install postgresql
  pg_bindir >/dev/null || { echo "error: postgresql installed but initdb/pg_ctl still not found" >&2; return 1; }
}

# _pe_pg BINARY ARGS...: runs a server binary from pg_bindir, as the postgres user when root.
_pe_pg() {
  local bin
  bin="$(pg_bindir)" || { echo "error: PostgreSQL is not installed (run pg_ensure_installed)" >&2; return 1; }
  local exe="$bin/$1"; shift
  if _pe_is_root; then
    # cd / so the postgres user never starts inside a directory it cannot read (e.g. /root).
    (cd / && runuser -u postgres -- "$exe" "$@")
  else
    "$exe" "$@"
  fi
}

# _pe_abs PATH: PATH made absolute (server binaries run from / when root, so relative paths would break).
_pe_abs() { if [[ "$1" == /* ]]; then echo "$1"; else echo "$PWD/$1"; fi; }

pg_datadir() { echo "$(_pe_abs "$1")/data"; }
pg_socketdir() { echo "$(_pe_abs "$1")/run"; }
pg_logfile() { echo "$(_pe_abs "$1")/postgres.log"; }

# pg_cluster_running DIR: true when the cluster in DIR is up.
pg_cluster_running() {
  local data
  data="$(pg_datadir "$1")"
  [[ -f "$data/PG_VERSION" ]] || return 1
  _pe_pg pg_ctl -D "$data" status >/dev/null 2>&1
}

# pg_start_cluster DIR PORT: creates the cluster on first use (initdb, trust auth for local connections, user
# postgres, UTF8) and starts it listening on 127.0.0.1:PORT only. Idempotent: an already running cluster is left as
# it is. Settings live in DIR/data/pacificedge.conf, rewritten on each start so a new PORT takes effect.
pg_start_cluster() {
  local dir="$1" port="$2"
  [[ -n "$dir" && -n "$port" ]] || { echo "usage: pg_start_cluster DIR PORT" >&2; return 2; }
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local data="$dir/data" sock="$dir/run" log="$dir/postgres.log"

  if pg_cluster_running "$dir"; then
    local running_port
    running_port="$(pg_cluster_port "$dir" || true)"
    if [[ -n "$running_port" && "$running_port" != "$port" ]]; then
      echo "warning: cluster in $dir is already running on port $running_port (asked for $port); leaving it" >&2
    fi
    return 0
  fi

  mkdir -p "$sock"
  touch "$log"
  if _pe_is_root; then
    chown -R postgres:postgres "$dir"
    if ! runuser -u postgres -- test -x "$dir"; then
      echo "error: the postgres OS user cannot reach $dir (a parent directory is private to root)." >&2
      echo "       Choose a cluster directory under a world-readable path." >&2
      return 1
    fi
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    if [[ -d "$data" ]] && [[ -n "$(ls -A "$data" 2>/dev/null)" ]]; then
      echo "error: $data is not empty but holds no PostgreSQL cluster; remove it or pick another directory" >&2
      return 1
    fi
    local locale=C.UTF-8
    if ! locale -a 2>/dev/null | grep -iE '^c\.utf-?8$' >/dev/null; then locale=C; fi
    echo "Creating PostgreSQL cluster in $data" >&2
    _pe_pg initdb -D "$data" -U postgres -A trust -E UTF8 --locale="$locale" --no-instructions >/dev/null
    # Our settings come last so they win over anything initdb wrote.
    printf "\ninclude_if_exists = 'pacificedge.conf'\n" >> "$data/postgresql.conf"
  fi

  local sock_quoted=${sock//\'/\'\'}
  cat > "$data/pacificedge.conf" <<CONF
# Written by scripts/lib/postgres.sh on every start; edit that script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock_quoted'
max_connections = 300
CONF
  if _pe_is_root; then chown postgres:postgres "$data/pacificedge.conf"; fi

  if ! _pe_pg pg_ctl -D "$data" -l "$log" -w -t 60 start >/dev/null; then
    echo "error: PostgreSQL failed to start in $dir on port $port. Last lines of $log:" >&2
    tail -n 30 "$log" >&2 || true
    return 1
  fi
}

# pg_cluster_port DIR: prints the port the running cluster in DIR listens on.
pg_cluster_port() {
  sed -n 4p "$(pg_datadir "$1")/postmaster.pid" 2>/dev/null
}

# pg_stop_cluster DIR: stops the cluster in DIR (fast shutdown) if it is running.
pg_stop_cluster() {
  local dir="$1"
  if pg_cluster_running "$dir"; then
    _pe_pg pg_ctl -D "$(pg_datadir "$dir")" -m fast -w -t 60 stop >/dev/null
  fi
}

# pg_psql PORT DATABASE ARGS...: psql as postgres over TCP to 127.0.0.1:PORT, stopping on the first error.
pg_psql() {
  local port="$1" db="$2"; shift 2
  local bin
  bin="$(pg_bindir)" || return 1
  PGCONNECT_TIMEOUT=10 "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# pg_create_database PORT NAME: creates database NAME unless it exists.
pg_create_database() {
  local port="$1" name="$2"
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "error: bad database name '$name'" >&2; return 2; }
  if [[ "$(pg_psql "$port" postgres -tAc "select 1 from pg_database where datname = '$name'")" != 1 ]]; then
    pg_psql "$port" postgres -c "create database \"$name\""
  fi
}
