# Shared helpers of the Herald launcher: paths, messages, waiting, processes, Maven and the
# command registry. ./herald sources this file first; the other launcher files rely on it.
# shellcheck shell=bash

: "${HERALD_ROOT:?HERALD_ROOT must name the repository root}"
HERALD_HOME=${HERALD_HOME:-$HERALD_ROOT/.herald}
HERALD_RUN=${HERALD_RUN:-$HERALD_HOME/run}

HERALD_COMMANDS=()
HERALD_COMMAND_SUMMARIES=()

info() { printf 'herald: %s\n' "$*" >&2; }
warn() { printf 'herald: warning: %s\n' "$*" >&2; }
die() {
  printf 'herald: error: %s\n' "$*" >&2
  exit 1
}

# herald_command <name> <summary>: makes `./herald <name>` call the function cmd_<name>.
herald_command() {
  HERALD_COMMANDS+=("$1")
  HERALD_COMMAND_SUMMARIES+=("$2")
}

require_tool() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed but not installed"
  done
}

# A point in time for elapsed_since, in milliseconds.
clock_ms() { printf '%s' "$(($(date +%s%N) / 1000000))"; }

# elapsed_since <clock_ms value>: seconds since then, one decimal.
elapsed_since() {
  local ms=$(($(clock_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

# wait_until <seconds> <command...>: reruns the command every half second until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# wait_http <url> [seconds=60] [pid]: waits for a 2xx answer; gives up early if pid exits.
wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-60})) pid=${3:-}
  until http_ok "$url"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# pid_alive <pid> [cmdline-pattern]: true when the process lives (and its command line contains
# the pattern, which guards against a recycled pid).
pid_alive() {
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null || return 1
  [[ -z ${2:-} ]] || tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# pidfile_pid <pidfile> [cmdline-pattern]: prints the pid in the file if pid_alive holds.
pidfile_pid() {
  local pid
  [[ -s $1 ]] || return 1
  read -r pid <"$1" || true
  pid_alive "$pid" "${2:-}" || return 1
  printf '%s' "$pid"
}

# stop_pid <pid> <name> [seconds=60]: SIGTERM, then SIGKILL if it outlives the grace period.
stop_pid() {
  local pid=$1 name=$2 grace=${3:-60}
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_until "$grace" pid_gone "$pid"; then
    warn "$name (pid $pid) ignored SIGTERM for ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 pid_gone "$pid" || die "$name (pid $pid) survived SIGKILL"
  fi
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# start_detached <logfile> <command...>: runs the command in its own session, output to the
# log; prints its pid.
start_detached() {
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  printf '%s' "$!"
}

# env_set <file> <key> <value>: writes or replaces KEY=value in a shell env file.
env_set() {
  local file=$1 key=$2 value=$3 tmp
  mkdir -p "$(dirname "$file")"
  tmp=$(mktemp "$file.XXXXXX")
  if [[ -f $file ]]; then
    grep -v "^$key=" "$file" >"$tmp" || true
  fi
  printf '%s=%q\n' "$key" "$value" >>"$tmp"
  mv "$tmp" "$file"
}

# env_get <file> <key>: prints the value of KEY from an env file written by env_set.
env_get() {
  [[ -f $1 ]] || return 1
  (
    # shellcheck disable=SC1090
    source "$1"
    [[ -n ${!2:-} ]] && printf '%s' "${!2}"
  )
}

# pom_property <name>: reads a <name>value</name> property from the root pom.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$HERALD_ROOT/pom.xml" | head -n 1
}

# herald_mvn <maven args...>: Maven in batch mode from the repository root. HERALD_MVN_ARGS
# adds options, e.g. HERALD_MVN_ARGS=-o to stay offline.
herald_mvn() {
  local mvn=mvn extra=()
  [[ -x $HERALD_ROOT/mvnw ]] && mvn=$HERALD_ROOT/mvnw
  read -r -a extra <<<"${HERALD_MVN_ARGS:-}"
  # Debian's Maven 3.8 prints colour resets even in batch mode; they are dropped. Maven's
  # messages go to stderr, like all the launcher's diagnostics.
  (cd "$HERALD_ROOT" && "$mvn" -B -q -Dstyle.color=never "${extra[@]}" "$@") 2>&1 |
    sed -e $'s/\033\\[[0-9;]*m//g' >&2

}

# show_log_tail <file> [lines=40]: prints the end of a log for the user, framed.
show_log_tail() {
  [[ -f $1 ]] || return 0
  printf -- '----- last %s lines of %s -----\n' "${2:-40}" "$1" >&2
  tail -n "${2:-40}" "$1" >&2
  printf -- '----- end of %s -----\n' "$1" >&2
}

# relative_path <path>: the path relative to the repository root when it lies inside it.
relative_path() {
  case $1 in
    "$HERALD_ROOT"/*) printf '%s' "${1#"$HERALD_ROOT"/}" ;;
    *) printf '%s' "$1" ;;
  esac
}

# absolute_path <path>: the path made absolute (it need not exist yet).
absolute_path() {
  case $1 in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PWD" "$1" ;;
  esac
}

# zip_extract <archive> <directory> [entries...]: unpacks a zip (or jar) with unzip, or with
# the JDK's jar tool where unzip is missing (which drops the executable bits).
zip_extract() {
  local archive=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$archive" "$@" -d "$dir"
  else
    require_tool jar
    (cd "$dir" && jar xf "$archive" "$@")
  fi
}

herald_usage() {
  local i
  cat <<'USAGE'
Usage: ./herald <command> [options]

Provisions, starts and stops Herald's stack on this machine: PostgreSQL, WildFly with Herald's
EAR, and the WhatsApp Cloud API simulator. Everything lives in .herald/ (gitignored).

Commands:
USAGE
  for i in "${!HERALD_COMMANDS[@]}"; do
    printf '  %-22s %s\n' "${HERALD_COMMANDS[$i]}" "${HERALD_COMMAND_SUMMARIES[$i]}"
  done
  cat <<'USAGE'
  help                   this text; ./herald <command> --help for a command's options

Environment (all optional):
  HERALD_DB_URL          use an existing PostgreSQL: postgresql://user:password@host:port/db
  HERALD_DB_HOST, HERALD_DB_PORT, HERALD_DB_NAME, HERALD_DB_USER, HERALD_DB_PASSWORD
                         the same piece by piece (setting HERALD_DB_HOST means external)
  HERALD_PG_DATA         data directory of the launcher's own PostgreSQL (.herald/pg/data)
  HERALD_PG_BIN          PostgreSQL bin directory to use instead of the detected one
  HERALD_PG_EMBEDDED     true: use the embedded PostgreSQL binaries from Maven Central
  HERALD_PORT_OFFSET     WildFly's port offset (default: 0, or the next free multiple of 100)
  HERALD_EAR             the archive to deploy (announcement-ear/target/herald.ear)
  HERALD_SIM_JAR         the simulator jar (provider-simulator/target/provider-simulator.jar)
  HERALD_JAVA_OPTS       extra JVM options for WildFly; HERALD_WILDFLY_XMX its heap (512m)
  HERALD_MVN_ARGS        extra Maven options, e.g. -o
  HERALD_HOME            where the launcher keeps its state (.herald)
  HERALD_RUN             run directory of this stack (.herald/run): set it, with HERALD_PG_DATA,
                         to run a second stack from the same provisioned WildFly
USAGE
}

# herald_main <command> [args...]: the dispatcher behind ./herald.
herald_main() {
  local command=${1:-help} name
  [[ $# -eq 0 ]] || shift
  case $command in
    help | -h | --help)
      herald_usage
      return 0
      ;;
  esac
  for name in "${HERALD_COMMANDS[@]}"; do
    if [[ $name == "$command" ]]; then
      "cmd_${command//-/_}" "$@"
      return
    fi
  done
  herald_usage >&2
  die "unknown command: $command"
}
