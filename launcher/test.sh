# ./herald test: every test. First the build with its unit tests, then the in-container and
# end-to-end tests (module announcement-it) against a WildFly that Arquillian starts from the
# provisioned installation, with a PostgreSQL cluster and a provider simulator of their own, on
# free ports, under target/it-run/ (fresh for every run; the ./herald up stack is not touched).
# Last, the chaos scenarios in their quick form (launcher/chaos.sh), under target/chaos-run/,
# and the cluster scenarios on two nodes (launcher/chaos-cluster.sh), under
# target/chaos-cluster-run/.
# shellcheck shell=bash

herald_command test "run every test: unit tests, then in-container and end-to-end tests"

it_rundir() { printf '%s/target/it-run' "$HERALD_ROOT"; }

cmd_test() {
  local only=()
  while (($#)); do
    case $1 in
      --it) [[ -n ${2:-} ]] || die "--it needs the names of integration test classes"
        only=(-Dit.test="$2" -Dfailsafe.failIfNoSpecifiedTests=false); shift 2 ;;
      -h | --help)
        printf 'Usage: ./herald test [--it CLASS[,CLASS...]]\n  Builds Herald, runs the unit'
        printf ' tests, then the integration tests\n  against a real WildFly, PostgreSQL and'
        printf ' the provider simulator, then the Payara tests,\n  the chaos scenarios in'
        printf ' their quick form (./herald chaos --quick), the cluster scenarios\n  on two'
        printf ' nodes (./herald chaos --nodes 2 --quick) and the benchmark smoke run.'
        printf '\n  --it: only these integration test classes on WildFly (e.g. --it'
        printf ' CampaignDispatchIT),\n  nothing after them; for working on one part.\n'
        return 0 ;;
      *) die "unknown option '$1' (./herald test --help)" ;;
    esac
  done
  require_tool java curl
  local started rundir
  started=$(clock_ms)
  rundir=$(it_rundir)

  herald_provision
  browser_ensure
  # The tests' simulator runs before the main build, so it is packaged first.
  herald_mvn -DskipTests package -pl provider-simulator -am || die "the simulator does not build"
  it_stack_up "$rundir"
  trap 'it_stack_down "$(it_rundir)"' EXIT

  # One reactor build: the unit tests, the EAR, then the integration tests against the EAR and
  # classes of this very build (never a copy from the local Maven repository that another
  # build on the machine may be rewriting).
  info "build, unit tests, then integration tests (WildFly at offset $IT_OFFSET," \
    "PostgreSQL on $IT_DB_PORT)"
  test_mvn install -Pit \
    -Dherald.it.jboss-home="$WILDFLY_HOME" \
    -Dherald.it.management-port=$((9990 + IT_OFFSET)) \
    -Dherald.it.jvm-args="$(it_jvm_args "$rundir")" \
    -Dherald.it.url="http://127.0.0.1:$((8080 + IT_OFFSET))/herald" \
    -Dherald.it.simulator-url="http://127.0.0.1:$IT_SIM_PORT" \
    -Dherald.it.app-secret="$HERALD_WHATSAPP_APP_SECRET" \
    -Dherald.it.verify-token="$HERALD_WEBHOOK_VERIFY_TOKEN" \
    -Dherald.it.jms-server="127.0.0.1:$((8080 + IT_OFFSET))" \
    -Dherald.it.jms-user=it-client -Dherald.it.jms-password="$IT_JMS_PASSWORD" \
    -Dherald.it.jms-outsider=it-outsider -Dherald.it.jms-outsider-password="$IT_JMS_PASSWORD" \
    -Dherald.it.db-url="jdbc:postgresql://127.0.0.1:$IT_DB_PORT/$HERALD_DB_NAME" \
    -Dherald.it.db-user="$HERALD_DB_USER" -Dherald.it.db-password="$HERALD_DB_PASSWORD" \
    -Dherald.it.admin-password="$HERALD_ADMIN_PASSWORD" \
    -Dherald.it.chromedriver="$(browser_driver)" "${only[@]}" ||
    die "a test failed (integration server log: $(relative_path "$rundir")/standalone/log)"
  it_stack_down "$rundir"
  trap - EXIT
  if ((${#only[@]})); then
    info "the chosen integration tests passed in $(elapsed_since "$started") s"
    return 0
  fi
  test_payara
  test_chaos
  test_chaos_cluster

  # The benchmark command on a small campaign: it must run and count no duplicate and no loss.
  # Its figures are not checked here; ./herald bench measures.
  info "benchmark smoke run (2,000 recipients)"
  cmd_bench --recipients 2000 >"$rundir/bench.log" 2>&1 || {
    tail -n 30 "$rundir/bench.log" >&2
    die "the benchmark smoke run failed (log: $(relative_path "$rundir")/bench.log)"
  }
  grep -E ' duplicates=0 lost=0$' "$rundir/bench.log" | tail -n 1 | sed 's/^/herald: /' >&2
  info "every test passed in $(elapsed_since "$started") s"
}

# test_chaos: the chaos scenarios of ./herald chaos in their quick form (smaller campaigns, a
# shorter soak), on a stack of their own; fails the test run when a scenario fails.
test_chaos() {
  local chaos_started status=0
  chaos_started=$(clock_ms)
  info "chaos scenarios (quick)"
  chaos_suite true || status=$?
  printf 'chaos: %d passed, %d failed\n' "${CHAOS_PASSED:-0}" "${CHAOS_FAILED:-0}"
  info "chaos scenarios took $(elapsed_since "$chaos_started") s"
  ((status == 0)) || die "a chaos scenario failed (logs: target/chaos-run)"
}

# test_chaos_cluster: the cluster scenarios of ./herald chaos --nodes 2 in their quick form
# (150-recipient campaigns; 300 in ./herald chaos --nodes 2), on a two-node cluster of their own.
test_chaos_cluster() {
  local started status=0
  started=$(clock_ms)
  info "cluster scenarios (quick, two nodes)"
  chaos_cluster_suite true 2 || status=$?
  CHAOS_NODES=1
  printf 'chaos cluster: %d passed, %d failed\n' "${CHAOS_PASSED:-0}" "${CHAOS_FAILED:-0}"
  info "the cluster scenarios took $(elapsed_since "$started") s"
  ((status == 0)) || die "a cluster scenario failed (logs: target/chaos-cluster-run)"
}

# test_payara: the Payara part of ./herald test, on one Payara domain of the chaos machinery
# (target/chaos-payara-run): the end-to-end test and the listener tests (a message delivered
# twice, a delivery left SENDING) through Arquillian's remote Payara adapter, then one kill -9
# in the middle of a 150-recipient campaign and a restart, counted at the simulator. The other
# scenarios on Payara: ./herald chaos --server payara.
test_payara() {
  local payara_started status=0
  payara_started=$(clock_ms)
  info "Payara: EndToEndIT and DeliveryListenerIT, then one kill -9 and restart"
  CHAOS_SERVER=payara CHAOS_PAYARA_SCENARIOS=random-crash-soak CHAOS_PAYARA_FIRST=test_payara_its \
    chaos_suite true 1 150 || status=$?
  info "the Payara tests took $(elapsed_since "$payara_started") s"
  ((status == 0)) || die "a Payara test failed (logs: target/chaos-payara-run)"
}

# test_payara_its: the integration tests against the chaos stack's Payara domain, into which
# Arquillian deploys its own copy of the EAR (with the test classes); then Herald's EAR goes in
# for the crash scenario.
test_payara_its() {
  local admin=$((8048 + CHAOS_OFFSET)) status=0
  test_mvn verify -Pit-payara -pl announcement-it -Dit.test=EndToEndIT,DeliveryListenerIT \
    -Dherald.it.payara-admin-port="$admin" \
    -Dherald.it.url="$CHAOS_URL" -Dherald.it.simulator-url="$CHAOS_SIM_URL" \
    -Dherald.it.app-secret="$HERALD_WHATSAPP_APP_SECRET" \
    -Dherald.it.verify-token="$HERALD_WEBHOOK_VERIFY_TOKEN" \
    -Dherald.it.admin-password="$HERALD_ADMIN_PASSWORD" || status=$?
  ((status == 0)) || die "a Payara integration test failed" \
    "(server log: $(relative_path "$(chaos_server_log)"))"
  payara_deploy "$admin" "$(herald_ear)"
  wait_http "$CHAOS_URL/login.html" 300 "$CHAOS_PID" || die "Herald did not answer on Payara"
}

# test_mvn <maven args...>: Maven with the test summaries shown and the rest of its chatter not.
test_mvn() {
  local status
  set +o pipefail
  (cd "$HERALD_ROOT" && mvn -B -Dstyle.color=never "$@") 2>&1 |
    sed -e $'s/\033\\[[0-9;]*m//g' |
    grep -E --line-buffered 'Tests run:|FAIL|ERROR|BUILD|Reactor Summary|SUCCESS \[|T E S T S'
  status=${PIPESTATUS[0]}
  set -o pipefail
  return "$status"
}

# isolated_stack_up <rundir> <first db port> <first simulator port> [simulator args...]: a
# fresh PostgreSQL and simulator on free ports, secrets of their own and a WildFly port offset
# for a stack that leaves ./herald up alone (tests, chaos, bench); sets STACK_OFFSET,
# STACK_DB_PORT, STACK_SIM_PORT and writes <rundir>/herald.properties. The caller stops what
# an earlier run left first.
isolated_stack_up() {
  local rundir=$1 db_from=$2 sim_from=$3
  shift 3
  [[ ! -d $rundir/pg/data ]] || pg_destroy "$rundir/pg/data"
  rm -rf "$rundir"
  mkdir -p "$rundir"
  # A random start, so that two runs on one machine rarely race for the same ports.
  STACK_OFFSET=$(free_port_offset $((200 + RANDOM % 40 * 100)) 100)
  # A Payara stack (STACK_SERVER=payara) takes the port base 8000 + offset: HTTP 8080 + offset.
  while [[ ${STACK_SERVER:-wildfly} == payara ]] &&
    ! payara_portbase_free $((8000 + STACK_OFFSET)); do
    STACK_OFFSET=$(free_port_offset $((STACK_OFFSET + 100)) 100)
  done
  STACK_DB_PORT=$(free_port "$db_from")
  pg_start "$rundir/pg/data" "$STACK_DB_PORT"
  HERALD_WHATSAPP_ACCESS_TOKEN=$(random_token)
  HERALD_WHATSAPP_APP_SECRET=$(random_token)
  HERALD_WEBHOOK_VERIFY_TOKEN=$(random_token)
  HERALD_ADMIN_PASSWORD=$(random_password)
  # shellcheck disable=SC2046
  STACK_SIM_PORT=$(free_port "$sim_from" 60999 $(wildfly_ports "$STACK_OFFSET"))
  sim_start "$STACK_SIM_PORT" \
    "http://127.0.0.1:$((8080 + STACK_OFFSET))/herald/api/webhooks/whatsapp" "$rundir" \
    "$@" >/dev/null
  HERALD_DB_HOST=127.0.0.1 HERALD_DB_PORT=$STACK_DB_PORT
  db_defaults
  herald_write_properties "$rundir/herald.properties" "$STACK_SIM_PORT"
}

# it_stack_up <rundir>: a fresh PostgreSQL and simulator for the tests; sets IT_* variables.
it_stack_up() {
  local rundir=$1
  it_stack_down "$rundir"
  isolated_stack_up "$rundir" 25432 28081
  IT_OFFSET=$STACK_OFFSET IT_DB_PORT=$STACK_DB_PORT IT_SIM_PORT=$STACK_SIM_PORT
  # Shorter than in production, so that the tests of ambiguous sends take seconds.
  printf 'herald.whatsapp.request-timeout-ms=3000\n' >>"$rundir/herald.properties"
  # Above the default 80/s so that the larger test campaigns take seconds, not minutes; the
  # throughput test sets its own limit.
  printf 'herald.whatsapp.messages-per-second=400\n' >>"$rundir/herald.properties"
  mkdir -p "$rundir/standalone"
  cp -a "$WILDFLY_HOME/standalone/." "$rundir/standalone/"
  # JMS accounts for the tests, in the copied base directory that Arquillian's server reads: one
  # with the integration role and one without it.
  IT_JMS_PASSWORD="$(random_token | cut -c1-24)-Hx"
  integration_add_user "$rundir/standalone" it-client "$IT_JMS_PASSWORD" \
    "$HERALD_INTEGRATION_ROLE"
  integration_add_user "$rundir/standalone" it-outsider "$IT_JMS_PASSWORD" herald-observer
}

# The server JVM's options under Arquillian: those of ./herald up, the test base directory and
# port offset, and Herald's settings as system properties (test-only secrets).
it_jvm_args() {
  local rundir=$1 key value args
  args="$(wildfly_java_opts) -Djboss.server.base.dir=$rundir/standalone"
  args+=" -Djboss.socket.binding.port-offset=$IT_OFFSET"
  while IFS='=' read -r key value; do
    [[ -z $key || $key == \#* ]] || args+=" -D$key=$value"
  done <"$rundir/herald.properties"
  printf '%s' "$args"
}

# The console's browser tests drive Debian's Chromium through its chromedriver (the same
# version, from the same packages). browser_ensure installs both when the driver is missing and
# we may (root with apt-get); otherwise ConsoleBrowserIT is skipped and says why.
browser_driver() { printf '%s' "${HERALD_CHROMEDRIVER:-/usr/bin/chromedriver}"; }

browser_ensure() {
  [[ ! -x $(browser_driver) ]] || return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    warn "no $(browser_driver): the console's browser tests will be skipped" \
      "(apt-get install chromium chromium-driver)"
    return 0
  fi
  info "installing chromium and chromium-driver for the console's browser tests"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null ||
    { apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; } ||
    warn "chromium could not be installed: the console's browser tests will be skipped"
}

it_stack_down() {
  local rundir=$1
  [[ -d $rundir ]] || return 0
  sim_stop "$rundir"
  [[ ! -d $rundir/pg/data ]] || pg_stop "$rundir/pg/data"
}
