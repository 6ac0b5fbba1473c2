# The commands that run Herald's whole stack: up, down, status and provision. The state of the
# running stack is in .herald/run/: ports.env (ports and URLs), *.pid, herald.properties.
# shellcheck shell=bash

herald_command up "provision if needed, start PostgreSQL, the simulator and the server; deploy"
herald_command down "stop what ./herald up started (data is kept)"
herald_command status "show what runs, with pids and URLs"
herald_command provision "only provision WildFly into .herald/wildfly (--force: redo it)"
herald_command clean "delete the stopped stack's data: queues, logs, database (--all: more)"

herald_ports_file() { printf '%s/ports.env' "$HERALD_RUN"; }
herald_basedir() { printf '%s/standalone' "$HERALD_RUN"; }
# The Payara domain of ./herald up --server payara (a domains folder holding the domain herald).
herald_payara_dir() { printf '%s/payara' "$HERALD_RUN"; }
herald_ear() { printf '%s' "${HERALD_EAR:-$HERALD_ROOT/announcement-ear/target/herald.ear}"; }
# herald_pg_data: the data directory of the launcher's PostgreSQL, as last recorded.
herald_pg_data() {
  recorded HERALD_PG_DATA || printf '%s' "$HERALD_HOME/pg/data"
}

record() { env_set "$(herald_ports_file)" "$1" "$2"; }
recorded() { env_get "$(herald_ports_file)" "$1"; }

# preferred_port <key> <first>: the port recorded under the key if it is free again, otherwise
# the first free port from <first> on.
preferred_port() {
  local port
  if port=$(recorded "$1") && ! port_in_use "$port"; then
    printf '%s' "$port"
  else
    free_port "$2" 60999 "${@:3}"
  fi
}

# db_external: true when the user named an existing PostgreSQL.
db_external() {
  [[ -n ${HERALD_DB_URL:-} ]] || [[ -n ${HERALD_DB_HOST:-} && ${HERALD_DB_MANAGED:-} != true ]]
}

# db_parse_url: fills the HERALD_DB_* variables not set yet from HERALD_DB_URL, given as
# postgresql://user:password@host:port/name (a jdbc: prefix is allowed; no %-escapes).
db_parse_url() {
  local url=${HERALD_DB_URL#jdbc:}
  local re='^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?]+)(:([0-9]+))?(/([^?]*))?'
  [[ $url =~ $re ]] || die "HERALD_DB_URL must look like postgresql://user:password@host:port/db"
  HERALD_DB_USER=${HERALD_DB_USER:-${BASH_REMATCH[3]}}
  HERALD_DB_PASSWORD=${HERALD_DB_PASSWORD:-${BASH_REMATCH[5]}}
  HERALD_DB_HOST=${HERALD_DB_HOST:-${BASH_REMATCH[6]}}
  HERALD_DB_PORT=${HERALD_DB_PORT:-${BASH_REMATCH[8]}}
  HERALD_DB_NAME=${HERALD_DB_NAME:-${BASH_REMATCH[10]}}
}

db_defaults() {
  HERALD_DB_PORT=${HERALD_DB_PORT:-5432}
  HERALD_DB_NAME=${HERALD_DB_NAME:-herald}
  HERALD_DB_USER=${HERALD_DB_USER:-herald}
  HERALD_DB_PASSWORD=${HERALD_DB_PASSWORD:-herald}
}

# db_up: uses the external PostgreSQL, or starts the launcher's own; sets HERALD_DB_*.
db_up() {
  local datadir
  if db_external; then
    [[ -z ${HERALD_DB_URL:-} ]] || db_parse_url
    db_defaults
    HERALD_DB_MANAGED=false
    (exec 3<>"/dev/tcp/$HERALD_DB_HOST/$HERALD_DB_PORT") 2>/dev/null ||
      warn "nothing answers on $HERALD_DB_HOST:$HERALD_DB_PORT yet"
    info "using the PostgreSQL at $HERALD_DB_HOST:$HERALD_DB_PORT, database $HERALD_DB_NAME"
  else
    datadir=${HERALD_PG_DATA:-$(herald_pg_data)}
    HERALD_DB_HOST=127.0.0.1
    HERALD_DB_MANAGED=true
    if ! pg_pid "$datadir" >/dev/null; then
      pg_start "$datadir" "${HERALD_DB_PORT:-$(preferred_port HERALD_DB_PORT 15432)}"
    fi
    HERALD_DB_PORT=$(pg_port "$datadir")
    db_defaults
    record HERALD_PG_DATA "$datadir"
    record PG_DATA_DIR "$(pg_effective_datadir "$datadir")"
    pg_pid "$datadir" >"$HERALD_RUN/postgres.pid"
  fi
  record HERALD_DB_MANAGED "$HERALD_DB_MANAGED"
  record HERALD_DB_HOST "$HERALD_DB_HOST"
  record HERALD_DB_PORT "$HERALD_DB_PORT"
  record HERALD_DB_NAME "$HERALD_DB_NAME"
  record HERALD_DB_USER "$HERALD_DB_USER"
}

# herald_write_properties <file> <simulator port>: Herald's configuration as system properties
# for WildFly (--properties=<file>), secrets included, so none shows on a command line.
herald_write_properties() {
  local file=$1
  (
    umask 077
    {
      printf '# Written by ./herald up; holds secrets.\n'
      printf 'herald.db.host=%s\nherald.db.port=%s\n' "$HERALD_DB_HOST" "$HERALD_DB_PORT"
      printf 'herald.db.name=%s\nherald.db.user=%s\n' "$HERALD_DB_NAME" "$HERALD_DB_USER"
      printf 'herald.db.password=%s\n' "${HERALD_DB_PASSWORD//\\/\\\\}"
      printf 'herald.whatsapp.base-url=http://127.0.0.1:%s\n' "$2"
      printf 'herald.whatsapp.api-version=v21.0\n'
      printf 'herald.whatsapp.phone-number-id=%s\n' "$(herald_phone_number_id)"
      printf 'herald.whatsapp.waba-id=%s\n' "$(herald_waba_id)"
      printf 'herald.whatsapp.access-token=%s\n' "$HERALD_WHATSAPP_ACCESS_TOKEN"
      printf 'herald.whatsapp.app-secret=%s\n' "$HERALD_WHATSAPP_APP_SECRET"
      printf 'herald.webhook.verify-token=%s\n' "$HERALD_WEBHOOK_VERIFY_TOKEN"
      printf 'herald.console.initial-admin-password=%s\n' "$HERALD_ADMIN_PASSWORD"
    } >"$file.tmp"
    mv "$file.tmp" "$file"
  )
}

# herald_build_if_needed [--build]: runs the Maven build when forced or an artifact is missing.
herald_build_if_needed() {
  if [[ ${1:-} != --build && -f $(herald_ear) && -f $(sim_jar) ]]; then
    return 0
  fi
  local started
  started=$(clock_ms)
  info "building Herald (mvn -DskipTests install)"
  herald_mvn -DskipTests install || die "the build failed"
  info "built in $(elapsed_since "$started") s"
  [[ -f $(herald_ear) ]] || die "the build made no $(herald_ear)"
  [[ -f $(sim_jar) ]] || die "the build made no $(sim_jar)"
}

# up_offset: the running server's offset, else HERALD_PORT_OFFSET, else the first multiple of
# 100 whose ports are free (0 when 8080 and 9990 are).
up_offset() {
  if wildfly_pid "$(herald_basedir)" >/dev/null; then
    recorded HERALD_PORT_OFFSET
  elif [[ -n ${HERALD_PORT_OFFSET:-} ]]; then
    wildfly_offset_free "$HERALD_PORT_OFFSET" ||
      die "WildFly's ports at offset $HERALD_PORT_OFFSET are taken"
    printf '%s' "$HERALD_PORT_OFFSET"
  else
    free_port_offset 0 100
  fi
}

# herald_running_server: wildfly or payara, whichever runs from this stack (none: fails).
herald_running_server() {
  if wildfly_pid "$(herald_basedir)" >/dev/null || cluster_node_pid "$HERALD_RUN" 1 >/dev/null
  then
    printf 'wildfly'
  elif payara_pid "$(herald_payara_dir)" >/dev/null; then
    printf 'payara'
  else
    return 1
  fi
}

# parse_server <value>: checks a --server value.
parse_server() {
  case $1 in
    wildfly | payara) printf '%s' "$1" ;;
    *) die "--server must be wildfly or payara, not '$1'" ;;
  esac
}

# up_payara_offset: as up_offset, for Payara, whose ports are its port base (8000 + offset)
# plus 9 to 90: HTTP 8080 + offset, admin 8048 + offset.
up_payara_offset() {
  if payara_pid "$(herald_payara_dir)" >/dev/null; then
    recorded HERALD_PORT_OFFSET
  elif [[ -n ${HERALD_PORT_OFFSET:-} ]]; then
    payara_portbase_free $((8000 + HERALD_PORT_OFFSET)) ||
      die "Payara's ports at offset $HERALD_PORT_OFFSET are taken"
    printf '%s' "$HERALD_PORT_OFFSET"
  else
    printf '%s' $(($(payara_free_portbase 8000 100) - 8000))
  fi
}

# up_payara <offset>: starts the Payara domain with the EAR, or redeploys into the running one.
up_payara() {
  local dir properties=$HERALD_RUN/herald.properties started
  dir=$(herald_payara_dir)
  if payara_pid "$dir" >/dev/null; then
    payara_deploy_if_changed "$dir" $((8048 + $1)) "$properties"
    return 0
  fi
  herald_write_properties "$properties" "$(recorded SIM_PORT)"
  started=$(clock_ms)
  payara_stack_start "$dir" $((8000 + $1)) "$properties" "$(herald_pg_data)" >/dev/null
  info "Payara up with $(herald_ear | sed 's:.*/::') in $(elapsed_since "$started") s" \
    "(its own boot report: $(payara_boot_millis "$dir") ms)"
}

# up_simulator <offset>: starts the simulator unless it runs; records SIM_PORT.
up_simulator() {
  local port http=$((8080 + $1))
  if sim_pid >/dev/null; then
    port=$(recorded SIM_PORT)
  else
    # shellcheck disable=SC2046
    port=$(preferred_port SIM_PORT 18081 $(wildfly_ports "$1"))
    sim_start "$port" "http://127.0.0.1:$http/herald/api/webhooks/whatsapp" >/dev/null
  fi
  record SIM_PORT "$port"
  record SIM_URL "http://127.0.0.1:$port"
}

# up_wildfly <offset>: boots WildFly with the EAR, or redeploys the EAR into the running one.
up_wildfly() {
  local basedir properties=$HERALD_RUN/herald.properties ear started
  basedir=$(herald_basedir)
  ear=$(herald_ear)
  if wildfly_pid "$basedir" >/dev/null; then
    herald_write_properties "$properties.next" "$(recorded SIM_PORT)"
    cmp -s "$properties" "$properties.next" ||
      warn "settings changed since WildFly started; ./herald down && ./herald up applies them"
    rm -f "$properties.next"
    wildfly_deploy "$basedir" "$ear"
    return 0
  fi
  herald_write_properties "$properties" "$(recorded SIM_PORT)"
  started=$(clock_ms)
  wildfly_prepare_base "$basedir"
  wildfly_stage "$basedir" "$ear"
  wildfly_start "$basedir" "$1" --properties="$properties" >/dev/null
  wildfly_await_deployment "$basedir" "${ear##*/}"
  if [[ -n $(wildfly_log_errors "$basedir") ]]; then
    warn "ERROR lines in $(wildfly_server_log "$basedir"):"
    wildfly_log_errors "$basedir" >&2
  fi
  info "WildFly up with ${ear##*/} in $(elapsed_since "$started") s" \
    "(its own boot report: $(wildfly_boot_millis "$basedir") ms)"
}

record_urls() {
  local offset=$1 server=${2:-wildfly}
  record HERALD_SERVER "$server"
  record HERALD_PORT_OFFSET "$offset"
  record HERALD_HTTP_PORT $((8080 + offset))
  if [[ $server == payara ]]; then
    record HERALD_MGMT_PORT $((8048 + offset))
  else
    record HERALD_MGMT_PORT $((9990 + offset))
  fi
  record HERALD_URL "http://127.0.0.1:$((8080 + offset))/herald"
  record HERALD_API_URL "http://127.0.0.1:$((8080 + offset))/herald/api"
  record WILDFLY_BASE_DIR "$(herald_basedir)"
}

print_summary() {
  local file management log
  file=$(herald_ports_file)
  if [[ $(recorded HERALD_SERVER) == payara ]]; then
    management="Payara admin        127.0.0.1:$(recorded HERALD_MGMT_PORT)  (asadmin --port)"
    log=$(payara_server_log "$(herald_payara_dir)")
  else
    management="WildFly management  http://127.0.0.1:$(recorded HERALD_MGMT_PORT)"
    management+="  (health: /health)"
    log=$(herald_basedir)/log/server.log
  fi
  cat <<SUMMARY
Herald is up.
  Herald API          $(recorded HERALD_API_URL)
  HR console          $(recorded HERALD_URL)/
  Simulator           $(recorded SIM_URL)  (health: /_sim/health)
  $management
  PostgreSQL          $(recorded HERALD_DB_HOST):$(recorded HERALD_DB_PORT), database \
$(recorded HERALD_DB_NAME), user $(recorded HERALD_DB_USER)
  Logs                $(relative_path "$log")
                      $(relative_path "$HERALD_RUN")/simulator.log
SUMMARY
  if [[ $(recorded HERALD_DB_MANAGED) == true ]]; then
    printf '                      %s\n' "$(pg_log_file "$(recorded PG_DATA_DIR)")"
  fi
  printf '  Ports and URLs      %s\n' "$(relative_path "$file")"
  print_first_login
  printf 'Stop it with ./herald down\n'
}

# The console's first login, printed by the first ./herald up only (the password stays in the
# secrets file; it works until the admin changes users in the console).
print_first_login() {
  local shown=$HERALD_HOME/console-login-shown
  [[ ! -f $shown ]] || return 0
  printf '  Console login       user admin, password %s (first start only; kept in %s)\n' \
    "$HERALD_ADMIN_PASSWORD" "$(relative_path "$(herald_secrets_file)")"
  touch "$shown"
}

cmd_up() {
  local build='' started offset server='' running nodes=1
  while (($# > 0)); do
    case $1 in
      --build) build=--build ;;
      --nodes)
        [[ ${2:-} =~ ^[1-9]$ ]] || die "--nodes needs a number from 1 to 9"
        nodes=$2
        shift
        ;;
      --nodes=*)
        nodes=${1#--nodes=}
        [[ $nodes =~ ^[1-9]$ ]] || die "--nodes needs a number from 1 to 9"
        ;;
      --server)
        (($# > 1)) || die "--server needs a value: wildfly or payara"
        server=$(parse_server "$2")
        shift
        ;;
      --server=*) server=$(parse_server "${1#--server=}") ;;
      -h | --help)
        printf 'Usage: ./herald up [--build] [--server wildfly|payara] [--nodes N]\n'
        printf '  --build   run mvn install first\n'
        printf '  --server  the application server (default: the running one, else wildfly)\n'
        printf '  --nodes   N > 1: a cluster of N WildFly nodes, one Artemis broker and nginx\n'
        printf '            in front (README "Running a cluster")\n'
        return 0
        ;;
      *) die "unknown option for up: $1" ;;
    esac
    shift
  done
  require_tool java curl
  started=$(clock_ms)
  mkdir -p "$HERALD_RUN"
  secrets_load
  if running=$(herald_running_server); then
    [[ -z $server || $server == "$running" ]] ||
      die "$running runs this stack; ./herald down first, then ./herald up --server $server"
    server=$running
  fi
  server=${server:-wildfly}
  if ((nodes > 1)) || { [[ $(recorded HERALD_NODES || true) =~ ^[2-9]$ ]] &&
    cluster_node_pid "$HERALD_RUN" 1 >/dev/null; }; then
    [[ $server == wildfly ]] || die "a cluster runs on WildFly only"
    ! wildfly_pid "$(herald_basedir)" >/dev/null ||
      die "a single WildFly runs this stack; ./herald down first, then ./herald up --nodes $nodes"
    ((nodes > 1)) || nodes=$(recorded HERALD_NODES)
    herald_build_if_needed "$build"
    up_cluster "$nodes"
    info "everything up in $(elapsed_since "$started") s"
    print_cluster_summary
    return 0
  fi
  if [[ $server == payara ]]; then
    herald_build_if_needed "$build"
    db_up
    offset=$(up_payara_offset)
    record_urls "$offset" payara
    up_simulator "$offset"
    up_payara "$offset"
    info "everything up in $(elapsed_since "$started") s"
    print_summary
    return 0
  fi
  if wildfly_home_in_use && ! wildfly_is_provisioned "$(provision_hash)"; then
    warn "server-config/ changed since provisioning; ./herald down && ./herald up applies it"
  else
    herald_provision
  fi
  herald_build_if_needed "$build"
  db_up
  offset=$(up_offset)
  record_urls "$offset" wildfly
  up_simulator "$offset"
  up_wildfly "$offset"
  info "everything up in $(elapsed_since "$started") s"
  print_summary
}

cmd_down() {
  [[ ${1:-} != -h && ${1:-} != --help ]] || {
    printf 'Usage: ./herald down\n'
    return 0
  }
  down_cluster "$HERALD_RUN"
  record HERALD_NODES 1
  sim_stop "$HERALD_RUN"
  wildfly_stop "$(herald_basedir)"
  payara_stop "$(herald_payara_dir)"
  if [[ $(recorded HERALD_DB_MANAGED || true) != false ]]; then
    pg_stop "$(herald_pg_data)"
  fi
  rm -f "$HERALD_RUN/postgres.pid"
  info "Herald is down"
}

status_line() { printf '  %-12s %s\n' "$1" "${*:2}"; }

print_cluster_summary() {
  local index offsets
  read -r -a offsets <<<"$(recorded HERALD_NODE_OFFSETS)"
  cat <<SUMMARY
Herald is up: $(recorded HERALD_NODES) WildFly nodes behind nginx.
  Herald API          $(recorded HERALD_API_URL)  (nginx)
  HR console          $(recorded HERALD_URL)/
SUMMARY
  for index in "${!offsets[@]}"; do
    printf '  Node %-14s http://127.0.0.1:%s/herald, management 127.0.0.1:%s\n' \
      "$(cluster_node_name $((index + 1)))" $((8080 + offsets[index])) $((9990 + offsets[index]))
  done
  cat <<SUMMARY
  Artemis broker      127.0.0.1:$(recorded HERALD_BROKER_PORT)  (user herald; password in \
$(relative_path "$HERALD_HOME")/broker-password)
  Simulator           $(recorded SIM_URL)
  PostgreSQL          $(recorded HERALD_DB_HOST):$(recorded HERALD_DB_PORT), database \
$(recorded HERALD_DB_NAME), user $(recorded HERALD_DB_USER)
  Logs                $(relative_path "$HERALD_RUN")/node<i>/standalone/log, broker.log, nginx/logs
SUMMARY
  print_first_login
  printf 'Stop it with ./herald down\n'
}

cmd_status() {
  local pid missing=0 basedir node
  basedir=$(herald_basedir)
  printf 'Herald (%s)\n' "$(relative_path "$HERALD_HOME")"
  if [[ $(recorded HERALD_DB_MANAGED || true) == false ]]; then
    status_line PostgreSQL external "$(recorded HERALD_DB_HOST):$(recorded HERALD_DB_PORT)"
  elif pid=$(pg_pid "$(herald_pg_data)"); then
    status_line PostgreSQL running "pid $pid, 127.0.0.1:$(pg_port "$(herald_pg_data)")"
  else
    status_line PostgreSQL stopped
    missing=1
  fi
  if pid=$(wildfly_pid "$basedir"); then
    status_line WildFly running "pid $pid, $(recorded HERALD_API_URL || true)"
  elif cluster_node_pid "$HERALD_RUN" 1 >/dev/null; then
    status_line WildFly "cluster of $(recorded HERALD_NODES) nodes"
  elif pid=$(payara_pid "$(herald_payara_dir)"); then
    status_line Payara running "pid $pid, $(recorded HERALD_API_URL || true)"
  else
    status_line WildFly stopped
    missing=1
  fi
  for node in "$HERALD_RUN"/node*/; do
    [[ -d $node ]] || continue
    if pid=$(wildfly_pid "${node}standalone"); then
      status_line "WildFly ${node: -2:1}" running "pid $pid"
    fi
  done
  if pid=$(broker_pid "$HERALD_RUN"); then
    status_line Broker running "pid $pid, 127.0.0.1:$(recorded HERALD_BROKER_PORT)"
  fi
  if pid=$(nginx_pid "$HERALD_RUN/nginx"); then
    status_line nginx running "pid $pid, $(recorded HERALD_API_URL)"
    printf 'Memory (resident; PostgreSQL and nginx: proportional, workers included)\n'
    cluster_rss_report "$HERALD_RUN" "$(herald_pg_data)"
  fi
  if pid=$(sim_pid); then
    status_line Simulator running "pid $pid, $(recorded SIM_URL)"
  else
    status_line Simulator stopped
    missing=1
  fi
  return $((missing * 3))
}

cmd_provision() {
  case ${1:-} in
    -h | --help) printf 'Usage: ./herald provision [--force]\n' ;;
    --force | '')
      herald_provision "${1:-}"
      info "WildFly in $(relative_path "$WILDFLY_HOME") matches server-config/"
      ;;
    *) die "unknown option for provision: $1" ;;
  esac
}

cmd_clean() {
  local pgdata
  case ${1:-} in
    -h | --help)
      printf 'Usage: ./herald clean [--all]\n  --all  also the provisioned WildFly and secrets\n'
      return 0
      ;;
    --all | '') ;;
    *) die "unknown option for clean: $1" ;;
  esac
  if herald_running_server >/dev/null || sim_pid >/dev/null ||
    pg_pid "$(herald_pg_data)" >/dev/null; then
    die "part of Herald is running; ./herald down first"
  fi
  pgdata=$(pg_effective_datadir "$(herald_pg_data)")
  pg_destroy "$(herald_pg_data)"
  rm -rf "$HERALD_RUN"
  info "deleted $(relative_path "$HERALD_RUN") and the database cluster in $pgdata"
  if [[ ${1:-} == --all ]]; then
    rm -rf "$WILDFLY_HOME" "$(herald_secrets_file)" "$HERALD_HOME/console-login-shown"
    info "deleted $(relative_path "$WILDFLY_HOME") and the secrets"
  fi
}
