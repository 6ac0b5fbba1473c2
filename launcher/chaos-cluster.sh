# ./herald chaos --nodes N: the fault scenarios that need more than one node, against a cluster
# of its own under target/chaos-cluster-run/ (PostgreSQL, the simulator, one Artemis broker, N
# WildFly nodes on standalone-full-ha.xml and nginx in front, as ./herald up --nodes N builds
# them), counted at the simulator like the single-node scenarios, with the same table and last
# line (chaos_print_table in launcher/chaos.sh).
# shellcheck shell=bash

# Every cluster scenario's name, in the order they run.
CHAOS_CLUSTER_SCENARIOS=(due-on-two-nodes cancel-on-other-node lb-retry-create
  kill-node-mid-campaign)

chaos_cluster_rundir() { printf '%s/target/chaos-cluster-run' "$HERALD_ROOT"; }

# chaos_cluster_suite <quick> <nodes>: every cluster scenario on a fresh cluster; prints the
# table and the summary line last; fails when a scenario failed.
chaos_cluster_suite() {
  local quick=$1 nodes=$2 rundir started status=0 name
  require_tool java curl
  started=$(clock_ms)
  CHAOS_ONLY=${CHAOS_ONLY:-}
  for name in ${CHAOS_ONLY//,/ }; do
    [[ " ${CHAOS_CLUSTER_SCENARIOS[*]} " == *" $name "* ]] ||
      die "unknown cluster scenario: $name (known: ${CHAOS_CLUSTER_SCENARIOS[*]})"
  done
  CHAOS_NODES=$nodes
  # A node's boot took up to 330 s on the shared 2-core machine at a load average of 35.
  HERALD_BOOT_TIMEOUT=${HERALD_BOOT_TIMEOUT:-900}
  CHAOS_RECIPIENTS=$([[ $quick == true ]] && printf 150 || printf 300)
  rundir=$(chaos_cluster_rundir)
  CHAOS_CLASSPATH=$(tools_classpath)
  CHAOS_ROWS=()
  CHAOS_CRASH_TOTAL=0
  herald_provision
  chaos_fetch_byteman
  artemis_ensure
  nginx_ensure
  trap 'chaos_cluster_down "$(chaos_cluster_rundir)"' EXIT
  chaos_cluster_up "$rundir"
  ! chaos_wanted due-on-two-nodes || chaos_two_nodes_due_scenario
  ! chaos_wanted cancel-on-other-node || chaos_cancel_on_other_node_scenario
  ! chaos_wanted lb-retry-create || chaos_lb_retry_scenario
  ! chaos_wanted kill-node-mid-campaign || chaos_kill_node_scenario
  printf 'Memory of the cluster before it stopped (resident; PostgreSQL, nginx: proportional)\n' >&2
  cluster_rss_report "$rundir" "$rundir/pg/data" >&2
  chaos_cluster_down "$rundir"
  trap - EXIT
  info "cluster scenarios took $(elapsed_since "$started") s (logs: $(relative_path "$rundir"))"
  chaos_print_table || status=$?
  return "$status"
}

# chaos_cluster_up <rundir>: a fresh PostgreSQL and simulator (isolated_stack_up, whose WildFly
# HTTP port becomes nginx's), the broker, the nodes one after the other, then nginx with a
# read timeout of 8 s. Sets CHAOS_URL (nginx), CHAOS_NODE_URLS, CHAOS_NODE_OFFSETS.
chaos_cluster_up() {
  local rundir=$1 properties index broker_port byteman ports=()
  chaos_cluster_down "$rundir"
  isolated_stack_up "$rundir" 27432 30081 --rate-limit 0
  CHAOS_DB_PORT=$STACK_DB_PORT CHAOS_SIM_PORT=$STACK_SIM_PORT
  CHAOS_LB_PORT=$((8080 + STACK_OFFSET))
  CHAOS_SIM_URL=http://127.0.0.1:$CHAOS_SIM_PORT
  CHAOS_URL=http://127.0.0.1:$CHAOS_LB_PORT/herald
  read -r -a CHAOS_NODE_OFFSETS <<<"$(cluster_offsets "$CHAOS_NODES" $((STACK_OFFSET + 100)))"
  # shellcheck disable=SC2046
  broker_port=$(free_port 31616 60999 "$CHAOS_LB_PORT" "$CHAOS_SIM_PORT" $(
    for index in "${CHAOS_NODE_OFFSETS[@]}"; do wildfly_ports "$index"; done))
  properties=$rundir/herald.properties
  # As in the single-node chaos stack: a dead dispatcher's lease runs out after 5 s, chunks of
  # 50, an even pace of 100 messages a second.
  printf '%s\n' herald.dispatch.lease-seconds=5 herald.dispatch.chunk-size=50 \
    herald.whatsapp.request-timeout-ms=3000 herald.whatsapp.messages-per-second=100 \
    >>"$properties"
  cluster_write_broker_properties "$properties" "$broker_port" "$(random_password)"
  HERALD_DB_MANAGED=true cluster_timer_schema "$rundir/pg/data"
  broker_start "$rundir" "$broker_port" herald \
    "$(sed -n 's/^herald.broker.password=//p' "$properties")" >/dev/null
  byteman=$(chaos_byteman_dir)/byteman.jar
  # Each expiration of a campaign timer is traced (which node ran it); XA recovery every 5 s.
  CHAOS_JAVA_OPTS="-javaagent:$byteman=script:$(chaos_rules_dir)/count-timer-expirations.btm"
  CHAOS_JAVA_OPTS+=",boot:$byteman -DRecoveryEnvironmentBean.periodicRecoveryPeriod=5"
  CHAOS_JAVA_OPTS+=" -DRecoveryEnvironmentBean.recoveryBackoffPeriod=1"
  CHAOS_NODE_URLS=() CHAOS_NODE_PIDS=()
  for index in "${!CHAOS_NODE_OFFSETS[@]}"; do
    ports+=($((8080 + CHAOS_NODE_OFFSETS[index])))
    CHAOS_NODE_URLS+=("http://127.0.0.1:$((8080 + CHAOS_NODE_OFFSETS[index]))/herald")
  done
  info "chaos cluster: nginx $CHAOS_LB_PORT, nodes ${ports[*]}, broker $broker_port," \
    "PostgreSQL $CHAOS_DB_PORT, simulator $CHAOS_SIM_PORT"
  chaos_nodes_start
  nginx_start "$rundir/nginx" "$CHAOS_LB_PORT" 8 "${ports[@]}" >/dev/null
}

# chaos_nodes_start: boots every node. Node 1 first; the others as soon as node 1 has created
# WildFly's timer table (two nodes creating it at once would race; Flyway's migration takes a
# lock and the first admin user is a conditional insert), so that their boots overlap. Sets
# CHAOS_NODE_PIDS.
chaos_nodes_start() {
  local rundir index jobs=() status=0 started
  rundir=$(chaos_cluster_rundir)
  started=$(clock_ms)
  for index in "${!CHAOS_NODE_OFFSETS[@]}"; do
    if ((index > 0)); then
      wait_until 300 chaos_timer_table_exists || true
    fi
    chaos_node_boot $((index + 1)) "$rundir/node$((index + 1)).started" &
    jobs+=($!)
  done
  for index in "${!jobs[@]}"; do
    wait "${jobs[index]}" || status=1
  done
  ((status == 0)) || die "a node of the chaos cluster did not start"
  for index in "${!CHAOS_NODE_OFFSETS[@]}"; do
    CHAOS_NODE_PIDS[index]=$(<"$rundir/node$((index + 1)).started")
  done
  info "every node up in $(elapsed_since "$started") s"
}

chaos_timer_table_exists() {
  [[ $(chaos_sql "select to_regclass('ejb_timers.jboss_ejb_timer') is not null") == t ]]
}

# chaos_node_start <index>: boots node <index> (1-based) of the chaos cluster (again).
chaos_node_start() {
  chaos_node_boot "$1" "$(chaos_cluster_rundir)/node$1.started"
  CHAOS_NODE_PIDS[$1 - 1]=$(<"$(chaos_cluster_rundir)/node$1.started")
}

# chaos_node_boot <index> <file>: boots the node and writes its pid into the file.
chaos_node_boot() {
  local started pid
  started=$(clock_ms)
  # The scenarios run in `||` lists, where a failed command does not end the script: hence
  # the explicit die.
  pid=$(HERALD_JAVA_OPTS=$CHAOS_JAVA_OPTS cluster_node_start "$(chaos_cluster_rundir)" "$1" \
    "${CHAOS_NODE_OFFSETS[$1 - 1]}" "$(chaos_cluster_rundir)/herald.properties") ||
    die "node $(cluster_node_name "$1") did not start"
  printf '%s\n' "$pid" >"$2"
  info "node $(cluster_node_name "$1") (pid $pid) up in $(elapsed_since "$started") s"
}

chaos_cluster_down() {
  local rundir=$1
  [[ -d $rundir ]] || return 0
  down_cluster "$rundir" 30
  sim_stop "$rundir"
  [[ ! -d $rundir/pg/data ]] || pg_stop "$rundir/pg/data"
}

# chaos_nodes_log_count <extended regex>: matching lines in every node's logs of this run.
chaos_nodes_log_count() {
  cat "$(chaos_cluster_rundir)"/node*/standalone/log/server.log{.1,} 2>/dev/null |
    grep -cE "$1" || true
}

# chaos_per_node <extended regex>: the matching lines per node, as "herald-1 a, herald-2 b".
chaos_per_node() {
  local index counts=()
  for index in "${!CHAOS_NODE_OFFSETS[@]}"; do
    counts+=("$(cluster_node_name $((index + 1))) $(cat "$(cluster_node_basedir \
      "$(chaos_cluster_rundir)" $((index + 1)))"/log/server.log{.1,} 2>/dev/null |
      grep -cE "$1" || true)")
  done
  local IFS=,
  printf '%s' "${counts[*]}" | sed 's/,/, /g'
}

# chaos_sim_count <campaign>: messages the simulator accepted for the campaign.
chaos_sim_count() {
  curl -fsS "$CHAOS_SIM_URL/_sim/messages?limit=100000" |
    grep -o "\"herald:$1:[0-9]*\"" | wc -l || true
}

# Class 3: the campaign's due moment reached on every node at once. Its persistent timer (in
# PostgreSQL, run by whichever node wins WildFly's claim of the expiration), the sweep of every
# node, and three send-now requests spread over the nodes by nginx: one dispatch claim.
chaos_two_nodes_due_scenario() {
  local name=due-on-two-nodes dir started campaign claims result
  dir=$(chaos_cluster_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe race "$CHAOS_URL" "$dir" "$CHAOS_RECIPIENTS" >/dev/null
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 180) ||
    result='result outcome=ERROR'
  campaign=$(<"$dir/campaign")
  claims=$(chaos_nodes_log_count "HERALD-0201 campaign $campaign: dispatch claimed")
  chaos_row "$name" "3 two nodes due" "$CHAOS_NODES" "$result" "$started" "$((claims == 1))" \
    "dispatch claims=$claims ($(chaos_per_node \
      "HERALD-0201 campaign $campaign: dispatch claimed")); timer ran on: $(chaos_per_node \
      "HERALD-CHAOS timer expired for campaign $campaign\$")"
}

# Class 3: a campaign made through node 1, due 15 s later, cancelled through node 2 three
# seconds before its time, when its timer has long been in the database and loaded by every
# node (they refresh every 5 s); then 12 s past its time, when the timer has fired and each
# node's sweep has run twice: nobody gets it.
chaos_cancel_on_other_node_scenario() {
  local name=cancel-on-other-node dir started campaign answer count status=0 expirations note
  local timers
  dir=$(chaos_cluster_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  campaign=$(chaos_probe prepare "${CHAOS_NODE_URLS[0]}" "$dir" 10 15)
  # The campaign's timer row, by its due moment (WildFly writes the JVM's local time: UTC here).
  timers=$(chaos_sql "select count(*) from ejb_timers.jboss_ejb_timer t, campaign c
    where c.id = $campaign and not t.calendar_timer
    and abs(extract(epoch from t.initial_date - (c.scheduled_at at time zone 'UTC'))) < 1")
  wait_until 30 chaos_due_within "$campaign" 3 || true
  # The credentials go through standard input, not the command line.
  answer=$(printf 'user = "admin:%s"\n' "$HERALD_ADMIN_PASSWORD" |
    curl -s --config - -o /dev/null -w '%{http_code}' -X POST \
      "${CHAOS_NODE_URLS[1]}/api/campaigns/$campaign/cancel")
  wait_until 60 chaos_past_due_by "$campaign" 12 || true
  count=$(chaos_sim_count "$campaign")
  expirations=$(chaos_per_node "HERALD-CHAOS timer expired for campaign $campaign\$")
  [[ $answer == 200 && $count == 0 ]] || status=1
  note="cancel through node 2 answered $answer; messages sent: $count; timer rows in the"
  note+=" database before: $timers; timer expirations (a cancelled campaign's do nothing):"
  note+=" $expirations"
  CHAOS_ROWS+=("$name|3 two nodes race|1|10|0|$count|0|0|$note|$(chaos_verdict $status)|$(
    elapsed_since "$started")")
}

# chaos_due_within <campaign> <seconds>: the campaign is due within that many seconds (by the
# database's clock, which decides due-ness).
chaos_due_within() {
  (($(chaos_sql "select ceil(extract(epoch from scheduled_at - now())) from campaign
    where id = $1") <= $2))
}

# chaos_past_due_by <campaign> <seconds>: the campaign's time passed that many seconds ago.
chaos_past_due_by() {
  (($(chaos_sql "select floor(extract(epoch from now() - scheduled_at)) from campaign
    where id = $1") >= $2))
}

# chaos_lb_next_goes_to_node1: makes nginx's round robin point at node 1 for the next request
# (harmless GETs until one went to node 2; nothing else goes through nginx meanwhile).
chaos_lb_next_goes_to_node1() {
  local tries=0 last node2=127.0.0.1:$((8080 + CHAOS_NODE_OFFSETS[1]))
  while ((tries < 4)); do
    curl -fsS -o /dev/null "$CHAOS_URL/login.html" || true
    last=$(tail -n 1 "$(chaos_cluster_rundir)/nginx/logs/access.log")
    [[ $last != *"upstreams=$node2 "* ]] || return 0
    tries=$((tries + 1))
  done
  return 1
}

# chaos_lb_create <dir> <key|no-key>: one create through nginx while node 1 is stopped
# (SIGSTOP) past nginx's read timeout, so that nginx retries the POST on node 2; node 1 then
# continues (SIGCONT) and handles its copy, which nginx no longer waits for: the launcher waits
# until node 1 made its own campaign (no key) or replayed node 2's answer (the key's guard on
# node 1 counts one more stop). Prints the create's status and nginx's upstreams and statuses.
chaos_lb_create() {
  local dir=$1 mode=$2 answer line replays node1
  replays=$(chaos_node_stopped 1 idempotencyKey)
  chaos_lb_next_goes_to_node1 || warn "nginx's next upstream may not be node 1"
  kill -STOP "${CHAOS_NODE_PIDS[0]}"
  answer=$(chaos_probe create "$CHAOS_URL" "$dir" "$mode" 25)
  line=$(grep 'POST /herald/api/campaigns ' "$(chaos_cluster_rundir)/nginx/logs/access.log" |
    tail -n 1)
  kill -CONT "${CHAOS_NODE_PIDS[0]}"
  if [[ $mode == key ]] && wait_until 120 chaos_node_stopped_more 1 idempotencyKey "$replays"
  then
    node1='node 1 replayed it'
  elif [[ $mode == no-key ]] &&
    wait_until 120 chaos_campaigns_named_at_least "$(<"$dir/department")" 2; then
    node1='node 1 made one more'
  else
    node1='node 1 not seen'
  fi
  printf 'status=%s %s, %s' "$answer" "$(grep -oE 'upstreams=.* times=' <<<"$line" |
    sed 's/ times=$//')" "$node1"
}

# chaos_node_stopped <index> <layer>: the repeats that guard stopped on that node so far.
chaos_node_stopped() {
  printf 'user = "admin:%s"\n' "$HERALD_ADMIN_PASSWORD" |
    curl -fsS --config - "${CHAOS_NODE_URLS[$1 - 1]}/api/stats/duplicates" 2>/dev/null |
    grep -oE "\"$2\": *[0-9]+" | grep -oE '[0-9]+$' || printf -- -1
}

chaos_node_stopped_more() { (($(chaos_node_stopped "$1" "$2") > $3)); }

chaos_campaigns_named_at_least() {
  (($(chaos_sql "select count(*) from campaign where name = '$1'") >= $2))
}

# Class 4: the first node answers the create after nginx's timeout, nginx retries the POST on
# the second node. With an Idempotency-Key (as the console and Herald's clients send): one
# campaign, each recipient once. Without one (measured, noted): what the nodes made.
chaos_lb_retry_scenario() {
  local name=lb-retry-create dir nokey started with without campaigns ids id sent=0 result count
  dir=$(chaos_cluster_rundir)/scenarios/$name
  nokey=$dir-without-key
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe import "$CHAOS_URL" "$nokey" 20 >/dev/null
  chaos_probe import "$CHAOS_URL" "$dir" 20 >/dev/null
  without=$(chaos_lb_create "$nokey" no-key)
  with=$(chaos_lb_create "$dir" key)
  campaigns=$(chaos_probe campaigns "$CHAOS_URL" "$dir")
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 180) ||
    result='result outcome=ERROR'
  read -r count ids <<<"$(chaos_probe campaigns "$CHAOS_URL" "$nokey")"
  for id in ${ids//,/ }; do
    wait_until 120 chaos_campaign_sent "$id" || true
    sent=$((sent + $(chaos_sim_count "$id")))
  done
  chaos_row "$name" "4 LB retry POST" 1 "$result" "$started" \
    "$([[ ${campaigns%% *} == 1 && $with == *', '*replayed* ]] && printf 1 || printf 0)" \
    "with key: $with, campaigns=${campaigns%% *}; without key: $without, campaigns=$count,\
 messages to its 20 recipients=$sent"
}

chaos_campaign_status() { chaos_sql "select status from campaign where id = $1"; }

# chaos_campaign_sent <campaign>: dispatched, and none of its deliveries queued or sending.
chaos_campaign_sent() {
  [[ $(chaos_campaign_status "$1") == DISPATCHED ]] && chaos_nothing_in_flight "$1"
}

# Class 6: the node that claimed a campaign's dispatch is killed with kill -9 when about a
# third of the messages went out; the other node must finish it (the dead node's dispatch lease
# runs out, the broker hands its unacknowledged messages on). Then the dead node comes back and
# recovers its in-doubt transactions. Every recipient exactly once.
chaos_kill_node_scenario() {
  local name=kill-node-mid-campaign dir started campaign victim=1 index at_kill=0 after=0
  local result in_doubt prepared held
  dir=$(chaos_cluster_rundir)/scenarios/$name
  started=$(clock_ms)
  info "scenario $name"
  chaos_webhooks_that_outlast_a_restart
  campaign=$(chaos_probe prepare "$CHAOS_URL" "$dir" "$CHAOS_RECIPIENTS" -1)
  chaos_probe send-now "$CHAOS_URL" "$dir"
  wait_until 60 test "$(chaos_nodes_log_count \
    "HERALD-0201 campaign $campaign: dispatch claimed")" -gt 0 || true
  for index in "${!CHAOS_NODE_OFFSETS[@]}"; do
    if grep -q "HERALD-0201 campaign $campaign: dispatch claimed" "$(cluster_node_basedir \
      "$(chaos_cluster_rundir)" $((index + 1)))/log/server.log"; then
      victim=$((index + 1))
    fi
  done
  wait_until 120 chaos_sent_at_least "$campaign" $((CHAOS_RECIPIENTS / 3)) || true
  kill -KILL "${CHAOS_NODE_PIDS[victim - 1]}"
  wait_until 30 pid_gone "${CHAOS_NODE_PIDS[victim - 1]}" || die "node $victim survived kill -9"
  CHAOS_CRASH_TOTAL=$((CHAOS_CRASH_TOTAL + 1))
  at_kill=$(chaos_sim_count "$campaign")
  chaos_record_ambiguous "$dir"
  prepared=$(chaos_sum "$dir/in-doubt")
  info "kill -9 of $(cluster_node_name "$victim") at $at_kill of $CHAOS_RECIPIENTS sent"
  # The survivors alone: at least until the broker has given them the dead node's messages
  # (connection-ttl 20 s, then the redelivery delay), and until nothing moved for 15 s; what
  # is left then waits for the dead node's prepared transactions. At most 3 minutes.
  chaos_await_quiet "$campaign" 15 180 35
  after=$(chaos_sim_count "$campaign")
  held=$(chaos_sql "select count(*) from campaign where id = $campaign and id not in (
    select id from campaign where id = $campaign for no key update skip locked)") || held=0
  info "the other node(s) brought it to $after of $CHAOS_RECIPIENTS; restarting node $victim"
  chaos_node_start "$victim"
  result=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 300) ||
    result='result outcome=ERROR'
  in_doubt=$(chaos_in_doubt_after_recovery)
  chaos_row "$name" "6 node crash" 1 "$result" "$started" \
    "$([[ $in_doubt == 0 ]] && ((after > at_kill)) && printf 1 || printf 0)" \
    "killed $(cluster_node_name "$victim") at $at_kill sent; the other node alone reached\
 $after$( ((held == 0)) || printf ' (a prepared chunk held the campaign row)'); $(
      chaos_in_doubt_note "$prepared" "$in_doubt")"
}

chaos_sent_at_least() { (($(chaos_sim_count "$1") >= $2)); }

# chaos_await_quiet <campaign> <quiet seconds> <at most seconds> [at least seconds]: waits
# until the simulator's count for the campaign stopped moving for the quiet time (and the
# least time has passed), or everyone got it.
chaos_await_quiet() {
  local campaign=$1 quiet=$2 deadline=$((SECONDS + $3)) least=$((SECONDS + ${4:-0})) last=-1
  local since=$SECONDS now
  while ((SECONDS < deadline)); do
    now=$(chaos_sim_count "$campaign")
    ((now < CHAOS_RECIPIENTS)) || return 0
    if ((now != last)); then
      last=$now since=$SECONDS
    elif ((SECONDS - since >= quiet && SECONDS >= least)); then
      return 0
    fi
    sleep 2
  done
}
