# ./herald chaos: fault scenarios against a real WildFly, Artemis and PostgreSQL, each counted at
# the provider simulator. This file drives the server (start, kill -9, restart, Byteman rules
# loaded at runtime); org.herald.tools.chaos.ChaosProbe makes each scenario's employees and
# campaign and settles and counts it. Everything runs under target/chaos-run/ on free ports,
# with a PostgreSQL cluster and a simulator of its own; the ./herald up stack is not touched.
# shellcheck shell=bash

herald_command chaos "run the fault scenarios (kill -9, XA, redelivery, races, clock); count each"

# The server the scenarios run against: wildfly (every scenario) or payara (every scenario but
# the clock, downtime and redeploy rows and the kill between XA prepare and commit, whose rule
# names Narayana's classes).
CHAOS_SERVER=${CHAOS_SERVER:-wildfly}
# On Payara, the scenarios to run (./herald test runs the soak alone, with one kill).
CHAOS_PAYARA_SCENARIOS=${CHAOS_PAYARA_SCENARIOS:-kill-after-claim kill-mid-enqueue
  kill-before-call kill-after-call random-crash-soak idempotent-create timer-vs-send-now
  redeliver-every-message cancel-before-time kill-mid-resume}

chaos_rundir() {
  if ((${CHAOS_NODES:-1} > 1)); then
    chaos_cluster_rundir
  elif [[ $CHAOS_SERVER == payara ]]; then
    printf '%s/target/chaos-payara-run' "$HERALD_ROOT"
  else
    printf '%s/target/chaos-run' "$HERALD_ROOT"
  fi
}
chaos_byteman_dir() { printf '%s/byteman' "$(provision_dir)"; }
chaos_rules_dir() { printf '%s/server-config/byteman' "$HERALD_ROOT"; }

cmd_chaos() {
  local quick=false crashes='' recipients='' nodes=1
  CHAOS_ONLY=''
  while (($# > 0)); do
    case $1 in
      --quick) quick=true ;;
      --nodes)
        nodes=${2:-}
        [[ $nodes =~ ^[1-9]$ ]] || die "--nodes needs a number from 1 to 9"
        shift
        ;;
      --crashes)
        crashes=${2:?--crashes needs a number}
        shift
        ;;
      --soak-recipients)
        recipients=${2:?--soak-recipients needs a number}
        shift
        ;;
      --only)
        CHAOS_ONLY=${2:?--only needs scenario names}
        shift
        ;;
      --server)
        CHAOS_SERVER=$(parse_server "${2:-}")
        shift
        ;;
      --server=*) CHAOS_SERVER=$(parse_server "${1#--server=}") ;;
      -h | --help)
        printf 'Usage: ./herald chaos [--quick] [--crashes N] [--soak-recipients N]'
        printf ' [--only a,b] [--server wildfly|payara]\n                     [--nodes N]\n'
        printf '  Runs every fault scenario and prints a table; the last line is\n'
        printf '  chaos: scenarios=<n> failed=<n> crashes=<n> deliveries=<n> duplicates=<n>'
        printf ' lost=<n>\n'
        printf '  --quick            smaller campaigns and soak (as in ./herald test)\n'
        printf '  --crashes N        kill -9 moments in the random-crash soak (10; quick: 2)\n'
        printf '  --soak-recipients  recipients of the soak campaign (2000; quick: 400)\n'
        printf '  --only a,b         only these scenarios (names as in the table;'
        printf ' clock-jump-forward\n                     and clock-step-back run together,'
        printf ' as do down-across-due-times\n                     and redeploy-twice)\n'
        printf '  --server payara    on Payara: all but the clock, downtime, redeploy and\n'
        printf '                     kill-xa-prepared rows (the Byteman agent as on WildFly)\n'
        printf '  --nodes N          N > 1: the cluster scenarios instead, on N WildFly nodes,\n'
        printf '                     one Artemis broker and nginx:\n'
        printf '                     %s\n' "${CHAOS_CLUSTER_SCENARIOS[@]}"
        return 0
        ;;
      *) die "unknown option for chaos: $1" ;;
    esac
    shift
  done
  [[ -z $crashes || $crashes =~ ^[0-9]+$ ]] || die "--crashes takes a number"
  [[ -z $recipients || $recipients =~ ^[0-9]+$ ]] || die "--soak-recipients takes a number"
  if ((nodes > 1)); then
    [[ $CHAOS_SERVER == wildfly ]] || die "the cluster scenarios run on WildFly"
    herald_build_if_needed
    chaos_cluster_suite "$quick" "$nodes"
    return
  fi
  chaos_check_names "$CHAOS_ONLY"
  herald_build_if_needed
  chaos_suite "$quick" "$crashes" "$recipients"
}

# chaos_suite <quick> [crashes] [soak recipients]: runs every scenario on a fresh stack, prints
# the table and the summary line last; fails when a scenario failed. Sets CHAOS_PASSED and
# CHAOS_FAILED.
chaos_suite() {
  local quick=$1 rundir started status=0
  CHAOS_CRASHES=${2:-$([[ $quick == true ]] && printf 2 || printf 10)}
  CHAOS_SOAK_RECIPIENTS=${3:-$([[ $quick == true ]] && printf 400 || printf 2000)}
  CHAOS_RECIPIENTS=$([[ $quick == true ]] && printf 150 || printf 300)
  require_tool java curl
  started=$(clock_ms)
  rundir=$(chaos_rundir)
  CHAOS_CLASSPATH=$(tools_classpath)
  CHAOS_ROWS=()
  CHAOS_CRASH_TOTAL=0
  if [[ $CHAOS_SERVER == payara ]]; then
    payara_provision
    chaos_fetch_byteman
    chaos_stack_up "$rundir"
    trap 'chaos_stack_down "$(chaos_rundir)"' EXIT
    # ./herald test runs its Payara integration tests here first, on the same domain.
    [[ -z ${CHAOS_PAYARA_FIRST:-} ]] || "$CHAOS_PAYARA_FIRST"
    chaos_payara_scenarios
  else
    herald_provision
    chaos_fetch_byteman
    chaos_stack_up "$rundir"
    trap 'chaos_stack_down "$(chaos_rundir)"' EXIT
    chaos_all_wildfly_scenarios
  fi
  chaos_stack_down "$rundir"
  trap - EXIT
  info "chaos scenarios took $(elapsed_since "$started") s (logs: $(relative_path "$rundir"))"
  chaos_print_table || status=$?
  return "$status"
}

chaos_all_wildfly_scenarios() {
  chaos_clock_group
  ! chaos_wanted kill-after-claim ||
    chaos_kill_scenario kill-after-claim "6 crash" kill-after-claim.btm
  ! chaos_wanted kill-mid-enqueue ||
    chaos_kill_scenario kill-mid-enqueue "6 crash" kill-mid-enqueue.btm
  ! chaos_wanted kill-before-call ||
    chaos_kill_scenario kill-before-call "6 crash" kill-before-call.btm
  ! chaos_wanted kill-after-call ||
    chaos_kill_scenario kill-after-call "6 crash" kill-after-call.btm
  ! chaos_wanted kill-xa-prepared ||
    chaos_kill_scenario kill-xa-prepared "6 crash (XA)" kill-between-prepare-and-commit.btm
  ! chaos_wanted random-crash-soak || chaos_soak_scenario
  ! chaos_wanted idempotent-create || chaos_idempotent_scenario
  ! chaos_wanted timer-vs-send-now || chaos_race_scenario
  ! chaos_wanted redeliver-every-message || chaos_redelivery_scenario
  ! chaos_wanted cancel-before-time || chaos_cancel_scenario
  ! chaos_wanted kill-mid-resume || chaos_pause_scenario
}

# The scenarios of CHAOS_PAYARA_SCENARIOS (and of --only, when given), in the WildFly run's order.
chaos_payara_scenarios() {
  local name
  for name in "${CHAOS_SCENARIOS[@]}"; do
    [[ " ${CHAOS_PAYARA_SCENARIOS//$'\n'/ } " == *" $name "* ]] && chaos_wanted "$name" ||
      continue
    case $name in
      kill-after-claim | kill-mid-enqueue | kill-before-call | kill-after-call)
        chaos_kill_scenario "$name" "6 crash" "$name.btm" ;;
      random-crash-soak) chaos_soak_scenario ;;
      idempotent-create) chaos_idempotent_scenario ;;
      timer-vs-send-now) chaos_race_scenario ;;
      redeliver-every-message) chaos_redelivery_scenario ;;
      cancel-before-time) chaos_cancel_scenario ;;
      kill-mid-resume) chaos_pause_scenario ;;
      *) warn "scenario $name does not run on Payara" ;;
    esac
  done
}

# Every scenario's name, in the order they run.
CHAOS_SCENARIOS=(clock-jump-forward clock-step-back down-across-due-times redeploy-twice
  kill-after-claim kill-mid-enqueue kill-before-call kill-after-call kill-xa-prepared
  random-crash-soak idempotent-create timer-vs-send-now redeliver-every-message
  cancel-before-time kill-mid-resume)

# chaos_wanted <name>: true when --only was not given or names the scenario.
chaos_wanted() { [[ -z ${CHAOS_ONLY:-} || ,$CHAOS_ONLY, == *,$1,* ]]; }

# chaos_check_names <a,b,...>: fails naming each unknown scenario.
chaos_check_names() {
  local name unknown=()
  for name in ${1//,/ }; do
    [[ " ${CHAOS_SCENARIOS[*]} " == *" $name "* ]] || unknown+=("$name")
  done
  ((${#unknown[@]} == 0)) ||
    die "unknown scenario(s) for --only: ${unknown[*]} (known: ${CHAOS_SCENARIOS[*]})"
}

chaos_fetch_byteman() {
  [[ -f $(chaos_byteman_dir)/byteman.jar && -f $(chaos_byteman_dir)/byteman-submit.jar ]] &&
    return 0
  info "fetching Byteman (once)"
  herald_mvn -f server-config/pom.xml -Pbyteman generate-resources || die "fetching Byteman failed"
}

# chaos_stack_up <rundir>: fresh PostgreSQL, simulator (no rate limit) and WildFly with the
# Byteman agent listening for rules; sets CHAOS_* variables.
chaos_stack_up() {
  local rundir=$1 properties byteman
  chaos_stack_down "$rundir"
  STACK_SERVER=$CHAOS_SERVER isolated_stack_up "$rundir" 26432 29081 --rate-limit 0
  mkdir -p "$rundir/scenarios"
  CHAOS_OFFSET=$STACK_OFFSET CHAOS_DB_PORT=$STACK_DB_PORT CHAOS_SIM_PORT=$STACK_SIM_PORT
  # shellcheck disable=SC2046
  CHAOS_BYTEMAN_PORT=$(free_port 29181 60999 $(wildfly_ports "$CHAOS_OFFSET") "$CHAOS_SIM_PORT")
  CHAOS_SIM_URL=http://127.0.0.1:$CHAOS_SIM_PORT
  CHAOS_URL=http://127.0.0.1:$((8080 + CHAOS_OFFSET))/herald
  properties=$rundir/herald.properties
  # A dispatcher killed mid-way is taken over after 5 s instead of 30; chunks of 50 so that a
  # campaign of a few hundred is several transactions; an even pace of 100 messages a second
  # so that a random kill finds work in flight.
  printf '%s\n' herald.dispatch.lease-seconds=5 herald.dispatch.chunk-size=50 \
    herald.whatsapp.request-timeout-ms=3000 herald.whatsapp.messages-per-second=100 \
    >>"$properties"
  if [[ $CHAOS_SERVER == payara ]]; then
    info "chaos stack: Payara port base $((8000 + CHAOS_OFFSET)), PostgreSQL $CHAOS_DB_PORT," \
      "simulator $CHAOS_SIM_PORT"
    CHAOS_PID=''
    chaos_server_start
    return 0
  fi
  byteman=$(chaos_byteman_dir)/byteman.jar
  # Narayana's periodic recovery every 5 s (default 120 s), so that a transaction killed
  # between prepare and commit is completed within seconds of the restart.
  # The boot script traces each campaign timer's expiration (for the clock scenarios' counts).
  CHAOS_JAVA_OPTS="-javaagent:$byteman=script:$(chaos_rules_dir)/count-timer-expirations.btm"
  CHAOS_JAVA_OPTS+=",boot:$byteman,listener:true,address:127.0.0.1"
  CHAOS_JAVA_OPTS+=",port:$CHAOS_BYTEMAN_PORT"
  CHAOS_JAVA_OPTS+=" -DRecoveryEnvironmentBean.periodicRecoveryPeriod=5"
  CHAOS_JAVA_OPTS+=" -DRecoveryEnvironmentBean.recoveryBackoffPeriod=1"
  chaos_clock_prepare
  info "chaos stack: WildFly offset $CHAOS_OFFSET, PostgreSQL $CHAOS_DB_PORT," \
    "simulator $CHAOS_SIM_PORT, Byteman listener $CHAOS_BYTEMAN_PORT"
  chaos_server_start
}

chaos_basedir() { printf '%s/standalone' "$(chaos_rundir)"; }

# chaos_server_start: boots the chaos WildFly with the EAR staged and waits for the deployment;
# sets CHAOS_PID.
chaos_server_start() {
  local basedir ear started
  if [[ $CHAOS_SERVER == payara ]]; then
    chaos_payara_start
    return 0
  fi
  basedir=$(chaos_basedir)
  ear=$(herald_ear)
  started=$(clock_ms)
  wildfly_prepare_base "$basedir"
  wildfly_stage "$basedir" "$ear"
  CHAOS_PID=$(HERALD_JAVA_OPTS=$CHAOS_JAVA_OPTS HERALD_WILDFLY_ENV=${CHAOS_WILDFLY_ENV:-} \
    wildfly_start "$basedir" "$CHAOS_OFFSET" \
    --properties="$(chaos_rundir)/herald.properties")
  wildfly_await_deployment "$basedir" "${ear##*/}"
  info "WildFly (pid $CHAOS_PID) up with ${ear##*/} in $(elapsed_since "$started") s"
}

# chaos_payara_start: the first time creates, configures and starts the domain and deploys the
# EAR; after a kill, starts the domain again (Payara loads the deployed EAR itself) and waits
# until Herald answers. Sets CHAOS_PID.
chaos_payara_start() {
  local rundir started
  rundir=$(chaos_rundir)
  started=$(clock_ms)
  if [[ -z ${CHAOS_PID:-} &&
    $(payara_domain_portbase "$rundir/payara") != $((8000 + CHAOS_OFFSET)) ]]; then
    payara_create_domain "$rundir/payara" $((8000 + CHAOS_OFFSET))
    chaos_payara_agent "$rundir/payara"
  fi
  if [[ -z ${CHAOS_PID:-} && -n ${CHAOS_PAYARA_FIRST:-} ]]; then
    # The tests that run first deploy their own EAR; they deploy Herald's when done.
    CHAOS_PID=$(payara_stack_start "$rundir/payara" $((8000 + CHAOS_OFFSET)) \
      "$rundir/herald.properties" "$rundir/pg/data" --no-deploy)
    info "Payara (pid $CHAOS_PID) up in $(elapsed_since "$started") s"
    return 0
  elif [[ -z ${CHAOS_PID:-} ]]; then
    CHAOS_PID=$(payara_stack_start "$rundir/payara" $((8000 + CHAOS_OFFSET)) \
      "$rundir/herald.properties" "$rundir/pg/data")
  else
    CHAOS_PID=$(payara_start "$rundir/payara" "$rundir/herald.properties")
  fi
  wait_http "$CHAOS_URL/login.html" 600 "$CHAOS_PID" || die "Herald did not answer on Payara"
  info "Payara (pid $CHAOS_PID) up with Herald in $(elapsed_since "$started") s"
}

# chaos_payara_agent <domains dir>: the Byteman agent among the JVM options of the domain's
# server, listening for rules on CHAOS_BYTEMAN_PORT as on WildFly (written into domain.xml
# before the domain's first start: asadmin create-jvm-options needs a running domain and a
# restart). Payara's transaction recovery runs at start, so no recovery period is set.
chaos_payara_agent() {
  local xml byteman option
  xml=$(payara_domain_path "$1")/config/domain.xml
  byteman=$(chaos_byteman_dir)/byteman.jar
  option="-javaagent:$byteman=listener:true,address:127.0.0.1"
  option+=",port:$CHAOS_BYTEMAN_PORT,boot:$byteman"
  grep -qF -- "$option" "$xml" && return 0
  # After the first (the server's) -server option: the line below it is the new option.
  sed -i "0,/<jvm-options>-server<\/jvm-options>/s||&\n<jvm-options>$option</jvm-options>|" \
    "$xml"
  grep -qF -- "$option" "$xml" || die "could not add the Byteman agent to $xml"
}

# chaos_server_log: the running server's log, where the race scenario counts dispatch claims.
chaos_server_log() {
  if [[ $CHAOS_SERVER == payara ]]; then
    payara_server_log "$(chaos_rundir)/payara"
  else
    wildfly_server_log "$(chaos_basedir)"
  fi
}

chaos_stack_down() {
  local rundir=$1
  [[ -d $rundir ]] || return 0
  payara_stop "$rundir/payara" 30
  wildfly_stop "$rundir/standalone" 30
  sim_stop "$rundir"
  [[ ! -d $rundir/pg/data ]] || pg_stop "$rundir/pg/data"
}

chaos_probe() {
  HERALD_ADMIN_PASSWORD=$HERALD_ADMIN_PASSWORD java -cp "$CHAOS_CLASSPATH" \
    org.herald.tools.chaos.ChaosProbe "$@"
}

# chaos_rule <-l|-u> <rule file>: loads or unloads a Byteman rule in the running server.
chaos_rule() {
  java -cp "$(chaos_byteman_dir)/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit \
    -h 127.0.0.1 -p "$CHAOS_BYTEMAN_PORT" "$1" "$(chaos_rules_dir)/$2" >/dev/null
}

chaos_webhooks() {
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" \
    "$CHAOS_SIM_URL/_sim/webhooks"
}

# Status webhooks as the simulator sends them, but retried 40 times from 1 s doubling up to a
# minute between attempts (about 35 minutes; the real provider keeps retrying for days): they
# reach a server that was killed and restarted meanwhile, however often. Ten attempts (about
# four minutes) were too few for the 10-kill soak on Payara, whose restarts took 30-130 s on a
# loaded machine while each run between kills lasts seconds: every webhook of the soak was given
# up, and the probe then resent, as an operator, 27 deliveries the provider had accepted.
chaos_webhooks_that_outlast_a_restart() {
  chaos_webhooks '{"sentDelayMs":50,"deliveredDelayMs":150,"maxAttempts":40,"retryDelayMs":1000}'
}

# chaos_await_death <seconds>: true when the server's JVM is gone within the time.
chaos_await_death() { wait_until "$1" pid_gone "$CHAOS_PID"; }

# chaos_kill_scenario <name> <class> <rule>: a Byteman rule kills the server at one point of a
# campaign's path; the server restarts without the rule and the campaign must end exactly once.
chaos_kill_scenario() {
  local name=$1 class=$2 rule=$3 dir started faults=0 result in_doubt at_crash
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name: $rule"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe prepare "$CHAOS_URL" "$dir" "$CHAOS_RECIPIENTS" -1 >/dev/null
  chaos_rule -l "$rule"
  chaos_probe send-now "$CHAOS_URL" "$dir"
  if chaos_await_death 90; then
    faults=1
    CHAOS_CRASH_TOTAL=$((CHAOS_CRASH_TOTAL + 1))
    chaos_record_ambiguous "$dir"
    chaos_server_start
  else
    warn "scenario $name: the rule never killed the server"
    chaos_rule -u "$rule" || true
  fi
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 300) ||
    result='result outcome=ERROR'
  in_doubt=$(chaos_in_doubt_after_recovery)
  at_crash=$(chaos_sum "$dir/in-doubt")
  if [[ $rule == kill-between-prepare-and-commit.btm ]]; then
    # The kill must have hit the window: PostgreSQL held a prepared branch while it was down.
    ((at_crash > 0)) || in_doubt=missing
  fi
  chaos_row "$name" "$class" "$faults" "$result" "$started" "$([[ $in_doubt == 0 ]] && printf 1 ||
    printf 0)" "$(chaos_in_doubt_note "$at_crash" "$in_doubt")"
}

chaos_sum() { [[ -f $1 ]] && awk '{ sum += $1 } END { print sum + 0 }' "$1" || printf 0; }

chaos_in_doubt_note() {
  ((${1:-0} == 0)) && [[ $2 == 0 ]] && return 0
  printf 'XA in doubt: %s at crash, %s after' "$1" "$2"
}

# chaos_record_ambiguous <scenario dir>: while the server is down, notes the deliveries of the
# scenario's campaign that the crash left with an unknown outcome (SENDING: the call may or may
# not have happened; or UNKNOWN), those of them whose rows a prepared (in-doubt) transaction
# locks, and how many transactions PostgreSQL holds prepared.
chaos_record_ambiguous() {
  local dir=$1 campaign pgdata
  campaign=$(<"$dir/campaign")
  pgdata=$(chaos_rundir)/pg/data
  pg_psql "$pgdata" -Atc "select id from delivery where campaign_id = $campaign
    and status in ('SENDING', 'UNKNOWN')" >>"$dir/ambiguous"
  pg_psql "$pgdata" -Atc "with free as (select id from delivery where campaign_id = $campaign
    for update skip locked) select id from delivery where campaign_id = $campaign
    and status in ('SENDING', 'UNKNOWN') and id not in (select id from free)" >>"$dir/in-doubt-rows"
  chaos_in_doubt >>"$dir/in-doubt"
}

# chaos_in_doubt: how many prepared transactions PostgreSQL holds (0 once recovery finished).
chaos_in_doubt() {
  pg_psql "$(chaos_rundir)/pg/data" -Atc 'select count(*) from pg_prepared_xacts'
}

chaos_none_in_doubt() { [[ $(chaos_in_doubt) == 0 ]]; }

# chaos_in_doubt_after_recovery: the prepared transactions left once Narayana's periodic recovery
# (every 5 s here; an orphaned branch takes two passes) had up to a minute to finish them.
chaos_in_doubt_after_recovery() {
  wait_until 60 chaos_none_in_doubt || true
  chaos_in_doubt
}

# The random-crash soak: a campaign of a few thousand, the server killed with kill -9 at random
# moments and restarted each time; the audit must show no duplicate and no loss.
chaos_soak_scenario() {
  local name=random-crash-soak dir started kills=0 pause result in_doubt
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name: $CHAOS_SOAK_RECIPIENTS recipients, $CHAOS_CRASHES random kill -9"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe prepare "$CHAOS_URL" "$dir" "$CHAOS_SOAK_RECIPIENTS" -1 >/dev/null
  chaos_probe send-now "$CHAOS_URL" "$dir"
  while ((kills < CHAOS_CRASHES)); do
    # Between 0.3 and 3.5 s of work after the (re)start, at a random moment.
    pause=$((300 + RANDOM % 3200))
    sleep "$((pause / 1000)).$(printf '%03d' $((pause % 1000)))"
    kill -KILL "$CHAOS_PID" 2>/dev/null || true
    chaos_await_death 30 || die "the server (pid $CHAOS_PID) survived kill -9"
    kills=$((kills + 1))
    chaos_record_ambiguous "$dir"
    info "soak: kill -9 number $kills after ${pause} ms"
    chaos_server_start
  done
  CHAOS_CRASH_TOTAL=$((CHAOS_CRASH_TOTAL + kills))
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 600) ||
    result='result outcome=ERROR'
  in_doubt=$(chaos_in_doubt_after_recovery)
  chaos_row "$name" "6 random crash" "$kills" "$result" "$started" "$((in_doubt == 0))" \
    "$(chaos_in_doubt_note "$(chaos_sum "$dir/in-doubt")" "$in_doubt")"
}

# Five concurrent creates with one Idempotency-Key make one campaign, sent once.
chaos_idempotent_scenario() {
  local name=idempotent-create dir started made result
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  made=$(chaos_probe idempotent "$CHAOS_URL" "$dir" 20)
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 120) ||
    result='result outcome=ERROR'
  chaos_row "$name" "1 repeated request" 4 "$result" "$started" \
    "$([[ $made == 'campaigns=1 refused=0' ]] && printf 1 || printf 0)" "$made"
}

# The campaign's timer and three send-now requests at its due moment: one dispatch.
chaos_race_scenario() {
  local name=timer-vs-send-now dir started campaign claims result
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe race "$CHAOS_URL" "$dir" "$CHAOS_RECIPIENTS" >/dev/null
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 120) ||
    result='result outcome=ERROR'
  campaign=$(<"$dir/campaign")
  claims=$(grep -c "HERALD-0201 campaign $campaign: dispatch claimed" \
    "$(chaos_server_log)" || true)
  chaos_row "$name" "2 repeated trigger" 3 "$result" "$started" "$((claims == 1))" \
    "dispatch claims=$claims"
}

# Every per-recipient message delivered twice: the first attempt of each rolls back after the
# provider accepted it; the broker redelivers and the consumer must not send again.
chaos_redelivery_scenario() {
  local name=redeliver-every-message dir started faults result
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  # The webhook comes after the broker's first redelivery (1 s), so that each message's repeat
  # meets the interrupted attempt first.
  chaos_webhooks '{"sentDelayMs":4000,"deliveredDelayMs":4100,"maxAttempts":8,
    "retryDelayMs":1000}'
  faults=$(chaos_log_count HERALD-CHAOS)
  chaos_probe prepare "$CHAOS_URL" "$dir" 40 -1 >/dev/null
  chaos_rule -l redeliver-every-message.btm
  chaos_probe send-now "$CHAOS_URL" "$dir"
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 180) ||
    result='result outcome=ERROR'
  chaos_rule -u redeliver-every-message.btm
  faults=$(($(chaos_log_count HERALD-CHAOS) - faults))
  chaos_row "$name" "2 repeated message" "$faults" "$result" "$started" "$((faults >= 40))"
}

# A campaign cancelled two seconds before its time reaches nobody, even after the sweep ran.
chaos_cancel_scenario() {
  local name=cancel-before-time dir started campaign answer count status=0
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  campaign=$(chaos_probe prepare "$CHAOS_URL" "$dir" 10 3)
  sleep 1
  # The credentials go through standard input, not the command line.
  answer=$(printf 'user = "admin:%s"\n' "$HERALD_ADMIN_PASSWORD" |
    curl -s --config - -o /dev/null -w '%{http_code}' -X POST \
      "$CHAOS_URL/api/campaigns/$campaign/cancel")
  sleep 10
  count=$(curl -fsS "$CHAOS_SIM_URL/_sim/messages?limit=10000" |
    grep -o "\"herald:$campaign:[0-9]*\"" | wc -l || true)
  [[ $answer == 200 && $count == 0 ]] || status=1
  CHAOS_ROWS+=("$name|1 request race|1|10|0|$count|0|0|cancelled: nobody got it|$(
    chaos_verdict $status)|$(
    elapsed_since "$started")")
}

# A slow campaign (10 messages a second) paused right after it started, so that most of its
# deliveries are HELD; the server is killed as soon as the resume has committed, before a held
# delivery went back on the queue. After the restart the sweep must put them back (and take the
# dispatch over, were it paused mid-way): every recipient exactly once.
chaos_pause_scenario() {
  local name=kill-mid-resume dir started campaign faults=0 held answer result in_doubt
  dir=$(chaos_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  campaign=$(chaos_probe prepare "$CHAOS_URL" "$dir" "$CHAOS_RECIPIENTS" -1)
  chaos_probe throughput "$CHAOS_URL" "$dir" 10
  chaos_probe send-now "$CHAOS_URL" "$dir"
  chaos_probe pause "$CHAOS_URL" "$dir"
  wait_until 60 chaos_nothing_in_flight "$campaign" ||
    warn "scenario $name: deliveries still queued or sending while paused"
  held=$(chaos_deliveries "$campaign" HELD)
  chaos_rule -l kill-mid-resume.btm
  answer=$(chaos_probe resume "$CHAOS_URL" "$dir")
  if chaos_await_death 60; then
    faults=1
    CHAOS_CRASH_TOTAL=$((CHAOS_CRASH_TOTAL + 1))
    chaos_record_ambiguous "$dir"
    held=$held/$(chaos_deliveries "$campaign" HELD)
    chaos_server_start
  else
    warn "scenario $name: the rule never killed the server"
    chaos_rule -u kill-mid-resume.btm || true
  fi
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 300) ||
    result='result outcome=ERROR'
  in_doubt=$(chaos_in_doubt_after_recovery)
  chaos_row "$name" "6 crash" "$faults" "$result" "$started" \
    "$([[ ${held%%/*} -gt 0 && $in_doubt == 0 ]] && printf 1 || printf 0)" \
    "held at pause/crash: $held, resume answered $answer; XA in doubt after: $in_doubt"
}

# chaos_deliveries <campaign> <state>: how many of the campaign's deliveries are in the state.
chaos_deliveries() {
  pg_psql "$(chaos_rundir)/pg/data" -Atc "select count(*) from delivery
    where campaign_id = $1 and status = '$2'"
}

chaos_nothing_in_flight() {
  [[ $(chaos_deliveries "$1" QUEUED) == 0 && $(chaos_deliveries "$1" SENDING) == 0 ]]
}

chaos_verdict() { (($1 == 0)) && printf pass || printf FAIL; }

# chaos_field <result line> <key>: the value of key=value in the probe's result line.
chaos_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# chaos_row <name> <class> <faults> <result> <started> <extra check> [note]: judges a settled
# scenario and keeps its row. It passes when the fault was injected, the campaign settled, every
# recipient got exactly one message, no unknown was left, and the extra check held (1 or 0, or
# empty when there is none).
chaos_row() {
  local name=$1 class=$2 faults=$3 result=$4 started=$5 extra=${6:-} note=${7:-} status=0
  local resolution
  [[ $extra != 0 && $extra != false ]] || status=1
  ((faults > 0)) || status=1
  [[ $(chaos_field "$result" outcome) == SETTLED ]] || status=1
  [[ $(chaos_field "$result" once) == "$(chaos_field "$result" recipients)" ]] || status=1
  local key
  for key in duplicates lost unexpected unresolved; do
    [[ $(chaos_field "$result" "$key") == 0 ]] || status=1
  done
  resolution="webhook $(chaos_field "$result" webhook), operator $(chaos_field "$result" operator)"
  if [[ $(chaos_field "$result" recovery) != 0 ]]; then
    resolution+=", XA recovery $(chaos_field "$result" recovery)"
  fi
  if [[ $(chaos_field "$result" unresolved) != 0 ]]; then
    resolution+=", open $(chaos_field "$result" unresolved)"
  fi
  [[ -z $note ]] || resolution+="; $note"
  ((status == 0)) || warn "scenario $name failed: $result ${note}"
  CHAOS_ROWS+=("$name|$class|$faults|$(chaos_field "$result" recipients)|$(
    chaos_field "$result" once)|$(chaos_field "$result" duplicates)|$(
    chaos_field "$result" lost)|$(chaos_field "$result" unknown)|$resolution|$(
    chaos_verdict $status)|$(elapsed_since "$started")")
}

# chaos_print_table: the rows, each with its note (how the unknowns were resolved, the
# scenario's own counts) indented below it and wrapped within 100 columns, then the totals as
# the very last line; fails if a row failed.
chaos_print_table() {
  local row fields once failed=0 passed=0 deliveries=0 duplicates=0 lost=0
  local format='%-23s %-18s %6s %10s %5s %4s %4s %7s %-6s %7s\n'
  # shellcheck disable=SC2059
  printf "$format" scenario 'fault class' faults recipients once dups lost unknown result seconds
  for row in "${CHAOS_ROWS[@]}"; do
    IFS='|' read -r -a fields <<<"$row"
    # shellcheck disable=SC2059
    printf "$format" "${fields[@]:0:8}" "${fields[9]}" "${fields[10]}"
    printf '%s\n' "${fields[8]}" | fold -s -w 94 | sed -e 's/ *$//' -e 's/^/      /'
    [[ ${fields[9]} == pass ]] && passed=$((passed + 1))
    [[ ${fields[9]} == pass || ${fields[9]} == skipped ]] || failed=$((failed + 1))
    once=${fields[4]%% *}
    deliveries=$((deliveries + ${once:-0}))
    duplicates=$((duplicates + ${fields[5]:-0}))
    lost=$((lost + ${fields[6]:-0}))
  done
  CHAOS_FAILED=$failed
  CHAOS_PASSED=$passed
  printf 'chaos: scenarios=%d failed=%d crashes=%d deliveries=%d duplicates=%d lost=%d\n' \
    "${#CHAOS_ROWS[@]}" "$failed" "$CHAOS_CRASH_TOTAL" "$deliveries" "$duplicates" "$lost"
  ((failed == 0))
}
