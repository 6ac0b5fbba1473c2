# Running the provisioned WildFly. Each server instance has its own base directory (a copy of
# the provisioned standalone/ folder: configuration, data, logs, deployments), so several can run
# from one installation. Files beside the base directory: wildfly.pid (the JVM's pid).
# shellcheck shell=bash

wildfly_pidfile() { printf '%s/wildfly.pid' "$(dirname "$1")"; }

wildfly_server_log() { printf '%s/log/server.log' "$1"; }

# wildfly_prepare_base <basedir>: copies the provisioned standalone/ folder on first use; later,
# when provisioning has changed since, replaces the configuration and keeps data and deployments.
wildfly_prepare_base() {
  local basedir=$1 stamp=$1/.herald-provisioned source=$WILDFLY_HOME/standalone
  if [[ ! -d $basedir/configuration ]]; then
    mkdir -p "$basedir"
    cp -a "$source/." "$basedir/"
  elif ! cmp -s "$WILDFLY_HOME/.herald-provisioned" "$stamp"; then
    info "server configuration changed; refreshing $(relative_path "$basedir")/configuration"
    # The application users (integration accounts) outlive a new configuration.
    mkdir -p "$basedir/users.keep"
    cp -p "$basedir"/configuration/application-{users,roles}.properties "$basedir/users.keep/"
    rm -rf "$basedir/configuration"
    cp -a "$source/configuration" "$basedir/"
    cp -p "$basedir"/users.keep/* "$basedir/configuration/"
    rm -rf "$basedir/users.keep"
  fi
  cp "$WILDFLY_HOME/.herald-provisioned" "$stamp"
}

# JVM options: standalone.conf's defaults (which it drops when JAVA_OPTS is set), then
# HERALD_JAVA_OPTS (e.g. a -javaagent). HERALD_WILDFLY_XMX sets the heap (default 512m).
wildfly_java_opts() {
  printf '%s' "-Xms64m -Xmx${HERALD_WILDFLY_XMX:-512m} -Djava.net.preferIPv4Stack=true" \
    " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true" \
    " ${HERALD_JAVA_OPTS:-}"
}

# wildfly_start <basedir> <offset> [standalone.sh args...]: boots standalone-full.xml with the
# base directory and the socket-binding port offset (HTTP 8080+offset, management 9990+offset),
# waits until the boot finishes, and prints the JVM's pid. Extra args go to standalone.sh, e.g.
# --properties=<file> or -Dherald.node.id=herald-2. HERALD_WILDFLY_ENV adds environment
# variables (NAME=value ..., no spaces in values) for the server alone, e.g. libfaketime's.
# HERALD_WILDFLY_CONFIG names another configuration (a cluster node: standalone-full-ha.xml).
wildfly_start() {
  local basedir offset=$2 pidfile pid extra_env=()
  basedir=$(absolute_path "$1")
  shift 2
  pidfile=$(wildfly_pidfile "$basedir")
  if pid=$(pidfile_pid "$pidfile" "$basedir"); then
    die "a WildFly already runs from $basedir (pid $pid)"
  fi
  wildfly_offset_free "$offset" || die "ports $(wildfly_ports "$offset")are not all free"
  wildfly_prepare_base "$basedir"
  wildfly_rotate_logs "$basedir"
  rm -f "$pidfile"
  read -r -a extra_env <<<"${HERALD_WILDFLY_ENV:-}"
  start_detached "$basedir/log/console.log" env "${extra_env[@]}" JBOSS_HOME="$WILDFLY_HOME" \
    JBOSS_PIDFILE="$pidfile" LAUNCH_JBOSS_IN_BACKGROUND=true JAVA_OPTS="$(wildfly_java_opts)" \
    "$WILDFLY_HOME/bin/standalone.sh" -c "${HERALD_WILDFLY_CONFIG:-standalone-full.xml}" \
    -Djboss.server.base.dir="$basedir" -Djboss.socket.binding.port-offset="$offset" \
    "$@" >/dev/null
  if ! wait_until 30 test -s "$pidfile"; then
    show_log_tail "$basedir/log/console.log"
    die "WildFly did not start"
  fi
  pid=$(<"$pidfile")
  wildfly_wait_boot "$basedir" "$pid" "${HERALD_BOOT_TIMEOUT:-300}"
  printf '%s' "$pid"
}

# Each start gets fresh logs; the previous run's are kept with the suffix .1.
wildfly_rotate_logs() {
  local log
  mkdir -p "$1/log"
  for log in "$1/log/server.log" "$1/log/console.log"; do
    if [[ -f $log ]]; then
      mv "$log" "$log.1"
    fi
  done
}

# wildfly_wait_boot <basedir> <pid> [seconds=300]: waits for WFLYSRV0025 (started) or
# WFLYSRV0026 (started with errors) in server.log; fails if the JVM exits first.
wildfly_wait_boot() {
  local log deadline=$((SECONDS + ${3:-300}))
  log=$(wildfly_server_log "$1")
  until grep -qE 'WFLYSRV002[56]' "$log" 2>/dev/null; do
    if ! kill -0 "$2" 2>/dev/null; then
      show_log_tail "$1/log/console.log"
      die "WildFly exited while booting"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$log"
      die "WildFly did not finish booting within ${3:-300} s"
    fi
    sleep 0.5
  done
  if grep -q WFLYSRV0026 "$log"; then
    warn "WildFly started with errors:"
    wildfly_log_errors "$1" >&2
  fi
}

# wildfly_log_errors <basedir>: the ERROR lines of the current server.log.
wildfly_log_errors() { grep -E '^[0-9 :,-]+ERROR ' "$(wildfly_server_log "$1")" || true; }

# wildfly_boot_millis <basedir>: the boot time WildFly reported, in milliseconds.
wildfly_boot_millis() {
  grep -oE 'WFLYSRV002[56]: .* in [0-9]+ms' "$(wildfly_server_log "$1")" | grep -oE '[0-9]+ms' |
    tr -d 'ms' | tail -n 1
}

# wildfly_pid <basedir>: the pid of the WildFly running from the base directory, if any.
wildfly_pid() {
  local basedir
  basedir=$(absolute_path "$1")
  pidfile_pid "$(wildfly_pidfile "$basedir")" "$basedir"
}

# wildfly_stop <basedir> [grace seconds=60]: graceful shutdown (SIGTERM), SIGKILL after grace.
wildfly_stop() {
  local basedir pid
  basedir=$(absolute_path "$1")
  pid=$(wildfly_pid "$basedir") || return 0
  stop_pid "$pid" WildFly "${2:-60}"
  rm -f "$(wildfly_pidfile "$basedir")"
}

deploy_stamp() { printf '%s/.deploy-%s.stamp' "$1" "$2"; }

# wildfly_stage <basedir> <archive>: puts the archive into the deployments folder of a stopped
# server, without stale markers, so that it deploys while the server boots.
wildfly_stage() {
  local dir=$1/deployments name=${2##*/}
  [[ -f $2 ]] || die "no deployment $2"
  mkdir -p "$dir"
  touch "$(deploy_stamp "$1" "$name")"
  rm -f "$dir/$name" "$dir/$name".{deployed,failed,undeployed,pending,isdeploying,dodeploy}
  cp "$2" "$dir/$name"
}

# wildfly_deploy <basedir> <archive> [seconds=300]: (re)deploys into a running server through
# the deployment scanner, unless the same archive is deployed already, and waits for the result.
wildfly_deploy() {
  local basedir=$1 archive=$2 name=${2##*/} dir=$1/deployments
  [[ -f $archive ]] || die "no deployment $archive"
  if [[ -f $dir/$name.deployed ]] && cmp -s "$archive" "$dir/$name"; then
    return 0
  fi
  touch "$(deploy_stamp "$basedir" "$name")"
  # Renamed into place in one step, so the scanner never sees a half-copied archive.
  cp "$archive" "$basedir/$name.part"
  rm -f "$dir/$name.failed"
  mv "$basedir/$name.part" "$dir/$name"
  wildfly_await_deployment "$basedir" "$name" "${3:-300}"
}

# wildfly_await_deployment <basedir> <name> [seconds=300]: waits for the scanner's .deployed or
# .failed marker written after the archive was staged; on failure shows the log and fails.
wildfly_await_deployment() {
  local dir=$1/deployments name=$2 stamp deadline=$((SECONDS + ${3:-300}))
  stamp=$(deploy_stamp "$1" "$2")
  until [[ $dir/$name.deployed -nt $stamp || $dir/$name.failed -nt $stamp ]]; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$(wildfly_server_log "$1")" 60
      die "$name was neither deployed nor failed within ${3:-300} s"
    fi
    sleep 0.5
  done
  if [[ $dir/$name.failed -nt $stamp ]]; then
    show_log_tail "$(wildfly_server_log "$1")" 60
    printf 'herald: %s failed: %s\n' "$name" "$(cat "$dir/$name.failed")" >&2
    die "deploying $name failed (full log: $(wildfly_server_log "$1"))"
  fi
}

# wildfly_cli <offset> [jboss-cli args...]: jboss-cli connected to the server on that offset;
# local authentication, so it must run as the user that runs the server.
wildfly_cli() {
  local offset=$1
  shift
  JBOSS_HOME=$WILDFLY_HOME JAVA_OPTS='' "$WILDFLY_HOME/bin/jboss-cli.sh" -c \
    --controller="127.0.0.1:$((9990 + offset))" "$@"
}
