# The WhatsApp Cloud API simulator (module provider-simulator) as a background process. Files in
# its run directory: simulator.pid and simulator.log.
# shellcheck shell=bash

sim_jar() {
  printf '%s' "${HERALD_SIM_JAR:-$HERALD_ROOT/provider-simulator/target/provider-simulator.jar}"
}

# The WhatsApp business phone number and account the simulator plays and Herald sends from.
herald_phone_number_id() { printf '%s' "${HERALD_PHONE_NUMBER_ID:-1000000001}"; }
herald_waba_id() { printf '%s' "${HERALD_WABA_ID:-2000000001}"; }

# sim_start <port> <webhook-url> [rundir=.herald/run] [simulator args...]: starts the simulator
# with the access token and app secret of secrets_load, waits for GET /_sim/health and prints
# its pid. Extra args such as --rate-limit 80 go to the simulator; JVM options come from
# HERALD_SIM_JAVA_OPTS.
sim_start() {
  local port=$1 webhook=$2 rundir=${3:-$HERALD_RUN} jar pid java_opts=()
  shift $(($# < 3 ? $# : 3))
  jar=$(sim_jar)
  [[ -f $jar ]] || die "no simulator jar at $jar (build it: mvn -pl provider-simulator package)"
  [[ -n ${HERALD_WHATSAPP_ACCESS_TOKEN:-} ]] || secrets_load
  if pid=$(sim_pid "$rundir"); then
    die "the simulator already runs from $rundir (pid $pid)"
  fi
  read -r -a java_opts <<<"${HERALD_SIM_JAVA_OPTS:-}"
  mkdir -p "$rundir"
  # The secrets go through the environment: a command line is visible to every local user.
  pid=$(start_detached "$rundir/simulator.log" env \
    SIM_ACCESS_TOKEN="$HERALD_WHATSAPP_ACCESS_TOKEN" SIM_APP_SECRET="$HERALD_WHATSAPP_APP_SECRET" \
    java "${java_opts[@]}" -jar "$jar" --port "$port" --webhook-url "$webhook" \
    --phone-number-id "$(herald_phone_number_id)" --waba-id "$(herald_waba_id)" "$@")
  printf '%s\n' "$pid" >"$rundir/simulator.pid"
  if ! wait_http "http://127.0.0.1:$port/_sim/health" "${HERALD_SIM_TIMEOUT:-60}" "$pid"; then
    show_log_tail "$rundir/simulator.log"
    sim_stop "$rundir"
    die "the simulator did not answer on http://127.0.0.1:$port/_sim/health"
  fi
  printf '%s' "$pid"
}

# sim_pid [rundir=.herald/run]: the simulator's pid, if it runs.
sim_pid() { pidfile_pid "${1:-$HERALD_RUN}/simulator.pid" --webhook-url; }

# sim_stop [rundir=.herald/run]
sim_stop() {
  local rundir=${1:-$HERALD_RUN} pid
  if pid=$(sim_pid "$rundir"); then
    stop_pid "$pid" simulator 20
  fi
  rm -f "$rundir/simulator.pid"
}
