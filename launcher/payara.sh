# Payara Server 6, the second server Herald runs on (./herald up --server payara). The
# distribution is unpacked once into .herald/payara; each stack gets a domain of its own
# (created with asadmin create-domain --portbase, so every port moves together), configured by
# the idempotent asadmin scripts in server-config/payara/ while it runs, then the same EAR as on
# WildFly is deployed into it.
# shellcheck shell=bash

PAYARA_HOME=${PAYARA_HOME:-$HERALD_HOME/payara}
PAYARA_DOMAIN=herald

# The ports a domain created with --portbase N binds: N plus each of these.
PAYARA_PORT_OFFSETS=(80 81 48 76 37 38 39 86 66 9 49 59)

payara_asadmin_bin() { printf '%s/bin/asadmin' "$PAYARA_HOME"; }

# payara_asadmin <admin port> <args...>: asadmin against the running domain on that port.
payara_asadmin() {
  local port=$1
  shift
  AS_JAVA='' "$(payara_asadmin_bin)" --host 127.0.0.1 --port "$port" --interactive=false "$@"
}

# payara_provision: unpacks the Payara distribution fetched from Maven Central into
# .herald/payara unless that version is there already.
payara_provision() {
  local version zip staging=$PAYARA_HOME.new dir started
  version=$(pom_property payara.version)
  if [[ -f $PAYARA_HOME/.herald-provisioned ]] &&
    [[ $(<"$PAYARA_HOME/.herald-provisioned") == "$version" ]]; then
    return 0
  fi
  require_tool java
  started=$(clock_ms)
  info "provisioning Payara Server $version into $(relative_path "$PAYARA_HOME")"
  rm -rf "$(provision_dir)/payara"
  herald_mvn -f server-config/pom.xml -Ppayara-artifacts generate-resources ||
    die "fetching the Payara distribution failed"
  dir=$(provision_dir)/payara
  zip=$dir/payara-$version.zip
  [[ -f $zip ]] || die "missing $zip"
  rm -rf "$staging" "$staging.unzip"
  zip_extract "$zip" "$staging.unzip"
  mv "$staging.unzip/payara6" "$staging"
  rmdir "$staging.unzip"
  chmod +x "$staging"/bin/* "$staging"/glassfish/bin/*
  # The domain template's own domain1 is never used.
  rm -rf "$staging/glassfish/domains/domain1"
  mkdir -p "$staging/herald-lib"
  cp "$dir"/lib/*.jar "$staging/herald-lib/"
  printf '%s\n' "$version" >"$staging/.herald-provisioned"
  rm -rf "$PAYARA_HOME"
  mv "$staging" "$PAYARA_HOME"
  info "Payara provisioned in $(elapsed_since "$started") s"
}

# payara_ports <portbase>: the ports a domain with that port base binds.
payara_ports() {
  local offset
  for offset in "${PAYARA_PORT_OFFSETS[@]}"; do
    printf '%s ' $(($1 + offset))
  done
}

payara_portbase_free() {
  local port
  for port in $(payara_ports "$1"); do
    ! port_in_use "$port" || return 1
  done
}

# payara_free_portbase <first> <step>: the first port base whose ports are all free and whose
# HTTP port a browser opens.
payara_free_portbase() {
  local base=$1
  while ((base + 90 <= 65535)); do
    if ! browser_refuses $((base + 80)) && payara_portbase_free "$base"; then
      printf '%s' "$base"
      return 0
    fi
    base=$(($2 + base))
  done
  die "no port base leaves Payara's ports free"
}

payara_domain_path() { printf '%s/%s' "$1" "$PAYARA_DOMAIN"; }
payara_pidfile() { printf '%s/config/pid' "$(payara_domain_path "$1")"; }
payara_server_log() { printf '%s/logs/server.log' "$(payara_domain_path "$1")"; }

# payara_pid <domains dir>: the pid of the domain's server JVM, if it runs.
payara_pid() { pidfile_pid "$(payara_pidfile "$1")" "$(payara_domain_path "$1")"; }

# payara_domain_portbase <domains dir>: the port base the domain was created with, if any.
payara_domain_portbase() { cat "$1/portbase" 2>/dev/null; }

# payara_create_domain <domains dir> <portbase>: a fresh domain "herald" with every port moved
# to the port base, no admin password (with secure admin off, as here, Payara takes admin
# commands from this machine only) and the PostgreSQL driver in its lib/.
payara_create_domain() {
  local dir=$1 base=$2 log
  rm -rf "$(payara_domain_path "$dir")"
  mkdir -p "$dir"
  log=$dir/create-domain.log
  if ! "$(payara_asadmin_bin)" --interactive=false create-domain --nopassword \
    --portbase "$base" --domaindir "$dir" "$PAYARA_DOMAIN" >"$log" 2>&1; then
    show_log_tail "$log"
    die "creating the Payara domain failed (log: $log)"
  fi
  cp "$PAYARA_HOME"/herald-lib/*.jar "$(payara_domain_path "$dir")/lib/"
  printf '%s\n' "$base" >"$dir/portbase"
}

# payara_env <properties file>: Herald's settings as environment variables for MicroProfile
# Config (herald.db.host -> HERALD_DB_HOST), one NAME=value a line; kept off the command line.
payara_env() {
  local key value
  while IFS='=' read -r key value; do
    [[ -z $key || $key == \#* ]] && continue
    key=${key//[^A-Za-z0-9]/_}
    printf '%s=%s\n' "${key^^}" "$value"
  done <"$1"
}

# payara_start <domains dir> <properties file>: starts the domain with Herald's settings in its
# environment and waits until it answers; prints the server JVM's pid.
payara_start() {
  local dir=$1 log env_lines=() pid
  [[ -d $(payara_domain_path "$dir") ]] || die "no Payara domain in $dir"
  if pid=$(payara_pid "$dir"); then
    die "a Payara domain already runs from $dir (pid $pid)"
  fi
  mapfile -t env_lines < <(payara_env "$2")
  log=$dir/start-domain.log
  if ! env "${env_lines[@]}" AS_JAVA='' "$(payara_asadmin_bin)" --interactive=false \
    start-domain --domaindir "$dir" --timeout "${HERALD_BOOT_TIMEOUT:-300}" \
    "$PAYARA_DOMAIN" >"$log" 2>&1; then
    show_log_tail "$log"
    show_log_tail "$(payara_server_log "$dir")"
    die "Payara did not start (log: $(payara_server_log "$dir"))"
  fi
  pid=$(payara_pid "$dir") || die "Payara started but left no pid in $(payara_pidfile "$dir")"
  printf '%s' "$pid"
}

# payara_await_app <domains dir> <pid>: when the domain has Herald deployed, waits until it
# answers. start-domain returns once the server is up, while deployed applications may still be
# loading; a redeployment or a stop in that window broke the load ("ServiceLocatorImpl has been
# shut down") and left Herald undeployed.
payara_await_app() {
  local base
  grep -q '<application [^>]*name="herald"' \
    "$(payara_domain_path "$1")/config/domain.xml" 2>/dev/null || return 0
  base=$(payara_domain_portbase "$1")
  wait_http "http://127.0.0.1:$((base + 80))/herald/login.html" \
    "${HERALD_BOOT_TIMEOUT:-300}" "$2" || warn "Herald did not answer on Payara after its start"
}

# payara_stop <domains dir> [grace seconds=60]: stop-domain, then SIGKILL after the grace.
payara_stop() {
  local dir=$1 pid
  pid=$(payara_pid "$dir") || return 0
  AS_JAVA='' timeout "${2:-60}" "$(payara_asadmin_bin)" --interactive=false stop-domain \
    --domaindir "$dir" "$PAYARA_DOMAIN" >/dev/null 2>&1 || true
  stop_pid "$pid" Payara 10
}

# payara_boot_millis <domains dir>: the boot time Payara reported in its log, in milliseconds.
payara_boot_millis() {
  grep -oE 'startup time : .* total\([0-9]+ms\)' "$(payara_server_log "$1")" 2>/dev/null |
    grep -oE 'total\([0-9]+' |
    grep -oE '[0-9]+' | tail -n 1
}

# payara_script_lines <file>: the script's commands, one a line (continuations joined, comments
# and blank lines dropped), with @DB_HOST@ etc. replaced by the stack's settings.
payara_script_lines() {
  local line command=''
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line == *\\ ]]; then
      command+="${line%\\} "
      continue
    fi
    command+=$line
    command=${command//@DB_HOST@/$HERALD_DB_HOST}
    command=${command//@DB_PORT@/$HERALD_DB_PORT}
    command=${command//@DB_NAME@/$HERALD_DB_NAME}
    command=${command//@DB_USER@/$HERALD_DB_USER}
    command=${command//@DB_PASSWORD@/$HERALD_DB_PASSWORD}
    command=${command//@NODE_ID@/${HERALD_NODE_ID:-herald-1}}
    printf '%s\n' "$(tr -s ' ' <<<"$command")"
    command=''
  done <"$1"
}

# payara_list_command <create command>: the asadmin command that lists what it creates.
payara_list_command() {
  case $1 in
    create-jdbc-connection-pool) printf 'list-jdbc-connection-pools' ;;
    create-jdbc-resource) printf 'list-jdbc-resources' ;;
    create-jmsdest) printf 'list-jmsdest' ;;
    create-jms-resource) printf 'list-jms-resources' ;;
    *) return 1 ;;
  esac
}

# payara_configure <admin port>: applies server-config/payara/*.asadmin, in name order, to the
# running domain. Idempotent: a create-* whose resource exists (by name, in the matching
# list-* output) is skipped, everything else runs; all of it in one asadmin multimode session.
payara_configure() {
  local port=$1 file line verb name list batch listed=() outputs=() i known out
  batch=$(mktemp)
  for file in "$HERALD_ROOT"/server-config/payara/*.asadmin; do
    while IFS= read -r line; do
      verb=${line%% *}
      if list=$(payara_list_command "$verb"); then
        name=${line##* }
        known=''
        for i in "${!listed[@]}"; do
          [[ ${listed[$i]} == "$list" ]] && known=${outputs[$i]}
        done
        if [[ -z $known ]]; then
          known=$(payara_asadmin "$port" "$list" 2>&1) || die "asadmin $list failed: $known"
          listed+=("$list")
          outputs+=("$known")
        fi
        grep -qxF -- "$name" <<<"$known" && continue
      fi
      printf '%s\n' "$line" >>"$batch"
    done < <(payara_script_lines "$file")
  done
  if ! out=$(payara_asadmin "$port" multimode --file "$batch" 2>&1) ||
    grep -q 'failed\.' <<<"$out"; then
    rm -f "$batch"
    printf '%s\n' "$out" | grep -B2 'failed\.' >&2 || printf '%s\n' "$out" | tail -n 20 >&2
    die "configuring Payara failed"
  fi
  rm -f "$batch"
}

# payara_timer_table <pg datadir>: the schema ejb_timers and Payara's timer table in it, owned
# by Herald's database user (Payara's own script, made idempotent). Needs the launcher's own
# PostgreSQL, or psql and the user's password for an external one.
payara_timer_table() {
  local sql
  sql=$(
    printf 'SET client_min_messages = warning;\nCREATE SCHEMA IF NOT EXISTS ejb_timers;\n'
    sed 's/CREATE TABLE "/CREATE TABLE IF NOT EXISTS ejb_timers."/' \
      "$PAYARA_HOME/glassfish/lib/install/databases/ejbtimer_postgresql.sql"
    printf ';\n'
  )
  herald_db_sql "$1" "$sql" "creating Payara's timer table"
}

# payara_deploy <admin port> <archive>: deploys (or redeploys) the EAR under the name herald.
payara_deploy() {
  local out
  [[ -f $2 ]] || die "no deployment $2"
  if ! out=$(payara_asadmin "$1" deploy --force=true --name herald "$2" 2>&1); then
    printf '%s\n' "$out" >&2
    die "deploying ${2##*/} into Payara failed"
  fi
}

# payara_deploy_if_changed <domains dir> <admin port> <properties file>: deploys Herald's EAR
# unless the same archive is deployed and answering already. A redeployment over a running
# Herald is followed by a restart: after "deploy --force" into the running domain, OpenMQ kept
# handing messages to endpoints of the replaced message-driven beans (RAR7004, "MDB deployment
# is still happening", for minutes), and those messages ended in mq.sys.dmq (61 of 997 in one
# demo); after a restart the same EAR delivered all of them.
payara_deploy_if_changed() {
  local ear sum record=$1/deployed-ear.sha256 redeploy=false pid
  ear=$(herald_ear)
  sum=$(sha256sum "$ear" | cut -c 1-64)
  if [[ -f $record && $(<"$record") == "$sum" ]] &&
    http_ok "http://127.0.0.1:$(($(payara_domain_portbase "$1") + 80))/herald/login.html"; then
    return 0
  fi
  rm -f "$record"
  ! grep -q '<application [^>]*name="herald"' \
    "$(payara_domain_path "$1")/config/domain.xml" 2>/dev/null || redeploy=true
  payara_deploy "$2" "$ear"
  if [[ $redeploy == true ]]; then
    info "Herald redeployed into the running Payara; restarting the domain once"
    payara_stop "$1"
    pid=$(payara_start "$1" "$3")
    payara_await_app "$1" "$pid"
  fi
  printf '%s\n' "$sum" >"$record"
}

# payara_stack_start <domains dir> <portbase> <properties file> <pg datadir> [--no-deploy]:
# creates the domain unless one with that port base exists, starts it, applies
# server-config/payara and deploys the EAR (not with --no-deploy: Arquillian deploys its own);
# if the scripts changed since the domain was configured it restarts once. Prints the server's
# pid. Needs HERALD_DB_* set.
payara_stack_start() {
  local dir=$1 base=$2 properties=$3 admin=$(($2 + 48)) pid stamp hash
  payara_provision
  if [[ $(payara_domain_portbase "$dir") != "$base" ]]; then
    payara_create_domain "$dir" "$base"
  fi
  payara_timer_table "$4"
  pid=$(payara_start "$dir" "$properties")
  payara_await_app "$dir" "$pid"
  payara_configure "$admin"
  # Timer storage and recovery are read when the timer service and the transaction manager
  # start: a fresh domain has started neither yet (nothing is deployed), but a domain configured
  # before with other scripts restarts once before the EAR goes in.
  stamp=$dir/configured
  hash=$(cat "$HERALD_ROOT"/server-config/payara/*.asadmin | sha256sum | cut -c 1-64)
  if [[ -f $stamp && $(<"$stamp") != "$hash" ]]; then
    info "server-config/payara changed; restarting the domain once"
    payara_stop "$dir"
    pid=$(payara_start "$dir" "$properties")
    payara_await_app "$dir" "$pid"
  fi
  printf '%s\n' "$hash" >"$stamp"
  [[ ${5:-} == --no-deploy ]] || payara_deploy_if_changed "$dir" "$admin" "$properties"
  pid=$(payara_pid "$dir")
  printf '%s' "$pid"
}
